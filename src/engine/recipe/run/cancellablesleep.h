// SPDX-License-Identifier: MIT
#pragma once

#include "recipeerror.h"

#include <QMutex>
#include <QtGlobal>
#include <QWaitCondition>

#include <atomic>

namespace recipe {

/**
 * The blocking sleeps of a recipe's run, which another thread can cut
 * short: cancel() ends the sleep in progress at once, and every later one
 * before it begins. A driver holds its thread with it for time.sleep() or
 * for its loop's next timer, and asks isCancelled() from its interruption
 * hook, so the recipe stops there too.
 */
class CancellableSleep
{
    Q_DISABLE_COPY_MOVE(CancellableSleep)

public:
    CancellableSleep() = default;

    /// Holds the calling thread for @p wallNs (none when it is not positive), or until cancel(): false when cancelled.
    bool sleepFor(qint64 wallNs);
    /// Safe from any thread; it stays cancelled.
    void cancel();
    bool isCancelled() const { return m_cancelled.load(std::memory_order_acquire); }
    /// What a cancelled run ends with: asyncio's CancelledError.
    static RecipeError cancelledError();

private:
    std::atomic<bool> m_cancelled{false};
    QMutex m_lock;
    QWaitCondition m_wake;
};

} // namespace recipe
