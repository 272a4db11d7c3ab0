// SPDX-License-Identifier: MIT
#pragma once

#include "diagnostic.h"
#include "syntaxtree.h"
#include "token.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace recipe {

/**
 * Reads a recipe into a Module by recursive descent, with Python 3.11's
 * grammar and precedence for the Kitchen Python subset. Anything outside the
 * subset gets a message saying what the kitchen offers instead. It reports
 * every problem it can, recovering at the next statement, and never recurses
 * deeper than maxNesting levels, so a file from a stranger costs bounded
 * stack and linear time. It leaves meaning (which names exist, which
 * functions may be called) to the compiler.
 */
class Parser
{
public:
    /// More brackets, blocks or operators inside one another than this is refused rather than risking the stack.
    static constexpr int maxNesting = recipe::maxNesting;

    /// The recipe's tree, or nothing with @p diagnostics (replaced, sorted by position) saying why.
    static std::optional<Module> parse(const QString &source, std::vector<Diagnostic> *diagnostics);
    /// As parse(), from a file's bytes: refuses invalid UTF-8 and NUL bytes at the first bad byte.
    static std::optional<Module> parseBytes(const QByteArray &utf8, std::vector<Diagnostic> *diagnostics);

private:
    struct Failure {
    }; ///< thrown to abandon a statement; its diagnostic is already recorded
    struct Abandon {
    }; ///< thrown to abandon the whole recipe (too deep, too many problems)
    class Nesting;
    class ChainNesting;
    /// Where the parser stands in functions and loops, for return, await, break and continue.
    struct Context {
        bool inFunction = false;
        bool inAsyncFunction = false;
        bool inLoop = false;
        /// In an except* clause's own block, which no break, continue or return may leave.
        bool inExceptStar = false;
    };

    explicit Parser(std::vector<Token> tokens);

    // Tokens.
    const Token &peek(std::size_t ahead = 0) const;
    bool check(TokenKind kind) const { return peek().kind == kind; }
    const Token &next();
    /// Just after the last token read that is not a Newline, Indent or Dedent: where what was parsed ends.
    SourceLocation endOfLastToken() const;
    /// @p expression, complete now, with its end set there.
    ExpressionPtr ended(ExpressionPtr expression) const;
    bool accept(TokenKind kind);
    const Token &expect(TokenKind kind, const QString &message);
    [[noreturn]] void fail(const Token &token, const QString &message);
    [[noreturn]] void failUnexpected(const Token &token, const QString &expected);
    void report(SourceLocation at, const QString &message);
    void enterNesting(const Token &token);

    // Statements.
    Block parseFile();
    void parseStatementRecovering(Block *into);
    void recover(std::size_t statementStart);
    void skipIndentedBlock();
    StatementPtr parseStatement();
    StatementPtr parseSimpleStatement();
    void expectEndOfStatement();
    void refuseStatement(const Token &token);
    StatementPtr parseExpressionStatement();
    void checkTarget(const Expression &target, const Token &assignment);
    StatementPtr parseImport();
    StatementPtr parseIf(const Token &keyword);
    StatementPtr parseWhile();
    StatementPtr parseFor();
    StatementPtr parseTry();
    /// `async with a as x, b:` from its 'async'; each item after the first is an AsyncWith in the body of the one
    /// before.
    StatementPtr parseAsyncWith();
    StatementPtr parseAsyncWithItem(const Token &async, const Token &keyword);
    StatementPtr parseFunctionDefinition(bool isAsync);
    std::vector<Parameter> parseParameters();
    Block parseBodyIn(Context context, const Token &header, const QString &what);
    Block parseSuite(const Token &header, const QString &what);

    // Expressions, loosest first.
    ExpressionPtr parseExpression();
    ExpressionPtr parseDisjunction();
    ExpressionPtr parseConjunction();
    ExpressionPtr parseInversion();
    ExpressionPtr parseComparison();
    ExpressionPtr parseSum();
    ExpressionPtr parseTerm();
    ExpressionPtr parseFactor();
    ExpressionPtr parsePower();
    ExpressionPtr parseAwait();
    ExpressionPtr parsePrimary();
    ExpressionPtr parseAtom();
    ExpressionPtr parseParenthesized();
    ExpressionPtr parseList();
    ExpressionPtr parseStrings();
    ExpressionPtr parseField(const FormattedPiece &piece);
    /// A field's spec with fields nested in it as an f-string of its own; null when it has none.
    ExpressionPtr parseNestedSpec(const FormattedPiece &piece);
    void parseArguments(Expression *call);
    void expectSeparator(TokenKind closing);
    [[noreturn]] void refuseBraces(const Token &brace);
    [[noreturn]] void refuseOperator(const Token &token);
    void checkNotTuple(const QString &what);

    std::vector<Token> m_tokens;
    std::size_t m_position = 0;
    std::vector<Diagnostic> m_diagnostics;
    int m_nesting = 0;
    Context m_context;
};

} // namespace recipe
