// SPDX-License-Identifier: MIT
#include "mixtask.h"

MixTask::MixTask(int mixCount)
    : m_count(static_cast<qint16>(mixCount))
{
}

TaskResumption MixTask::resume()
{
    switch (m_state) {
    case TaskState::Waiting: {
        // Back from the wait: report this iteration's index.
        const int index = m_done;
        m_done = static_cast<qint16>(m_done + 1);
        m_state = TaskState::Running;
        return TaskResumption::report(index);
    }
    case TaskState::NotStarted:
    case TaskState::Running:
        // Top of the for loop, first entered or after a report.
        if (m_done < m_count) {
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

void MixTask::recordReport(int mixIndex)
{
    // As resume() counts: reporting mix i means i + 1 mixes are done.
    m_done = static_cast<qint16>(mixIndex + 1);
    m_state = TaskState::Running;
}

void MixTask::cancel()
{
    if (m_state != TaskState::Done)
        m_state = TaskState::Cancelled;
}

QString MixTask::message(int mixIndex)
{
    return QStringLiteral("mixing things %1").arg(mixIndex);
}
