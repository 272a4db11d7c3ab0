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
        return ResourceStep::done(m_locked);
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
    // threading's lock goes to whoever asks while it is free, the releaser too, before the waiter it woke runs.
    if (!m_locked && (onlyCancelledWait || actsAsThreading())) {
        m_locked = true;
        return ResourceStep::done(acquired(method));
    }
    return ResourceStep::park(newWaiter(m_waiters, loop));
}

ResourceStep AsyncioLock::resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter, bool cancelled,
                                 EventLoop &loop)
{
    Q_UNUSED(argument)
    removeWaiter(m_waiters, waiter);
    if (cancelled) {
        // Woken by a release but cancelled before it ran: the lock goes on to the next in the queue.
        if (!m_locked)
            wakeUpFirst();
        return ResourceStep::raise(cancelledError());
    }
    // As threading's: taken meanwhile, it waits again, at the back.
    if (actsAsThreading() && m_locked)
        return ResourceStep::park(newWaiter(m_waiters, loop));
    m_locked = true;
    return ResourceStep::done(acquired(method));
}

Value AsyncioLock::acquired(ResourceMethod method) const
{
    // acquire() gives True; asyncio's __aenter__ None, threading's __enter__ what acquire() gave.
    return method == ResourceMethod::Acquire || actsAsThreading() ? Value(true) : Value();
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
