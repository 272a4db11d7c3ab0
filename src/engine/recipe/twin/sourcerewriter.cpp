// SPDX-License-Identifier: MIT
#include "sourcerewriter.h"

#include <algorithm>
#include <tuple>

namespace recipe {

namespace {
bool writtenBefore(const Expression *left, const Expression *right)
{
    return left->at < right->at;
}
} // namespace

SourceRewriter::SourceRewriter(const SourceText &source, Rule rule)
    : m_source(source)
    , m_rule(std::move(rule))
{
}

QString SourceRewriter::original(const Expression &expression) const
{
    return m_source.between(startOf(expression), endOf(expression));
}

QString SourceRewriter::rewrite(const Expression &expression) const
{
    if (std::optional<QString> text = m_rule(*this, expression))
        return *text;
    return splice(startOf(expression), endOf(expression), partsOf(expression));
}

QString SourceRewriter::splice(qsizetype from, qsizetype to, const std::vector<const Expression *> &parts) const
{
    return splice(from, to, parts, [this](const Expression &part) { return rewrite(part); });
}

QString SourceRewriter::splice(qsizetype from, qsizetype to, const std::vector<const Expression *> &parts,
                               const PartWriter &write) const
{
    QString text;
    qsizetype copied = from;
    for (const Expression *part : parts) {
        const qsizetype start = startOf(*part);
        const qsizetype end = endOf(*part);
        // A part whose text is not where the tree says (it cannot happen, but a twin must never garble) is
        // kept as written.
        if (start < copied || end > to || end < start)
            continue;
        text += m_source.between(copied, start);
        text += write(*part);
        copied = end;
    }
    text += m_source.between(copied, to);
    return text;
}

qsizetype SourceRewriter::argumentsStartOf(const Expression &call) const
{
    // Between the callee and its '(' there is only white space or a line continuation.
    const qsizetype parenthesis = m_source.text().indexOf(u'(', endOf(*call.operands[0]));
    return parenthesis < 0 ? endOf(call) : parenthesis + 1;
}

std::vector<const Expression *> SourceRewriter::argumentsOf(const Expression &call)
{
    std::vector<const Expression *> arguments;
    for (std::size_t i = 1; i < call.operands.size(); ++i)
        arguments.push_back(call.operands[i].get());
    for (const Keyword &keyword : call.keywords)
        arguments.push_back(keyword.value.get());
    std::stable_sort(arguments.begin(), arguments.end(), writtenBefore);
    return arguments;
}

std::vector<const Expression *> SourceRewriter::partsOf(const Expression &expression)
{
    std::vector<const Expression *> parts;
    for (const ExpressionPtr &operand : expression.operands)
        parts.push_back(operand.get());
    for (const Keyword &keyword : expression.keywords)
        parts.push_back(keyword.value.get());
    for (const FormattedPart &part : expression.parts) {
        if (part.value)
            parts.push_back(part.value.get());
        // The fields nested in its spec are parts of the f-string too, each where it is written.
        if (part.formatSpecValue) {
            for (const FormattedPart &nested : part.formatSpecValue->parts) {
                if (nested.value)
                    parts.push_back(nested.value.get());
            }
        }
    }
    std::stable_sort(parts.begin(), parts.end(), writtenBefore);
    return parts;
}

QString SourceRewriter::asOperand(const Expression &expression, const QString &text)
{
    switch (expression.kind) {
    case ExpressionKind::Name:
    case ExpressionKind::Integer:
    case ExpressionKind::Float:
    case ExpressionKind::String:
    case ExpressionKind::FormattedString:
    case ExpressionKind::True:
    case ExpressionKind::False:
    case ExpressionKind::None:
    case ExpressionKind::List:
    case ExpressionKind::ListComprehension:
    case ExpressionKind::Call:
    case ExpressionKind::Attribute:
    case ExpressionKind::Subscript:
        return text;
    default:
        return u'(' + text + u')';
    }
}

void SourceRewriter::editExpression(const Expression *expression, std::vector<Edit> *edits) const
{
    if (!expression)
        return;
    const QString text = rewrite(*expression);
    if (text != original(*expression))
        edits->push_back({startOf(*expression), endOf(*expression), text});
}

void SourceRewriter::collectEdits(const Block &block, std::vector<Edit> *edits) const
{
    for (const StatementPtr &statement : block) {
        editExpression(statement->target.get(), edits);
        editExpression(statement->value.get(), edits);
        for (const Parameter &parameter : statement->parameters)
            editExpression(parameter.defaultValue.get(), edits);
        for (const ExceptHandler &handler : statement->handlers) {
            for (const ExpressionPtr &type : handler.types)
                editExpression(type.get(), edits);
        }
        for (const Block *inner : innerBlocks(*statement))
            collectEdits(*inner, edits);
    }
}

QString SourceRewriter::rewriteModule(const Module &module, std::vector<Edit> edits) const
{
    collectEdits(module.body, &edits);
    // An insertion before a replacement that starts at the same place: the inserted line comes first.
    std::stable_sort(edits.begin(), edits.end(), [](const Edit &left, const Edit &right) {
        return std::tie(left.from, left.to) < std::tie(right.from, right.to);
    });
    QString text;
    qsizetype copied = 0;
    for (const Edit &edit : edits) {
        if (edit.from < copied)
            continue; // overlapping edits cannot come from one tree; keep the first
        text += m_source.between(copied, edit.from);
        text += edit.text;
        copied = edit.to;
    }
    text += m_source.between(copied, m_source.text().size());
    return text;
}

} // namespace recipe
