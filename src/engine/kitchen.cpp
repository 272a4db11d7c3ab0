// SPDX-License-Identifier: MIT
#include "kitchen.h"

Kitchen::Kitchen(int targetTemperature, int mixCount)
    : m_oven(targetTemperature)
    , m_bowl(mixCount)
{
}

void Kitchen::recordReport(TaskId task, int value)
{
    if (task == TaskId::Preheat)
        m_oven.recordReport(value);
    else
        m_bowl.recordReport(value);
}

void Kitchen::setState(TaskId task, TaskState state)
{
    if (task == TaskId::Preheat)
        m_oven.setState(state);
    else
        m_bowl.setState(state);
}

void Kitchen::cancel()
{
    m_oven.cancel();
    m_bowl.cancel();
}

TaskState Kitchen::state(TaskId task) const
{
    return task == TaskId::Preheat ? m_oven.state() : m_bowl.state();
}

bool Kitchen::isFinished() const
{
    const auto ended = [](TaskState s) { return s == TaskState::Done || s == TaskState::Cancelled; };
    return ended(m_oven.state()) && ended(m_bowl.state());
}

qint64 Kitchen::wakeMs(TaskId task) const
{
    if (state(task) != TaskState::Waiting)
        return -1;
    return task == TaskId::Preheat ? m_ovenWakeMs : m_mixWakeMs;
}

void Kitchen::adoptTask(TaskId task, const Kitchen &other)
{
    if (task == TaskId::Preheat) {
        m_oven = other.m_oven;
        m_ovenWakeMs = other.m_ovenWakeMs;
    } else {
        m_bowl = other.m_bowl;
        m_mixWakeMs = other.m_mixWakeMs;
    }
}

void Kitchen::setWakeMs(TaskId task, qint64 ms)
{
    const auto clamped = static_cast<quint32>(qBound<qint64>(0, ms, std::numeric_limits<quint32>::max()));
    (task == TaskId::Preheat ? m_ovenWakeMs : m_mixWakeMs) = clamped;
}
