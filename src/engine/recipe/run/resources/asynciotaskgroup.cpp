// SPDX-License-Identifier: MIT
#include "asynciotaskgroup.h"

#include "coroutine.h"
#include "exceptionclasses.h"
#include "taskcontrol.h"

#include <algorithm>

namespace recipe {

namespace {
bool isCancelledError(const RecipeError &error)
{
    return error.type == QLatin1String("asyncio.exceptions.CancelledError");
}
} // namespace

AsyncioTaskGroup::AsyncioTaskGroup(TaskControl &control)
    : Resource(Kind::TaskGroup)
    , m_control(control)
{
}

AsyncioTaskGroup::~AsyncioTaskGroup() = default;

QString AsyncioTaskGroup::repr() const
{
    QString info;
    if (!m_tasks.empty())
        info += QStringLiteral(" tasks=%1").arg(m_tasks.size());
    if (!m_errors.empty())
        info += QStringLiteral(" errors=%1").arg(m_errors.size());
    if (m_aborting)
        info += QStringLiteral(" cancelling");
    else if (m_entered)
        info += QStringLiteral(" entered");
    return QStringLiteral("<TaskGroup%1>").arg(info);
}

RecipeError AsyncioTaskGroup::problem(const QString &what) const
{
    return {QStringLiteral("RuntimeError"), QStringLiteral("TaskGroup %1 %2").arg(repr(), what), 0, QString()};
}

ResourceStep AsyncioTaskGroup::call(ResourceMethod method, const Value &argument)
{
    if (method == ResourceMethod::CreateTask)
        return createTask(argument);
    return Resource::call(method, argument);
}

ResourceStep AsyncioTaskGroup::begin(ResourceMethod method, const Value &argument, EventLoop &loop)
{
    if (method == ResourceMethod::Enter)
        return enter();
    if (method == ResourceMethod::Exit)
        return exit(argument);
    return Resource::begin(method, argument, loop);
}

ResourceStep AsyncioTaskGroup::enter()
{
    if (m_entered)
        return ResourceStep::raise(problem(QStringLiteral("has already been entered")));
    m_entered = true;
    Future *parent = m_control.currentTask();
    if (!parent)
        return ResourceStep::raise(problem(QStringLiteral("cannot determine the parent task")));
    m_parent = FuturePtr(parent);
    return ResourceStep::done(Value(Value::Data(Ref<Resource>(this))));
}

ResourceStep AsyncioTaskGroup::createTask(const Value &coroutine)
{
    if (!m_entered)
        return ResourceStep::raise(problem(QStringLiteral("has not been entered")));
    if (m_exiting && m_tasks.empty())
        return ResourceStep::raise(problem(QStringLiteral("is finished")));
    if (m_aborting)
        return ResourceStep::raise(problem(QStringLiteral("is shutting down")));
    if (!coroutine.get<Ref<Coroutine>>())
        return ResourceStep::raise({QStringLiteral("TypeError"),
                                    QStringLiteral("a coroutine was expected, got %1").arg(coroutine.repr()), 0,
                                    QString()});
    std::optional<RecipeError> error;
    FuturePtr task = m_control.ensureFuture(coroutine, error);
    if (!task)
        return ResourceStep::raise(*error);
    task->addDoneCallback([self = Ref<AsyncioTaskGroup>(this), task] { self->taskDone(task); });
    m_tasks.push_back(task);
    return ResourceStep::done(Value(Value::Data(task)));
}

void AsyncioTaskGroup::abort()
{
    m_aborting = true;
    // Copied: a cancel ends nothing at once, but the roll must not move under the loop.
    const std::vector<FuturePtr> tasks = m_tasks;
    for (const FuturePtr &task : tasks) {
        if (!task->isDone())
            m_control.cancelTask(*task);
    }
}

void AsyncioTaskGroup::taskDone(const FuturePtr &task)
{
    std::erase(m_tasks, task);
    if (m_completed && m_tasks.empty() && !m_completed->isDone())
        m_completed->setResult(true);
    if (task->isCancelled())
        return;
    const HeapOptional<RecipeError> &error = task->error();
    if (!error)
        return;
    m_errors.push_back(*error);
    // A task that fails after its parent ended is only logged by CPython, on stderr.
    if (!m_parent || m_parent->isDone())
        return;
    if (!m_aborting && !m_parentCancelRequested) {
        abort();
        m_parentCancelRequested = true;
        m_control.cancelTask(*m_parent);
    }
}

ResourceStep AsyncioTaskGroup::exit(const Value &exception)
{
    m_exiting = true;
    if (const auto *error = exception.get<Value::ErrorPtr>())
        m_exitError = **error;
    if (m_exitError && isCancelledError(*m_exitError))
        m_propagatedCancel = m_exitError;
    // The group's own cancel of its parent is no cancel from outside, once taken back.
    if (m_parentCancelRequested && m_control.uncancelTask(*m_parent) == 0)
        m_propagatedCancel.reset();
    if (m_exitError && !m_aborting)
        abort();
    return waitForTasks();
}

ResourceStep AsyncioTaskGroup::waitForTasks()
{
    if (m_tasks.empty())
        return finishExit();
    m_completed = FuturePtr::make(&m_control.loop());
    return ResourceStep::park(m_completed);
}

ResourceStep AsyncioTaskGroup::resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter,
                                      bool cancelled, EventLoop &loop)
{
    Q_UNUSED(method)
    Q_UNUSED(argument)
    Q_UNUSED(waiter)
    Q_UNUSED(loop)
    m_completed.reset();
    if (cancelled && !m_aborting) {
        // Cancelled from outside while waiting: every task is cancelled, and the cancel (its message too) goes on
        // once they end.
        m_propagatedCancel = cancelledError(waiter->isCancelled() ? waiter->errorToLog()->message : QString());
        abort();
    }
    return waitForTasks();
}

ResourceStep AsyncioTaskGroup::finishExit()
{
    m_parent.reset(); // the parent's frame holds the group: no cycle once it is left
    if (m_propagatedCancel && m_errors.empty())
        return ResourceStep::raise(*m_propagatedCancel);
    if (m_exitError && !isCancelledError(*m_exitError))
        m_errors.push_back(*m_exitError);
    if (m_errors.empty())
        return ResourceStep::done();
    QList<RecipeError> errors = std::move(m_errors);
    m_errors.clear();
    return ResourceStep::raise(
        ExceptionClasses::group(QStringLiteral("unhandled errors in a TaskGroup"), std::move(errors)));
}

} // namespace recipe
