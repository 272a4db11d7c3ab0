// SPDX-License-Identifier: MIT
#pragma once

#include "recipeerror.h"
#include "value.h"

#include <QString>
#include <QStringList>

#include <functional>

#include <optional>
#include <utility>
#include <vector>

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
    static RecipeError group(const QString &message, QList<RecipeError> exceptions);
    /// Groups nested deeper than this cannot be made: CPython's split and repr of one stop at its recursion limit
    /// near a thousand, and the engine's C++ recursions over one would overflow the stack some thousands down.
    static constexpr int maxNesting = 1500;
    /// repr() of @p error: BaseException's, the class's name and the repr of its arguments (the engine's own
    /// errors have one, their message; a group its message and its exceptions, made only when asked).
    static QString repr(const RecipeError &error);
    /// The message a group was made with, without the count str() adds.
    static QString groupMessage(const RecipeError &group);
    /// eg.split(classes) as except* splits a group: the part whose exceptions are instances of one of @p classes,
    /// and the rest, each a new group of the same message and nesting, or none when empty.
    static std::pair<std::optional<RecipeError>, std::optional<RecipeError>> split(const RecipeError &group,
                                                                                   const QStringList &classes);
    /// split() by whether each exception that is no group @p matches.
    static std::pair<std::optional<RecipeError>, std::optional<RecipeError>>
    split(const RecipeError &group, const std::function<bool(const RecipeError &)> &matches);
    /// Numbers the exceptions of @p group that are no groups 1, 2, ... in the order they are drawn (starLeaf).
    static void numberLeaves(RecipeError &group);
    /// The starLeaf of every exception of @p error that is no group, in order.
    static std::vector<int> leafNumbers(const RecipeError &error);
    /// How many exceptions that are no groups @p error holds: itself, or its groups' exceptions, all the way down.
    static std::size_t leafCount(const RecipeError &error);
    /// Every builtin class's name (asyncio's are reached through the module), for the builtins and messages.
    static QStringList names();
};

} // namespace recipe
