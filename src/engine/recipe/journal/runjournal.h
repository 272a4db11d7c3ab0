// SPDX-License-Identifier: MIT
#pragma once

#include "interpreterobserver.h"
#include "journalevent.h"
#include "kitchensnapshot.h"

#include <QElapsedTimer>
#include <QStringList>

#include <functional>
#include <vector>

namespace recipe {

/**
 * What a learner must see of a run beyond what it prints: it listens to
 * the interpreter and keeps every task's life, wait and end, and every
 * resource's making and use, in order, on the run's clock. From them it
 * gives the kitchen at any moment (snapshotAt), which task woke which
 * (wakes), and the journal's lines: a task made, waiting in a resource,
 * woken by another, asked to cancel and by whom, ended cancelled, failed.
 * Those lines are the window's and --journal's, kept apart from the
 * program's own output.
 */
class RunJournal : public InterpreterObserver
{
public:
    /// The run's clock, in ns: the interpreter's once it takes the journal (clockIs()); until then the time since
    /// the journal was made.
    using Clock = std::function<qint64()>;
    /// @p threads: the run is the threaded twin's, whose tasks are threads and are named so.
    explicit RunJournal(bool threads = false);

    const std::vector<JournalEvent> &events() const { return m_events; }
    /// The kitchen after the first @p count events (all of them when @p count is larger).
    KitchenSnapshot snapshotAt(std::size_t count) const;

    /// One task waking another: by releasing, setting, filling or emptying what it waited in, or by ending.
    struct Wake {
        int from = 0;
        qint64 fromNs = 0; ///< when @c from did what woke it
        int to = 0;
        qint64 toNs = 0; ///< when @c to went on
        QString why; ///< "Lock.release", or "ended"
    };
    /// Every wake of the run, in the order the woken tasks went on. A timer's wake has no task to come from.
    std::vector<Wake> wakes() const;

    struct Line {
        qint64 timeNs = 0;
        std::size_t event = 0; ///< the event it tells of, for snapshotAt(event + 1)
        QString text; ///< "Task-3 (hold) waits in Lock.acquire() on Lock 1, held by Task-2"
    };
    /// The lines a learner reads beside the program's output.
    std::vector<Line> lines() const;
    /// lines() as text, each "[   120 ms] " and its text.
    QStringList formattedLines() const;

    // InterpreterObserver
    void clockIs(const std::function<qint64()> &nowNs) override { m_clock = nowNs; }
    void taskMade(int task, const QString &coroutine, int cake) override;
    void taskResumed(int task) override;
    void taskSuspended(int task, qint64 wakeNs) override;
    void taskWaitsIn(int task, const QString &method, int resource) override;
    void taskAwaits(int task, const std::vector<int> &awaited) override;
    void taskFinished(int task, bool failed) override;
    void taskFailed(int task, const QString &error) override;
    void taskCancelled(int task) override;
    void taskCancelAsked(int task, int by) override;
    void taskWoken(int task, int by) override;
    void resourceMade(int resource, const QString &type, const QString &state) override;
    void resourceUsed(int task, int resource, const QString &method, const QString &state) override;
    void printed(const QString &text, int task, int cake, const QString &function) override;

private:
    JournalEvent &record(JournalEvent::Kind kind, int task);
    /// A wake's line: "Task-3 (hold) goes on, woken by Task-2 (hold)'s Lock.release"
    static QString wakeText(const KitchenSnapshot &kitchen, const Wake &wake);
    /// What a line names a resource's state by: "Lock 1 (locked, held by Task-2)".
    static QString resourceText(const KitchenSnapshot &kitchen, int resource);

    bool m_threads;
    Clock m_clock;
    QElapsedTimer m_sinceMade;
    std::vector<JournalEvent> m_events;
};

} // namespace recipe
