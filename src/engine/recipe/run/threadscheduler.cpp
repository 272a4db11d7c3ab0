// SPDX-License-Identifier: MIT
#include "threadscheduler.h"

#include <algorithm>

namespace recipe {

ThreadScheduler::ThreadScheduler()
    : m_threads(1)
{
}

ThreadScheduler::ThreadId ThreadScheduler::start(qint64 nowNs)
{
    const auto thread = ThreadId(m_threads.size());
    m_threads.emplace_back();
    ++m_running;
    if (m_holder)
        wait(*m_holder, nowNs);
    m_holder = thread;
    m_heldSinceNs = nowNs;
    return thread;
}

bool ThreadScheduler::sleep(qint64 nowNs, qint64 ns)
{
    if (!m_holder)
        return false;
    // A sleep of 0 drops the lock and takes it back at once, before a waiter woken by the drop can reach it.
    if (ns <= 0)
        return false;
    m_sleeping.push({nowNs + ns, m_order++, *m_holder});
    m_holder.reset();
    return true;
}

void ThreadScheduler::join(ThreadId thread)
{
    if (!m_holder)
        return;
    m_threads[std::size_t(thread)].joiners.push_back(*m_holder);
    m_holder.reset();
}

void ThreadScheduler::end(qint64 nowNs)
{
    if (!m_holder)
        return;
    Thread &ended = m_threads[std::size_t(*m_holder)];
    ended.ended = true;
    --m_running;
    m_holder.reset();
    for (const ThreadId joiner : ended.joiners)
        wait(joiner, nowNs);
    ended.joiners.clear();
}

void ThreadScheduler::block()
{
    m_holder.reset();
}

void ThreadScheduler::wake(ThreadId thread, qint64 nowNs)
{
    wait(thread, nowNs);
}

bool ThreadScheduler::switchDue(qint64 nowNs)
{
    wakeSleepers(nowNs);
    if (!m_holder || m_waiting.empty())
        return false;
    // A waiter asks for the lock only when one holder kept it through the waiter's whole interval.
    if (nowNs - std::max(m_waiting.front().sinceNs, m_heldSinceNs) < switchIntervalNs)
        return false;
    wait(*m_holder, nowNs);
    m_holder.reset();
    return true;
}

std::optional<ThreadScheduler::ThreadId> ThreadScheduler::holder(qint64 nowNs)
{
    if (m_holder)
        return m_holder;
    wakeSleepers(nowNs);
    if (m_waiting.empty())
        return std::nullopt;
    m_holder = m_waiting.front().thread;
    m_waiting.erase(m_waiting.begin());
    m_heldSinceNs = nowNs;
    return m_holder;
}

qint64 ThreadScheduler::nextWakeNs() const
{
    return m_sleeping.empty() ? -1 : m_sleeping.top().wakeNs;
}

void ThreadScheduler::wait(ThreadId thread, qint64 sinceNs)
{
    const Waiter waiter{sinceNs, m_order++, thread};
    const auto later
        = std::upper_bound(m_waiting.begin(), m_waiting.end(), waiter, [](const Waiter &a, const Waiter &b) {
              return a.sinceNs != b.sinceNs ? a.sinceNs < b.sinceNs : a.order < b.order;
          });
    m_waiting.insert(later, waiter);
}

void ThreadScheduler::wakeSleepers(qint64 nowNs)
{
    // A sleeper waits for the lock from its wake time, which may be earlier than when anyone looked.
    while (!m_sleeping.empty() && m_sleeping.top().wakeNs <= nowNs) {
        const Sleeper sleeper = m_sleeping.top();
        m_sleeping.pop();
        wait(sleeper.thread, sleeper.wakeNs);
    }
}

} // namespace recipe
