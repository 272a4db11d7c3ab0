// SPDX-License-Identifier: MIT
#pragma once

#include "frame.h"

#include <QtGlobal>

#include <memory>
#include <utility>
#include <vector>

namespace recipe {

/**
 * A task's frames, the one running on top: its coroutine's frame at the
 * bottom, and above it the frame of each coroutine it awaits in turn. Nearly
 * every task has only the one, which is kept here without an allocation; a
 * vector of a single pointer cost each of a million tasks a heap block. The
 * frames above it are in a vector made only when there are any, so the
 * stack is two words wide.
 *
 * The bottom frame may live in its task's own block (Future::task() puts it
 * there, one heap block where a task and its frame were two): the stack
 * then ends it in place and never frees it, and it lasts only as long as
 * that block.
 */
class FrameStack
{
public:
    FrameStack() = default;
    FrameStack(FrameStack &&other) noexcept
        : m_bottom(std::exchange(other.m_bottom, 0))
        , m_above(std::move(other.m_above))
    {
    }
    FrameStack &operator=(FrameStack &&other) noexcept
    {
        if (this != &other) {
            clear();
            m_bottom = std::exchange(other.m_bottom, 0);
            m_above = std::move(other.m_above);
        }
        return *this;
    }
    ~FrameStack() { clear(); }

    bool empty() const { return !m_bottom; }
    std::size_t size() const { return m_bottom ? 1 + (m_above ? m_above->size() : 0) : 0; }
    /// The frame @p level above the bottom (0), which must be there.
    Frame *at(std::size_t level) const { return level == 0 ? bottom() : (*m_above)[level - 1].get(); }
    /// The running frame; the stack must not be empty.
    Frame *back() const { return m_above && !m_above->empty() ? m_above->back().get() : bottom(); }
    void push_back(std::unique_ptr<Frame> frame)
    {
        Q_ASSERT(frame);
        if (!m_bottom) {
            m_bottom = reinterpret_cast<std::uintptr_t>(frame.release());
            return;
        }
        if (!m_above)
            m_above = std::make_unique<std::vector<std::unique_ptr<Frame>>>();
        m_above->push_back(std::move(frame));
    }
    /// Puts @p frame at the bottom of the empty stack without owning it: its owner made it in a block of its own
    /// and frees that block; the stack only ends the frame, in place.
    void setBottomInPlace(Frame *frame)
    {
        Q_ASSERT(frame && empty());
        m_bottom = reinterpret_cast<std::uintptr_t>(frame) | inPlace;
    }
    bool bottomIsInPlace() const { return m_bottom & inPlace; }
    void pop_back()
    {
        if (m_above && !m_above->empty())
            m_above->pop_back();
        else
            endBottom();
    }
    void clear()
    {
        // The frames above first: they were called from those beneath.
        m_above.reset();
        endBottom();
    }
    /**
     * Hands every frame over to a stack returned, for a caller that must hold
     * them a while longer; a bottom frame in place, which cannot outlive its
     * owner's block, gives its values to @p inPlaceValues instead and ends
     * here, holding nothing.
     */
    FrameStack takeAll(std::vector<Value> &inPlaceValues)
    {
        if (!bottomIsInPlace())
            return std::move(*this);
        for (Value &value : bottom()->values)
            inPlaceValues.push_back(std::move(value));
        FrameStack taken;
        if (m_above && !m_above->empty()) {
            // The frame above the bottom becomes the bottom of the stack taken.
            taken.push_back(std::move(m_above->front()));
            for (std::size_t level = 1; level < m_above->size(); ++level)
                taken.push_back(std::move((*m_above)[level]));
        }
        m_above.reset();
        endBottom();
        return taken;
    }

private:
    /// The tag in m_bottom's lowest bit (a frame is aligned to a word) for a bottom frame the stack does not own.
    static constexpr std::uintptr_t inPlace = 1;
    Frame *bottom() const { return reinterpret_cast<Frame *>(m_bottom & ~inPlace); }
    void endBottom()
    {
        if (!m_bottom)
            return;
        Frame *frame = bottom();
        const bool owned = !bottomIsInPlace();
        m_bottom = 0;
        if (owned)
            delete frame;
        else
            frame->~Frame();
    }

    /// The bottom frame, tagged inPlace when it is not the stack's own; 0 when the stack is empty.
    std::uintptr_t m_bottom = 0;
    /// Kept once made: a task that awaits one coroutine awaits the next soon after.
    std::unique_ptr<std::vector<std::unique_ptr<Frame>>> m_above;
};

} // namespace recipe
