// SPDX-License-Identifier: MIT
#include "eventloop.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace recipe {

EventLoop::HandlePtr EventLoop::callSoon(Callback callback)
{
    auto handle = HandlePtr::make();
    m_ready.push_back({handle, std::move(callback)});
    return handle;
}

void EventLoop::post(Callback callback)
{
    m_ready.push_back({nullptr, std::move(callback)});
}

EventLoop::HandlePtr EventLoop::callAt(qint64 whenNs, Callback callback)
{
    auto handle = HandlePtr::make();
    pushTimer(whenNs, {handle, std::move(callback)});
    return handle;
}

void EventLoop::postAt(qint64 whenNs, Callback callback)
{
    pushTimer(whenNs, {nullptr, std::move(callback)});
}

EventLoop::EventLoop(EventLoop &&other) noexcept
    : m_wake(other.m_wake)
    , m_wakeContext(other.m_wakeContext)
    , m_ready(std::move(other.m_ready))
    , m_timersInOrder(std::move(other.m_timersInOrder))
    , m_timers(std::move(other.m_timers))
    , m_timerEntries(std::move(other.m_timerEntries))
    , m_freeTimerSlots(std::move(other.m_freeTimerSlots))
    , m_timersSet(other.m_timersSet)
    , m_forgottenWakes(std::move(other.m_forgottenWakes))
    , m_forgottenTimers(std::exchange(other.m_forgottenTimers, 0))
    , m_leftInIteration(std::exchange(other.m_leftInIteration, 0))
{
    // Its wake-ups' holds are this loop's now.
    other.m_timersInOrder.clear();
    other.m_timers.clear();
    other.m_forgottenWakes.clear();
}

EventLoop &EventLoop::operator=(EventLoop &&other) noexcept
{
    if (this != &other) {
        releaseWakes();
        m_wake = other.m_wake;
        m_wakeContext = other.m_wakeContext;
        m_ready = std::move(other.m_ready);
        m_timersInOrder = std::move(other.m_timersInOrder);
        other.m_timersInOrder.clear();
        m_timers = std::move(other.m_timers);
        other.m_timers.clear();
        m_timerEntries = std::move(other.m_timerEntries);
        m_freeTimerSlots = std::move(other.m_freeTimerSlots);
        m_timersSet = other.m_timersSet;
        m_forgottenWakes = std::move(other.m_forgottenWakes);
        other.m_forgottenWakes.clear();
        m_forgottenTimers = std::exchange(other.m_forgottenTimers, 0);
        m_leftInIteration = std::exchange(other.m_leftInIteration, 0);
    }
    return *this;
}

EventLoop::~EventLoop()
{
    releaseWakes();
}

void EventLoop::releaseWakes()
{
    const auto release = [](const Timer &timer) {
        if (timer.isWake())
            reinterpret_cast<RefCounted *>(timer.target)->release();
    };
    std::for_each(m_timersInOrder.begin(), m_timersInOrder.end(), release);
    std::for_each(m_timers.begin(), m_timers.end(), release);
    m_timersInOrder.clear();
    m_timers.clear();
    m_forgottenWakes.clear();
    m_forgottenTimers = 0;
}

void EventLoop::addTimer(const Timer &timer)
{
    if (m_timersInOrder.empty() || timer.whenNs >= m_timersInOrder.back().whenNs) {
        m_timersInOrder.push_back(timer);
        return;
    }
    m_timers.push_back(timer);
    std::push_heap(m_timers.begin(), m_timers.end(), LaterFirst());
}

bool EventLoop::frontTimerIsInOrder() const
{
    if (m_timers.empty())
        return true;
    return !m_timersInOrder.empty() && !LaterFirst()(m_timersInOrder.front(), m_timers.front());
}

const EventLoop::Timer &EventLoop::frontTimer() const
{
    return frontTimerIsInOrder() ? m_timersInOrder.front() : m_timers.front();
}

void EventLoop::wakeAt(qint64 whenNs, RefCounted &sleeper)
{
    Q_ASSERT(m_wake);
    sleeper.retain();
    addTimer({whenNs, (m_timersSet++ << 1) | 1, reinterpret_cast<std::uintptr_t>(&sleeper)});
}

void EventLoop::forgetWake(RefCounted &sleeper)
{
    const auto target = reinterpret_cast<std::uintptr_t>(&sleeper);
    ForgottenWakes &forgotten = m_forgottenWakes[target];
    // Every wake-up set so far is forgotten: the one set last was its only one.
    forgotten.setBefore = m_timersSet << 1;
    ++forgotten.left;
    ++m_forgottenTimers;
    // As CPython's loop rebuilds its heap once cancelled timers are half of it: bounded memory, amortised time.
    constexpr std::size_t fewEnoughToKeep = 64;
    if (m_forgottenTimers > fewEnoughToKeep && m_forgottenTimers * 2 > timerCount())
        sweepForgotten();
}

bool EventLoop::isForgotten(const Timer &timer) const
{
    if (!timer.isWake() || m_forgottenWakes.empty())
        return false;
    const auto found = m_forgottenWakes.find(timer.target);
    return found != m_forgottenWakes.end() && timer.order < found->second.setBefore;
}

void EventLoop::dropForgotten(const Timer &timer)
{
    const auto found = m_forgottenWakes.find(timer.target);
    Q_ASSERT(found != m_forgottenWakes.end() && found->second.left > 0);
    if (--found->second.left == 0)
        m_forgottenWakes.erase(found);
    --m_forgottenTimers;
    reinterpret_cast<RefCounted *>(timer.target)->release();
}

void EventLoop::sweepForgotten()
{
    const auto forgotten = [this](const Timer &timer) {
        if (!isForgotten(timer))
            return false;
        reinterpret_cast<RefCounted *>(timer.target)->release();
        return true;
    };
    std::erase_if(m_timersInOrder, forgotten);
    if (std::erase_if(m_timers, forgotten) > 0)
        std::make_heap(m_timers.begin(), m_timers.end(), LaterFirst());
    m_forgottenWakes.clear();
    m_forgottenTimers = 0;
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
    addTimer({whenNs, m_timersSet++ << 1, slot});
}

EventLoop::Timer EventLoop::takeFrontTimer()
{
    Timer timer{};
    if (frontTimerIsInOrder()) {
        timer = m_timersInOrder.front();
        m_timersInOrder.pop_front();
    } else {
        std::pop_heap(m_timers.begin(), m_timers.end(), LaterFirst());
        timer = m_timers.back();
        m_timers.pop_back();
    }
    return timer;
}

EventLoop::Entry EventLoop::entryOf(const Timer &timer)
{
    if (timer.isWake()) {
        // The wake-up's callback is made only now, as it joins the ready queue; its hold passes to the callback.
        return {nullptr,
                [wake = m_wake, context = m_wakeContext,
                 sleeper = Ref<RefCounted>::adopt(reinterpret_cast<RefCounted *>(timer.target))] {
                    wake(context, *sleeper);
                }};
    }
    const auto slot = std::uint32_t(timer.target);
    Entry entry = std::move(m_timerEntries[slot]); // leaves the slot empty for the next timer
    m_freeTimerSlots.push_back(slot);
    return entry;
}

bool EventLoop::frontTimerIsCancelled() const
{
    const Timer &front = frontTimer();
    if (front.isWake())
        return isForgotten(front);
    const HandlePtr &handle = m_timerEntries[front.target].handle;
    return handle && handle->isCancelled();
}

void EventLoop::dropCancelledTimers()
{
    while (hasTimers() && frontTimerIsCancelled()) {
        const Timer timer = takeFrontTimer();
        if (timer.isWake())
            dropForgotten(timer);
        else
            entryOf(timer); // its slot freed, its callback dropped
    }
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
        while (hasTimers() && frontTimer().whenNs <= nowNs) {
            const Timer timer = takeFrontTimer();
            if (isForgotten(timer))
                dropForgotten(timer);
            else
                m_ready.push_back(entryOf(timer));
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
    return !m_ready.empty() || hasTimers();
}

qint64 EventLoop::timeUntilNextNs(qint64 nowNs)
{
    if (!m_ready.empty())
        return 0;
    dropCancelledTimers();
    if (!hasTimers())
        return -1;
    return std::max<qint64>(0, frontTimer().whenNs - nowNs);
}

} // namespace recipe
