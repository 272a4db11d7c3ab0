// SPDX-License-Identifier: MIT
#pragma once

#include "frame.h"

#include <QtGlobal>

#include <memory>
#include <vector>

namespace recipe {

/**
 * A task's frames, the one running on top: its coroutine's frame at the
 * bottom, and above it the frame of each coroutine it awaits in turn. Nearly
 * every task has only the one, which is kept here without an allocation; a
 * vector of a single pointer cost each of a million tasks a heap block. The
 * frames above it are in a vector made only when there are any, so the
 * stack is two words wide. The calls are a vector's, for the few that the
 * interpreter makes.
 */
class FrameStack
{
public:
    bool empty() const { return !m_bottom; }
    std::size_t size() const { return m_bottom ? 1 + (m_above ? m_above->size() : 0) : 0; }
    /// The running frame; the stack must not be empty.
    const std::unique_ptr<Frame> &back() const { return m_above && !m_above->empty() ? m_above->back() : m_bottom; }
    void push_back(std::unique_ptr<Frame> frame)
    {
        Q_ASSERT(frame);
        if (!m_bottom) {
            m_bottom = std::move(frame);
            return;
        }
        if (!m_above)
            m_above = std::make_unique<std::vector<std::unique_ptr<Frame>>>();
        m_above->push_back(std::move(frame));
    }
    void pop_back()
    {
        if (m_above && !m_above->empty())
            m_above->pop_back();
        else
            m_bottom.reset();
    }
    void clear()
    {
        // The frames above first: they were called from those beneath.
        m_above.reset();
        m_bottom.reset();
    }

private:
    std::unique_ptr<Frame> m_bottom;
    /// Kept once made: a task that awaits one coroutine awaits the next soon after.
    std::unique_ptr<std::vector<std::unique_ptr<Frame>>> m_above;
};

} // namespace recipe
