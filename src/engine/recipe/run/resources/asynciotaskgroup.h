// SPDX-License-Identifier: MIT
#pragma once

#include "resource.h"

#include <optional>
#include <vector>

namespace recipe {

class TaskControl;

/**
 * asyncio.TaskGroup() as CPython 3.11 runs it. create_task() makes a task
 * that the group watches; the first to fail cancels the others and the task
 * that entered the group; leaving the group waits until every task has
 * ended, then raises an ExceptionGroup of what they raised (and of what ended
 * the block, unless it was a cancel), or the CancelledError of a cancel that
 * came from outside.
 */
class AsyncioTaskGroup : public Resource
{
public:
    explicit AsyncioTaskGroup(TaskControl &control);
    ~AsyncioTaskGroup() override;
    QString repr() const override;
    std::size_t waiterCount() const override { return m_completed ? 1 : 0; }
    /// create_task(@p argument): the task, or the error CPython raises.
    ResourceStep call(ResourceMethod method, const Value &argument) override;
    /// Enter (the group, for `as`) and Exit (@p argument the exception that ends the block, or None).
    ResourceStep begin(ResourceMethod method, const Value &argument, EventLoop &loop) override;
    ResourceStep resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter, bool cancelled,
                        EventLoop &loop) override;

private:
    ResourceStep enter();
    ResourceStep createTask(const Value &coroutine);
    ResourceStep exit(const Value &exception);
    /// Waits for the next task to end while any is left, else ends the exit.
    ResourceStep waitForTasks();
    ResourceStep finishExit();
    void taskDone(const FuturePtr &task);
    /// Cancels every task not done yet, in the order made (CPython's set of tasks has an order of its own).
    void abort();
    RecipeError problem(const QString &what) const;

    TaskControl &m_control;
    FuturePtr m_parent;
    std::vector<FuturePtr> m_tasks;
    QList<RecipeError> m_errors;
    std::optional<RecipeError> m_exitError;
    std::optional<RecipeError> m_propagatedCancel;
    FuturePtr m_completed;
    bool m_entered = false;
    bool m_exiting = false;
    bool m_aborting = false;
    bool m_parentCancelRequested = false;
};

} // namespace recipe
