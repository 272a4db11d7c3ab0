// SPDX-License-Identifier: MIT
#pragma once

#include "taskstate.h"

#include <QList>

#include <deque>
#include <vector>

/**
 * The async driver's list of suspended tasks, ordered as asyncio orders its
 * timers: by wake time, then by the order in which the tasks yielded.
 *
 * Every wait in a bake is the same step counted from a monotonic clock, so
 * wakes nearly always arrive in order; those go to a FIFO at O(1) each.
 * Anything pushed out of order (a shorter wait after a longer one) goes to
 * a binary heap, and pop() takes the earlier of the two heads. That keeps
 * a million cakes' wakes cheap without giving up the general ordering.
 */
class WakeQueue
{
public:
    struct Wake {
        qint64 timeNs;
        quint64 order; ///< position in yield order, the tie-break at equal times
        quint32 cake;
        TaskId task;

        bool runsBefore(const Wake &other) const
        {
            return timeNs != other.timeNs ? timeNs < other.timeNs : order < other.order;
        }
    };

    void push(qint64 timeNs, quint32 cake, TaskId task);

    Wake pop();
    const Wake &next() const;

    bool isEmpty() const { return m_inOrder.empty() && m_outOfOrder.empty(); }
    qsizetype size() const { return qsizetype(m_inOrder.size() + m_outOfOrder.size()); }
    void clear();

    /// The first @p limit pending wakes (all when negative) in the order pop() would return them; for views.
    QList<Wake> pending(qsizetype limit = -1) const;

private:
    bool nextIsInOrder() const;

    std::deque<Wake> m_inOrder;
    std::vector<Wake> m_outOfOrder; ///< a min-heap by runsBefore()
    quint64 m_nextOrder = 0;
};
