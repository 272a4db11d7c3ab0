// SPDX-License-Identifier: MIT
#pragma once

#include "taskresumption.h"
#include "taskstate.h"

#include <QString>

/**
 * The mixing job as a resumable state machine, equivalent to
 *
 *     for i in 0 .. count-1:
 *         wait one step
 *         report "mix_ingredients:: mixing things <i>"
 *
 * Like PreheatTask it never waits itself; the driver does.
 */
class MixTask
{
public:
    explicit MixTask(int mixCount = 3);

    TaskResumption resume();
    void cancel();
    /// For a driver whose mixing runs elsewhere (the recipe engine's cake.py): it reported mix @p mixIndex and runs.
    void recordReport(int mixIndex);
    /// For such a driver: the task waits, ends, or is cancelled there.
    void setState(TaskState state) { m_state = state; }

    TaskState state() const { return m_state; }
    int mixesDone() const { return m_done; }
    int mixCount() const { return m_count; }

    static int stepCount(int mixCount) { return mixCount > 0 ? mixCount : 0; }
    static QString message(int mixIndex);

private:
    qint16 m_done = 0;
    qint16 m_count;
    TaskState m_state = TaskState::NotStarted;
};
