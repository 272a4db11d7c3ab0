// SPDX-License-Identifier: MIT
#include "pendingtasks.h"

#include <algorithm>

namespace recipe {
namespace {
// std::push_heap builds a max-heap, so "greater" is the sleeper that wakes later.
template<typename Sleeper>
bool wakesLater(const Sleeper &a, const Sleeper &b)
{
    return b.wakesBefore(a);
}
} // namespace

void PendingTasks::stepQueued(int task, int cake, qint64 nowNs)
{
    const qint64 wokeNs = takeSleeper(task);
    m_ready.push_back({task, cake, wokeNs >= 0 ? wokeNs : nowNs, true});
}

void PendingTasks::sleeping(int task, int cake, qint64 wakeNs)
{
    m_sleepers.push_back({wakeNs, m_sleeps++, task, cake});
    std::push_heap(m_sleepers.begin(), m_sleepers.end(), wakesLater<Sleeper>);
}

qint64 PendingTasks::takeSleeper(int task)
{
    // The loop's timers wake sleepers in this heap's order, so the one woken is nearly always at its front.
    if (!m_sleepers.empty() && m_sleepers.front().task == task) {
        std::pop_heap(m_sleepers.begin(), m_sleepers.end(), wakesLater<Sleeper>);
        const qint64 wakeNs = m_sleepers.back().wakeNs;
        m_sleepers.pop_back();
        return wakeNs;
    }
    const auto found = std::find_if(m_sleepers.begin(), m_sleepers.end(),
                                    [task](const Sleeper &sleeper) { return sleeper.task == task; });
    if (found == m_sleepers.end())
        return -1;
    const qint64 wakeNs = found->wakeNs;
    m_sleepers.erase(found);
    std::make_heap(m_sleepers.begin(), m_sleepers.end(), wakesLater<Sleeper>);
    return wakeNs;
}

void PendingTasks::stepRuns(int task)
{
    // The ready queue runs in order; a task resumed by a future's callback was never queued here.
    if (!m_ready.empty() && m_ready.front().task == task)
        m_ready.pop_front();
}

void PendingTasks::clear()
{
    m_ready.clear();
    m_sleepers.clear();
}

std::vector<PendingTask> PendingTasks::inOrder(std::size_t limit) const
{
    const auto readyShown = std::ptrdiff_t(std::min(limit, m_ready.size()));
    std::vector<PendingTask> tasks(m_ready.begin(), m_ready.begin() + readyShown);
    std::vector<Sleeper> sleepers(std::min(limit - tasks.size(), m_sleepers.size()));
    std::partial_sort_copy(m_sleepers.begin(), m_sleepers.end(), sleepers.begin(), sleepers.end(),
                           [](const Sleeper &a, const Sleeper &b) { return a.wakesBefore(b); });
    for (const Sleeper &sleeper : sleepers)
        tasks.push_back({sleeper.task, sleeper.cake, sleeper.wakeNs, false});
    return tasks;
}

} // namespace recipe
