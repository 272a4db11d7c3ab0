// SPDX-License-Identifier: MIT
#include "blockingtwinwriter.h"

#include "sourcerewriter.h"
#include "sourcetext.h"
#include "twinrules.h"

namespace recipe {

QString BlockingTwinWriter::taskQuestionRefusal()
{
    return QStringLiteral("asks a task whether it is done or for its result; the blocking twin runs each call to its "
                          "end, so it has no tasks to ask");
}

TwinSource BlockingTwinWriter::write(const Module &module)
{
    if (const Expression *cancel = TwinRules::findFirst(module.body, TwinRules::isCancel)) {
        return {QString(), cancel->at,
                QStringLiteral("cancels a task or asks whether it was; the blocking twin runs each call to its end "
                               "where it stands, so there is nothing left to cancel")};
    }
    if (const Expression *timeout = TwinRules::firstTimeout(module)) {
        return {QString(), timeout->at,
                QStringLiteral("gives up on a wait with asyncio.%1; the blocking twin's one thread cannot wait for "
                               "itself and give up, so it has no timeout")
                    .arg(TwinRules::asyncioFunctionCalled(*timeout))};
    }
    if (const Expression *group = TwinRules::firstTaskGroup(module)) {
        return {QString(), group->at,
                QStringLiteral("uses asyncio.TaskGroup, whose failing task cancels the others; the blocking twin runs "
                               "each call to its end where it stands, so there is nothing left to cancel")};
    }
    if (const auto used = TwinRules::firstResourceUse(module)) {
        return {QString(), used->first,
                QStringLiteral("uses %1, which the blocking twin does not turn into plain code yet; the async "
                               "kitchen runs it")
                    .arg(used->second)};
    }
    const Expression *question = TwinRules::findFirst(module.body, [](const Expression &e) {
        return e.kind == ExpressionKind::Attribute
            && (e.text == QLatin1String("done") || e.text == QLatin1String("result"));
    });
    if (question)
        return {QString(), question->at, taskQuestionRefusal()};
    if (const Expression *collecting = TwinRules::gatherCollectingErrors(module)) {
        return {
            QString(), collecting->at,
            QStringLiteral("gathers with return_exceptions; the blocking twin runs each call to its end where it "
                           "stands, and an error there ends the program, so it has no gather to collect errors in")};
    }
    const SourceText source(module.lines);
    const SourceRewriter rewriter(
        source, [](const SourceRewriter &self, const Expression &e) -> std::optional<QString> {
            if (e.kind == ExpressionKind::Await)
                return TwinRules::withoutAwait(self, e);
            const QString function = TwinRules::asyncioFunctionCalled(e);
            if (function == QLatin1String("sleep"))
                return TwinRules::blockingSleep(self, e);
            if (function == QLatin1String("run") || function == QLatin1String("create_task"))
                return TwinRules::argumentInPlace(self, e);
            if (function == QLatin1String("gather"))
                return u'[' + self.splice(self.argumentsStartOf(e), self.endOf(e) - 1, SourceRewriter::argumentsOf(e))
                    + u']';
            return std::nullopt;
        });
    std::vector<SourceRewriter::Edit> edits = TwinRules::plainDefinitions(module, source);
    if (!TwinRules::imports(module, QStringLiteral("time"))) {
        const qsizetype at = TwinRules::afterImports(module, source);
        edits.push_back({at, at, QStringLiteral("import time\n")});
    }
    return {rewriter.rewriteModule(module, std::move(edits)), {}, {}};
}

} // namespace recipe
