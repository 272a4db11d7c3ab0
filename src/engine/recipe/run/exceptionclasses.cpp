// SPDX-License-Identifier: MIT
#include "exceptionclasses.h"

#include "pythontext.h"

#include <algorithm>

#include <array>

namespace recipe {

namespace {
struct ClassEntry {
    Builtin builtin;
    const char *name;
    const char *base; ///< null for BaseException
};

/// CPython 3.11's hierarchy, trimmed to the classes Kitchen Python knows.
constexpr std::array classes{
    ClassEntry{Builtin::BaseException, "BaseException", nullptr},
    ClassEntry{Builtin::Exception, "Exception", "BaseException"},
    ClassEntry{Builtin::ArithmeticError, "ArithmeticError", "Exception"},
    ClassEntry{Builtin::ZeroDivisionError, "ZeroDivisionError", "ArithmeticError"},
    ClassEntry{Builtin::OverflowError, "OverflowError", "ArithmeticError"},
    ClassEntry{Builtin::LookupError, "LookupError", "Exception"},
    ClassEntry{Builtin::IndexError, "IndexError", "LookupError"},
    ClassEntry{Builtin::KeyError, "KeyError", "LookupError"},
    ClassEntry{Builtin::RuntimeError, "RuntimeError", "Exception"},
    ClassEntry{Builtin::RecursionError, "RecursionError", "RuntimeError"},
    ClassEntry{Builtin::NotImplementedError, "NotImplementedError", "RuntimeError"},
    ClassEntry{Builtin::NameError, "NameError", "Exception"},
    ClassEntry{Builtin::UnboundLocalError, "UnboundLocalError", "NameError"},
    ClassEntry{Builtin::ValueError, "ValueError", "Exception"},
    ClassEntry{Builtin::TypeError, "TypeError", "Exception"},
    ClassEntry{Builtin::AttributeError, "AttributeError", "Exception"},
    ClassEntry{Builtin::MemoryError, "MemoryError", "Exception"},
    ClassEntry{Builtin::OSError, "OSError", "Exception"},
    ClassEntry{Builtin::TimeoutError, "TimeoutError", "OSError"},
    ClassEntry{Builtin::AssertionError, "AssertionError", "Exception"},
    // ExceptionGroup derives from Exception and from BaseExceptionGroup too (isInstance knows).
    ClassEntry{Builtin::BaseExceptionGroup, "BaseExceptionGroup", "BaseException"},
    ClassEntry{Builtin::ExceptionGroup, "ExceptionGroup", "Exception"},
    // Named asyncio.CancelledError in a recipe; its type, as a traceback's last line shows it, is the module's.
    ClassEntry{Builtin::CancelledError, "asyncio.exceptions.CancelledError", "BaseException"},
    ClassEntry{Builtin::QueueEmpty, "asyncio.queues.QueueEmpty", "Exception"},
    ClassEntry{Builtin::QueueFull, "asyncio.queues.QueueFull", "Exception"},
};

const ClassEntry *entryNamed(QStringView name)
{
    for (const ClassEntry &entry : classes) {
        if (name == QLatin1String(entry.name))
            return &entry;
    }
    return nullptr;
}

/// The base of an exception type the engine raises that is no class a recipe can name.
const char *baseOfOther(QStringView type)
{
    // The threaded twin's queue.Empty and queue.Full stand where the recipe has asyncio.QueueEmpty and QueueFull,
    // which its `except` names; asyncio's own errors (InvalidStateError and the like) derive from Exception.
    if (type == QLatin1String("_queue.Empty"))
        return "asyncio.queues.QueueEmpty";
    if (type == QLatin1String("queue.Full"))
        return "asyncio.queues.QueueFull";
    return "Exception";
}
} // namespace

std::optional<Builtin> ExceptionClasses::named(const QString &name)
{
    if (const ClassEntry *entry = entryNamed(name))
        return entry->builtin;
    return std::nullopt;
}

bool ExceptionClasses::isClass(Builtin builtin)
{
    return builtin >= Builtin::BaseException && builtin <= Builtin::QueueFull;
}

std::optional<Builtin> ExceptionClasses::ofAsyncio(const QString &attribute)
{
    if (attribute == QLatin1String("CancelledError"))
        return Builtin::CancelledError;
    if (attribute == QLatin1String("TimeoutError")) // asyncio.TimeoutError is the builtin since 3.11
        return Builtin::TimeoutError;
    if (attribute == QLatin1String("QueueEmpty"))
        return Builtin::QueueEmpty;
    if (attribute == QLatin1String("QueueFull"))
        return Builtin::QueueFull;
    return std::nullopt;
}

QString ExceptionClasses::nameOf(Builtin builtin)
{
    for (const ClassEntry &entry : classes) {
        if (entry.builtin == builtin)
            return QLatin1String(entry.name);
    }
    return QString();
}

bool ExceptionClasses::isInstance(const QString &type, const QString &className)
{
    const ClassEntry *entry = entryNamed(type);
    if (type == className)
        return true;
    if (type == QLatin1String("ExceptionGroup") && className == QLatin1String("BaseExceptionGroup"))
        return true;
    const char *base = entry ? entry->base : baseOfOther(type);
    while (base) {
        if (className == QLatin1String(base))
            return true;
        const ClassEntry *up = entryNamed(QString::fromLatin1(base));
        base = up ? up->base : nullptr;
    }
    return false;
}

RecipeError ExceptionClasses::group(const QString &message, QList<RecipeError> exceptions)
{
    const bool allExceptions = std::all_of(exceptions.begin(), exceptions.end(), [](const RecipeError &error) {
        return isInstance(error.type, QStringLiteral("Exception"));
    });
    // Its repr is made only when asked (repr()): a group nested a thousand deep, split at every level, would
    // otherwise make the repr of every level each time.
    RecipeError made{allExceptions ? QStringLiteral("ExceptionGroup") : QStringLiteral("BaseExceptionGroup"),
                     QStringLiteral("%1 (%2 sub-exception%3)")
                         .arg(message)
                         .arg(exceptions.size())
                         .arg(exceptions.size() == 1 ? QString() : QStringLiteral("s")),
                     0, QString()};
    for (const RecipeError &inner : exceptions)
        made.nesting = std::max(made.nesting, inner.nesting + 1);
    made.exceptions = std::move(exceptions);
    return made;
}

QString ExceptionClasses::repr(const RecipeError &error)
{
    QString arguments = error.argumentsRepr;
    if (arguments.isNull() && !error.exceptions.empty()) {
        // As CPython's derive() makes a group: its message, and its exceptions as a list.
        QStringList reprs;
        for (const RecipeError &inner : error.exceptions)
            reprs << repr(inner);
        arguments = PythonText::stringRepr(groupMessage(error)) + QStringLiteral(", [")
            + reprs.join(QStringLiteral(", ")) + QLatin1Char(']');
    } else if (arguments.isNull() && !error.message.isEmpty()) {
        arguments = PythonText::stringRepr(error.message);
    }
    return error.type.section(QLatin1Char('.'), -1) + QLatin1Char('(') + arguments + QLatin1Char(')');
}

QString ExceptionClasses::groupMessage(const RecipeError &group)
{
    return group.message.left(group.message.lastIndexOf(QLatin1String(" (")));
}

std::pair<std::optional<RecipeError>, std::optional<RecipeError>> ExceptionClasses::split(const RecipeError &group,
                                                                                          const QStringList &classes)
{
    return split(group, [&classes](const RecipeError &leaf) {
        return std::any_of(classes.begin(), classes.end(),
                           [&leaf](const QString &name) { return isInstance(leaf.type, name); });
    });
}

void ExceptionClasses::numberLeaves(RecipeError &group)
{
    int next = 0;
    const std::function<void(RecipeError &)> number = [&](RecipeError &error) {
        if (error.exceptions.empty()) {
            error.starLeaf = ++next;
            return;
        }
        for (RecipeError &inner : error.exceptions)
            number(inner);
    };
    number(group);
}

std::vector<int> ExceptionClasses::leafNumbers(const RecipeError &error)
{
    if (error.exceptions.empty())
        return {error.starLeaf};
    std::vector<int> numbers;
    for (const RecipeError &inner : error.exceptions) {
        const std::vector<int> innerNumbers = leafNumbers(inner);
        numbers.insert(numbers.end(), innerNumbers.begin(), innerNumbers.end());
    }
    return numbers;
}

std::pair<std::optional<RecipeError>, std::optional<RecipeError>>
ExceptionClasses::split(const RecipeError &group, const std::function<bool(const RecipeError &)> &matches)
{
    QList<RecipeError> matched, rest;
    for (const RecipeError &inner : group.exceptions) {
        if (!inner.exceptions.empty()) {
            auto [innerMatch, innerRest] = split(inner, matches);
            if (innerMatch)
                matched.push_back(std::move(*innerMatch));
            if (innerRest)
                rest.push_back(std::move(*innerRest));
            continue;
        }
        (matches(inner) ? matched : rest).push_back(inner);
    }
    // Each part keeps the group's message and where it was raised, a new group even when it is the whole of it,
    // as CPython's derive() makes it (its exceptions a list, whatever the group was made with).
    const auto derived = [&group](QList<RecipeError> exceptions) -> std::optional<RecipeError> {
        if (exceptions.empty())
            return std::nullopt;
        RecipeError made = ExceptionClasses::group(groupMessage(group), std::move(exceptions));
        made.line = group.line;
        made.function = group.function;
        return made;
    };
    return {derived(std::move(matched)), derived(std::move(rest))};
}

std::size_t ExceptionClasses::leafCount(const RecipeError &error)
{
    if (error.exceptions.empty())
        return 1;
    std::size_t count = 0;
    for (const RecipeError &inner : error.exceptions)
        count += leafCount(inner);
    return count;
}

QStringList ExceptionClasses::names()
{
    QStringList all;
    for (const ClassEntry &entry : classes) {
        // asyncio's classes are reached through the module, their names qualified.
        if (!QLatin1String(entry.name).startsWith(QLatin1String("asyncio.")))
            all << QLatin1String(entry.name);
    }
    return all;
}

} // namespace recipe
