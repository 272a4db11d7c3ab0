// SPDX-License-Identifier: MIT
#include "wakequeue.h"

#include <algorithm>

namespace {
// std::push_heap builds a max-heap, so "greater" is the wake that runs later.
bool runsLater(const WakeQueue::Wake &a, const WakeQueue::Wake &b)
{
    return b.runsBefore(a);
}
} // namespace

void WakeQueue::push(qint64 timeNs, quint32 cake, TaskId task)
{
    const Wake wake{timeNs, m_nextOrder++, cake, task};
    if (m_inOrder.empty() || m_inOrder.back().timeNs <= timeNs) {
        m_inOrder.push_back(wake);
        return;
    }
    m_outOfOrder.push_back(wake);
    std::push_heap(m_outOfOrder.begin(), m_outOfOrder.end(), runsLater);
}

bool WakeQueue::nextIsInOrder() const
{
    if (m_outOfOrder.empty())
        return true;
    if (m_inOrder.empty())
        return false;
    return m_inOrder.front().runsBefore(m_outOfOrder.front());
}

const WakeQueue::Wake &WakeQueue::next() const
{
    Q_ASSERT(!isEmpty());
    return nextIsInOrder() ? m_inOrder.front() : m_outOfOrder.front();
}

WakeQueue::Wake WakeQueue::pop()
{
    Q_ASSERT(!isEmpty());
    if (nextIsInOrder()) {
        const Wake wake = m_inOrder.front();
        m_inOrder.pop_front();
        return wake;
    }
    std::pop_heap(m_outOfOrder.begin(), m_outOfOrder.end(), runsLater);
    const Wake wake = m_outOfOrder.back();
    m_outOfOrder.pop_back();
    return wake;
}

void WakeQueue::clear()
{
    m_inOrder.clear();
    m_inOrder.shrink_to_fit();
    m_outOfOrder.clear();
    m_outOfOrder.shrink_to_fit();
}

QList<WakeQueue::Wake> WakeQueue::pending(qsizetype limit) const
{
    // The FIFO is in order already; only its first `limit` can be among the first `limit` overall.
    const auto runsBefore = [](const Wake &a, const Wake &b) { return a.runsBefore(b); };
    const std::size_t wanted = limit < 0 ? std::size_t(size()) : std::size_t(limit);
    const std::size_t fromFifo = std::min(wanted, m_inOrder.size());
    QList<Wake> all(m_inOrder.begin(), m_inOrder.begin() + qsizetype(fromFifo));
    all.append(QList<Wake>(m_outOfOrder.begin(), m_outOfOrder.end()));
    std::sort(all.begin(), all.end(), runsBefore);
    if (all.size() > qsizetype(wanted))
        all.resize(qsizetype(wanted));
    return all;
}
