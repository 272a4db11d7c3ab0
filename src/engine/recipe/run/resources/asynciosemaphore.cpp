// SPDX-License-Identifier: MIT
#include "asynciosemaphore.h"

#include <algorithm>
#include <limits>

namespace recipe {

bool AsyncioSemaphore::isLocked() const
{
    return m_value == 0 || std::any_of(m_waiters.begin(), m_waiters.end(), [](const FuturePtr &waiter) {
               return !waiter->isCancelled();
           });
}

QString AsyncioSemaphore::repr() const
{
    const QString state = isLocked() ? QStringLiteral("locked") : QStringLiteral("unlocked, value:%1").arg(m_value);
    return QStringLiteral("<%1 object [%2%3]>").arg(qualifiedName(), state, waitersRepr(m_waiters));
}

ResourceStep AsyncioSemaphore::call(ResourceMethod method, const Value &argument)
{
    switch (method) {
    case ResourceMethod::Locked:
        return ResourceStep::done(isLocked());
    case ResourceMethod::Release:
        return release();
    default:
        return Resource::call(method, argument);
    }
}

Value AsyncioSemaphore::acquired(ResourceMethod method) const
{
    // acquire() gives True; asyncio's __aenter__, which awaits it, None; threading's __enter__ what acquire() gave.
    return method == ResourceMethod::Acquire || actsAsThreading() ? Value(true) : Value();
}

ResourceStep AsyncioSemaphore::begin(ResourceMethod method, const Value &argument, EventLoop &loop)
{
    if (method == ResourceMethod::Exit)
        return release();
    if (method != ResourceMethod::Acquire && method != ResourceMethod::Enter)
        return Resource::begin(method, argument, loop);
    if (actsAsThreading() ? m_value > 0 : !isLocked()) {
        --m_value;
        return ResourceStep::done(acquired(method));
    }
    return ResourceStep::park(newWaiter(m_waiters, loop));
}

ResourceStep AsyncioSemaphore::resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter,
                                      bool cancelled, EventLoop &loop)
{
    Q_UNUSED(argument)
    removeWaiter(m_waiters, waiter);
    if (cancelled) {
        // A wake that came before the cancel took a count for this task: it goes back, to the next waiter.
        if (!waiter->isCancelled()) {
            ++m_value;
            wakeUpNext();
        }
        return ResourceStep::raise(cancelledError());
    }
    if (actsAsThreading()) {
        // threading's `while self._value == 0: self._cond.wait()`: a count taken meanwhile means waiting again.
        if (m_value == 0)
            return ResourceStep::park(newWaiter(m_waiters, loop));
        --m_value;
        return ResourceStep::done(acquired(method));
    }
    if (m_value > 0)
        wakeUpNext();
    return ResourceStep::done(acquired(method));
}

ResourceStep AsyncioSemaphore::release()
{
    // CPython's count has no end; Kitchen Python's ints, and so its counts, stop at 64 bits.
    if (m_value == std::numeric_limits<std::int64_t>::max())
        return ResourceStep::raise(
            {QStringLiteral("OverflowError"), QStringLiteral("integer out of Kitchen Python's 64-bit range"), 0, {}});
    ++m_value;
    wakeUpNext();
    return ResourceStep::done();
}

void AsyncioSemaphore::wakeUpNext()
{
    for (const FuturePtr &waiter : m_waiters) {
        if (!waiter->isDone()) {
            if (!actsAsThreading())
                --m_value;
            waiter->setResult(true);
            return;
        }
    }
}

} // namespace recipe
