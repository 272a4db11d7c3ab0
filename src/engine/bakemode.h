// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

/// The ways of running the two tasks that Bakeloop compares.
enum class BakeMode {
    Sync, ///< one after the other, each wait a blocking sleep
    Async, ///< both as tasks on one event loop, each wait a timer
};

/// "sync" or "async", as on the command line and in reports.
QString bakeModeName(BakeMode mode);
/// "Bake Sync" or "Bake Async", as on the buttons and in log headers.
QString bakeModeTitle(BakeMode mode);
std::optional<BakeMode> bakeModeFromName(const QString &name);
