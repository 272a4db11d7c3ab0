// SPDX-License-Identifier: MIT
#pragma once

#include "bakedriver.h"
#include "wakequeue.h"

#include <QTimer>

/**
 * The non-blocking bake: every task of every cake is a task on the calling
 * thread's event loop, and every wait hands the thread back to the loop.
 *
 * Like asyncio, the driver keeps one queue of wake times ordered by
 * (time, order of yielding) and arms a single precise QTimer for the
 * earliest; when it fires, every task then due is resumed in queue order.
 * One timer per task would not do: Qt searches its timer list linearly, and
 * thirty thousand cakes already took three times too long that way.
 */
class AsyncDriver : public BakeDriver
{
    Q_OBJECT

public:
    explicit AsyncDriver(QObject *parent = nullptr);

    BakeMode mode() const override { return BakeMode::Async; }

    /// The suspended tasks in the order the loop will resume them.
    const WakeQueue &pendingWakes() const { return m_queue; }

protected:
    void run() override;
    void interruptWait() override;

private:
    void resumeDueTasks();
    /// Resumes one task and queues its next wake, if it has one.
    void resumeAndRequeue(int cake, TaskId task);
    void armTimerOrFinish();

    WakeQueue m_queue;
    QTimer m_timer;
    bool m_resuming = false;
};
