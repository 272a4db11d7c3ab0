// SPDX-License-Identifier: MIT
#include "asyncioqueue.h"

#include <algorithm>

namespace recipe {

namespace {
RecipeError queueError(const char *type)
{
    return RecipeError{QLatin1String(type), QString(), 0, QString()};
}
} // namespace

AsyncioQueue::AsyncioQueue(const Value &maxsize)
    : Resource(Kind::Queue)
    , m_items(Ref<ListObject>::make())
    , m_maxsize(maxsize.asInt())
    , m_maxsizeShown(maxsize.repr())
    , m_finished(Ref<AsyncioEvent>::make())
{
    m_finished->set();
}

AsyncioQueue::~AsyncioQueue() = default;

std::size_t AsyncioQueue::size() const
{
    return m_items->items.size() - m_head;
}

std::vector<Value> AsyncioQueue::items() const
{
    return {m_items->items.begin() + std::ptrdiff_t(m_head), m_items->items.end()};
}

std::size_t AsyncioQueue::waiterCount() const
{
    return m_getters.size() + m_putters.size() + m_finished->waiterCount();
}

QString AsyncioQueue::format() const
{
    // A queue that holds itself, shown, would show itself for ever: CPython runs out of recursion there.
    static thread_local std::vector<const AsyncioQueue *> beingShown;
    if (std::find(beingShown.begin(), beingShown.end(), this) != beingShown.end()) {
        markNestingOverflow();
        return QStringLiteral("...");
    }
    QString text = QStringLiteral("maxsize=%1").arg(m_maxsizeShown);
    if (!isEmpty()) {
        beingShown.push_back(this);
        text += QStringLiteral(" _queue=") + Value::list(items()).repr();
        beingShown.pop_back();
    }
    if (!m_getters.empty())
        text += QStringLiteral(" _getters[%1]").arg(m_getters.size());
    if (!m_putters.empty())
        text += QStringLiteral(" _putters[%1]").arg(m_putters.size());
    if (m_unfinishedTasks)
        text += QStringLiteral(" tasks=%1").arg(m_unfinishedTasks);
    return text;
}

QString AsyncioQueue::repr() const
{
    // CPython's has the object's address after the name, which no two runs share.
    return QStringLiteral("<Queue object %1>").arg(format());
}

QString AsyncioQueue::state() const
{
    const QString items = size() == 1 ? QStringLiteral("1 item") : QStringLiteral("%1 items").arg(size());
    const QString most = m_maxsize > 0 ? QStringLiteral(" of %1").arg(m_maxsize) : QString();
    return m_unfinishedTasks == 0 ? items + most
                                  : QStringLiteral("%1%2, %3 unfinished").arg(items, most).arg(m_unfinishedTasks);
}

QString AsyncioQueue::str() const
{
    return QStringLiteral("<Queue %1>").arg(format());
}

ResourceStep AsyncioQueue::call(ResourceMethod method, const Value &argument)
{
    switch (method) {
    case ResourceMethod::PutNowait:
        return putNowait(argument);
    case ResourceMethod::GetNowait:
        return getNowait();
    case ResourceMethod::Qsize:
        return ResourceStep::done(std::int64_t(size()));
    case ResourceMethod::Empty:
        return ResourceStep::done(isEmpty());
    case ResourceMethod::Full:
        return ResourceStep::done(isFull());
    case ResourceMethod::TaskDone:
        return taskDone();
    default:
        return Resource::call(method, argument);
    }
}

ResourceStep AsyncioQueue::begin(ResourceMethod method, const Value &argument, EventLoop &loop)
{
    switch (method) {
    case ResourceMethod::Put:
        return isFull() ? ResourceStep::park(newWaiter(m_putters, loop)) : putNowait(argument);
    case ResourceMethod::Get:
        return isEmpty() ? ResourceStep::park(newWaiter(m_getters, loop)) : getNowait();
    case ResourceMethod::Join:
        if (m_unfinishedTasks > 0) {
            ResourceStep step = m_finished->begin(ResourceMethod::Wait, Value(), loop);
            if (step.kind == ResourceStep::Kind::Done)
                step.result = Value();
            return step;
        }
        return ResourceStep::done();
    default:
        return Resource::begin(method, argument, loop);
    }
}

ResourceStep AsyncioQueue::resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter, bool cancelled,
                                  EventLoop &loop)
{
    if (method == ResourceMethod::Join) {
        ResourceStep step = m_finished->resume(ResourceMethod::Wait, Value(), waiter, cancelled, loop);
        if (step.kind == ResourceStep::Kind::Done)
            step.result = Value();
        return step;
    }
    const bool putting = method == ResourceMethod::Put;
    Waiters &waiters = putting ? m_putters : m_getters;
    if (cancelled) {
        // A wake that came before the cancel passes on to the next waiter, if what it woke for is still there.
        waiter->cancelWaiting();
        removeWaiter(waiters, waiter);
        const bool stillThere = putting ? !isFull() : !isEmpty();
        if (stillThere && !waiter->isCancelled())
            wakeUpNext(waiters);
        return ResourceStep::raise(cancelledError());
    }
    // Woken, it looks again: another task may have taken its turn, and then it queues anew, at the back.
    if (putting)
        return isFull() ? ResourceStep::park(newWaiter(m_putters, loop)) : putNowait(argument);
    return isEmpty() ? ResourceStep::park(newWaiter(m_getters, loop)) : getNowait();
}

ResourceStep AsyncioQueue::putNowait(const Value &item)
{
    if (isFull())
        // The threaded twin's queue.Queue raises queue's own.
        return ResourceStep::raise(queueError(actsAsThreading() ? "queue.Full" : "asyncio.queues.QueueFull"));
    m_items->items.push_back(item);
    ++m_unfinishedTasks;
    m_finished->clear();
    wakeUpNext(m_getters);
    return ResourceStep::done();
}

ResourceStep AsyncioQueue::getNowait()
{
    if (isEmpty())
        return ResourceStep::raise(queueError(actsAsThreading() ? "_queue.Empty" : "asyncio.queues.QueueEmpty"));
    std::vector<Value> &items = m_items->items;
    Value item = std::move(items[m_head]);
    items[m_head] = Value();
    ++m_head;
    // The items got are dropped once they are half the list: each is moved once more, at most.
    if (m_head >= 32 && m_head * 2 >= items.size()) {
        items.erase(items.begin(), items.begin() + std::ptrdiff_t(m_head));
        m_head = 0;
    }
    wakeUpNext(m_putters);
    return ResourceStep::done(std::move(item));
}

ResourceStep AsyncioQueue::taskDone()
{
    if (m_unfinishedTasks <= 0)
        return ResourceStep::raise(
            {QStringLiteral("ValueError"), QStringLiteral("task_done() called too many times"), 0, QString()});
    if (--m_unfinishedTasks == 0)
        m_finished->set();
    return ResourceStep::done();
}

void AsyncioQueue::wakeUpNext(Waiters &waiters)
{
    while (!waiters.empty()) {
        const FuturePtr waiter = std::move(waiters.front());
        waiters.pop_front();
        if (!waiter->isDone()) {
            waiter->setResult(Value());
            return;
        }
    }
}

} // namespace recipe
