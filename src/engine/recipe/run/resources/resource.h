// SPDX-License-Identifier: MIT
#pragma once

#include "future.h"
#include "recipeerror.h"
#include "ref.h"
#include "value.h"

#include <QString>

#include <deque>
#include <optional>

namespace recipe {

class EventLoop;

/**
 * What an awaited method of a resource does next: it is done with a value,
 * it raises, or it parks its task on a future the resource keeps among its
 * waiters and resumes once that future is done (or cancelled).
 */
struct ResourceStep {
    enum class Kind { Done, Raise, Park };
    Kind kind = Kind::Done;
    Value result;
    std::optional<RecipeError> error;
    FuturePtr waitOn;

    static ResourceStep done(Value result = Value());
    static ResourceStep raise(RecipeError error);
    static ResourceStep park(FuturePtr future);
};

/**
 * One of asyncio's objects that tasks share and wait on: a Lock, a
 * Semaphore, an Event or a Queue. Each keeps CPython 3.11's own state (a
 * flag, a counter, items) and its queue of waiters, futures served first
 * come, first served, so that the order tasks are woken in is CPython's.
 * An awaited method runs as CPython's coroutine does, in two halves: begin()
 * up to its `await fut`, resume() after it, when the task wakes; the
 * interpreter parks the task between them as it parks a task on any future.
 * A waiter's done callback holds its task, whose frames hold the resource:
 * the recipe's CycleBreaker, which empties every future, undoes that cycle.
 */
class Resource : public RefCounted
{
public:
    /// The shared resources, then the two of timeouts: asyncio.timeout()'s manager and a call of wait_for().
    enum class Kind : std::uint8_t { Lock, Semaphore, Event, Queue, Timeout, WaitFor, TaskGroup };
    explicit Resource(Kind kind)
        : m_kind(kind)
    {
    }
    Kind kind() const { return m_kind; }
    /// From now on, the resource stands for its twin in threading or queue (the threaded twin's): a lock's
    /// error says so as threading's does, and a semaphore counts as threading's.
    void actAsThreading() { m_threading = true; }
    bool actsAsThreading() const { return m_threading; }
    /// The class's name, as type() gives it: 'Lock'.
    QString typeName() const;
    /// Where asyncio defines the class, for repr(): 'asyncio.locks.Lock'.
    QString qualifiedName() const;
    /// repr(): CPython's, but for the object's address, which no two runs share.
    virtual QString repr() const = 0;
    /// str(): repr() but where CPython's class says otherwise (Queue).
    virtual QString str() const { return repr(); }

    /// Whether a recipe may call @p method on this kind of resource.
    virtual bool has(ResourceMethod method) const;
    /// Whether @p method is a coroutine, which the recipe must await, rather than a plain method.
    static bool isCoroutine(ResourceMethod method);
    /// Whether a recipe reaches @p method as an attribute: __aenter__ and __aexit__ only `async with` calls.
    static bool isReachable(ResourceMethod method)
    {
        return method != ResourceMethod::Enter && method != ResourceMethod::Exit;
    }
    /// The name a recipe calls @p method by.
    static QString nameOf(ResourceMethod method);

    /// A plain method's call with @p argument (None when it takes none): its result, or the error it raises.
    virtual ResourceStep call(ResourceMethod method, const Value &argument);
    /// An awaited method up to its first wait, or to its end when it need not wait.
    virtual ResourceStep begin(ResourceMethod method, const Value &argument, EventLoop &loop);
    /// The same method after its task woke from @p waiter: with the CancelledError when @p cancelled (the waiter
    /// was cancelled, or the task was while woken but not yet running), else as the waiter's result came.
    virtual ResourceStep resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter, bool cancelled,
                                EventLoop &loop);

    /// The blocking twin's RuntimeError for @p method ("Lock.acquire") when it would wait: one thread cannot
    /// wait for another to release, set or fill what it waits for. Its prologue raises the same words.
    static QString waitsForItself(const QString &method)
    {
        return QStringLiteral("%1() would wait for ever: the blocking twin's one thread cannot wait for itself")
            .arg(method);
    }

    /// What a window shows of it, short: "locked", "value 2", "set", "3 items, 1 unfinished"; empty for the
    /// timeouts and task groups, which nobody shares.
    virtual QString state() const { return QString(); }
    /// Its number among the resources its run made, counted from 1 (0 until the interpreter numbers it), by which
    /// an InterpreterObserver knows it.
    int number() const { return m_number; }
    void setNumber(int number) { m_number = number; }

    /// How many futures wait on the resource now, cancelled ones included, as CPython's deques hold them.
    virtual std::size_t waiterCount() const = 0;

protected:
    using Waiters = std::deque<FuturePtr>;
    /// CancelledError(@p message), or CancelledError() without one.
    static RecipeError cancelledError(const QString &message = QString());
    /// A new future on @p loop, queued at the back of @p waiters.
    static FuturePtr newWaiter(Waiters &waiters, EventLoop &loop);
    /// Takes @p waiter out of @p waiters wherever it stands, as deque.remove(); false when it was not there.
    static bool removeWaiter(Waiters &waiters, const FuturePtr &waiter);
    /// ", waiters:N" for a lock's, a semaphore's or an event's repr() when any wait, as CPython adds it.
    static QString waitersRepr(const Waiters &waiters);

private:
    Kind m_kind;
    bool m_threading = false;
    int m_number = 0;
};

} // namespace recipe
