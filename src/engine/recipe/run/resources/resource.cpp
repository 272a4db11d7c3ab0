// SPDX-License-Identifier: MIT
#include "resource.h"

#include "eventloop.h"
#include "pythontext.h"

#include <algorithm>

namespace recipe {

ResourceStep ResourceStep::done(Value result)
{
    ResourceStep step;
    step.result = std::move(result);
    return step;
}

ResourceStep ResourceStep::raise(RecipeError error)
{
    ResourceStep step;
    step.kind = Kind::Raise;
    step.error = std::move(error);
    return step;
}

ResourceStep ResourceStep::park(FuturePtr future)
{
    ResourceStep step;
    step.kind = Kind::Park;
    step.waitOn = std::move(future);
    return step;
}

QString Resource::typeName() const
{
    switch (m_kind) {
    case Kind::Lock:
        return QStringLiteral("Lock");
    case Kind::Semaphore:
        return QStringLiteral("Semaphore");
    case Kind::Event:
        return QStringLiteral("Event");
    case Kind::Queue:
        return QStringLiteral("Queue");
    case Kind::Timeout:
        return QStringLiteral("Timeout");
    case Kind::WaitFor:
        return QStringLiteral("wait_for");
    case Kind::TaskGroup:
        return QStringLiteral("TaskGroup");
    }
    return QString();
}

QString Resource::qualifiedName() const
{
    switch (m_kind) {
    case Kind::Queue:
        return QStringLiteral("asyncio.queues.Queue");
    case Kind::Timeout:
        return QStringLiteral("asyncio.timeouts.Timeout");
    case Kind::WaitFor:
        return QStringLiteral("asyncio.tasks.wait_for");
    case Kind::TaskGroup:
        return QStringLiteral("asyncio.taskgroups.TaskGroup");
    default:
        return QStringLiteral("asyncio.locks.") + typeName();
    }
}

bool Resource::has(ResourceMethod method) const
{
    switch (m_kind) {
    case Kind::Lock:
    case Kind::Semaphore:
        return method == ResourceMethod::Acquire || method == ResourceMethod::Release
            || method == ResourceMethod::Locked || method == ResourceMethod::Enter || method == ResourceMethod::Exit;
    case Kind::Event:
        return method == ResourceMethod::Set || method == ResourceMethod::Clear || method == ResourceMethod::IsSet
            || method == ResourceMethod::Wait;
    case Kind::Queue:
        return method >= ResourceMethod::Put && method <= ResourceMethod::Join;
    case Kind::Timeout:
        return method == ResourceMethod::Expired || method == ResourceMethod::Enter || method == ResourceMethod::Exit;
    case Kind::WaitFor:
        return method == ResourceMethod::Wait;
    case Kind::TaskGroup:
        return method == ResourceMethod::CreateTask || method == ResourceMethod::Enter
            || method == ResourceMethod::Exit;
    }
    return false;
}

bool Resource::isCoroutine(ResourceMethod method)
{
    switch (method) {
    case ResourceMethod::Acquire:
    case ResourceMethod::Wait:
    case ResourceMethod::Put:
    case ResourceMethod::Get:
    case ResourceMethod::Join:
    case ResourceMethod::Enter:
    case ResourceMethod::Exit:
        return true;
    default:
        return false;
    }
}

QString Resource::nameOf(ResourceMethod method)
{
    switch (method) {
    case ResourceMethod::Acquire:
        return QStringLiteral("acquire");
    case ResourceMethod::Release:
        return QStringLiteral("release");
    case ResourceMethod::Locked:
        return QStringLiteral("locked");
    case ResourceMethod::Set:
        return QStringLiteral("set");
    case ResourceMethod::Clear:
        return QStringLiteral("clear");
    case ResourceMethod::IsSet:
        return QStringLiteral("is_set");
    case ResourceMethod::Wait:
        return QStringLiteral("wait");
    case ResourceMethod::Put:
        return QStringLiteral("put");
    case ResourceMethod::Get:
        return QStringLiteral("get");
    case ResourceMethod::PutNowait:
        return QStringLiteral("put_nowait");
    case ResourceMethod::GetNowait:
        return QStringLiteral("get_nowait");
    case ResourceMethod::Qsize:
        return QStringLiteral("qsize");
    case ResourceMethod::Empty:
        return QStringLiteral("empty");
    case ResourceMethod::Full:
        return QStringLiteral("full");
    case ResourceMethod::TaskDone:
        return QStringLiteral("task_done");
    case ResourceMethod::Join:
        return QStringLiteral("join");
    case ResourceMethod::Expired:
        return QStringLiteral("expired");
    case ResourceMethod::CreateTask:
        return QStringLiteral("create_task");
    case ResourceMethod::Enter:
        return QStringLiteral("__aenter__");
    case ResourceMethod::Exit:
        return QStringLiteral("__aexit__");
    }
    return QString();
}

ResourceStep Resource::call(ResourceMethod method, const Value &argument)
{
    Q_UNUSED(argument)
    return ResourceStep::raise({QStringLiteral("AttributeError"),
                                QStringLiteral("'%1' object has no attribute '%2'").arg(typeName(), nameOf(method)), 0,
                                QString()});
}

ResourceStep Resource::begin(ResourceMethod method, const Value &argument, EventLoop &loop)
{
    Q_UNUSED(loop)
    return call(method, argument);
}

ResourceStep Resource::resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter, bool cancelled,
                              EventLoop &loop)
{
    Q_UNUSED(method)
    Q_UNUSED(argument)
    Q_UNUSED(waiter)
    Q_UNUSED(loop)
    return cancelled ? ResourceStep::raise(cancelledError()) : ResourceStep::done();
}

RecipeError Resource::cancelledError(const QString &message)
{
    return RecipeError{QStringLiteral("asyncio.exceptions.CancelledError"), message, 0, QString(),
                       message.isEmpty() ? QString() : PythonText::stringRepr(message)};
}

FuturePtr Resource::newWaiter(Waiters &waiters, EventLoop &loop)
{
    auto waiter = FuturePtr::make(&loop);
    waiters.push_back(waiter);
    return waiter;
}

bool Resource::removeWaiter(Waiters &waiters, const FuturePtr &waiter)
{
    const auto found = std::find(waiters.begin(), waiters.end(), waiter);
    if (found == waiters.end())
        return false;
    waiters.erase(found);
    return true;
}

QString Resource::waitersRepr(const Waiters &waiters)
{
    return waiters.empty() ? QString() : QStringLiteral(", waiters:%1").arg(waiters.size());
}

} // namespace recipe
