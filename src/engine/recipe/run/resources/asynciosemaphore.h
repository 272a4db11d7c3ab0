// SPDX-License-Identifier: MIT
#pragma once

#include "resource.h"

#include <cstdint>

namespace recipe {

/**
 * asyncio.Semaphore(n): up to n holders at once. As CPython 3.11.7 counts,
 * a release that wakes a waiter takes the count for it at once, so a
 * newcomer cannot slip in before the woken task runs; and it is locked()
 * while any waiter still queues.
 *
 * As the threaded twin's threading.Semaphore (actAsThreading()) it counts
 * as threading.py does instead: a release only wakes the first waiter, which
 * looks at the count again when it runs; whoever asks before it, the
 * releaser included, takes the count if it is there.
 */
class AsyncioSemaphore : public Resource
{
public:
    explicit AsyncioSemaphore(std::int64_t value)
        : Resource(Kind::Semaphore)
        , m_value(value)
    {
    }
    std::int64_t value() const { return m_value; }
    bool isLocked() const;
    QString repr() const override;
    QString state() const override { return QStringLiteral("value %1").arg(m_value); }
    /// threading.Semaphore has no locked().
    bool has(ResourceMethod method) const override
    {
        return !(actsAsThreading() && method == ResourceMethod::Locked) && Resource::has(method);
    }
    std::size_t waiterCount() const override { return m_waiters.size(); }
    ResourceStep call(ResourceMethod method, const Value &argument) override;
    ResourceStep begin(ResourceMethod method, const Value &argument, EventLoop &loop) override;
    ResourceStep resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter, bool cancelled,
                        EventLoop &loop) override;

private:
    /// release(), or the OverflowError of a count past 64 bits.
    ResourceStep release();
    void wakeUpNext();
    Value acquired(ResourceMethod method) const;

    Waiters m_waiters;
    std::int64_t m_value;
};

} // namespace recipe
