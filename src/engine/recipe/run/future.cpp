// SPDX-License-Identifier: MIT
#include "future.h"

namespace recipe {

Future::Future(EventLoop *loop)
    : m_loop(loop)
    , m_breaker(CycleBreaker::current())
{
    if (m_breaker)
        m_breaker->add(this);
}

Future::~Future()
{
    if (m_breaker)
        m_breaker->remove(this);
}

Future::Held Future::releaseHeld()
{
    Held held{std::move(m_moreCallbacks), std::move(frames), std::move(m_result)};
    if (m_firstCallback)
        held.callbacks.push_back(std::move(m_firstCallback));
    m_moreCallbacks.clear();
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
    else
        m_moreCallbacks.push_back(std::move(callback));
}

void Future::scheduleCallbacks()
{
    // In the order they were added, as asyncio calls them.
    if (m_firstCallback)
        m_loop->post(std::move(m_firstCallback));
    std::vector<EventLoop::Callback> more = std::move(m_moreCallbacks);
    m_moreCallbacks.clear();
    for (EventLoop::Callback &callback : more)
        m_loop->post(std::move(callback));
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
    m_moreCallbacks.clear();
}

} // namespace recipe
