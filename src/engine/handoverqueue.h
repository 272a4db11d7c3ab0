// SPDX-License-Identifier: MIT
#pragma once

#include <QMutex>
#include <QObject>

#include <deque>
#include <functional>

/**
 * Calls handed over from worker threads to the thread this object lives on,
 * run there in the order they came, but no more of them in one go than fit a
 * time slice: a flood (a thousand cakes' threads reporting at the same
 * moment) is told over several turns of the event loop, which stays free to
 * paint and answer in between. It owns the calls not run yet; destroyed, it
 * drops them.
 */
class HandOverQueue : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(HandOverQueue)

public:
    /// Runs calls for at most @p sliceMs (and at least one call) each time the loop comes to it.
    explicit HandOverQueue(int sliceMs, QObject *parent = nullptr);

    /// Safe from any thread: @p call runs on this object's thread, after every call handed over before it.
    void handOver(std::function<void()> call);

private:
    /// On this object's thread: runs the calls waiting, for one slice; queues itself again if some are left.
    void runSome();

    const int m_sliceMs;
    QMutex m_lock;
    std::deque<std::function<void()>> m_calls;
    /// Whether a runSome() is on its way to this thread already; guarded by m_lock.
    bool m_runQueued = false;
};
