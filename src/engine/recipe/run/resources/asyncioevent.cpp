// SPDX-License-Identifier: MIT
#include "asyncioevent.h"

namespace recipe {

void AsyncioEvent::set()
{
    if (m_set)
        return;
    m_set = true;
    for (const FuturePtr &waiter : m_waiters) {
        if (!waiter->isDone())
            waiter->setResult(true);
    }
}

QString AsyncioEvent::repr() const
{
    return QStringLiteral("<%1 object [%2%3]>")
        .arg(qualifiedName(), m_set ? QStringLiteral("set") : QStringLiteral("unset"), waitersRepr(m_waiters));
}

ResourceStep AsyncioEvent::call(ResourceMethod method, const Value &argument)
{
    switch (method) {
    case ResourceMethod::IsSet:
        return ResourceStep::done(m_set);
    case ResourceMethod::Set:
        set();
        return ResourceStep::done();
    case ResourceMethod::Clear:
        clear();
        return ResourceStep::done();
    default:
        return Resource::call(method, argument);
    }
}

ResourceStep AsyncioEvent::begin(ResourceMethod method, const Value &argument, EventLoop &loop)
{
    if (method != ResourceMethod::Wait)
        return Resource::begin(method, argument, loop);
    if (m_set)
        return ResourceStep::done(true);
    return ResourceStep::park(newWaiter(m_waiters, loop));
}

ResourceStep AsyncioEvent::resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter, bool cancelled,
                                  EventLoop &loop)
{
    Q_UNUSED(method)
    Q_UNUSED(argument)
    Q_UNUSED(loop)
    removeWaiter(m_waiters, waiter);
    return cancelled ? ResourceStep::raise(cancelledError()) : ResourceStep::done(true);
}

} // namespace recipe
