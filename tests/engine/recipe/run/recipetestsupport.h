// SPDX-License-Identifier: MIT
#pragma once

// Shared by the recipe engine's run tests: a recipe written in the test, compiled, or the test stops there.

#include "compiler.h"
#include "interpreter.h"
#include "parser.h"

#include <QByteArray>
#include <QtGlobal>

inline recipe::Program compiledForTest(const QByteArray &source)
{
    std::vector<recipe::Diagnostic> diagnostics;
    const std::optional<recipe::Module> module = recipe::Parser::parseBytes(source, &diagnostics);
    if (!module)
        qFatal("does not parse: %s", qPrintable(diagnostics.front().toString(QStringLiteral("test.py"))));
    std::optional<recipe::Program> program = recipe::Compiler::compile(*module, &diagnostics);
    if (!program)
        qFatal("does not compile: %s", qPrintable(diagnostics.front().toString(QStringLiteral("test.py"))));
    return std::move(*program);
}

/// Hooks on a clock the test owns: time.sleep moves @p now on at once, so a run takes no time at all. With
/// @p tickNs each reading moves it that much too, so that computing takes time (a busy loop on perf_counter ends).
inline recipe::Interpreter::Hooks testClockHooks(qint64 &now, qint64 tickNs = 0)
{
    recipe::Interpreter::Hooks hooks;
    hooks.nowNs = [&now, tickNs] { return now += tickNs; };
    hooks.blockFor = [&now](qint64 ns) { now += ns; };
    return hooks;
}

/// Runs @p interpreter to its end, jumping @p now to each timer instead of waiting for it.
inline recipe::Interpreter::Status runOnTestClock(recipe::Interpreter &interpreter, qint64 &now)
{
    recipe::Interpreter::Status status;
    while ((status = interpreter.advance()) == recipe::Interpreter::Status::Running) {
        const qint64 wait = interpreter.timeUntilNextNs();
        if (wait == std::numeric_limits<qint64>::max())
            break;
        now += wait;
    }
    return status;
}
