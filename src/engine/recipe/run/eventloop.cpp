// SPDX-License-Identifier: MIT
#include "eventloop.h"

#include <limits>
#include <utility>

namespace recipe {

EventLoop::HandlePtr EventLoop::callSoon(Callback callback)
{
    auto handle = std::make_shared<Handle>();
    m_ready.push_back({handle, std::move(callback)});
    return handle;
}

void EventLoop::post(Callback callback)
{
    m_ready.push_back({nullptr, std::move(callback)});
}

EventLoop::HandlePtr EventLoop::callAt(qint64 whenNs, Callback callback)
{
    auto handle = std::make_shared<Handle>();
    m_timers.push({whenNs, m_timersSet++, {handle, std::move(callback)}});
    return handle;
}

void EventLoop::dropCancelledTimers()
{
    while (!m_timers.empty() && m_timers.top().entry.handle->isCancelled())
        m_timers.pop();
}

int EventLoop::runOnce(qint64 nowNs)
{
    return runSome(nowNs, std::numeric_limits<std::size_t>::max());
}

int EventLoop::runSome(qint64 nowNs, std::size_t most)
{
    if (m_leftInIteration == 0) {
        dropCancelledTimers();
        // asyncio takes as due every timer before now plus the clock's resolution, 1 ns for CLOCK_MONOTONIC.
        while (!m_timers.empty() && m_timers.top().whenNs <= nowNs) {
            m_ready.push_back(m_timers.top().entry);
            m_timers.pop();
        }
        // Only what was ready as the iteration began: a callback that makes another ready leaves it for the next.
        m_leftInIteration = m_ready.size();
    }
    int ran = 0;
    for (; m_leftInIteration > 0 && most > 0; --most) {
        --m_leftInIteration;
        Entry entry = std::move(m_ready.front());
        m_ready.pop_front();
        if (entry.handle && entry.handle->isCancelled())
            continue;
        entry.callback();
        ++ran;
    }
    return ran;
}

bool EventLoop::hasWork()
{
    dropCancelledTimers();
    return !m_ready.empty() || !m_timers.empty();
}

qint64 EventLoop::timeUntilNextNs(qint64 nowNs)
{
    if (!m_ready.empty())
        return 0;
    dropCancelledTimers();
    if (m_timers.empty())
        return -1;
    return std::max<qint64>(0, m_timers.top().whenNs - nowNs);
}

} // namespace recipe
