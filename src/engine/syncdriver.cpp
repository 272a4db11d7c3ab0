// SPDX-License-Identifier: MIT
#include "syncdriver.h"

#include <chrono>

SyncDriver::SyncDriver(QObject *parent)
    : BakeDriver(parent)
{
}

void SyncDriver::run()
{
    for (const TaskId task : {TaskId::Preheat, TaskId::Mix}) {
        Yield yield = resumeTask(0, task);
        // Stirring by hand computes through the step instead of sleeping; to a blocking bake it is all one.
        const bool stirs = task == TaskId::Mix && parameters().mixTrap == MixTrap::StirByHand;
        while (yield.kind == TaskResumption::Kind::Wait
               && (stirs ? holdThread(yield.wakeNs - elapsedNs(), true) : sleepUntil(yield.wakeNs)))
            yield = resumeTask(0, task);
        if (cancelRequested())
            break;
    }
    finish();
}

bool SyncDriver::sleepUntil(qint64 wakeNs)
{
    const auto remaining = std::chrono::nanoseconds(wallNs(std::max<qint64>(0, wakeNs - elapsedNs())));
    std::unique_lock lock(m_mutex);
    m_wakeUp.wait_for(lock, remaining, [this] { return cancelRequested(); });
    return !cancelRequested();
}

void SyncDriver::interruptWait()
{
    // Taking the lock orders the flag before the wait's predicate check.
    std::lock_guard lock(m_mutex);
    m_wakeUp.notify_all();
}
