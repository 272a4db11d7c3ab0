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
    Held held{std::move(m_callbacks), std::move(frames), std::move(m_result)};
    m_callbacks.clear();
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
    m_callbacks.push_back(std::move(callback));
}

void Future::scheduleCallbacks()
{
    std::vector<EventLoop::Callback> callbacks = std::move(m_callbacks);
    m_callbacks.clear();
    for (EventLoop::Callback &callback : callbacks)
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
    m_callbacks.clear();
}

} // namespace recipe
