// SPDX-License-Identifier: MIT
#pragma once

#include "sourcerewriter.h"
#include "syntaxtree.h"

#include <QSet>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace recipe {

/**
 * What the blocking and the threaded twin do alike: `async def` becomes
 * `def`, `asyncio.sleep(x)` becomes `time.sleep(x)`, `asyncio.run(c)`
 * becomes `c`, and `import time` is there. Each writer adds its own rules
 * on top; this keeps the shared ones in one place.
 */
class TwinRules
{
public:
    /// "sleep" for a call of asyncio.sleep, and so on; empty for any other expression.
    static QString asyncioFunctionCalled(const Expression &expression);
    /// Whether the recipe imports @p name at its top level.
    static bool imports(const Module &module, const QString &name);
    /// Where lines go that must follow the imports: after the imports that open the recipe, else before its
    /// first statement.
    static qsizetype afterImports(const Module &module, const SourceText &source);
    /// Edits that turn each `async def` into `def` and each `async with` into `with`.
    static std::vector<SourceRewriter::Edit> plainDefinitions(const Module &module, const SourceText &source);
    /// asyncio.sleep(x[, result]) and asyncio.sleep(delay=x, ...) as time.sleep(x): the result is dropped, the
    /// value is None.
    static QString blockingSleep(const SourceRewriter &rewriter, const Expression &call);
    /// asyncio.run(c) (or create_task(c)) as c, parenthesized where the place needs it.
    static QString argumentInPlace(const SourceRewriter &rewriter, const Expression &call);
    /// task.cancel() or task.cancelled(): what neither twin can do.
    static bool isCancel(const Expression &e)
    {
        return e.kind == ExpressionKind::Attribute
            && (e.text == QLatin1String("cancel") || e.text == QLatin1String("cancelled"));
    }
    /// The first asyncio.wait_for() or asyncio.timeout() of @p module: giving up on a wait is cancelling, which
    /// neither twin can do.
    static const Expression *firstTimeout(const Module &module);
    /// The first asyncio.TaskGroup() of @p module: its failing task cancels the others, which neither twin can do.
    static const Expression *firstTaskGroup(const Module &module);
    /// The name of the asyncio resource class (Lock, Semaphore, Event, Queue) or queue exception (QueueEmpty,
    /// QueueFull) that @p expression names as asyncio.X; empty for anything else.
    static QString resourceNamed(const Expression &expression);
    /// Which of those the recipe names.
    static QSet<QString> resourcesNamed(const Module &module);
    /// `await x.acquire()` (wait, put, get, join): the call of a resource's method that waits, which a twin makes
    /// a plain call. A recipe's own function of such a name is not reached as an attribute, so is never taken
    /// for one.
    static bool awaitsResourceMethod(const Expression &await);
    /// Whether the recipe uses @p name for anything of its own: a function, a parameter, a variable, an
    /// exception's name.
    static bool usesName(const Module &module, const QString &name);
    /// A name the recipe uses for anything of its own that @p matches, and where: a function's, a loop's or an
    /// `async with ... as`'s, a parameter's, one read or bound in an expression, an exception's. The names bound by
    /// a block's statements come before those in its expressions, and those before the blocks nested in it.
    static std::optional<std::pair<SourceLocation, QString>>
    firstNameUsed(const Block &block, const std::function<bool(const QString &)> &matches);
    /// The first expression of @p block, in the order written (outer before inner), that @p matches.
    static const Expression *findFirst(const Block &block, const std::function<bool(const Expression &)> &matches);
    /// The first asyncio.gather(..., return_exceptions=...) of @p module: neither twin has a gather that collects
    /// errors, so neither exists for such a recipe.
    static const Expression *gatherCollectingErrors(const Module &module);
    /// `await x` as `x`: the keyword goes, whatever parentheses the operand has stay.
    static QString withoutAwait(const SourceRewriter &rewriter, const Expression &await);

private:
    static const Expression *findFirst(const Expression &expression,
                                       const std::function<bool(const Expression &)> &matches);
    static void collectAsyncDefinitions(const Block &block, const SourceText &source,
                                        std::vector<SourceRewriter::Edit> *edits);
};

} // namespace recipe
