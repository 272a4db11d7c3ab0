// SPDX-License-Identifier: MIT
#pragma once

#include "taskstate.h"

#include <QString>

/**
 * One cake's oven as the window shows it: the temperature the recipe's
 * preheat() last reported, the target it heats to, and the state of the task
 * that heats it. The task itself is recipes/cake.py's
 *
 *     temp = 100
 *     while temp < TARGET_TEMP:
 *         await asyncio.sleep(STEP)
 *         temp = temp + 100
 *         print(f"preheat:: temp is now {temp}")
 *
 * run by the recipe engine; the driver records here what it hears. A plain
 * six-byte value type, so that a million cakes' ovens, and the snapshot each
 * log line keeps, fit in a few megabytes.
 */
class Oven
{
public:
    static constexpr int startTemperature = 100;
    static constexpr int temperatureStep = 100;

    explicit Oven(int targetTemperature = 400);

    /// The task reported @p temperature and runs.
    void recordReport(int temperature);
    /// The task waits, ends or is cancelled.
    void setState(TaskState state) { m_state = state; }
    /// The bake was cancelled: an oven not yet done is cancelled.
    void cancel();

    TaskState state() const { return m_state; }
    int temperature() const { return m_temperature; }
    int targetTemperature() const { return m_target; }

    /// How many steps the recipe's loop waits for @p targetTemperature (475 gives 4).
    static int stepCount(int targetTemperature);
    /// The words of a report of @p temperature: "temp is now 300".
    static QString message(int temperature);

private:
    qint16 m_temperature = startTemperature;
    qint16 m_target;
    TaskState m_state = TaskState::NotStarted;
};
