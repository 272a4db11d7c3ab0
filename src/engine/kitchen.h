// SPDX-License-Identifier: MIT
#pragma once

#include "mixtask.h"
#include "preheattask.h"

/**
 * One cake's kitchen: its oven task, its mixing task and when each is due
 * to wake. Copying it is how a log entry keeps a snapshot of the moment it
 * was written, so it stays a small value type (about 20 bytes).
 */
class Kitchen
{
public:
    Kitchen() = default;
    Kitchen(int targetTemperature, int mixCount);

    TaskResumption resume(TaskId task);
    void cancel();
    /// For a driver whose tasks run elsewhere (the recipe engine): @p task reported @p value and runs.
    void recordReport(TaskId task, int value);
    /// For such a driver: @p task waits, ends or is cancelled there.
    void setState(TaskId task, TaskState state);

    TaskState state(TaskId task) const;
    bool isFinished() const;

    /// Milliseconds since the bake began at which a waiting task wakes; -1 when it is not waiting.
    qint64 wakeMs(TaskId task) const;
    void setWakeMs(TaskId task, qint64 ms);
    /// Takes @p task's state and wake time from @p other, the copy a worker thread ran it on.
    void adoptTask(TaskId task, const Kitchen &other);

    const PreheatTask &oven() const { return m_preheat; }
    const MixTask &bowl() const { return m_mix; }

private:
    PreheatTask m_preheat;
    MixTask m_mix;
    quint32 m_preheatWakeMs = 0;
    quint32 m_mixWakeMs = 0;
};
