// SPDX-License-Identifier: MIT
#pragma once

#include "journalevent.h"

#include <QString>
#include <QtGlobal>

#include <map>
#include <vector>

namespace recipe {

/**
 * The kitchen at one moment of a run, as a window shows it: every task
 * with its state and what it waits for, who awaits whom, and every lock,
 * semaphore, event and queue with its holders and its queue of waiters.
 * A RunJournal builds one by replaying its events up to that moment;
 * apply() is that replay's step.
 */
class KitchenSnapshot
{
public:
    struct Task {
        enum class State { Ready, Running, Sleeping, AwaitsTasks, InResource, Parked, Finished, Failed, Cancelled };
        int number = 0;
        QString coroutine; ///< its function; empty for the module and for a task of asyncio.sleep alone
        State state = State::Ready;
        qint64 wakeNs = 0; ///< Sleeping: when its timer is due
        QString waitsIn; ///< InResource: the method, "Lock.acquire"
        int resource = 0; ///< InResource: the resource's number (0 for a timeout's)
        std::vector<int> awaits; ///< AwaitsTasks: the tasks it waits for
        QString error; ///< Failed: the error's line
        int cancelAskedBy = -1; ///< the task that asked for its cancel (0: the module or asyncio.run()); -1: none
        bool isThread = false; ///< a thread of the threaded twin
        /// "Task-2 (bake)", "Task-3", or "the module" for task 0; a thread's as threading names it, "Thread-1
        /// (bake)", "MainThread".
        QString name() const;
    };
    struct Resource {
        int number = 0;
        QString type; ///< "Lock"
        QString state; ///< "locked", "value 1", "set", "2 items of 3"
        std::vector<int> holders; ///< Lock and Semaphore: who acquired and has not released, in that order
        std::vector<int> waiters; ///< who waits in it, first come first
        /// "Lock 1"
        QString name() const { return QStringLiteral("%1 %2").arg(type).arg(number); }
    };

    /// The snapshot after @p event, given the one before it.
    void apply(const JournalEvent &event);

    const std::map<int, Task> &tasks() const { return m_tasks; }
    const std::map<int, Resource> &resources() const { return m_resources; }
    const Task *task(int number) const;
    const Resource *resource(int number) const;
    /// The tasks that await @p task, directly (the awaited-by tree's children), in the order they are numbered.
    std::vector<int> awaitedBy(int task) const;
    /// The tasks running, ready, sleeping or waiting: those not ended.
    std::vector<int> pendingTasks() const;

private:
    Task &taskNumbered(int number);
    /// @p task no longer waits in the resource it waited in, if any.
    void leaveWaiters(Task &task);

    std::map<int, Task> m_tasks;
    std::map<int, Resource> m_resources;
};

} // namespace recipe
