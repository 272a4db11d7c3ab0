// SPDX-License-Identifier: MIT
#include "bowl.h"

Bowl::Bowl(int mixCount)
    : m_count(static_cast<qint16>(mixCount))
{
}

void Bowl::recordReport(int mixIndex)
{
    m_done = static_cast<qint16>(mixIndex + 1);
    m_state = TaskState::Running;
}

void Bowl::cancel()
{
    if (m_state != TaskState::Done)
        m_state = TaskState::Cancelled;
}

QString Bowl::message(int mixIndex)
{
    return QStringLiteral("mixing things %1").arg(mixIndex);
}
