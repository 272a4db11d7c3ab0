// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace recipe {

/**
 * How much memory a running recipe may take: a file from a stranger may
 * print and wait, not fill the machine. Every operation that makes a list
 * or a string says first how many bytes it is about to take; once enough
 * has been taken since the last look, the budget reads how much the process
 * really holds (freed values give theirs back) and refuses the allocation
 * that would go past the limit, before it happens.
 */
class MemoryBudget
{
public:
    /// Room for any lesson, and a small share of any classroom machine.
    static constexpr qint64 defaultLimitBytes = qint64(1) << 30;
    /// Between two looks at the process, at most this much is taken on trust.
    static constexpr qint64 trustedBytes = qint64(32) << 20;
    /// What one value of a list costs, as allow() estimates it.
    static constexpr qint64 bytesPerItem = 48;

    /// The share of the machine's memory a recipe may take at most, whatever its own limit.
    static constexpr int machineSharePercent = 75;

    /// Measures the process now: the recipe's share is what it holds beyond this. The limit is @p limitBytes, or
    /// less on a machine too small for it (cappedToMachine()).
    explicit MemoryBudget(qint64 limitBytes = defaultLimitBytes);

    /// @p limitBytes, but no more than machineSharePercent of @p machineBytes (unknown when not positive): on a
    /// small classroom machine a recipe then stops with a MemoryError before the system starts to swap.
    static qint64 cappedToMachine(qint64 limitBytes, qint64 machineBytes);
    qint64 limitBytes() const { return m_limitBytes; }

    /// Whether @p bytes more may be taken; false when the process would hold more than the limit.
    bool allow(qint64 bytes);

private:
    qint64 m_limitBytes;
    qint64 m_baselineBytes;
    qint64 m_heldAtLastLookBytes = 0;
    qint64 m_takenSinceLookBytes = 0;
};

} // namespace recipe
