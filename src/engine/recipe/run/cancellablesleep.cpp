// SPDX-License-Identifier: MIT
#include "cancellablesleep.h"

#include <QDeadlineTimer>

#include <algorithm>

namespace recipe {

RecipeError CancellableSleep::cancelledError()
{
    return {QStringLiteral("CancelledError"), QStringLiteral("the bake was cancelled"), 0, QString()};
}

void CancellableSleep::cancel()
{
    // Under the lock, so a sleeper between its look at the flag and its wait cannot miss the wake.
    const QMutexLocker locker(&m_lock);
    m_cancelled.store(true, std::memory_order_release);
    m_wake.wakeAll();
}

bool CancellableSleep::sleepFor(qint64 wallNs)
{
    constexpr qint64 nsPerSecond = 1000000000;
    const qint64 ns = std::max<qint64>(0, wallNs);
    QMutexLocker locker(&m_lock);
    QDeadlineTimer deadline(Qt::PreciseTimer);
    deadline.setPreciseRemainingTime(ns / nsPerSecond, ns % nsPerSecond, Qt::PreciseTimer);
    while (!isCancelled()) {
        if (!m_wake.wait(&m_lock, deadline))
            return true;
    }
    return false;
}

} // namespace recipe
