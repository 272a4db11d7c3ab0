// SPDX-License-Identifier: MIT
#pragma once

/// What bakeloop's exit status means, the same for a headless bake and for the window's scripted runs.
namespace ExitStatus {
constexpr int success = 0;
/// The bake did not run to its end: cancelled, its window closed, or the system refused its threads.
constexpr int cutShort = 1;
/// A bad flag, or an output (standard output, a report, an export, a screenshot) that could not be written.
constexpr int badFlagOrOutput = 2;
} // namespace ExitStatus
