// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

/// Lines for the terminal: UTF-8, flushed at once so each shows the moment it happens, even through a pipe.
namespace ConsoleOutput {
void printLine(const QString &line);
/// "bakeloop: <message>" on standard error.
void printError(const QString &message);
/// Text as it is, no newline added, on standard output.
void print(const QString &text);
} // namespace ConsoleOutput
