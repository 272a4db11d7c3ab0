// SPDX-License-Identifier: MIT
#include "asyncdriver.h"

#include <QThread>

namespace {
constexpr qint64 nsPerMs = 1000000;
}

AsyncDriver::AsyncDriver(QObject *parent)
    : BakeDriver(parent)
{
    // A coarse timer may fire up to 5% early or late; the bake's timing is the point, so ask for precision.
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &AsyncDriver::resumeDueTasks);
}

void AsyncDriver::run()
{
    m_queue.clear();
    // asyncio.gather(preheat(), mix()) starts the tasks in this order, each running to its first await.
    m_resuming = true;
    for (int cake = 0; cake < cakeCount() && !cancelRequested(); ++cake) {
        resumeAndRequeue(cake, TaskId::Preheat);
        resumeAndRequeue(cake, TaskId::Mix);
    }
    m_resuming = false;
    armTimerOrFinish();
}

void AsyncDriver::resumeAndRequeue(int cake, TaskId task)
{
    const Yield yield = resumeTask(cake, task);
    if (yield.kind == TaskResumption::Kind::Wait)
        m_queue.push(yield.wakeNs, quint32(cake), task);
}

void AsyncDriver::resumeDueTasks()
{
    // As in asyncio, what is due is decided once per loop iteration; a task
    // that yields now is due a step later and waits for a later iteration.
    const qint64 now = elapsedNs();
    m_resuming = true;
    while (!cancelRequested() && !m_queue.isEmpty() && m_queue.next().timeNs <= now) {
        const WakeQueue::Wake wake = m_queue.pop();
        resumeAndRequeue(int(wake.cake), wake.task);
    }
    m_resuming = false;
    armTimerOrFinish();
}

void AsyncDriver::armTimerOrFinish()
{
    if (cancelRequested() || m_queue.isEmpty()) {
        m_timer.stop();
        m_queue.clear();
        finish();
        return;
    }
    // Round up: a timer that fires before the wake time would only have to be armed again.
    const qint64 waitNs = std::max<qint64>(0, m_queue.next().timeNs - elapsedNs());
    m_timer.start(int((waitNs + nsPerMs - 1) / nsPerMs));
}

void AsyncDriver::interruptWait()
{
    if (QThread::currentThread() != thread()) {
        QMetaObject::invokeMethod(this, &AsyncDriver::armTimerOrFinish, Qt::QueuedConnection);
        return;
    }
    // Inside a batch of resumptions the batch loop sees the request and finishes.
    if (!m_resuming)
        armTimerOrFinish();
}
