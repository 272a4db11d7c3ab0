// SPDX-License-Identifier: MIT
#pragma once

#include "resource.h"

namespace recipe {

/**
 * asyncio.Lock: one holder at a time, the others queued. As in CPython 3.11,
 * release() hands the lock to the first waiter by waking it, but the lock
 * stays free until that waiter runs; a newcomer in between still queues
 * behind it, as the woken waiter is still in the queue, done but not
 * cancelled.
 *
 * As the threaded twin's threading.Lock (actAsThreading()) a release only
 * wakes the first waiter: whoever asks while the lock is free takes it, the
 * releaser too, and the waiter, finding it taken, waits again at the back.
 */
class AsyncioLock : public Resource
{
public:
    AsyncioLock()
        : Resource(Kind::Lock)
    {
    }
    bool isLocked() const { return m_locked; }
    QString repr() const override;
    QString state() const override { return m_locked ? QStringLiteral("locked") : QStringLiteral("unlocked"); }
    std::size_t waiterCount() const override { return m_waiters.size(); }
    ResourceStep call(ResourceMethod method, const Value &argument) override;
    ResourceStep begin(ResourceMethod method, const Value &argument, EventLoop &loop) override;
    ResourceStep resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter, bool cancelled,
                        EventLoop &loop) override;

private:
    ResourceStep release();
    Value acquired(ResourceMethod method) const;
    void wakeUpFirst();

    Waiters m_waiters;
    bool m_locked = false;
};

} // namespace recipe
