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
    pushTimer(whenNs, {handle, std::move(callback)});
    return handle;
}

void EventLoop::postAt(qint64 whenNs, Callback callback)
{
    pushTimer(whenNs, {nullptr, std::move(callback)});
}

void EventLoop::pushTimer(qint64 whenNs, Entry entry)
{
    std::uint32_t slot = 0;
    if (m_freeTimerSlots.empty()) {
        slot = std::uint32_t(m_timerEntries.size());
        m_timerEntries.push_back(std::move(entry));
    } else {
        slot = m_freeTimerSlots.back();
        m_freeTimerSlots.pop_back();
        m_timerEntries[slot] = std::move(entry);
    }
    m_timers.push_back({whenNs, m_timersSet++, slot});
    std::push_heap(m_timers.begin(), m_timers.end(), LaterFirst());
}

EventLoop::Entry EventLoop::popTimer()
{
    std::pop_heap(m_timers.begin(), m_timers.end(), LaterFirst());
    const std::uint32_t slot = m_timers.back().slot;
    m_timers.pop_back();
    Entry entry = std::move(m_timerEntries[slot]); // leaves the slot empty for the next timer
    m_freeTimerSlots.push_back(slot);
    return entry;
}

bool EventLoop::frontTimerIsCancelled() const
{
    const HandlePtr &handle = m_timerEntries[m_timers.front().slot].handle;
    return handle && handle->isCancelled();
}

void EventLoop::dropCancelledTimers()
{
    while (!m_timers.empty() && frontTimerIsCancelled())
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
            m_ready.push_back(popTimer());
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
