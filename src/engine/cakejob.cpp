// SPDX-License-Identifier: MIT
#include "cakejob.h"

#include <algorithm>

std::optional<CakeJob> CakeJob::of(const QString &function, int engineCake)
{
    // cake.py names its functions as the window names its tasks; the engine counts several cakes from 1.
    for (const TaskId id : {TaskId::Preheat, TaskId::Mix}) {
        if (function == taskName(id))
            return CakeJob{std::max(0, engineCake - 1), id};
    }
    return std::nullopt;
}

std::optional<int> CakeJob::reportedValue(const QString &text)
{
    const QString trimmed = text.trimmed();
    bool ok = false;
    const int value = trimmed.mid(trimmed.lastIndexOf(QLatin1Char(' ')) + 1).toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}
