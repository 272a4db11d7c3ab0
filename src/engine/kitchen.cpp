// SPDX-License-Identifier: MIT
#include "kitchen.h"

Kitchen::Kitchen(int targetTemperature, int mixCount)
    : m_preheat(targetTemperature)
    , m_mix(mixCount)
{
}

TaskResumption Kitchen::resume(TaskId task)
{
    return task == TaskId::Preheat ? m_preheat.resume() : m_mix.resume();
}

void Kitchen::recordReport(TaskId task, int value)
{
    if (task == TaskId::Preheat)
        m_preheat.recordReport(value);
    else
        m_mix.recordReport(value);
}

void Kitchen::setState(TaskId task, TaskState state)
{
    if (task == TaskId::Preheat)
        m_preheat.setState(state);
    else
        m_mix.setState(state);
}

void Kitchen::cancel()
{
    m_preheat.cancel();
    m_mix.cancel();
}

TaskState Kitchen::state(TaskId task) const
{
    return task == TaskId::Preheat ? m_preheat.state() : m_mix.state();
}

bool Kitchen::isFinished() const
{
    const auto ended = [](TaskState s) { return s == TaskState::Done || s == TaskState::Cancelled; };
    return ended(m_preheat.state()) && ended(m_mix.state());
}

qint64 Kitchen::wakeMs(TaskId task) const
{
    if (state(task) != TaskState::Waiting)
        return -1;
    return task == TaskId::Preheat ? m_preheatWakeMs : m_mixWakeMs;
}

void Kitchen::adoptTask(TaskId task, const Kitchen &other)
{
    if (task == TaskId::Preheat) {
        m_preheat = other.m_preheat;
        m_preheatWakeMs = other.m_preheatWakeMs;
    } else {
        m_mix = other.m_mix;
        m_mixWakeMs = other.m_mixWakeMs;
    }
}

void Kitchen::setWakeMs(TaskId task, qint64 ms)
{
    const auto clamped = static_cast<quint32>(qBound<qint64>(0, ms, std::numeric_limits<quint32>::max()));
    (task == TaskId::Preheat ? m_preheatWakeMs : m_mixWakeMs) = clamped;
}
