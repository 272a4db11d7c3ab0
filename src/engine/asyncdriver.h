// SPDX-License-Identifier: MIT
#pragma once

#include "bakedriver.h"
#include "wakequeue.h"

#include <QTimer>

#include <deque>
#include <vector>

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

    /**
     * Step mode: the loop pauses before each task resumption until step() is
     * called, so a class can watch the queue one resumption at a time. The
     * bake's clock runs on meanwhile, as a debugger's would. Turning it off
     * resumes everything that has come due, in queue order.
     */
    void setStepping(bool on);
    bool isStepping() const { return m_stepping; }
    /// Whether the next resumption is due and held back for a step.
    bool isPausedForStep() const { return m_pausedForStep; }
    /// Lets exactly one more task resume, now if it is due or else when it is. False when nothing is pending.
    bool step();

Q_SIGNALS:
    /// The queue of suspended tasks changed: a task resumed, yielded or was cancelled.
    void queueChanged();
    /// Step mode holds back the queue's next task, which is due now.
    void pausedForStep();

protected:
    void run() override;
    void interruptWait() override;

private:
    void resumeDueTasks();
    /// Resumes one task and queues its next wake, if it has one.
    void resumeAndRequeue(int cake, TaskId task);
    /// The mixing task when it stirs by hand: computes a step on this thread, reports, and yields ready at once.
    void stirAndRequeue(int cake);
    /// One loop iteration with a ready queue, as asyncio runs it; used once a task may yield with nothing to wait for.
    void runReadyIteration(qint64 now);
    void armTimerOrFinish();

    WakeQueue m_queue;
    QTimer m_timer;
    /// Tasks ready to run on the loop's next turn, in order: asyncio's ready queue (stir-by-hand bakes only).
    struct Ready {
        quint32 cake;
        TaskId task;
    };
    std::deque<Ready> m_ready;
    bool m_resuming = false;
    bool m_stepping = false;
    bool m_pausedForStep = false;
    int m_stepsAllowed = 0;
};
