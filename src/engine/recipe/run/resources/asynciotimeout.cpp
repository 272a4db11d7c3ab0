// SPDX-License-Identifier: MIT
#include "asynciotimeout.h"

#include "taskcontrol.h"

namespace recipe {

AsyncioTimeout::AsyncioTimeout(TaskControl &control, std::optional<qint64> deadlineNs)
    : Resource(Kind::Timeout)
    , m_control(control)
    , m_deadlineNs(deadlineNs)
{
}

AsyncioTimeout::~AsyncioTimeout() = default;

QString AsyncioTimeout::repr() const
{
    // CPython adds the deadline on the loop's clock while active, which no two runs share.
    static const char *const states[] = {"created", "active", "expiring", "expired", "finished"};
    return QStringLiteral("<Timeout [%1]>").arg(QLatin1String(states[int(m_state)]));
}

ResourceStep AsyncioTimeout::call(ResourceMethod method, const Value &argument)
{
    if (method == ResourceMethod::Expired)
        return ResourceStep::done(m_state == State::Expiring || m_state == State::Expired);
    return Resource::call(method, argument);
}

ResourceStep AsyncioTimeout::begin(ResourceMethod method, const Value &argument, EventLoop &loop)
{
    if (method == ResourceMethod::Enter)
        return enter();
    if (method == ResourceMethod::Exit)
        return exit(argument);
    return Resource::begin(method, argument, loop);
}

ResourceStep AsyncioTimeout::enter()
{
    if (m_state != State::Created)
        return ResourceStep::raise(
            {QStringLiteral("RuntimeError"), QStringLiteral("Timeout has already been entered"), 0, QString()});
    Future *task = m_control.currentTask();
    if (!task)
        return ResourceStep::raise(
            {QStringLiteral("RuntimeError"), QStringLiteral("Timeout should be used inside a task"), 0, QString()});
    m_state = State::Entered;
    m_task = FuturePtr(task);
    m_cancellingAtEntry = task->cancelsRequested();
    if (m_deadlineNs) {
        // A deadline passed already still cancels through the ready queue, as call_soon does it.
        auto expire = [self = Ref<AsyncioTimeout>(this)] { self->expire(); };
        m_timer = *m_deadlineNs <= m_control.nowNs() ? m_control.loop().callSoon(std::move(expire))
                                                     : m_control.loop().callAt(*m_deadlineNs, std::move(expire));
    }
    return ResourceStep::done(Value(Value::Data(Ref<Resource>(this))));
}

void AsyncioTimeout::expire()
{
    if (m_state != State::Entered)
        return;
    m_control.cancelTask(*m_task);
    m_state = State::Expiring;
    m_timer.reset();
}

ResourceStep AsyncioTimeout::exit(const Value &exception)
{
    if (m_timer) {
        m_timer->cancel();
        m_timer.reset();
    }
    ResourceStep step = ResourceStep::done();
    if (m_state == State::Expiring) {
        m_state = State::Expired;
        // The block ended with the CancelledError of this timeout's own cancel, and no other cancel is pending.
        const auto *error = exception.get<Value::ErrorPtr>();
        const bool cancelled = error && (*error)->type == QLatin1String("asyncio.exceptions.CancelledError");
        if (m_control.uncancelTask(*m_task) <= m_cancellingAtEntry && cancelled)
            step = ResourceStep::raise({QStringLiteral("TimeoutError"), QString(), 0, QString()});
    } else if (m_state == State::Entered) {
        m_state = State::Exited;
    }
    m_task.reset(); // the task holds this timeout in its frame: no cycle once the block is left
    return step;
}

} // namespace recipe
