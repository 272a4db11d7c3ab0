// SPDX-License-Identifier: MIT
#pragma once

#include "syntaxtree.h"

#include <QString>

namespace recipe {

/// A twin's text, or why the recipe has no such twin (one sentence and where).
struct TwinSource {
    QString text;
    SourceLocation refusedAt;
    QString refusal; ///< empty when there is a twin: "asks a task whether it is done ..."

    bool exists() const { return refusal.isEmpty(); }
    /// The refusal as the command line says it: "FILE:LINE:COL asks a task ...".
    QString refusalIn(const QString &fileName) const
    {
        return QStringLiteral("%1:%2:%3 %4").arg(fileName).arg(refusedAt.line).arg(refusedAt.column).arg(refusal);
    }
};

} // namespace recipe
