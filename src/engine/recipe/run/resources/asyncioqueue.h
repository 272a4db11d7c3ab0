// SPDX-License-Identifier: MIT
#pragma once

#include "asyncioevent.h"
#include "resource.h"

#include <cstdint>

namespace recipe {

struct ListObject;

/**
 * asyncio.Queue(maxsize): items handed from tasks that put to tasks that
 * get, first in, first out, with CPython 3.11's two queues of waiters: a
 * getter waits while it is empty, a putter while it is full (never when
 * maxsize is 0 or less). A woken waiter looks again when it runs and queues
 * anew at the back if another task took its turn. join() waits until
 * task_done() has been called once for every item put.
 */
class AsyncioQueue : public Resource
{
public:
    /// @p maxsize an int or a bool, shown as given (maxsize=True).
    explicit AsyncioQueue(const Value &maxsize);
    ~AsyncioQueue() override;
    std::int64_t maxsize() const { return m_maxsize; }
    std::size_t size() const;
    bool isEmpty() const { return size() == 0; }
    bool isFull() const { return m_maxsize > 0 && std::int64_t(size()) >= m_maxsize; }
    std::int64_t unfinishedTasks() const { return m_unfinishedTasks; }
    QString state() const override;
    /// The items from the first to be got to the last put.
    std::vector<Value> items() const;
    QString repr() const override;
    QString str() const override;
    std::size_t waiterCount() const override;
    ResourceStep call(ResourceMethod method, const Value &argument) override;
    ResourceStep begin(ResourceMethod method, const Value &argument, EventLoop &loop) override;
    ResourceStep resume(ResourceMethod method, const Value &argument, const FuturePtr &waiter, bool cancelled,
                        EventLoop &loop) override;

private:
    ResourceStep putNowait(const Value &item);
    ResourceStep getNowait();
    ResourceStep taskDone();
    /// Wakes the first of @p waiters not done yet, taking it and those done before it off the queue.
    static void wakeUpNext(Waiters &waiters);
    QString format() const;

    /// The items, kept in a recipe list so that a queue holding itself is freed by the recipe's CycleBreaker;
    /// those before m_head have been got already and are dropped a batch at a time.
    Ref<ListObject> m_items;
    std::size_t m_head = 0;
    std::int64_t m_maxsize;
    QString m_maxsizeShown;
    Waiters m_getters;
    Waiters m_putters;
    std::int64_t m_unfinishedTasks = 0;
    /// Set while no task is unfinished: what join() waits on, as CPython's queue keeps an Event.
    Ref<AsyncioEvent> m_finished;
};

} // namespace recipe
