// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <QList>

namespace recipe {

/// A Python exception raised in a running recipe: its type, CPython's message, and where it was raised.
struct RecipeError {
    QString type; ///< "ZeroDivisionError", "asyncio.exceptions.InvalidStateError"
    QString message; ///< "division by zero"; may be empty
    int line = 0;
    QString function; ///< "<module>", or the function's name
    /// The reprs of the arguments a recipe made it with, joined by ", ", for repr(); null for the engine's own
    /// errors, whose one argument is the message.
    QString argumentsRepr = QString();
    /// An ExceptionGroup's exceptions, in order; empty for any other error.
    QList<RecipeError> exceptions = {};
    /// Within a try whose handlers are except*: where this exception (no group) stands among the leaves of the
    /// group the try caught, counted from 1 in the order they are drawn; 0 outside one. CPython knows them by
    /// identity, which a copy here has not. -1 on the group of one that except* wraps a lone exception in.
    int starLeaf = 0;
    /// How many groups deep its innermost exception stands: 0 for a lone exception. ExceptionGroup() refuses to
    /// nest past a bound, as everything done with a group (split, repr, a traceback, freeing it) recurses.
    int nesting = 0;
    /// The part of that group an except* clause took, re-raised as it came (a bare `raise`): CPython puts it
    /// back where it stood in the group rather than beside it as a new exception.
    bool starMatch = false;

    /// The last line of CPython's traceback: "ZeroDivisionError: division by zero".
    QString text() const { return message.isEmpty() ? type : type + QStringLiteral(": ") + message; }
    /// The last line of CPython's whole traceback of it, stripped: text(), or for an exception group the bottom
    /// of the boxes its exceptions are drawn in.
    QString lastLine() const
    {
        return exceptions.empty() ? text() : QStringLiteral("+------------------------------------");
    }
};

} // namespace recipe
