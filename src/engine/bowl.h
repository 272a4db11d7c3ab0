// SPDX-License-Identifier: MIT
#pragma once

#include "taskstate.h"

#include <QString>

/**
 * One cake's mixing bowl as the window shows it: how many of its mixes are
 * done, how many the recipe asks for, and the state of the task that mixes.
 * The task itself is recipes/cake.py's
 *
 *     for i in range(MIX_COUNT):
 *         await asyncio.sleep(STEP)
 *         print(f"mix_ingredients:: mixing things {i}")
 *
 * run by the recipe engine; the driver records here what it hears. A plain
 * six-byte value type, as Oven is.
 */
class Bowl
{
public:
    explicit Bowl(int mixCount = 3);

    /// The task reported mix @p mixIndex (from 0) and runs: mixIndex + 1 mixes are done.
    void recordReport(int mixIndex);
    /// The task waits, ends or is cancelled.
    void setState(TaskState state) { m_state = state; }
    /// The bake was cancelled: a bowl not yet done is cancelled.
    void cancel();

    TaskState state() const { return m_state; }
    int mixesDone() const { return m_done; }
    int mixCount() const { return m_count; }

    /// How many steps the recipe's loop waits for @p mixCount mixes.
    static int stepCount(int mixCount) { return mixCount > 0 ? mixCount : 0; }
    /// The words of a report of mix @p mixIndex: "mixing things 1".
    static QString message(int mixIndex);

private:
    qint16 m_done = 0;
    qint16 m_count;
    TaskState m_state = TaskState::NotStarted;
};
