// SPDX-License-Identifier: MIT
#pragma once

#include "eventloop.h"
#include "resource.h"

#include <optional>

namespace recipe {

class TaskControl;

/**
 * asyncio.timeout(delay), the context manager of CPython 3.11: its
 * deadline is fixed when it is made; entering it sets a timer that cancels
 * the task inside; leaving it takes the timer back, and if the timer did
 * cancel the task (and no other cancel is pending, as uncancel() counts),
 * turns the CancelledError that ends the block into TimeoutError.
 */
class AsyncioTimeout : public Resource
{
public:
    /// @p deadlineNs on the loop's clock, or none for a timeout that never comes.
    AsyncioTimeout(TaskControl &control, std::optional<qint64> deadlineNs);
    ~AsyncioTimeout() override;
    QString repr() const override;
    std::size_t waiterCount() const override { return 0; }
    ResourceStep call(ResourceMethod method, const Value &argument) override;
    /// Enter (the timeout itself, for `as`) and Exit (@p argument the exception that ends the block, or None).
    ResourceStep begin(ResourceMethod method, const Value &argument, EventLoop &loop) override;

private:
    enum class State { Created, Entered, Expiring, Expired, Exited };
    ResourceStep enter();
    ResourceStep exit(const Value &exception);
    void expire();

    TaskControl &m_control;
    std::optional<qint64> m_deadlineNs;
    State m_state = State::Created;
    FuturePtr m_task;
    /// The task's cancel requests as it entered: only a cancel beyond them is this timeout's own (CPython 3.11.7).
    int m_cancellingAtEntry = 0;
    EventLoop::HandlePtr m_timer;
};

} // namespace recipe
