// SPDX-License-Identifier: MIT
#include "kitchensnapshot.h"

#include <algorithm>

namespace recipe {

QString KitchenSnapshot::Task::name() const
{
    if (number == 0)
        return isThread ? QStringLiteral("MainThread") : QStringLiteral("the module");
    const QString kind = isThread ? QStringLiteral("Thread") : QStringLiteral("Task");
    return coroutine.isEmpty() ? QStringLiteral("%1-%2").arg(kind).arg(number)
                               : QStringLiteral("%1-%2 (%3)").arg(kind).arg(number).arg(coroutine);
}

KitchenSnapshot::Task &KitchenSnapshot::taskNumbered(int number)
{
    Task &task = m_tasks[number];
    task.number = number;
    return task;
}

const KitchenSnapshot::Task *KitchenSnapshot::task(int number) const
{
    const auto found = m_tasks.find(number);
    return found == m_tasks.end() ? nullptr : &found->second;
}

const KitchenSnapshot::Resource *KitchenSnapshot::resource(int number) const
{
    const auto found = m_resources.find(number);
    return found == m_resources.end() ? nullptr : &found->second;
}

void KitchenSnapshot::leaveWaiters(Task &task)
{
    if (const auto found = m_resources.find(task.resource); found != m_resources.end()) {
        std::vector<int> &waiters = found->second.waiters;
        waiters.erase(std::remove(waiters.begin(), waiters.end(), task.number), waiters.end());
    }
    task.resource = 0;
    task.waitsIn.clear();
    task.awaits.clear();
}

void KitchenSnapshot::apply(const JournalEvent &event)
{
    using Kind = JournalEvent::Kind;
    switch (event.kind) {
    case Kind::TaskMade: {
        Task &task = taskNumbered(event.task);
        task.coroutine = event.text;
        task.isThread = event.other != 0;
        task.state = Task::State::Ready;
        break;
    }
    case Kind::TaskResumed: {
        Task &task = taskNumbered(event.task);
        leaveWaiters(task);
        task.state = Task::State::Running;
        break;
    }
    case Kind::TaskSleeps: {
        Task &task = taskNumbered(event.task);
        // A sleep of 0 yields for one turn: ready at once.
        task.state = event.wakeNs > event.timeNs ? Task::State::Sleeping : Task::State::Ready;
        task.wakeNs = event.wakeNs;
        break;
    }
    case Kind::TaskParked:
        taskNumbered(event.task).state = Task::State::Parked;
        break;
    case Kind::TaskWaitsIn: {
        Task &task = taskNumbered(event.task);
        task.state = Task::State::InResource;
        task.waitsIn = event.text;
        task.resource = event.other;
        if (const auto found = m_resources.find(event.other); found != m_resources.end())
            found->second.waiters.push_back(event.task);
        break;
    }
    case Kind::TaskAwaits: {
        Task &task = taskNumbered(event.task);
        task.state = Task::State::AwaitsTasks;
        task.awaits = event.tasks;
        break;
    }
    case Kind::TaskFinished: {
        Task &task = taskNumbered(event.task);
        leaveWaiters(task);
        task.state = event.other != 0 ? Task::State::Failed : Task::State::Finished;
        break;
    }
    case Kind::TaskFailed:
        taskNumbered(event.task).error = event.text;
        break;
    case Kind::TaskCancelled: {
        Task &task = taskNumbered(event.task);
        leaveWaiters(task);
        task.state = Task::State::Cancelled;
        break;
    }
    case Kind::CancelAsked:
        taskNumbered(event.task).cancelAskedBy = event.other;
        break;
    case Kind::ResourceMade: {
        Resource &resource = m_resources[event.other];
        resource.number = event.other;
        resource.type = event.text;
        resource.state = event.state;
        break;
    }
    case Kind::ResourceUsed: {
        const auto found = m_resources.find(event.other);
        if (found == m_resources.end())
            break;
        Resource &resource = found->second;
        resource.state = event.state;
        // The method it waited in has come to its end: it is out of the queue, and runs (a thread is never told
        // resumed, a task is told so next).
        if (const auto waiter = m_tasks.find(event.task);
            waiter != m_tasks.end() && waiter->second.resource == event.other) {
            leaveWaiters(waiter->second);
            waiter->second.state = Task::State::Running;
        }
        resource.waiters.erase(std::remove(resource.waiters.begin(), resource.waiters.end(), event.task),
                               resource.waiters.end());
        if (event.text.endsWith(QLatin1String(".acquire"))) {
            resource.holders.push_back(event.task);
        } else if (event.text.endsWith(QLatin1String(".release")) && !resource.holders.empty()) {
            // Any task may release what another acquired: the releaser's own hold goes first, else the oldest.
            const auto own = std::find(resource.holders.begin(), resource.holders.end(), event.task);
            resource.holders.erase(own != resource.holders.end() ? own : resource.holders.begin());
        }
        break;
    }
    case Kind::TaskWoken:
        // Ready to go on; it stays in the resource's queue until it runs, as in CPython's deque of waiters.
        taskNumbered(event.task).state = Task::State::Ready;
        break;
    case Kind::Printed:
        break;
    }
}

std::vector<int> KitchenSnapshot::awaitedBy(int task) const
{
    std::vector<int> awaiting;
    for (const auto &[number, each] : m_tasks) {
        if (each.state == Task::State::AwaitsTasks
            && std::find(each.awaits.begin(), each.awaits.end(), task) != each.awaits.end())
            awaiting.push_back(number);
    }
    return awaiting;
}

std::vector<int> KitchenSnapshot::pendingTasks() const
{
    std::vector<int> pending;
    for (const auto &[number, each] : m_tasks) {
        if (each.state != Task::State::Finished && each.state != Task::State::Failed
            && each.state != Task::State::Cancelled)
            pending.push_back(number);
    }
    return pending;
}

} // namespace recipe
