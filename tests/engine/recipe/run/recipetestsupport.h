// SPDX-License-Identifier: MIT
#pragma once

// Shared by the recipe engine's run tests: a recipe written in the test, compiled, or the test stops there.

#include "compiler.h"
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
