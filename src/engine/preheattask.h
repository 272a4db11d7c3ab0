// SPDX-License-Identifier: MIT
#pragma once

#include "taskresumption.h"
#include "taskstate.h"

#include <QString>

/**
 * The oven job as a resumable state machine, equivalent to
 *
 *     temp = 100
 *     while temp < target:
 *         wait one step
 *         temp += 100
 *         report "preheat:: temp is now <temp>"
 *
 * It never waits itself: resume() runs to the next report, wait or end and
 * says which, so the caller decides whether a wait blocks or yields. A plain
 * six-byte value type, so a million cakes' ovens fit in a few megabytes.
 */
class PreheatTask
{
public:
    static constexpr int startTemperature = 100;
    static constexpr int temperatureStep = 100;

    explicit PreheatTask(int targetTemperature = 400);

    TaskResumption resume();
    void cancel();
    /// For a driver whose oven runs elsewhere (the recipe engine's cake.py): it reported @p temperature and runs.
    void recordReport(int temperature);
    /// For such a driver: the task waits, ends, or is cancelled there.
    void setState(TaskState state) { m_state = state; }

    TaskState state() const { return m_state; }
    int temperature() const { return m_temperature; }
    int targetTemperature() const { return m_target; }

    /// How many waits the loop above makes for this target (475 gives 4).
    static int stepCount(int targetTemperature);
    static QString message(int temperature);

private:
    qint16 m_temperature = startTemperature;
    qint16 m_target;
    TaskState m_state = TaskState::NotStarted;
};
