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

void AsyncDriver::setStepping(bool on)
{
    if (on == m_stepping)
        return;
    m_stepping = on;
    m_stepsAllowed = 0;
    if (isRunning() && !m_resuming)
        armTimerOrFinish();
}

bool AsyncDriver::step()
{
    if (!isRunning() || m_queue.isEmpty())
        return false;
    ++m_stepsAllowed;
    if (!m_resuming)
        armTimerOrFinish();
    return true;
}

void AsyncDriver::run()
{
    m_queue.clear();
    m_ready.clear();
    m_pausedForStep = false;
    m_stepsAllowed = 0;
    // asyncio.gather(preheat(), mix()) starts the tasks in this order, each running to its first await.
    m_resuming = true;
    for (int cake = 0; cake < cakeCount() && !cancelRequested(); ++cake) {
        resumeAndRequeue(cake, TaskId::Preheat);
        resumeAndRequeue(cake, TaskId::Mix);
    }
    m_resuming = false;
    armTimerOrFinish();
    Q_EMIT queueChanged();
}

void AsyncDriver::resumeAndRequeue(int cake, TaskId task)
{
    if (task == TaskId::Mix && parameters().mixTrap == MixTrap::StirByHand) {
        stirAndRequeue(cake);
        return;
    }
    Yield yield = resumeTask(cake, task);
    if (task == TaskId::Mix && parameters().mixTrap == MixTrap::ForgotToAwait) {
        // time.sleep() in async code: the task never yields, so it runs to its end and the loop waits.
        while (yield.kind == TaskResumption::Kind::Wait && holdThread(stepNs(), false))
            yield = resumeTask(cake, task);
    }
    if (yield.kind == TaskResumption::Kind::Wait)
        m_queue.push(yield.wakeNs, quint32(cake), task);
}

void AsyncDriver::stirAndRequeue(int cake)
{
    // for i in range(count): stir_by_hand(step); print(...); await asyncio.sleep(0)
    // The step is computed on the loop's only thread, so nothing else runs meanwhile; after its line the task
    // yields with nothing to wait for, and what came due while it stirred runs before its next step.
    if (kitchen(cake).state(TaskId::Mix) == TaskState::NotStarted
        && resumeTask(cake, TaskId::Mix).kind != TaskResumption::Kind::Wait)
        return; // nothing to mix
    if (!holdThread(stepNs(), true))
        return;
    // await asyncio.sleep(0): ready at once, behind what is ready already; it runs on the loop's next turn.
    if (resumeTask(cake, TaskId::Mix).kind == TaskResumption::Kind::Wait)
        m_ready.push_back({quint32(cake), TaskId::Mix});
}

void AsyncDriver::runReadyIteration(qint64 now)
{
    // One turn of asyncio's loop once a task can be ready without a timer: the timers due as the turn begins
    // only make their tasks ready, after what is ready already and after what that makes ready; they run on
    // the next turn. That is why a task that stirs by hand pushes the oven back.
    std::vector<Ready> dueTimers;
    while (!m_queue.isEmpty() && m_queue.next().timeNs <= now) {
        const WakeQueue::Wake wake = m_queue.pop();
        dueTimers.push_back({wake.cake, wake.task});
    }
    const std::size_t readyAtStart = m_ready.size();
    for (std::size_t i = 0; i < readyAtStart && !cancelRequested(); ++i) {
        if (m_stepping) {
            if (m_stepsAllowed == 0)
                break;
            --m_stepsAllowed;
        }
        const Ready ready = m_ready.front();
        m_ready.pop_front();
        resumeAndRequeue(int(ready.cake), ready.task);
    }
    m_ready.insert(m_ready.end(), dueTimers.begin(), dueTimers.end());
}

void AsyncDriver::resumeDueTasks()
{
    // As in asyncio, what is due is decided once per loop iteration; a task
    // that yields now is due a step later and waits for a later iteration.
    const qint64 now = elapsedNs();
    m_resuming = true;
    if (parameters().mixTrap == MixTrap::StirByHand) {
        runReadyIteration(now);
        m_resuming = false;
        armTimerOrFinish();
        Q_EMIT queueChanged();
        return;
    }
    while (!cancelRequested() && !m_queue.isEmpty() && m_queue.next().timeNs <= now) {
        if (m_stepping) {
            if (m_stepsAllowed == 0)
                break;
            --m_stepsAllowed;
        }
        const WakeQueue::Wake wake = m_queue.pop();
        resumeAndRequeue(int(wake.cake), wake.task);
    }
    m_resuming = false;
    armTimerOrFinish();
    Q_EMIT queueChanged();
}

void AsyncDriver::armTimerOrFinish()
{
    if (cancelRequested() || (m_queue.isEmpty() && m_ready.empty())) {
        m_timer.stop();
        m_queue.clear();
        m_ready.clear();
        m_pausedForStep = false;
        finish();
        Q_EMIT queueChanged();
        return;
    }
    // A ready task runs on the loop's next turn; otherwise the loop sleeps until the earliest wake.
    const qint64 waitNs = m_ready.empty() ? std::max<qint64>(0, m_queue.next().timeNs - elapsedNs()) : 0;
    const bool heldForStep = m_stepping && m_stepsAllowed == 0;
    if (heldForStep && waitNs == 0) {
        // Due, but held: no timer, or the loop would spin on a zero timeout until the step comes.
        m_timer.stop();
        if (!m_pausedForStep) {
            m_pausedForStep = true;
            Q_EMIT pausedForStep();
        }
        return;
    }
    m_pausedForStep = false;
    // Round up: a timer that fires before the wake time would only have to be armed again.
    m_timer.start(int((wallNs(waitNs) + nsPerMs - 1) / nsPerMs));
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
