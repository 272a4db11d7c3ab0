// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

/**
 * Lines for the terminal: UTF-8, flushed at once so each shows the moment it
 * happens, even through a pipe. Every write and flush to standard output is
 * checked: a full disk or a closed file behind it is remembered, so the
 * caller can say so and exit non-zero instead of passing for a success.
 */
namespace ConsoleOutput {
/// @p line and a newline on standard output; false when they could not be written in full.
bool printLine(const QString &line);
/// "bakeloop: <message>" on standard error.
void printError(const QString &message);
/// Text as it is on standard error, without the "bakeloop: " prefix: a recipe's diagnostics and tracebacks.
void printErrorText(const QString &text);
/// Text as it is, no newline added, on standard output; false when it could not be written in full.
bool print(const QString &text);
/// "bakeloop: cannot write to standard output: <why>" on standard error.
void printStandardOutputFailure();
} // namespace ConsoleOutput
