// SPDX-License-Identifier: MIT
#pragma once

#include "future.h"
#include "recipeerror.h"
#include "value.h"

#include <QtGlobal>

#include <optional>

namespace recipe {

class EventLoop;

/**
 * What asyncio.timeout() and asyncio.wait_for() ask of the interpreter that
 * runs them: its loop and clock, the task running now, and the task
 * methods they call (cancel, uncancel, and ensure_future's making of a
 * task). A lock only ever touches its own waiters; these reach into tasks.
 */
class TaskControl
{
public:
    virtual ~TaskControl() = default;
    virtual EventLoop &loop() = 0;
    /// The loop's clock, in ns.
    virtual qint64 nowNs() = 0;
    /// The task running now, null outside any task (the module's own code).
    virtual Future *currentTask() = 0;
    /// task.cancel(): true when the request was taken.
    virtual bool cancelTask(Future &task) = 0;
    /// task.uncancel(): one cancel request fewer; the requests left.
    virtual int uncancelTask(Future &task) = 0;
    /// asyncio.ensure_future(@p awaitable): a task made of a coroutine, a future as it is; null with @p error set
    /// for anything else.
    virtual FuturePtr ensureFuture(const Value &awaitable, std::optional<RecipeError> &error) = 0;
};

} // namespace recipe
