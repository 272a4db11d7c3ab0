// SPDX-License-Identifier: MIT
#pragma once

#include "frame.h"
#include "neverawaitedcoroutines.h"
#include "ref.h"
#include "resource.h"

#include <memory>

namespace recipe {

/**
 * What calling an async function (or asyncio.sleep, or a resource's
 * coroutine method such as lock.acquire()) gives: a call that has not
 * started. Awaiting it runs it inside the awaiting task; a task runs it as
 * its own. It can be awaited once.
 */
class Coroutine : public RefCounted
{
public:
    /// A coroutine of recipe code, its frame ready at the first instruction.
    explicit Coroutine(std::unique_ptr<Frame> frame)
        : m_frame(std::move(frame))
    {
    }
    /// asyncio.sleep(seconds): waits, then gives None. Zero or less yields one loop turn.
    static Ref<Coroutine> sleep(double seconds, Value result = Value())
    {
        auto coroutine = Ref<Coroutine>::make(nullptr);
        coroutine->m_isSleep = true;
        coroutine->m_sleepSeconds = seconds;
        coroutine->m_argument = std::move(result);
        return coroutine;
    }
    /// @p resource's coroutine method @p method, called with @p argument (the item of a queue's put()).
    static Ref<Coroutine> ofResource(Ref<Resource> resource, ResourceMethod method, Value argument = Value())
    {
        auto coroutine = Ref<Coroutine>::make(nullptr);
        coroutine->m_resource = std::move(resource);
        coroutine->m_method = method;
        coroutine->m_argument = std::move(argument);
        return coroutine;
    }

    /// A coroutine freed before anything awaited it: CPython's RuntimeWarning, for whoever listens.
    ~Coroutine()
    {
        if (!m_awaited && NeverAwaitedCoroutines::isListening())
            NeverAwaitedCoroutines::coroutineFreed(name());
    }
    Coroutine(const Coroutine &) = delete;
    Coroutine &operator=(const Coroutine &) = delete;

    bool isSleep() const { return m_isSleep; }
    double sleepSeconds() const { return m_sleepSeconds; }
    /// What awaiting the sleep gives: asyncio.sleep's second argument, None by default.
    const Value &sleepResult() const { return m_argument; }
    /// The resource whose method this is, or null for any other coroutine.
    const Ref<Resource> &resource() const { return m_resource; }
    ResourceMethod resourceMethod() const { return m_method; }
    const Value &resourceArgument() const { return m_argument; }
    QString name() const
    {
        // __aenter__ of a lock or a semaphore awaits its acquire(), which is where a task waits in it.
        if (m_resource && m_resource->kind() == Resource::Kind::WaitFor)
            return QStringLiteral("wait_for");
        if (m_resource)
            return m_resource->typeName() + QLatin1Char('.')
                + Resource::nameOf(m_method == ResourceMethod::Enter ? ResourceMethod::Acquire : m_method);
        return m_isSleep ? QStringLiteral("sleep") : m_frame ? m_frame->code->name : QString();
    }
    /// Hands the frame over to whoever runs the coroutine; null once taken (it was awaited already).
    std::unique_ptr<Frame> takeFrame() { return std::move(m_frame); }
    bool wasAwaited() const { return m_awaited; }
    void markAwaited() { m_awaited = true; }
    /// Another call of the same function with the same argument values, not started (--cakes makes its copies
    /// so); null once this one has started.
    Ref<Coroutine> freshCopy() const
    {
        if (m_isSleep)
            return sleep(m_sleepSeconds, m_argument);
        if (m_resource)
            return ofResource(m_resource, m_method, m_argument);
        if (m_awaited || !m_frame)
            return nullptr;
        return Ref<Coroutine>::make(Frame::copyOf(*m_frame));
    }

private:
    std::unique_ptr<Frame> m_frame;
    bool m_isSleep = false;
    double m_sleepSeconds = 0;
    /// What asyncio.sleep gives, or what a resource's method was called with.
    Value m_argument;
    Ref<Resource> m_resource;
    ResourceMethod m_method = ResourceMethod::Acquire;
    bool m_awaited = false;
};

} // namespace recipe
