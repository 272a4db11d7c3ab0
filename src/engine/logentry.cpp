// SPDX-License-Identifier: MIT
#include "logentry.h"

QString LogEntry::message() const
{
    return task == TaskId::Preheat ? Oven::message(value) : Bowl::message(value);
}

QString LogEntry::text() const
{
    return taskName(task) + QLatin1String(":: ") + message();
}

QString LogEntry::line(LineFormat format) const
{
    QString prefix;
    if (format.timestamps)
        prefix += QStringLiteral("[%1 ms] ").arg(timeMs, 6);
    if (format.cakeNumbers)
        prefix += QStringLiteral("cake %1: ").arg(cake + 1);
    if (thread > 0)
        prefix += QStringLiteral("[%1] ").arg(threadName());
    return prefix + text();
}

QString LogEntry::threadName() const
{
    if (thread <= 0)
        return {};
    return QStringLiteral("Thread-%1 (%2)").arg(thread).arg(taskName(task));
}
