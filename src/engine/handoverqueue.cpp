// SPDX-License-Identifier: MIT
#include "handoverqueue.h"

#include <QElapsedTimer>
#include <QPointer>

HandOverQueue::HandOverQueue(int sliceMs, QObject *parent)
    : QObject(parent)
    , m_sliceMs(sliceMs)
{
}

void HandOverQueue::handOver(std::function<void()> call)
{
    const QMutexLocker locker(&m_lock);
    m_calls.push_back(std::move(call));
    // One run queued at a time: a thousand calls handed over together cost the loop one posted event.
    if (m_runQueued)
        return;
    m_runQueued = true;
    QMetaObject::invokeMethod(this, &HandOverQueue::runSome, Qt::QueuedConnection);
}

void HandOverQueue::runSome()
{
    // A call may end in a slot that deletes the queue's owner, and the queue with it.
    const QPointer<HandOverQueue> alive(this);
    QElapsedTimer slice;
    slice.start();
    do {
        std::function<void()> call;
        {
            const QMutexLocker locker(&m_lock);
            if (m_calls.empty()) {
                m_runQueued = false;
                return;
            }
            call = std::move(m_calls.front());
            m_calls.pop_front();
        }
        call();
        if (!alive)
            return;
    } while (slice.elapsed() < m_sliceMs);
    // The rest after the loop has turned: an event posted now comes after the timers and events already due.
    QMetaObject::invokeMethod(this, &HandOverQueue::runSome, Qt::QueuedConnection);
}
