// SPDX-License-Identifier: MIT
#include "asynciowaitfor.h"

#include "taskcontrol.h"

#include <cmath>

namespace recipe {

namespace {
constexpr double nsPerSecond = 1e9;

void releaseWaiter(const FuturePtr &waiter)
{
    if (!waiter->isDone())
        waiter->setResult(Value());
}
} // namespace

AsyncioWaitFor::AsyncioWaitFor(TaskControl &control, Value awaitable, Value timeout)
    : Resource(Kind::WaitFor)
    , m_control(control)
    , m_awaitable(std::move(awaitable))
    , m_timeout(std::move(timeout))
{
}

AsyncioWaitFor::~AsyncioWaitFor() = default;

ResourceStep AsyncioWaitFor::outcome()
{
    if (const HeapOptional<RecipeError> &error = m_task->error())
        return ResourceStep::raise(*error);
    return ResourceStep::done(m_task->result());
}

void AsyncioWaitFor::stopTimer()
{
    if (m_timer)
        m_timer->cancel();
    m_timer.reset();
}

ResourceStep AsyncioWaitFor::begin(ResourceMethod method, const Value &argument, EventLoop &loop)
{
    if (method != ResourceMethod::Wait)
        return Resource::begin(method, argument, loop);
    if (!m_timeout.isNumber())
        return ResourceStep::raise(
            {QStringLiteral("TypeError"),
             QStringLiteral("'<=' not supported between instances of '%1' and 'int'").arg(m_timeout.typeName()), 0,
             QString()});
    const double timeoutSeconds = m_timeout.asFloat();
    std::optional<RecipeError> error;
    m_task = m_control.ensureFuture(m_awaitable, error);
    m_awaitable = Value();
    if (!m_task)
        return ResourceStep::raise(*error);
    if (timeoutSeconds <= 0) {
        if (m_task->isDone())
            return outcome();
        return cancelAndWait(Phase::CancellingForTimeout);
    }
    auto waiter = FuturePtr::make(&loop);
    // A deadline past the longest sleep is as good as none; a NaN one, compared false with every time, is due at
    // once, as a timer still.
    const double seconds = std::isnan(timeoutSeconds) ? 0.0 : std::min(timeoutSeconds, 1e9);
    m_timer = loop.callAt(m_control.nowNs() + qint64(seconds * nsPerSecond), [waiter] { releaseWaiter(waiter); });
    m_task->addDoneCallback([self = Ref<AsyncioWaitFor>(this), waiter] {
        if (self->m_taskEndReleases)
            releaseWaiter(waiter);
    });
    return ResourceStep::park(waiter);
}

ResourceStep AsyncioWaitFor::cancelAndWait(Phase phase)
{
    m_phase = phase;
    m_taskEndReleases = false;
    auto ended = FuturePtr::make(&m_control.loop());
    m_task->addDoneCallback([ended] { releaseWaiter(ended); });
    m_control.cancelTask(*m_task);
    return ResourceStep::park(ended);
}

ResourceStep AsyncioWaitFor::resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter,
                                    bool cancelled, EventLoop &loop)
{
    Q_UNUSED(method)
    Q_UNUSED(argument)
    Q_UNUSED(waiter)
    Q_UNUSED(loop)
    switch (m_phase) {
    case Phase::Waiting:
        if (m_task->isDone()) {
            stopTimer();
            return outcome();
        }
        if (cancelled && waiter->isCancelled())
            m_callerCancelMessage = waiter->errorToLog()->message;
        return cancelAndWait(cancelled ? Phase::CancellingForCaller : Phase::CancellingForTimeout);
    case Phase::CancellingForTimeout:
        stopTimer();
        if (cancelled)
            return ResourceStep::raise(cancelledError());
        // A gather's future ends with the CancelledError as a task does, though it is not cancelled() itself.
        if (m_task->errorToLog() && m_task->errorToLog()->type == QLatin1String("asyncio.exceptions.CancelledError")) {
            m_task->error(); // retrieved, as fut.result() does
            return ResourceStep::raise({QStringLiteral("TimeoutError"), QString(), 0, QString()});
        }
        return outcome();
    case Phase::CancellingForCaller:
        stopTimer();
        return ResourceStep::raise(cancelledError(m_callerCancelMessage));
    }
    return ResourceStep::raise(cancelledError());
}

} // namespace recipe
