// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>

/// Which of the two jobs of a bake a task is.
enum class TaskId : quint8 {
    Preheat,
    Mix,
};

/// Where a task stands; the same five states serve every driver.
enum class TaskState : quint8 {
    NotStarted,
    Running, ///< holding the thread: it has just reported
    Waiting, ///< suspended until its timer or sleep ends
    Done,
    Cancelled,
};

/// The name the Python reference gives the task: "preheat", "mix_ingredients".
QString taskName(TaskId task);

/// A short lower-case word for the state, as shown in logs and reports.
QString taskStateName(TaskState state);
