// SPDX-License-Identifier: MIT
#include "oven.h"

Oven::Oven(int targetTemperature)
    : m_target(static_cast<qint16>(targetTemperature))
{
}

void Oven::recordReport(int temperature)
{
    m_temperature = static_cast<qint16>(temperature);
    m_state = TaskState::Running;
}

void Oven::cancel()
{
    if (m_state != TaskState::Done)
        m_state = TaskState::Cancelled;
}

int Oven::stepCount(int targetTemperature)
{
    if (targetTemperature <= startTemperature)
        return 0;
    return (targetTemperature - startTemperature + temperatureStep - 1) / temperatureStep;
}

QString Oven::message(int temperature)
{
    return QStringLiteral("temp is now %1").arg(temperature);
}
