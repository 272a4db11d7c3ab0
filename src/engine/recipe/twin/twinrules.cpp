// SPDX-License-Identifier: MIT
#include "twinrules.h"

#include <QSet>

namespace recipe {

namespace {
/// How long the white space is at @p offset in @p text (a line continuation counts as white space).
qsizetype whiteSpaceAt(const QString &text, qsizetype offset)
{
    qsizetype end = offset;
    while (end < text.size()) {
        if (text.at(end) == u' ' || text.at(end) == u'\t')
            ++end;
        else if (text.at(end) == u'\\' && end + 1 < text.size() && text.at(end + 1) == u'\n')
            end += 2;
        else
            break;
    }
    return end - offset;
}

bool isDocstring(const Statement &statement)
{
    return statement.kind == StatementKind::Expression && statement.value
        && statement.value->kind == ExpressionKind::String;
}
} // namespace

QString TwinRules::asyncioFunctionCalled(const Expression &expression)
{
    if (expression.kind != ExpressionKind::Call)
        return {};
    const Expression &callee = *expression.operands[0];
    if (callee.kind != ExpressionKind::Attribute || callee.operands[0]->kind != ExpressionKind::Name
        || callee.operands[0]->text != QLatin1String("asyncio"))
        return {};
    return callee.text;
}

const Expression *TwinRules::gatherCollectingErrors(const Module &module)
{
    return findFirst(module.body, [](const Expression &e) {
        return asyncioFunctionCalled(e) == QLatin1String("gather") && !e.keywords.empty();
    });
}

bool TwinRules::imports(const Module &module, const QString &name)
{
    for (const StatementPtr &statement : module.body) {
        if (statement->kind == StatementKind::Import
            && std::find(statement->names.begin(), statement->names.end(), name) != statement->names.end())
            return true;
    }
    return false;
}

qsizetype TwinRules::afterImports(const Module &module, const SourceText &source)
{
    const Statement *lastImport = nullptr;
    for (std::size_t i = 0; i < module.body.size(); ++i) {
        const Statement &statement = *module.body[i];
        if (statement.kind == StatementKind::Import)
            lastImport = &statement;
        else if (!(i == 0 && isDocstring(statement)))
            break;
    }
    if (lastImport)
        return source.startOfLine(lastImport->end.line + 1);
    for (const StatementPtr &statement : module.body) {
        if (!isDocstring(*statement))
            return source.startOfLine(statement->at.line);
    }
    return source.text().size();
}

std::vector<SourceRewriter::Edit> TwinRules::plainDefinitions(const Module &module, const SourceText &source)
{
    std::vector<SourceRewriter::Edit> edits;
    collectAsyncDefinitions(module.body, source, &edits);
    return edits;
}

void TwinRules::collectAsyncDefinitions(const Block &block, const SourceText &source,
                                        std::vector<SourceRewriter::Edit> *edits)
{
    static const QString keyword = QStringLiteral("async");
    for (const StatementPtr &statement : block) {
        if ((statement->kind == StatementKind::FunctionDefinition && statement->isAsync)
            || statement->kind == StatementKind::AsyncWith) {
            const qsizetype start = source.offsetOf(statement->at);
            const qsizetype end = start + keyword.size();
            edits->push_back({start, end + whiteSpaceAt(source.text(), end), QString()});
        }
        for (const Block *inner : innerBlocks(*statement))
            collectAsyncDefinitions(*inner, source, edits);
    }
}

QString TwinRules::blockingSleep(const SourceRewriter &rewriter, const Expression &call)
{
    static const QString sleep = QStringLiteral("time.sleep");
    const std::vector<const Expression *> arguments = SourceRewriter::argumentsOf(call);
    const qsizetype calleeEnd = rewriter.endOf(*call.operands[0]);
    if (call.operands.size() >= 2 && arguments.front() == call.operands[1].get())
        return sleep + rewriter.splice(calleeEnd, rewriter.endOf(*call.operands[1]), {call.operands[1].get()}) + u')';
    // asyncio.sleep(delay=x, result=r) is time.sleep(x) too: time.sleep takes no keywords.
    if (call.operands.size() < 2) {
        for (const Keyword &keyword : call.keywords) {
            if (keyword.name == QLatin1String("delay"))
                return sleep + u'(' + rewriter.rewrite(*keyword.value) + u')';
        }
    }
    return sleep + rewriter.splice(calleeEnd, rewriter.endOf(call), arguments);
}

QString TwinRules::argumentInPlace(const SourceRewriter &rewriter, const Expression &call)
{
    if (call.operands.size() < 2 || !call.keywords.empty())
        return rewriter.splice(rewriter.startOf(call), rewriter.endOf(call), SourceRewriter::partsOf(call));
    const Expression &argument = *call.operands[1];
    return SourceRewriter::asOperand(argument, rewriter.rewrite(argument));
}

const Expression *TwinRules::firstTimeout(const Module &module)
{
    return findFirst(module.body, [](const Expression &e) {
        const QString called = asyncioFunctionCalled(e);
        return called == QLatin1String("wait_for") || called == QLatin1String("timeout");
    });
}

const Expression *TwinRules::firstTaskGroup(const Module &module)
{
    return findFirst(module.body,
                     [](const Expression &e) { return asyncioFunctionCalled(e) == QLatin1String("TaskGroup"); });
}

QString TwinRules::resourceNamed(const Expression &e)
{
    static const QSet<QString> resources{QStringLiteral("Lock"),       QStringLiteral("Semaphore"),
                                         QStringLiteral("Event"),      QStringLiteral("Queue"),
                                         QStringLiteral("QueueEmpty"), QStringLiteral("QueueFull")};
    if (e.kind == ExpressionKind::Attribute && e.operands[0]->kind == ExpressionKind::Name
        && e.operands[0]->text == QLatin1String("asyncio") && resources.contains(e.text))
        return e.text;
    return {};
}

QSet<QString> TwinRules::resourcesNamed(const Module &module)
{
    QSet<QString> named;
    findFirst(module.body, [&named](const Expression &e) {
        if (const QString resource = resourceNamed(e); !resource.isEmpty())
            named.insert(resource);
        return false;
    });
    return named;
}

bool TwinRules::awaitsResourceMethod(const Expression &await)
{
    static const QSet<QString> waiting{QStringLiteral("acquire"), QStringLiteral("wait"), QStringLiteral("put"),
                                       QStringLiteral("get"), QStringLiteral("join")};
    if (await.kind != ExpressionKind::Await)
        return false;
    const Expression &awaited = *await.operands[0];
    return awaited.kind == ExpressionKind::Call && awaited.operands[0]->kind == ExpressionKind::Attribute
        && waiting.contains(awaited.operands[0]->text);
}

bool TwinRules::usesName(const Module &module, const QString &name)
{
    return firstNameUsed(module.body, [&name](const QString &used) { return used == name; }).has_value();
}

std::optional<std::pair<SourceLocation, QString>>
TwinRules::firstNameUsed(const Block &block, const std::function<bool(const QString &)> &matches)
{
    for (const StatementPtr &statement : block) {
        if ((statement->kind == StatementKind::FunctionDefinition || statement->kind == StatementKind::For
             || statement->kind == StatementKind::AsyncWith)
            && matches(statement->name))
            return std::pair(statement->at, statement->name);
        for (const Parameter &parameter : statement->parameters) {
            if (matches(parameter.name))
                return std::pair(parameter.at, parameter.name);
        }
    }
    const Expression *named = findFirst(block, [&matches](const Expression &e) {
        return (e.kind == ExpressionKind::Name || e.kind == ExpressionKind::ListComprehension) && matches(e.text);
    });
    if (named)
        return std::pair(named->at, named->text);
    for (const StatementPtr &statement : block) {
        for (const ExceptHandler &handler : statement->handlers) {
            if (matches(handler.name))
                return std::pair(handler.at, handler.name);
        }
        for (const Block *inner : innerBlocks(*statement)) {
            if (auto used = firstNameUsed(*inner, matches))
                return used;
        }
    }
    return std::nullopt;
}

const Expression *TwinRules::findFirst(const Block &block, const std::function<bool(const Expression &)> &matches)
{
    for (const StatementPtr &statement : block) {
        std::vector<const Expression *> expressions{statement->target.get(), statement->value.get()};
        for (const Parameter &parameter : statement->parameters)
            expressions.push_back(parameter.defaultValue.get());
        for (const ExceptHandler &handler : statement->handlers) {
            for (const ExpressionPtr &type : handler.types)
                expressions.push_back(type.get());
        }
        for (const Expression *expression : expressions) {
            if (const Expression *found = expression ? findFirst(*expression, matches) : nullptr)
                return found;
        }
        for (const Block *inner : innerBlocks(*statement)) {
            if (const Expression *found = findFirst(*inner, matches))
                return found;
        }
    }
    return nullptr;
}

const Expression *TwinRules::findFirst(const Expression &expression,
                                       const std::function<bool(const Expression &)> &matches)
{
    if (matches(expression))
        return &expression;
    for (const Expression *part : SourceRewriter::partsOf(expression)) {
        if (const Expression *found = findFirst(*part, matches))
            return found;
    }
    return nullptr;
}

QString TwinRules::withoutAwait(const SourceRewriter &rewriter, const Expression &await)
{
    static const QString keyword = QStringLiteral("await");
    const qsizetype start = rewriter.startOf(await) + keyword.size();
    const qsizetype operandStart = start + whiteSpaceAt(rewriter.source().text(), start);
    return rewriter.splice(operandStart, rewriter.endOf(await), {await.operands[0].get()});
}

} // namespace recipe
