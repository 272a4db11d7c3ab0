// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <array>
#include <optional>

/// The ways of running the two tasks that Bakeloop compares.
enum class BakeMode {
    Sync, ///< one after the other, each wait a blocking sleep
    Async, ///< both as tasks on one event loop, each wait a timer
    Threaded, ///< each task's blocking code on a worker thread of its own
};

inline constexpr std::array<BakeMode, 3> allBakeModes{BakeMode::Sync, BakeMode::Async, BakeMode::Threaded};

/// "sync", "async" or "threaded", as on the command line and in reports.
QString bakeModeName(BakeMode mode);
/// "Bake Sync", "Bake Async" or "Bake Threaded", as on the buttons and in log headers.
QString bakeModeTitle(BakeMode mode);
std::optional<BakeMode> bakeModeFromName(const QString &name);
/// Whether the tasks of one cake run one after the other (sync) rather than at the same time.
inline bool runsTasksInTurn(BakeMode mode)
{
    return mode == BakeMode::Sync;
}
