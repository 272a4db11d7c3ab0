// SPDX-License-Identifier: MIT
#pragma once

#include "value.h"

#include <QtGlobal>

#include <cstdint>
#include <memory>
#include <new>
#include <utility>

namespace recipe {

/**
 * A frame's locals and, above them, its operand stack: the interface of the
 * std::vector it replaces, over room the frame is made with. The room is
 * what the compiler found the function needs (its locals and StackDepth's
 * deepest stack), taken in the frame's own allocation, so a frame is one
 * heap block where a vector made it two. Should the stack ever go deeper
 * than the compiler said (a bug the debug build asserts on), the values move
 * to a block of their own rather than past the end.
 */
class FrameValues
{
public:
    /// Values kept in @p room, which holds @p capacity of them and outlives this; none made yet.
    FrameValues(Value *room, std::uint32_t capacity)
        : m_data(room)
        , m_capacity(capacity)
    {
    }
    FrameValues(const FrameValues &) = delete;
    FrameValues &operator=(const FrameValues &) = delete;
    ~FrameValues()
    {
        clear();
        if (m_onHeap)
            ::operator delete(m_data);
    }

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    std::size_t capacity() const { return m_capacity; }
    Value &operator[](std::size_t index) { return m_data[index]; }
    const Value &operator[](std::size_t index) const { return m_data[index]; }
    Value &back() { return m_data[m_size - 1]; }
    const Value &back() const { return m_data[m_size - 1]; }
    Value *begin() { return m_data; }
    Value *end() { return m_data + m_size; }
    const Value *begin() const { return m_data; }
    const Value *end() const { return m_data + m_size; }

    void push_back(Value &&value)
    {
        if (m_size == m_capacity) [[unlikely]]
            grow();
        ::new (static_cast<void *>(m_data + m_size)) Value(std::move(value));
        ++m_size;
    }
    void push_back(const Value &value)
    {
        if (m_size == m_capacity) [[unlikely]]
            grow();
        ::new (static_cast<void *>(m_data + m_size)) Value(value);
        ++m_size;
    }
    void pop_back() { m_data[--m_size].~Value(); }
    /// Drops values from the top down to @p size, or adds None values up to it.
    void resize(std::size_t size)
    {
        while (m_size > size)
            pop_back();
        while (m_size < size)
            push_back(Value());
    }

    void clear() { resize(0); }

private:
    /// Moves the values to a heap block twice as large: out of line, so the pushes inline small.
    void grow();

    Value *m_data;
    std::uint32_t m_size = 0;
    std::uint32_t m_capacity : 31;
    /// Whether the values moved to a block of their own, freed here; the frame's room is not.
    std::uint32_t m_onHeap : 1 = 0;
};

} // namespace recipe
