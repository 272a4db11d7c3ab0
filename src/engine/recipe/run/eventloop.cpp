// SPDX-License-Identifier: MIT
#include "eventloop.h"

#include <algorithm>
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
    pushTimer({whenNs, m_timersSet++, {handle, std::move(callback)}});
    return handle;
}

void EventLoop::postAt(qint64 whenNs, Callback callback)
{
    pushTimer({whenNs, m_timersSet++, {nullptr, std::move(callback)}});
}

void EventLoop::pushTimer(Timer timer)
{
    m_timers.push_back(std::move(timer));
    std::push_heap(m_timers.begin(), m_timers.end(), LaterFirst());
}

EventLoop::Timer EventLoop::popTimer()
{
    std::pop_heap(m_timers.begin(), m_timers.end(), LaterFirst());
    Timer earliest = std::move(m_timers.back());
    m_timers.pop_back();
    return earliest;
}

void EventLoop::dropCancelledTimers()
{
    while (!m_timers.empty() && m_timers.front().entry.handle && m_timers.front().entry.handle->isCancelled())
        popTimer();
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
        while (!m_timers.empty() && m_timers.front().whenNs <= nowNs)
            m_ready.push_back(popTimer().entry);
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
    return std::max<qint64>(0, m_timers.front().whenNs - nowNs);
}

} // namespace recipe
