// SPDX-License-Identifier: MIT
#include "parser.h"

#include "lexer.h"
#include "sourcedecoder.h"

#include <QScopeGuard>
#include <QStringList>

#include <algorithm>
#include <utility>

namespace recipe {

namespace {

ExpressionPtr makeExpression(ExpressionKind kind, SourceLocation at)
{
    auto expression = std::make_unique<Expression>();
    expression->kind = kind;
    expression->at = at;
    return expression;
}

StatementPtr makeStatement(StatementKind kind, SourceLocation at)
{
    auto statement = std::make_unique<Statement>();
    statement->kind = kind;
    statement->at = at;
    return statement;
}

bool startsExpression(TokenKind kind)
{
    switch (kind) {
    case TokenKind::Name:
    case TokenKind::Integer:
    case TokenKind::Float:
    case TokenKind::String:
    case TokenKind::True:
    case TokenKind::False:
    case TokenKind::None:
    case TokenKind::LeftParenthesis:
    case TokenKind::LeftBracket:
    case TokenKind::LeftBrace:
    case TokenKind::Minus:
    case TokenKind::Plus:
    case TokenKind::Not:
    case TokenKind::Await:
    case TokenKind::Lambda:
        return true;
    default:
        return false;
    }
}

std::optional<BinaryOperator> augmentedOperator(TokenKind kind)
{
    switch (kind) {
    case TokenKind::PlusEqual:
        return BinaryOperator::Add;
    case TokenKind::MinusEqual:
        return BinaryOperator::Subtract;
    case TokenKind::StarEqual:
        return BinaryOperator::Multiply;
    case TokenKind::SlashEqual:
        return BinaryOperator::Divide;
    case TokenKind::DoubleSlashEqual:
        return BinaryOperator::FloorDivide;
    case TokenKind::PercentEqual:
        return BinaryOperator::Modulo;
    case TokenKind::DoubleStarEqual:
        return BinaryOperator::Power;
    default:
        return std::nullopt;
    }
}

std::optional<CompareOperator> simpleComparison(TokenKind kind)
{
    switch (kind) {
    case TokenKind::Less:
        return CompareOperator::Less;
    case TokenKind::LessEqual:
        return CompareOperator::LessEqual;
    case TokenKind::Greater:
        return CompareOperator::Greater;
    case TokenKind::GreaterEqual:
        return CompareOperator::GreaterEqual;
    case TokenKind::EqualEqual:
        return CompareOperator::Equal;
    case TokenKind::NotEqual:
        return CompareOperator::NotEqual;
    case TokenKind::In:
        return CompareOperator::In;
    default:
        return std::nullopt;
    }
}

/// What an assignment target is, when it cannot be one: "a function call", "a literal".
QString describeTarget(const Expression &target)
{
    switch (target.kind) {
    case ExpressionKind::Call:
        return QStringLiteral("a function call");
    case ExpressionKind::Integer:
    case ExpressionKind::Float:
    case ExpressionKind::String:
    case ExpressionKind::FormattedString:
        return QStringLiteral("a literal");
    case ExpressionKind::True:
        return QStringLiteral("True");
    case ExpressionKind::False:
        return QStringLiteral("False");
    case ExpressionKind::None:
        return QStringLiteral("None");
    case ExpressionKind::List:
    case ExpressionKind::ListComprehension:
        return QStringLiteral("a list");
    case ExpressionKind::Await:
        return QStringLiteral("an await expression");
    default:
        return QStringLiteral("an expression");
    }
}

bool lessByPosition(const Diagnostic &left, const Diagnostic &right)
{
    return std::pair(left.at.line, left.at.column) < std::pair(right.at.line, right.at.column);
}

} // namespace

/// One level deeper for as long as it lives; past maxNesting the whole parse is abandoned.
class Parser::Nesting
{
public:
    Nesting(Parser &parser, const Token &token)
        : m_parser(parser)
    {
        m_parser.enterNesting(token);
    }
    ~Nesting() { --m_parser.m_nesting; }
    Q_DISABLE_COPY_MOVE(Nesting)

private:
    Parser &m_parser;
};

/// For left-associative chains (a + b + c, f()()[0]): each link is a level of the tree, so each counts.
class Parser::ChainNesting
{
public:
    explicit ChainNesting(Parser &parser)
        : m_parser(parser)
    {
    }
    ~ChainNesting() { m_parser.m_nesting -= m_links; }
    void addLink(const Token &token)
    {
        m_parser.enterNesting(token);
        ++m_links;
    }
    /// a + (b + c) costs a level through its parentheses already: the first link is free.
    void addLinkAfterFirst(const Token &token)
    {
        if (std::exchange(m_sawFirst, true))
            addLink(token);
    }
    Q_DISABLE_COPY_MOVE(ChainNesting)

private:
    Parser &m_parser;
    int m_links = 0;
    bool m_sawFirst = false;
};

std::optional<Module> Parser::parse(const QString &source, std::vector<Diagnostic> *diagnostics)
{
    Lexer lexer(source);
    std::vector<Token> tokens = lexer.tokenize();
    Parser parser(std::move(tokens));
    parser.m_diagnostics = lexer.diagnostics();
    Module module;
    try {
        // A lexer that gave up left a token stream with nothing more worth saying about it.
        if (!lexer.gaveUp())
            module.body = parser.parseFile();
    } catch (const Abandon &) {
    }
    std::vector<Diagnostic> found = std::move(parser.m_diagnostics);
    std::stable_sort(found.begin(), found.end(), lessByPosition);
    if (found.size() > Lexer::maxDiagnostics)
        found.resize(Lexer::maxDiagnostics);
    const bool failed = !found.empty();
    if (diagnostics)
        *diagnostics = std::move(found);
    if (failed)
        return std::nullopt;
    if (!lexer.source().isEmpty()) {
        const QStringList lines = lexer.source().split(u'\n');
        module.lines.assign(lines.begin(), lines.end());
        if (lexer.source().endsWith(u'\n'))
            module.lines.pop_back(); // the break ending the last line does not start another
    }
    return module;
}

std::optional<Module> Parser::parseBytes(const QByteArray &utf8, std::vector<Diagnostic> *diagnostics)
{
    Diagnostic problem;
    const std::optional<QString> source = SourceDecoder::decode(utf8, &problem);
    if (!source) {
        if (diagnostics)
            *diagnostics = {problem};
        return std::nullopt;
    }
    return parse(*source, diagnostics);
}

Parser::Parser(std::vector<Token> tokens)
    : m_tokens(std::move(tokens))
{
}

const Token &Parser::peek(std::size_t ahead) const
{
    // The lexer always ends with EndOfFile, and nothing reads past it.
    return m_tokens[std::min(m_position + ahead, m_tokens.size() - 1)];
}

SourceLocation Parser::endOfLastToken() const
{
    // A statement's line ends with a Newline, and its block with Dedents: the end is the last real token's.
    for (std::size_t back = m_position; back > 0; --back) {
        const TokenKind kind = m_tokens[back - 1].kind;
        if (kind != TokenKind::Newline && kind != TokenKind::Indent && kind != TokenKind::Dedent)
            return m_tokens[back - 1].end;
    }
    return peek().at;
}

ExpressionPtr Parser::ended(ExpressionPtr expression) const
{
    expression->end = endOfLastToken();
    return expression;
}

const Token &Parser::next()
{
    const Token &token = peek();
    if (m_position + 1 < m_tokens.size())
        ++m_position;
    return token;
}

bool Parser::accept(TokenKind kind)
{
    if (!check(kind))
        return false;
    next();
    return true;
}

const Token &Parser::expect(TokenKind kind, const QString &message)
{
    if (!check(kind))
        failUnexpected(peek(), message);
    return next();
}

void Parser::report(SourceLocation at, const QString &message)
{
    m_diagnostics.push_back({at, message});
    if (m_diagnostics.size() >= Lexer::maxDiagnostics)
        throw Abandon();
}

void Parser::fail(const Token &token, const QString &message)
{
    // The lexer already said what is wrong with an Invalid token: one message per problem.
    if (token.kind != TokenKind::Invalid)
        report(token.at, message);
    throw Failure();
}

void Parser::failUnexpected(const Token &token, const QString &expected)
{
    if (token.kind == TokenKind::UnsupportedOperator || token.kind == TokenKind::Semicolon
        || token.kind == TokenKind::LeftBrace)
        refuseOperator(token);
    if (token.kind == TokenKind::Lambda)
        fail(token, QStringLiteral("lambda is not part of Kitchen Python; define a function with def"));
    if (token.kind == TokenKind::Yield)
        fail(token, QStringLiteral("yield is not part of Kitchen Python; build a list or use async def"));
    fail(token, QStringLiteral("%1, found %2").arg(expected, describeToken(token)));
}

void Parser::enterNesting(const Token &token)
{
    if (++m_nesting > maxNesting) {
        --m_nesting;
        if (token.kind != TokenKind::Invalid)
            m_diagnostics.push_back({token.at, tooDeeplyNestedMessage()});
        throw Abandon();
    }
}

// Statements

Block Parser::parseFile()
{
    Block body;
    while (!check(TokenKind::EndOfFile)) {
        if (accept(TokenKind::Dedent))
            continue; // only after a recovery: the lexer balances its indents
        parseStatementRecovering(&body);
    }
    return body;
}

void Parser::parseStatementRecovering(Block *into)
{
    const std::size_t start = m_position;
    try {
        if (check(TokenKind::Indent)) {
            report(peek().at, QStringLiteral("unexpected indent"));
            skipIndentedBlock();
            return;
        }
        into->push_back(parseStatement());
        into->back()->end = endOfLastToken();
    } catch (const Failure &) {
        recover(start);
    }
}

void Parser::recover(std::size_t statementStart)
{
    // A compound statement that failed after its header line (a missing block, say) stands at the next
    // statement already; anything else skips to the end of its line, and the block its header would have opened.
    const bool atNextLine
        = m_position > statementStart && m_position > 0 && m_tokens[m_position - 1].kind == TokenKind::Newline;
    if (!atNextLine) {
        while (!check(TokenKind::EndOfFile) && !check(TokenKind::Indent) && !check(TokenKind::Dedent)
               && !check(TokenKind::Newline))
            next();
        accept(TokenKind::Newline);
    }
    while (check(TokenKind::Indent))
        skipIndentedBlock();
    // A compound statement dropped at its header takes its other clauses with it, rather than leaving
    // "'else' without an 'if'" behind.
    switch (m_tokens[statementStart].kind) {
    case TokenKind::If:
    case TokenKind::Elif:
    case TokenKind::While:
    case TokenKind::For:
    case TokenKind::Try:
        while (check(TokenKind::Elif) || check(TokenKind::Else) || check(TokenKind::Except)
               || check(TokenKind::Finally)) {
            while (!check(TokenKind::EndOfFile) && !check(TokenKind::Newline))
                next();
            accept(TokenKind::Newline);
            while (check(TokenKind::Indent))
                skipIndentedBlock();
        }
        break;
    default:
        break;
    }
}

void Parser::skipIndentedBlock()
{
    int depth = 0;
    while (!check(TokenKind::EndOfFile)) {
        const TokenKind kind = next().kind;
        if (kind == TokenKind::Indent)
            ++depth;
        else if (kind == TokenKind::Dedent && --depth == 0)
            return;
    }
}

StatementPtr Parser::parseStatement()
{
    const Token &token = peek();
    switch (token.kind) {
    case TokenKind::If:
        return parseIf(next());
    case TokenKind::While:
        return parseWhile();
    case TokenKind::For:
        return parseFor();
    case TokenKind::Try:
        return parseTry();
    case TokenKind::Def:
        return parseFunctionDefinition(false);
    case TokenKind::Async:
        if (peek(1).kind == TokenKind::Def) {
            next();
            return parseFunctionDefinition(true);
        }
        if (peek(1).kind == TokenKind::For)
            fail(token, QStringLiteral("async for is not part of Kitchen Python; use for"));
        if (peek(1).kind == TokenKind::With)
            return parseAsyncWith();
        failUnexpected(peek(1), QStringLiteral("expected 'def' after 'async'"));
    default:
        refuseStatement(token);
        return parseSimpleStatement();
    }
}

void Parser::refuseStatement(const Token &token)
{
    switch (token.kind) {
    case TokenKind::Class:
        fail(token, QStringLiteral("classes are not part of Kitchen Python; use functions"));
    case TokenKind::Except:
    case TokenKind::Finally:
        fail(token,
             QStringLiteral("'%1' without a 'try' before it at the same indentation").arg(spellingOf(token.kind)));
    case TokenKind::With:
        fail(token, QStringLiteral("with statements are not part of Kitchen Python"));
    case TokenKind::Global:
        fail(token, QStringLiteral("global is not part of Kitchen Python"));
    case TokenKind::Nonlocal:
        fail(token, QStringLiteral("nonlocal is not part of Kitchen Python"));
    case TokenKind::At:
        fail(token, QStringLiteral("decorators are not part of Kitchen Python"));
    case TokenKind::Del:
        fail(token, QStringLiteral("del is not part of Kitchen Python"));
    case TokenKind::Assert:
        fail(token, QStringLiteral("assert is not part of Kitchen Python; use if and print"));
    case TokenKind::From:
        fail(token,
             QStringLiteral("'from ... import' is not part of Kitchen Python; use 'import' and write module.name"));
    case TokenKind::Elif:
    case TokenKind::Else:
        fail(token,
             QStringLiteral("'%1' without an 'if' or loop before it at the same indentation")
                 .arg(spellingOf(token.kind)));
    default:
        return;
    }
}

StatementPtr Parser::parseSimpleStatement()
{
    const Token &token = peek();
    StatementPtr statement;
    switch (token.kind) {
    case TokenKind::Pass:
        statement = makeStatement(StatementKind::Pass, next().at);
        break;
    case TokenKind::Break:
    case TokenKind::Continue:
        if (m_context.inExceptStar)
            fail(token, QStringLiteral("'break', 'continue' and 'return' cannot appear in an except* block"));
        if (!m_context.inLoop) {
            fail(token,
                 token.kind == TokenKind::Break ? QStringLiteral("'break' outside loop")
                                                : QStringLiteral("'continue' not properly in loop"));
        }
        statement
            = makeStatement(token.kind == TokenKind::Break ? StatementKind::Break : StatementKind::Continue, next().at);
        break;
    case TokenKind::Return:
        if (m_context.inExceptStar)
            fail(token, QStringLiteral("'break', 'continue' and 'return' cannot appear in an except* block"));
        if (!m_context.inFunction)
            fail(token, QStringLiteral("'return' outside function"));
        statement = makeStatement(StatementKind::Return, next().at);
        if (!check(TokenKind::Newline)) {
            statement->value = parseExpression();
            checkNotTuple(QStringLiteral("returning several values"));
        }
        break;
    case TokenKind::Import:
        statement = parseImport();
        break;
    case TokenKind::Raise:
        statement = makeStatement(StatementKind::Raise, next().at);
        if (!check(TokenKind::Newline)) {
            statement->value = parseExpression();
            checkNotTuple(QStringLiteral("raising several values"));
            if (check(TokenKind::From))
                fail(peek(),
                     QStringLiteral("'raise ... from ...' is not part of Kitchen Python; raise the one exception"));
        }
        break;
    default:
        statement = parseExpressionStatement();
        break;
    }
    expectEndOfStatement();
    return statement;
}

void Parser::expectEndOfStatement()
{
    if (check(TokenKind::Semicolon)) {
        fail(peek(),
             QStringLiteral("';' between statements is not part of Kitchen Python; put each statement on a line of "
                            "its own"));
    }
    if (check(TokenKind::Newline)) {
        next();
        return;
    }
    if (startsExpression(peek().kind))
        fail(peek(),
             QStringLiteral("invalid syntax: %1 cannot follow here; a missing operator or comma?")
                 .arg(describeToken(peek())));
    failUnexpected(peek(), QStringLiteral("expected the end of the statement"));
}

void Parser::checkNotTuple(const QString &what)
{
    if (check(TokenKind::Comma))
        fail(peek(), QStringLiteral("tuples are not part of Kitchen Python (%1); use a list").arg(what));
}

StatementPtr Parser::parseExpressionStatement()
{
    const Token &first = peek();
    if (first.kind == TokenKind::Star)
        fail(first, QStringLiteral("unpacking with '*' is only part of Kitchen Python in call arguments"));
    ExpressionPtr expression = parseExpression();
    if (check(TokenKind::Comma)) {
        // a, b = ... or a, b: look along the line for the '=' that tells the two apart.
        for (std::size_t ahead = 1; peek(ahead).kind != TokenKind::Newline && peek(ahead).kind != TokenKind::EndOfFile;
             ++ahead) {
            if (peek(ahead).kind == TokenKind::Equal) {
                fail(
                    peek(),
                    QStringLiteral("assigning several names at once is not part of Kitchen Python; assign one name per "
                                   "line"));
            }
        }
        checkNotTuple(QStringLiteral("a, b"));
    }
    if (check(TokenKind::Colon))
        fail(peek(), QStringLiteral("annotations are not part of Kitchen Python"));
    if (check(TokenKind::Equal)) {
        const Token &equal = next();
        checkTarget(*expression, equal);
        auto statement = makeStatement(StatementKind::Assign, expression->at);
        statement->target = std::move(expression);
        statement->value = parseExpression();
        checkNotTuple(QStringLiteral("x = a, b"));
        if (check(TokenKind::Equal)) {
            fail(peek(),
                 QStringLiteral("chained assignment (a = b = ...) is not part of Kitchen Python; assign one name per "
                                "line"));
        }
        return statement;
    }
    if (const std::optional<BinaryOperator> op = augmentedOperator(peek().kind)) {
        const Token &assignment = next();
        checkTarget(*expression, assignment);
        auto statement = makeStatement(StatementKind::AugmentedAssign, expression->at);
        statement->target = std::move(expression);
        statement->binaryOperator = *op;
        statement->value = parseExpression();
        checkNotTuple(QStringLiteral("x += a, b"));
        return statement;
    }
    auto statement = makeStatement(StatementKind::Expression, expression->at);
    statement->value = std::move(expression);
    return statement;
}

void Parser::checkTarget(const Expression &target, const Token &assignment)
{
    if (target.kind == ExpressionKind::Name || target.kind == ExpressionKind::Subscript)
        return;
    if (target.kind == ExpressionKind::Attribute)
        report(target.at, QStringLiteral("assigning to an attribute is not part of Kitchen Python"));
    else
        report(target.at,
               QStringLiteral("cannot assign to %1; the target of '%2' is a name or a subscript")
                   .arg(describeTarget(target), spellingOf(assignment.kind)));
    throw Failure();
}

StatementPtr Parser::parseImport()
{
    auto statement = makeStatement(StatementKind::Import, next().at);
    do {
        statement->names.push_back(expect(TokenKind::Name, QStringLiteral("expected a module name")).text);
        if (check(TokenKind::Dot))
            fail(peek(), QStringLiteral("importing a submodule is not part of Kitchen Python"));
        if (check(TokenKind::As))
            fail(peek(), QStringLiteral("'import ... as' is not part of Kitchen Python; use the module's own name"));
    } while (accept(TokenKind::Comma));
    return statement;
}

StatementPtr Parser::parseIf(const Token &keyword)
{
    auto statement = makeStatement(StatementKind::If, keyword.at);
    statement->value = parseExpression();
    const QString what = QStringLiteral("'%1' statement on line %2").arg(spellingOf(keyword.kind)).arg(keyword.at.line);
    statement->body = parseSuite(keyword, what);
    if (check(TokenKind::Elif)) {
        // An elif is an If inside the else: a level of the tree like any other.
        const Token &elif = next();
        Nesting nesting(*this, elif);
        statement->orElse.push_back(parseIf(elif));
    } else if (check(TokenKind::Else)) {
        const Token &elseToken = next();
        statement->orElse = parseSuite(elseToken, QStringLiteral("'else' statement on line %1").arg(elseToken.at.line));
    }
    return statement;
}

StatementPtr Parser::parseWhile()
{
    const Token &keyword = next();
    auto statement = makeStatement(StatementKind::While, keyword.at);
    statement->value = parseExpression();
    statement->body = parseBodyIn({m_context.inFunction, m_context.inAsyncFunction, true}, keyword,
                                  QStringLiteral("'while' statement on line %1").arg(keyword.at.line));
    if (check(TokenKind::Else))
        fail(peek(), QStringLiteral("while-else is not part of Kitchen Python; use a flag or break out"));
    return statement;
}

StatementPtr Parser::parseFor()
{
    const Token &keyword = next();
    auto statement = makeStatement(StatementKind::For, keyword.at);
    const Token &variable = expect(TokenKind::Name, QStringLiteral("expected a name after 'for'"));
    if (check(TokenKind::Comma))
        fail(peek(), QStringLiteral("a for loop has a single name as its variable in Kitchen Python"));
    statement->name = variable.text;
    expect(TokenKind::In, QStringLiteral("expected 'in'"));
    statement->value = parseExpression();
    checkNotTuple(QStringLiteral("for x in a, b"));
    statement->body = parseBodyIn({m_context.inFunction, m_context.inAsyncFunction, true}, keyword,
                                  QStringLiteral("'for' statement on line %1").arg(keyword.at.line));
    if (check(TokenKind::Else))
        fail(peek(), QStringLiteral("for-else is not part of Kitchen Python; use a flag or break out"));
    return statement;
}

StatementPtr Parser::parseAsyncWith()
{
    const Token &async = next();
    const Token &keyword = next();
    if (!m_context.inAsyncFunction)
        fail(async, QStringLiteral("'async with' outside async function"));
    return parseAsyncWithItem(async, keyword);
}

StatementPtr Parser::parseAsyncWithItem(const Token &async, const Token &keyword)
{
    auto statement = makeStatement(StatementKind::AsyncWith, async.at);
    statement->value = parseExpression();
    if (accept(TokenKind::As))
        statement->name = expect(TokenKind::Name, QStringLiteral("expected a name after 'as'")).text;
    if (accept(TokenKind::Comma)) {
        // `async with a, b:` is `async with a:` around `async with b:`, as Python runs it.
        statement->body.push_back(parseAsyncWithItem(async, keyword));
        statement->body.back()->end = endOfLastToken();
        return statement;
    }
    statement->body = parseSuite(keyword, QStringLiteral("'with' statement on line %1").arg(keyword.at.line));
    return statement;
}

StatementPtr Parser::parseTry()
{
    const Token &keyword = next();
    auto statement = makeStatement(StatementKind::Try, keyword.at);
    statement->body = parseSuite(keyword, QStringLiteral("'try' statement on line %1").arg(keyword.at.line));
    bool sawBareExcept = false;
    while (check(TokenKind::Except)) {
        const Token &except = next();
        if (sawBareExcept)
            fail(except, QStringLiteral("default 'except:' must be last"));
        ExceptHandler handler;
        handler.at = except.at;
        handler.star = accept(TokenKind::Star);
        if (!statement->handlers.empty() && handler.star != statement->handlers.front().star)
            fail(except, QStringLiteral("cannot have both 'except' and 'except*' on the same 'try'"));
        if (handler.star && check(TokenKind::Colon))
            fail(peek(), QStringLiteral("expected one or more exception types"));
        if (!check(TokenKind::Colon)) {
            if (accept(TokenKind::LeftParenthesis)) {
                // except (ValueError, KeyError): the one place Kitchen Python reads a tuple.
                Nesting nesting(*this, except);
                while (!accept(TokenKind::RightParenthesis)) {
                    handler.types.push_back(parseExpression());
                    if (!check(TokenKind::RightParenthesis))
                        expect(TokenKind::Comma, QStringLiteral("expected ',' or ')'"));
                }
                if (handler.types.empty())
                    fail(except, QStringLiteral("expected an exception class between the parentheses"));
            } else {
                handler.types.push_back(parseExpression());
                if (check(TokenKind::Comma))
                    fail(peek(), QStringLiteral("multiple exception types must be parenthesized"));
            }
            if (accept(TokenKind::As))
                handler.name = expect(TokenKind::Name, QStringLiteral("expected a name after 'as'")).text;
        } else {
            sawBareExcept = true;
        }
        if (handler.star) {
            Context inside = m_context;
            inside.inLoop = false;
            inside.inExceptStar = true;
            handler.body
                = parseBodyIn(inside, except, QStringLiteral("'except*' statement on line %1").arg(except.at.line));
        } else {
            handler.body = parseSuite(except, QStringLiteral("'except' statement on line %1").arg(except.at.line));
        }
        statement->handlers.push_back(std::move(handler));
    }
    if (check(TokenKind::Else)) {
        const Token &elseToken = next();
        if (statement->handlers.empty())
            fail(elseToken, QStringLiteral("'else' after 'try' needs an 'except' before it"));
        statement->orElse = parseSuite(elseToken, QStringLiteral("'else' statement on line %1").arg(elseToken.at.line));
    }
    if (check(TokenKind::Finally)) {
        const Token &finally = next();
        statement->finallyBody
            = parseSuite(finally, QStringLiteral("'finally' statement on line %1").arg(finally.at.line));
    }
    if (statement->handlers.empty() && statement->finallyBody.empty())
        failUnexpected(peek(), QStringLiteral("expected 'except' or 'finally' block"));
    return statement;
}

StatementPtr Parser::parseFunctionDefinition(bool isAsync)
{
    const Token &keyword = next();
    auto statement = makeStatement(StatementKind::FunctionDefinition, keyword.at);
    statement->isAsync = isAsync;
    if (isAsync)
        statement->at = m_tokens[m_position - 2].at; // at 'async'
    statement->name = expect(TokenKind::Name, QStringLiteral("expected the function's name")).text;
    expect(TokenKind::LeftParenthesis, QStringLiteral("expected '('"));
    statement->parameters = parseParameters();
    if (check(TokenKind::UnsupportedOperator) && peek().text == QLatin1String("->"))
        fail(peek(), QStringLiteral("annotations are not part of Kitchen Python"));
    statement->body = parseBodyIn({true, isAsync, false}, keyword,
                                  QStringLiteral("function definition on line %1").arg(keyword.at.line));
    // The last statement's line ended with the Newline just before where the parser stands.
    for (std::size_t back = m_position; back > 0; --back) {
        if (m_tokens[back - 1].kind == TokenKind::Newline) {
            statement->endLine = m_tokens[back - 1].at.line + 1;
            break;
        }
    }
    return statement;
}

std::vector<Parameter> Parser::parseParameters()
{
    std::vector<Parameter> parameters;
    bool sawDefault = false;
    while (!accept(TokenKind::RightParenthesis)) {
        const Token &token = peek();
        if (token.kind == TokenKind::Star || token.kind == TokenKind::DoubleStar || token.kind == TokenKind::Slash) {
            fail(token,
                 QStringLiteral("'%1' in parameters is not part of Kitchen Python; list each parameter by name")
                     .arg(spellingOf(token.kind)));
        }
        Parameter parameter;
        parameter.at = token.at;
        parameter.name = expect(TokenKind::Name, QStringLiteral("expected a parameter name")).text;
        for (const Parameter &earlier : parameters) {
            if (earlier.name == parameter.name)
                fail(token, QStringLiteral("duplicate argument '%1' in function definition").arg(parameter.name));
        }
        if (check(TokenKind::Colon))
            fail(peek(), QStringLiteral("annotations are not part of Kitchen Python"));
        if (accept(TokenKind::Equal)) {
            parameter.defaultValue = parseExpression();
            sawDefault = true;
        } else if (sawDefault) {
            fail(token, QStringLiteral("non-default argument follows default argument"));
        }
        parameters.push_back(std::move(parameter));
        if (!check(TokenKind::RightParenthesis))
            expect(TokenKind::Comma, QStringLiteral("expected ',' or ')'"));
    }
    return parameters;
}

Block Parser::parseBodyIn(Context context, const Token &header, const QString &what)
{
    // Restored however the body ends: a failed loop must not leave 'break' allowed after it.
    const auto restore = qScopeGuard([this, outer = m_context] { m_context = outer; });
    m_context = context;
    return parseSuite(header, what);
}

Block Parser::parseSuite(const Token &header, const QString &what)
{
    expect(TokenKind::Colon, QStringLiteral("expected ':'"));
    Nesting nesting(*this, header);
    Block body;
    if (!accept(TokenKind::Newline)) {
        // if x: pass — one simple statement on the header's line.
        const TokenKind kind = peek().kind;
        if (kind == TokenKind::If || kind == TokenKind::While || kind == TokenKind::For || kind == TokenKind::Def
            || kind == TokenKind::Async || kind == TokenKind::Class || kind == TokenKind::Try) {
            fail(peek(), QStringLiteral("a compound statement cannot follow ':' on the same line; start a new line"));
        }
        refuseStatement(peek());
        body.push_back(parseSimpleStatement());
        body.back()->end = endOfLastToken();
        return body;
    }
    if (!check(TokenKind::Indent))
        fail(peek(), QStringLiteral("expected an indented block after %1").arg(what));
    next();
    while (!check(TokenKind::Dedent) && !check(TokenKind::EndOfFile))
        parseStatementRecovering(&body);
    accept(TokenKind::Dedent);
    return body;
}

// Expressions

ExpressionPtr Parser::parseExpression()
{
    Nesting nesting(*this, peek());
    if (check(TokenKind::Lambda))
        failUnexpected(peek(), {});
    ExpressionPtr body = parseDisjunction();
    if (!check(TokenKind::If))
        return body;
    next();
    auto conditional = makeExpression(ExpressionKind::Conditional, body->at);
    conditional->operands.push_back(std::move(body));
    conditional->operands.push_back(parseDisjunction());
    expect(TokenKind::Else, QStringLiteral("expected 'else' after 'if' expression"));
    conditional->operands.push_back(parseExpression());
    return ended(std::move(conditional));
}

ExpressionPtr Parser::parseDisjunction()
{
    ExpressionPtr first = parseConjunction();
    if (!check(TokenKind::Or))
        return first;
    auto disjunction = makeExpression(ExpressionKind::Or, first->at);
    disjunction->operands.push_back(std::move(first));
    while (accept(TokenKind::Or))
        disjunction->operands.push_back(parseConjunction());
    return ended(std::move(disjunction));
}

ExpressionPtr Parser::parseConjunction()
{
    ExpressionPtr first = parseInversion();
    if (!check(TokenKind::And))
        return first;
    auto conjunction = makeExpression(ExpressionKind::And, first->at);
    conjunction->operands.push_back(std::move(first));
    while (accept(TokenKind::And))
        conjunction->operands.push_back(parseInversion());
    return ended(std::move(conjunction));
}

ExpressionPtr Parser::parseInversion()
{
    if (!check(TokenKind::Not))
        return parseComparison();
    const Token &keyword = next();
    Nesting nesting(*this, keyword);
    auto inversion = makeExpression(ExpressionKind::Unary, keyword.at);
    inversion->unaryOperator = UnaryOperator::Not;
    inversion->operands.push_back(parseInversion());
    return ended(std::move(inversion));
}

ExpressionPtr Parser::parseComparison()
{
    ExpressionPtr first = parseSum();
    ExpressionPtr comparison;
    while (true) {
        std::optional<CompareOperator> op = simpleComparison(peek().kind);
        if (op) {
            next();
        } else if (check(TokenKind::Not) && peek(1).kind == TokenKind::In) {
            next();
            next();
            op = CompareOperator::NotIn;
        } else if (check(TokenKind::Is)) {
            next();
            op = accept(TokenKind::Not) ? CompareOperator::IsNot : CompareOperator::Is;
        } else {
            break;
        }
        if (!comparison) {
            comparison = makeExpression(ExpressionKind::Compare, first->at);
            comparison->operands.push_back(std::move(first));
        }
        comparison->compareOperators.push_back(*op);
        comparison->operands.push_back(parseSum());
    }
    if (check(TokenKind::UnsupportedOperator))
        refuseOperator(peek());
    return comparison ? ended(std::move(comparison)) : std::move(first);
}

ExpressionPtr Parser::parseSum()
{
    ChainNesting chain(*this);
    ExpressionPtr left = parseTerm();
    while (check(TokenKind::Plus) || check(TokenKind::Minus)) {
        const Token &op = next();
        chain.addLinkAfterFirst(op);
        auto binary = makeExpression(ExpressionKind::Binary, left->at);
        binary->binaryOperator = op.kind == TokenKind::Plus ? BinaryOperator::Add : BinaryOperator::Subtract;
        binary->operands.push_back(std::move(left));
        binary->operands.push_back(parseTerm());
        left = ended(std::move(binary));
    }
    return left;
}

ExpressionPtr Parser::parseTerm()
{
    ChainNesting chain(*this);
    ExpressionPtr left = parseFactor();
    while (true) {
        BinaryOperator op = BinaryOperator::Multiply;
        switch (peek().kind) {
        case TokenKind::Star:
            op = BinaryOperator::Multiply;
            break;
        case TokenKind::Slash:
            op = BinaryOperator::Divide;
            break;
        case TokenKind::DoubleSlash:
            op = BinaryOperator::FloorDivide;
            break;
        case TokenKind::Percent:
            op = BinaryOperator::Modulo;
            break;
        case TokenKind::At:
            fail(peek(), QStringLiteral("the operator '@' is not part of Kitchen Python"));
        default:
            return left;
        }
        chain.addLinkAfterFirst(next());
        auto binary = makeExpression(ExpressionKind::Binary, left->at);
        binary->binaryOperator = op;
        binary->operands.push_back(std::move(left));
        binary->operands.push_back(parseFactor());
        left = ended(std::move(binary));
    }
}

ExpressionPtr Parser::parseFactor()
{
    if (!check(TokenKind::Minus) && !check(TokenKind::Plus)) {
        if (check(TokenKind::UnsupportedOperator) && peek().text == QLatin1String("~"))
            refuseOperator(peek());
        return parsePower();
    }
    const Token &op = next();
    Nesting nesting(*this, op);
    auto unary = makeExpression(ExpressionKind::Unary, op.at);
    unary->unaryOperator = op.kind == TokenKind::Minus ? UnaryOperator::Negate : UnaryOperator::Plus;
    unary->operands.push_back(parseFactor());
    return ended(std::move(unary));
}

ExpressionPtr Parser::parsePower()
{
    ExpressionPtr base = parseAwait();
    if (!check(TokenKind::DoubleStar))
        return base;
    // Right-associative and tighter than a unary minus on its left: -2**2 is -(2**2), 2**-1 is 2**(-1).
    const Token &op = next();
    Nesting nesting(*this, op);
    auto power = makeExpression(ExpressionKind::Binary, base->at);
    power->binaryOperator = BinaryOperator::Power;
    power->operands.push_back(std::move(base));
    power->operands.push_back(parseFactor());
    return ended(std::move(power));
}

ExpressionPtr Parser::parseAwait()
{
    if (!check(TokenKind::Await))
        return parsePrimary();
    const Token &keyword = next();
    if (!m_context.inFunction)
        fail(keyword, QStringLiteral("'await' outside function"));
    if (!m_context.inAsyncFunction)
        fail(keyword, QStringLiteral("'await' outside async function"));
    Nesting nesting(*this, keyword);
    auto await = makeExpression(ExpressionKind::Await, keyword.at);
    await->operands.push_back(parsePrimary());
    return ended(std::move(await));
}

ExpressionPtr Parser::parsePrimary()
{
    ChainNesting chain(*this);
    ExpressionPtr primary = parseAtom();
    // The first suffix is free: f(g(x)) costs a level per call through its arguments already.
    bool firstSuffix = true;
    const auto link = [&](const Token &token) {
        if (!std::exchange(firstSuffix, false))
            chain.addLink(token);
    };
    while (true) {
        if (check(TokenKind::Dot)) {
            link(next());
            auto attribute = makeExpression(ExpressionKind::Attribute, primary->at);
            attribute->text = expect(TokenKind::Name, QStringLiteral("expected a name after '.'")).text;
            attribute->operands.push_back(std::move(primary));
            primary = ended(std::move(attribute));
        } else if (check(TokenKind::LeftParenthesis)) {
            link(next());
            auto call = makeExpression(ExpressionKind::Call, primary->at);
            call->operands.push_back(std::move(primary));
            parseArguments(call.get());
            primary = ended(std::move(call));
        } else if (check(TokenKind::LeftBracket)) {
            link(next());
            auto subscript = makeExpression(ExpressionKind::Subscript, primary->at);
            subscript->operands.push_back(std::move(primary));
            subscript->operands.push_back(parseExpression());
            if (check(TokenKind::Colon))
                fail(peek(), QStringLiteral("slices are not part of Kitchen Python"));
            checkNotTuple(QStringLiteral("a[i, j]"));
            expect(TokenKind::RightBracket, QStringLiteral("expected ']'"));
            primary = ended(std::move(subscript));
        } else {
            return primary;
        }
    }
}

void Parser::parseArguments(Expression *call)
{
    std::vector<QString> keywordNames;
    while (!accept(TokenKind::RightParenthesis)) {
        const Token &token = peek();
        if (token.kind == TokenKind::DoubleStar)
            fail(token, QStringLiteral("'**' in a call is not part of Kitchen Python; pass keywords by name"));
        if (token.kind == TokenKind::Star) {
            next();
            auto starred = makeExpression(ExpressionKind::Starred, token.at);
            starred->operands.push_back(parseExpression());
            call->operands.push_back(ended(std::move(starred)));
        } else if (token.kind == TokenKind::Name && peek(1).kind == TokenKind::Equal) {
            next();
            next();
            if (std::find(keywordNames.begin(), keywordNames.end(), token.text) != keywordNames.end())
                fail(token, QStringLiteral("keyword argument repeated: %1").arg(token.text));
            keywordNames.push_back(token.text);
            call->keywords.push_back({token.text, parseExpression(), token.at});
        } else {
            ExpressionPtr argument = parseExpression();
            if (check(TokenKind::Equal))
                fail(peek(), QStringLiteral("expression cannot contain assignment, perhaps you meant \"==\"?"));
            if (check(TokenKind::For)) {
                fail(peek(),
                     QStringLiteral("generator expressions are not part of Kitchen Python; use a list comprehension "
                                    "[... for ...]"));
            }
            if (!call->keywords.empty())
                fail(token, QStringLiteral("positional argument follows keyword argument"));
            call->operands.push_back(std::move(argument));
        }
        expectSeparator(TokenKind::RightParenthesis);
    }
}

void Parser::expectSeparator(TokenKind closing)
{
    if (check(closing))
        return;
    if (startsExpression(peek().kind))
        fail(peek(), QStringLiteral("invalid syntax; perhaps you forgot a comma?"));
    expect(TokenKind::Comma, QStringLiteral("expected ',' or '%1'").arg(spellingOf(closing)));
}

ExpressionPtr Parser::parseAtom()
{
    const Token &token = peek();
    switch (token.kind) {
    case TokenKind::Name: {
        auto name = makeExpression(ExpressionKind::Name, next().at);
        name->text = token.text;
        return ended(std::move(name));
    }
    case TokenKind::Integer: {
        auto integer = makeExpression(ExpressionKind::Integer, next().at);
        integer->integer = token.integer;
        return ended(std::move(integer));
    }
    case TokenKind::Float: {
        auto number = makeExpression(ExpressionKind::Float, next().at);
        number->number = token.number;
        return ended(std::move(number));
    }
    case TokenKind::String:
        return parseStrings();
    case TokenKind::True:
        return ended(makeExpression(ExpressionKind::True, next().at));
    case TokenKind::False:
        return ended(makeExpression(ExpressionKind::False, next().at));
    case TokenKind::None:
        return ended(makeExpression(ExpressionKind::None, next().at));
    case TokenKind::LeftParenthesis:
        return parseParenthesized();
    case TokenKind::LeftBracket:
        return parseList();
    case TokenKind::LeftBrace:
        refuseBraces(token);
    case TokenKind::Star:
        fail(token, QStringLiteral("unpacking with '*' is only part of Kitchen Python in call arguments"));
    case TokenKind::Await:
        fail(token, QStringLiteral("'await' cannot follow 'await' directly; write await (await x)"));
    default:
        failUnexpected(token, QStringLiteral("expected an expression"));
    }
}

ExpressionPtr Parser::parseParenthesized()
{
    const Token &open = next();
    if (check(TokenKind::RightParenthesis))
        fail(open, QStringLiteral("tuples are not part of Kitchen Python; use a list"));
    if (check(TokenKind::Yield))
        failUnexpected(peek(), {});
    ExpressionPtr inner = parseExpression();
    if (check(TokenKind::For)) {
        fail(peek(),
             QStringLiteral("generator expressions are not part of Kitchen Python; use a list comprehension [... for "
                            "...]"));
    }
    if (check(TokenKind::Comma))
        fail(peek(), QStringLiteral("tuples are not part of Kitchen Python; use a list"));
    if (!check(TokenKind::RightParenthesis) && startsExpression(peek().kind))
        fail(peek(), QStringLiteral("invalid syntax; perhaps you forgot a comma?"));
    expect(TokenKind::RightParenthesis, QStringLiteral("expected ')'"));
    return inner;
}

ExpressionPtr Parser::parseList()
{
    const Token &open = next();
    auto list = makeExpression(ExpressionKind::List, open.at);
    while (!accept(TokenKind::RightBracket)) {
        list->operands.push_back(parseExpression());
        if (list->operands.size() == 1 && check(TokenKind::For)) {
            next();
            list->kind = ExpressionKind::ListComprehension;
            if (peek().kind != TokenKind::Name || peek(1).kind == TokenKind::Comma)
                fail(peek(),
                     QStringLiteral("a list comprehension has a single name as its variable in Kitchen Python"));
            list->text = next().text;
            expect(TokenKind::In, QStringLiteral("expected 'in'"));
            list->operands.push_back(parseDisjunction());
            while (accept(TokenKind::If))
                list->operands.push_back(parseDisjunction());
            if (check(TokenKind::For) || check(TokenKind::Async)) {
                fail(peek(),
                     QStringLiteral("a list comprehension with more than one 'for' is not part of Kitchen Python; use "
                                    "for loops"));
            }
            expect(TokenKind::RightBracket, QStringLiteral("expected ']'"));
            return ended(std::move(list));
        }
        expectSeparator(TokenKind::RightBracket);
    }
    return ended(std::move(list));
}

ExpressionPtr Parser::parseStrings()
{
    // Adjacent literals are one: "a" "b" is "ab", and an f-string anywhere among them makes the whole an f-string.
    const SourceLocation at = peek().at;
    bool formatted = false;
    for (std::size_t ahead = 0; peek(ahead).kind == TokenKind::String; ++ahead)
        formatted = formatted || peek(ahead).isFormatted;
    if (!formatted) {
        auto string = makeExpression(ExpressionKind::String, at);
        while (check(TokenKind::String))
            string->text += next().text;
        return ended(std::move(string));
    }
    auto string = makeExpression(ExpressionKind::FormattedString, at);
    const auto appendLiteral = [&](const QString &text) {
        if (text.isEmpty())
            return;
        if (!string->parts.empty() && !string->parts.back().value)
            string->parts.back().literal += text;
        else
            string->parts.push_back({text, nullptr, QChar(), QString(), nullptr});
    };
    while (check(TokenKind::String)) {
        const Token &token = next();
        if (!token.isFormatted) {
            appendLiteral(token.text);
            continue;
        }
        for (const FormattedPiece &piece : token.pieces) {
            if (!piece.isField) {
                appendLiteral(piece.literal);
                continue;
            }
            string->parts.push_back(
                {QString(), parseField(piece), piece.conversion, piece.formatSpec, parseNestedSpec(piece)});
        }
    }
    return ended(std::move(string));
}

ExpressionPtr Parser::parseNestedSpec(const FormattedPiece &piece)
{
    if (piece.specPieces.empty())
        return nullptr;
    auto spec = makeExpression(ExpressionKind::FormattedString, piece.expressionAt);
    for (const FormattedPiece &inner : piece.specPieces) {
        if (inner.isField)
            spec->parts.push_back({QString(), parseField(inner), inner.conversion, inner.formatSpec, nullptr});
        else
            spec->parts.push_back({inner.literal, nullptr, QChar(), QString(), nullptr});
    }
    return spec;
}

ExpressionPtr Parser::parseField(const FormattedPiece &piece)
{
    Lexer lexer(piece.expressionSource, Lexer::Mode::Expression, piece.expressionAt);
    std::vector<Token> tokens = lexer.tokenize();
    for (const Diagnostic &problem : lexer.diagnostics())
        report(problem.at, problem.message);
    if (!lexer.diagnostics().empty())
        throw Failure();
    // Parse the field with this parser, so the nesting limit and the function context carry into it.
    std::swap(m_tokens, tokens);
    const std::size_t position = std::exchange(m_position, 0);
    const auto restore = qScopeGuard([&] {
        std::swap(m_tokens, tokens);
        m_position = position;
    });
    ExpressionPtr value = parseExpression();
    if (!check(TokenKind::EndOfFile))
        failUnexpected(peek(), QStringLiteral("f-string: expected '}'"));
    return value;
}

void Parser::refuseBraces(const Token &brace)
{
    // {} and {k: v} are dictionaries, {a, b} a set: look inside the braces at the top level for a colon.
    int depth = 0;
    for (std::size_t ahead = 1; peek(ahead).kind != TokenKind::EndOfFile; ++ahead) {
        const TokenKind kind = peek(ahead).kind;
        if (kind == TokenKind::LeftBrace || kind == TokenKind::LeftBracket || kind == TokenKind::LeftParenthesis)
            ++depth;
        else if ((kind == TokenKind::RightBrace && depth == 0 && ahead == 1)
                 || (kind == TokenKind::Colon && depth == 0))
            break;
        else if (kind == TokenKind::RightBrace || kind == TokenKind::RightBracket
                 || kind == TokenKind::RightParenthesis) {
            if (depth-- == 0)
                fail(brace, QStringLiteral("sets are not part of Kitchen Python; use a list"));
        } else if (kind == TokenKind::Newline) {
            break;
        }
    }
    fail(brace, QStringLiteral("dictionaries are not part of Kitchen Python"));
}

void Parser::refuseOperator(const Token &token)
{
    if (token.kind == TokenKind::LeftBrace)
        refuseBraces(token);
    if (token.kind == TokenKind::Semicolon)
        fail(token,
             QStringLiteral("';' between statements is not part of Kitchen Python; put each statement on a "
                            "line of its own"));
    if (token.text == QLatin1String("..."))
        fail(token, QStringLiteral("'...' (Ellipsis) is not part of Kitchen Python; use pass"));
    if (token.text == QLatin1String(":="))
        fail(token,
             QStringLiteral("assignment expressions (:=) are not part of Kitchen Python; assign on a line of "
                            "its own"));
    if (token.text == QLatin1String("->"))
        fail(token, QStringLiteral("annotations are not part of Kitchen Python"));
    fail(token, QStringLiteral("the operator '%1' is not part of Kitchen Python").arg(token.text));
}

} // namespace recipe
