// SPDX-License-Identifier: MIT
#pragma once

#include "bowl.h"
#include "oven.h"

/**
 * One cake's kitchen as the window shows it: its oven and its mixing bowl,
 * the state of the recipe's task that works each, and when each is due to
 * wake. Copying it is how a log entry keeps a snapshot of the moment it
 * was written, so it stays a small value type (about 20 bytes).
 */
class Kitchen
{
public:
    Kitchen() = default;
    Kitchen(int targetTemperature, int mixCount);

    void cancel();
    /// The recipe's @p task reported @p value and runs.
    void recordReport(TaskId task, int value);
    /// The recipe's @p task waits, ends or is cancelled.
    void setState(TaskId task, TaskState state);

    TaskState state(TaskId task) const;
    bool isFinished() const;

    /// Milliseconds since the bake began at which a waiting task wakes; -1 when it is not waiting.
    qint64 wakeMs(TaskId task) const;
    void setWakeMs(TaskId task, qint64 ms);
    /// Takes @p task's state and wake time from @p other, the copy a worker thread ran it on.
    void adoptTask(TaskId task, const Kitchen &other);

    const Oven &oven() const { return m_oven; }
    const Bowl &bowl() const { return m_bowl; }

private:
    Oven m_oven;
    Bowl m_bowl;
    quint32 m_ovenWakeMs = 0;
    quint32 m_mixWakeMs = 0;
};
