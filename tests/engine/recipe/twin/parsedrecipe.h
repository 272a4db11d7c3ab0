// SPDX-License-Identifier: MIT
#pragma once

#include "parser.h"

#include <QtGlobal>

/// A test's recipe, parsed; one that does not parse is the test's own mistake and stops it.
inline recipe::Module parsedRecipe(const QString &text)
{
    std::vector<recipe::Diagnostic> diagnostics;
    std::optional<recipe::Module> module = recipe::Parser::parse(text, &diagnostics);
    if (!module)
        qFatal("the recipe does not parse: %s", qPrintable(diagnostics.at(0).message));
    return std::move(*module);
}
