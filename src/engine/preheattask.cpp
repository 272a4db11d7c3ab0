// SPDX-License-Identifier: MIT
#include "preheattask.h"

PreheatTask::PreheatTask(int targetTemperature)
    : m_target(static_cast<qint16>(targetTemperature))
{
}

TaskResumption PreheatTask::resume()
{
    switch (m_state) {
    case TaskState::Waiting:
        // Back from the wait: the loop body's remaining two lines.
        m_temperature = static_cast<qint16>(m_temperature + temperatureStep);
        m_state = TaskState::Running;
        return TaskResumption::report(m_temperature);
    case TaskState::NotStarted:
    case TaskState::Running:
        // Top of the while loop, first entered or after a report.
        if (m_temperature < m_target) {
            m_state = TaskState::Waiting;
            return TaskResumption::wait();
        }
        m_state = TaskState::Done;
        return TaskResumption::finished();
    case TaskState::Done:
    case TaskState::Cancelled:
        break;
    }
    return TaskResumption::finished();
}

void PreheatTask::recordReport(int temperature)
{
    m_temperature = static_cast<qint16>(temperature);
    m_state = TaskState::Running;
}

void PreheatTask::cancel()
{
    if (m_state != TaskState::Done)
        m_state = TaskState::Cancelled;
}

int PreheatTask::stepCount(int targetTemperature)
{
    if (targetTemperature <= startTemperature)
        return 0;
    return (targetTemperature - startTemperature + temperatureStep - 1) / temperatureStep;
}

QString PreheatTask::message(int temperature)
{
    return QStringLiteral("temp is now %1").arg(temperature);
}
