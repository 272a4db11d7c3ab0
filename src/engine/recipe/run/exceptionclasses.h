// SPDX-License-Identifier: MIT
#pragma once

#include "recipeerror.h"
#include "value.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace recipe {

/**
 * The exception classes of Kitchen Python: CPython's built-in ones that a
 * recipe meets (those the engine raises, and those a recipe raises itself),
 * with CPython's hierarchy, so that `except ArithmeticError` catches a
 * ZeroDivisionError and `except Exception` everything but what derives from
 * BaseException alone. A class is a Builtin value; an exception is a
 * RecipeError, known by its type's name.
 */
class ExceptionClasses
{
public:
    /// The class a recipe names @p name ("ValueError"), if it is one.
    static std::optional<Builtin> named(const QString &name);
    /// The class a recipe reaches as asyncio.@p attribute (CancelledError, TimeoutError), if it is one.
    static std::optional<Builtin> ofAsyncio(const QString &attribute);
    /// Whether @p builtin is an exception class rather than a function.
    static bool isClass(Builtin builtin);
    /// The class's name, as CPython writes it in a traceback's last line.
    static QString nameOf(Builtin builtin);
    /// Whether an exception of type @p type ("ZeroDivisionError", "asyncio.exceptions.InvalidStateError") is an
    /// instance of the class named @p className: the type itself or one of its bases.
    static bool isInstance(const QString &type, const QString &className);
    /// BaseExceptionGroup(@p message, @p exceptions) as CPython makes it: an ExceptionGroup when every one is an
    /// Exception, its str() the message with the count ("msg (2 sub-exceptions)"), its repr() the message's and
    /// the list's.
    static RecipeError group(const QString &message, std::vector<RecipeError> exceptions);
    /// Every builtin class's name (asyncio's are reached through the module), for the builtins and messages.
    static QStringList names();
};

} // namespace recipe
