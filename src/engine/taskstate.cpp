// SPDX-License-Identifier: MIT
#include "taskstate.h"

QString taskName(TaskId task)
{
    switch (task) {
    case TaskId::Preheat:
        return QStringLiteral("preheat");
    case TaskId::Mix:
        return QStringLiteral("mix_ingredients");
    }
    Q_UNREACHABLE();
    return {};
}

QString taskStateName(TaskState state)
{
    switch (state) {
    case TaskState::NotStarted:
        return QStringLiteral("not started");
    case TaskState::Running:
        return QStringLiteral("running");
    case TaskState::Waiting:
        return QStringLiteral("waiting");
    case TaskState::Done:
        return QStringLiteral("done");
    case TaskState::Cancelled:
        return QStringLiteral("cancelled");
    }
    Q_UNREACHABLE();
    return {};
}
