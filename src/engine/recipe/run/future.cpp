// SPDX-License-Identifier: MIT
#include "future.h"

#include <algorithm>
#include <iterator>

namespace recipe {

Future::Future(EventLoop *loop)
    : m_loop(loop)
{
    if (CycleBreaker *breaker = CycleBreaker::current())
        breaker->add(this);
}

Future::~Future()
{
    CycleBreaker::remove(*this);
}

Future::Held Future::releaseHeld()
{
    Held held{{}, std::move(frames), std::move(m_result)};
    if (m_firstCallback)
        held.callbacks.push_back(std::move(m_firstCallback));
    if (m_moreCallbacks)
        std::move(m_moreCallbacks->begin(), m_moreCallbacks->end(), std::back_inserter(held.callbacks));
    m_moreCallbacks.reset();
    frames.clear();
    m_result = Value();
    resumeReady = false;
    sleeping = false;
    return held;
}

void Future::setResult(const Value &result)
{
    if (m_done)
        return;
    m_done = true;
    m_result = result;
    scheduleCallbacks();
}

void Future::setError(const RecipeError &error)
{
    if (m_done)
        return;
    m_done = true;
    m_error = error;
    m_errorUnretrieved = true;
    scheduleCallbacks();
}

void Future::addDoneCallback(EventLoop::Callback callback)
{
    if (m_done) {
        m_loop->post(std::move(callback));
        return;
    }
    if (!m_firstCallback)
        m_firstCallback = std::move(callback);
    else {
        if (!m_moreCallbacks)
            m_moreCallbacks = std::make_unique<std::vector<EventLoop::Callback>>();
        m_moreCallbacks->push_back(std::move(callback));
    }
}

void Future::scheduleCallbacks()
{
    // In the order they were added, as asyncio calls them.
    if (m_firstCallback)
        m_loop->post(std::move(m_firstCallback));
    if (const std::unique_ptr<std::vector<EventLoop::Callback>> more = std::move(m_moreCallbacks)) {
        for (EventLoop::Callback &callback : *more)
            m_loop->post(std::move(callback));
    }
}

void Future::cancel()
{
    if (m_done)
        return;
    m_cancelled = true;
    sleeping = false;
    frames.clear();
    m_done = true;
    m_error = RecipeError{QStringLiteral("asyncio.exceptions.CancelledError"), QString(), 0, QString()};
    // Nobody is left to hear of it: asyncio.run cancels its remaining tasks only as it ends.
    m_firstCallback = {};
    m_moreCallbacks.reset();
}

} // namespace recipe
