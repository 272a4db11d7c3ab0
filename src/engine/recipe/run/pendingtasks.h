// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <cstddef>
#include <deque>
#include <limits>
#include <vector>

namespace recipe {

/// A task the event loop will resume: its number (Task-N), its cake, when it woke or wakes, and whether it is ready.
struct PendingTask {
    int task;
    int cake;
    /// When its sleep ends (or ended) on the loop's clock; for a task ready without a sleep, when it became ready.
    qint64 wakeNs;
    /// Its next step is in the ready queue; otherwise it sleeps on a timer.
    bool ready;
};

/**
 * The Interpreter's own account of the tasks its event loop will resume, kept
 * beside the loop only when a view asks for it (step mode's Pending panel):
 * the loop's entries are callbacks that name no task. Tasks whose next step
 * is queued are in queue order; sleeping tasks by (wake time, order of
 * sleeping), as the loop's timers are. A task woken by a future it awaits
 * is resumed by that future's callback, which names no task either: it is
 * not listed here (Interpreter::pendingTasks() lists it once the loop holds it).
 */
class PendingTasks
{
public:
    /// @p task's next step joined the ready queue at @p nowNs; a task woken from its sleep keeps its wake time.
    void stepQueued(int task, int cake, qint64 nowNs);
    /// @p task sleeps until @p wakeNs on a timer.
    void sleeping(int task, int cake, qint64 wakeNs);
    /// The loop runs @p task's step: it is pending no longer.
    void stepRuns(int task);
    /// The loop ended: its tasks are cancelled, none pending.
    void clear();
    bool isEmpty() const { return m_ready.empty() && m_sleepers.empty(); }
    std::size_t size() const { return m_ready.size() + m_sleepers.size(); }
    /// Whether @p task's step is the first queued.
    bool heads(int task) const { return !m_ready.empty() && m_ready.front().task == task; }

    /// The first @p limit tasks in the order the loop will resume them: those ready first, then the sleepers by
    /// time. A view of a million sleepers asks for a few: only those are sorted.
    std::vector<PendingTask> inOrder(std::size_t limit = std::numeric_limits<std::size_t>::max()) const;

private:
    struct Sleeper {
        qint64 wakeNs;
        quint64 order;
        int task;
        int cake;
        bool wakesBefore(const Sleeper &other) const
        {
            return wakeNs != other.wakeNs ? wakeNs < other.wakeNs : order < other.order;
        }
    };
    /// Takes @p task's sleeper out, if it sleeps; its wake time, or -1.
    qint64 takeSleeper(int task);

    std::deque<PendingTask> m_ready;
    /// A min-heap by wakesBefore(): the loop wakes its sleepers from the front, as its timers come.
    std::vector<Sleeper> m_sleepers;
    quint64 m_sleeps = 0;
};

} // namespace recipe
