// SPDX-License-Identifier: MIT
#include "asynciolock.h"

#include <algorithm>

namespace recipe {

QString AsyncioLock::repr() const
{
    return QStringLiteral("<%1 object [%2%3]>")
        .arg(qualifiedName(), m_locked ? QStringLiteral("locked") : QStringLiteral("unlocked"), waitersRepr(m_waiters));
}

ResourceStep AsyncioLock::call(ResourceMethod method, const Value &argument)
{
    switch (method) {
    case ResourceMethod::Locked:
        // threading's lock is handed to the waiter a release wakes: it is held again before that waiter runs.
        return ResourceStep::done(
            m_locked
            || (actsAsThreading() && std::any_of(m_waiters.begin(), m_waiters.end(), [](const FuturePtr &waiter) {
                    return waiter->isDone() && !waiter->isCancelled();
                })));
    case ResourceMethod::Release:
        return release();
    default:
        return Resource::call(method, argument);
    }
}

ResourceStep AsyncioLock::begin(ResourceMethod method, const Value &argument, EventLoop &loop)
{
    if (method == ResourceMethod::Exit) {
        // __aexit__ releases, and never swallows the error the block raised.
        ResourceStep released = release();
        return released.kind == ResourceStep::Kind::Raise ? released : ResourceStep::done();
    }
    if (method != ResourceMethod::Acquire && method != ResourceMethod::Enter)
        return Resource::begin(method, argument, loop);
    // Free, and nobody queued but those cancelled: taken at once.
    const bool onlyCancelledWait = std::all_of(m_waiters.begin(), m_waiters.end(),
                                               [](const FuturePtr &waiter) { return waiter->isCancelled(); });
    if (!m_locked && onlyCancelledWait) {
        m_locked = true;
        return ResourceStep::done(method == ResourceMethod::Acquire ? Value(true) : Value());
    }
    return ResourceStep::park(newWaiter(m_waiters, loop));
}

ResourceStep AsyncioLock::resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter, bool cancelled,
                                 EventLoop &loop)
{
    Q_UNUSED(argument)
    Q_UNUSED(loop)
    removeWaiter(m_waiters, waiter);
    if (cancelled) {
        // Woken by a release but cancelled before it ran: the lock goes on to the next in the queue.
        if (!m_locked)
            wakeUpFirst();
        return ResourceStep::raise(cancelledError());
    }
    m_locked = true;
    return ResourceStep::done(method == ResourceMethod::Acquire ? Value(true) : Value());
}

ResourceStep AsyncioLock::release()
{
    if (!m_locked) {
        return ResourceStep::raise(
            {QStringLiteral("RuntimeError"),
             actsAsThreading() ? QStringLiteral("release unlocked lock") : QStringLiteral("Lock is not acquired."),
             0,
             {}});
    }
    m_locked = false;
    wakeUpFirst();
    return ResourceStep::done();
}

void AsyncioLock::wakeUpFirst()
{
    // Only the first: if it is woken already and has not run yet, nobody else is.
    if (!m_waiters.empty() && !m_waiters.front()->isDone())
        m_waiters.front()->setResult(true);
}

} // namespace recipe
