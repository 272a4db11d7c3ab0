// SPDX-License-Identifier: MIT
#include "memorybudget.h"

#include "processmemory.h"

#include <algorithm>

namespace recipe {

MemoryBudget::MemoryBudget(qint64 limitBytes)
    : m_limitBytes(cappedToMachine(limitBytes, ProcessMemory::machineBytes()))
    , m_baselineBytes(std::max<qint64>(0, ProcessMemory::residentBytes()))
{
}

qint64 MemoryBudget::cappedToMachine(qint64 limitBytes, qint64 machineBytes)
{
    if (machineBytes <= 0)
        return limitBytes;
    return std::min(limitBytes, machineBytes / 100 * machineSharePercent);
}

bool MemoryBudget::allow(qint64 bytes)
{
    if (bytes > m_limitBytes)
        return false;
    m_takenSinceLookBytes += bytes;
    if (m_heldAtLastLookBytes + m_takenSinceLookBytes <= m_limitBytes && m_takenSinceLookBytes < trustedBytes)
        return true;
    // Look at what the process really holds: values freed meanwhile have given their memory back.
    const qint64 resident = ProcessMemory::residentBytes();
    m_heldAtLastLookBytes = resident < 0 ? 0 : std::max<qint64>(0, resident - m_baselineBytes);
    m_takenSinceLookBytes = bytes;
    return m_heldAtLastLookBytes + bytes <= m_limitBytes;
}

} // namespace recipe
