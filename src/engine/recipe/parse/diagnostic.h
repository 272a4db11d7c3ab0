// SPDX-License-Identifier: MIT
#pragma once

#include "syntaxtree.h"

#include <QString>

namespace recipe {

/// One problem found in a recipe before it runs, with where it is: "cake.py:3:5: error: what".
struct Diagnostic {
    SourceLocation at;
    QString message;

    /// As a compiler writes it, for @p fileName.
    QString toString(const QString &fileName) const
    {
        return QStringLiteral("%1:%2:%3: error: %4").arg(fileName).arg(at.line).arg(at.column).arg(message);
    }
};

} // namespace recipe
