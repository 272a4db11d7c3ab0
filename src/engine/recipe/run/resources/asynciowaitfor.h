// SPDX-License-Identifier: MIT
#pragma once

#include "eventloop.h"
#include "resource.h"

namespace recipe {

class TaskControl;

/**
 * One call of asyncio.wait_for(aw, timeout) as CPython 3.11 runs it, for a
 * timeout that is a number (None awaits aw as it is, which the interpreter
 * does itself). aw becomes a task; the caller waits on a waiter future that
 * the task's end or a timer releases, whichever comes first; at the timer,
 * the task is cancelled and waited for, and its CancelledError becomes
 * TimeoutError. A timeout of 0 or less cancels at once unless aw is done.
 * Cancelling the caller cancels the task too.
 */
class AsyncioWaitFor : public Resource
{
public:
    /// @p timeout must be a number or None; None is the interpreter's to await as aw itself.
    AsyncioWaitFor(TaskControl &control, Value awaitable, Value timeout);
    bool hasTimeout() const { return !m_timeout.isNone(); }
    const Value &awaitable() const { return m_awaitable; }
    ~AsyncioWaitFor() override;
    QString repr() const override { return QStringLiteral("<wait_for>"); }
    std::size_t waiterCount() const override { return 0; }
    ResourceStep begin(ResourceMethod method, const Value &argument, EventLoop &loop) override;
    ResourceStep resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter, bool cancelled,
                        EventLoop &loop) override;

private:
    enum class Phase {
        Waiting, ///< for the task's end or the timer
        CancellingForTimeout, ///< the timer came first: the task is cancelled and waited for
        CancellingForCaller, ///< the caller was cancelled: so is the task, and waited for
    };
    /// The task's result, or its error raised.
    ResourceStep outcome();
    /// _cancel_and_wait(): the task is cancelled, and the caller parks until it has ended.
    ResourceStep cancelAndWait(Phase phase);
    void stopTimer();

    TaskControl &m_control;
    Value m_awaitable;
    Value m_timeout;
    Phase m_phase = Phase::Waiting;
    FuturePtr m_task;
    EventLoop::HandlePtr m_timer;
    /// Whether the task's end still releases the waiter: remove_done_callback() turns this off.
    bool m_taskEndReleases = true;
    /// The message of the cancel(msg) of the task that waits, which the CancelledError it ends with carries.
    QString m_callerCancelMessage;
};

} // namespace recipe
