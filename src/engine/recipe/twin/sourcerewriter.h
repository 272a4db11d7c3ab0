// SPDX-License-Identifier: MIT
#pragma once

#include "sourcetext.h"
#include "syntaxtree.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace recipe {

/**
 * Writes a recipe's twin as edits of the recipe's own text, so the twin keeps
 * the teacher's comments, blank lines and layout and a learner sees exactly
 * what changed. A writer gives a rule: for an expression it rewrites, the new
 * text (built from the original's pieces and its parts rewritten in turn);
 * for any other, nothing, and the rewriter keeps the expression's text with
 * only its parts rewritten. The syntax tree's start and end positions say
 * where each expression's text is.
 */
class SourceRewriter
{
public:
    /// Text put in place of [from, to) of the recipe's text: to == from inserts.
    struct Edit {
        qsizetype from = 0;
        qsizetype to = 0;
        QString text;
    };
    /// An expression's new text, or nothing to keep it with its parts rewritten.
    using Rule = std::function<std::optional<QString>(const SourceRewriter &, const Expression &)>;
    /// How splice() writes each part: rewrite() unless a writer says otherwise (a spawn site, say).
    using PartWriter = std::function<QString(const Expression &)>;

    SourceRewriter(const SourceText &source, Rule rule);

    const SourceText &source() const { return m_source; }
    qsizetype startOf(const Expression &expression) const { return m_source.offsetOf(expression.at); }
    qsizetype endOf(const Expression &expression) const { return m_source.offsetOf(expression.end); }
    /// The expression's text as the recipe has it.
    QString original(const Expression &expression) const;
    /// The expression's text in the twin: the rule's, or its own with its parts rewritten.
    QString rewrite(const Expression &expression) const;
    /// The recipe's text from @p from to @p to, with each of @p parts (within it) written by @p write.
    QString splice(qsizetype from, qsizetype to, const std::vector<const Expression *> &parts,
                   const PartWriter &write) const;
    QString splice(qsizetype from, qsizetype to, const std::vector<const Expression *> &parts) const;
    /// Just after the '(' that opens @p call's arguments.
    qsizetype argumentsStartOf(const Expression &call) const;
    /// @p call's arguments, positional and keyword, in the order they are written.
    static std::vector<const Expression *> argumentsOf(const Expression &call);
    /// The expressions directly inside @p expression, in the order they are written.
    static std::vector<const Expression *> partsOf(const Expression &expression);
    /// @p text parenthesized unless @p expression is an atom, a call, an attribute or a subscript.
    static QString asOperand(const Expression &expression, const QString &text);

    /// The whole twin: every expression of @p module rewritten, and @p edits (outside expressions) made.
    QString rewriteModule(const Module &module, std::vector<Edit> edits) const;

private:
    void collectEdits(const Block &block, std::vector<Edit> *edits) const;
    void editExpression(const Expression *expression, std::vector<Edit> *edits) const;

    const SourceText &m_source;
    Rule m_rule;
};

} // namespace recipe
