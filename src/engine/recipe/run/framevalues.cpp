// SPDX-License-Identifier: MIT
#include "framevalues.h"

namespace recipe {

void FrameValues::grow()
{
    const std::uint32_t capacity = m_capacity ? 2 * std::uint32_t(m_capacity) : 4;
    auto *data = static_cast<Value *>(::operator new(sizeof(Value) * capacity));
    for (std::uint32_t i = 0; i < m_size; ++i) {
        ::new (static_cast<void *>(data + i)) Value(std::move(m_data[i]));
        m_data[i].~Value();
    }
    if (m_onHeap)
        ::operator delete(m_data);
    m_data = data;
    m_capacity = capacity;
    m_onHeap = true;
}

} // namespace recipe
