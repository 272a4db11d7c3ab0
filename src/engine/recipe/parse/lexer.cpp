// SPDX-License-Identifier: MIT
#include "lexer.h"

#include <QStringList>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace recipe {

namespace {

/// Python's tokenizer moves a tab to the next multiple of 8 (and checks the result against tabs counted as 1).
constexpr int tabStop = 8;
constexpr int decimalBase = 10;
constexpr int hexadecimalBase = 16;
constexpr int octalBase = 8;
constexpr int binaryBase = 2;
constexpr int hexDigitsOfX = 2; // \xhh
constexpr int hexDigitsOfSmallU = 4; // \uhhhh
constexpr int hexDigitsOfBigU = 8; // \Uhhhhhhhh
constexpr int maxOctalEscapeDigits = 3;
constexpr char32_t lastCodePoint = 0x10FFFF;
constexpr char16_t byteOrderMark = 0xFEFF;
constexpr char16_t firstNonAscii = 0x80;

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isDecimalDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isIdentifierStart(QChar c)
{
    return isAsciiLetter(c) || c == u'_';
}

bool isIdentifierPart(QChar c)
{
    return isIdentifierStart(c) || isDecimalDigit(c);
}

/// The value of @p c as a digit in @p base, or -1.
int digitValue(QChar c, int base)
{
    int value = -1;
    if (isDecimalDigit(c))
        value = c.unicode() - u'0';
    else if (c >= u'a' && c <= u'f')
        value = c.unicode() - u'a' + decimalBase;
    else if (c >= u'A' && c <= u'F')
        value = c.unicode() - u'A' + decimalBase;
    return value < base ? value : -1;
}

QString literalKindName(int base)
{
    switch (base) {
    case hexadecimalBase:
        return QStringLiteral("hexadecimal");
    case octalBase:
        return QStringLiteral("octal");
    case binaryBase:
        return QStringLiteral("binary");
    default:
        return QStringLiteral("decimal");
    }
}

void appendCodePoint(QString *into, char32_t codePoint)
{
    if (QChar::requiresSurrogates(codePoint)) {
        into->append(QChar(QChar::highSurrogate(codePoint)));
        into->append(QChar(QChar::lowSurrogate(codePoint)));
    } else {
        into->append(QChar(char16_t(codePoint)));
    }
}

/// Roughly log10 of a float literal's value: only its sign matters, to tell an overflow from an underflow.
long long decimalMagnitude(const std::string &literal)
{
    const std::size_t exponentAt = literal.find_first_of("eE");
    const std::string mantissa = literal.substr(0, exponentAt);
    long long exponent = 0;
    if (exponentAt != std::string::npos) {
        // Clamped: "1e99999999999999999999" must not overflow the estimate itself.
        constexpr long long exponentClamp = 1'000'000;
        const bool negative = literal[exponentAt + 1] == '-';
        for (std::size_t i = exponentAt + 1; i < literal.size(); ++i) {
            if (literal[i] >= '0' && literal[i] <= '9')
                exponent = std::min(exponentClamp, exponent * decimalBase + (literal[i] - '0'));
        }
        exponent = negative ? -exponent : exponent;
    }
    const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
    const std::size_t firstSignificant = mantissa.find_first_of("123456789");
    if (firstSignificant == std::string::npos)
        return std::numeric_limits<long long>::min();
    const long long position = firstSignificant < point ? static_cast<long long>(point - firstSignificant) - 1
                                                        : -static_cast<long long>(firstSignificant - point);
    return position + exponent;
}

/// A float literal's value as Python reads it: locale-free, inf past the largest double, 0 below the smallest.
double floatValue(const QString &digits)
{
    const std::string literal = digits.toStdString();
    double value = 0;
    const auto [end, error] = std::from_chars(literal.data(), literal.data() + literal.size(), value);
    Q_UNUSED(end);
    if (error == std::errc::result_out_of_range)
        return decimalMagnitude(literal) > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    return value;
}

struct OperatorSpelling {
    const char *spelling;
    TokenKind kind;
};

// Longest first, so "**=" wins over "**" and "*".
constexpr std::array operatorSpellings{
    OperatorSpelling{"**=", TokenKind::DoubleStarEqual},
    OperatorSpelling{"//=", TokenKind::DoubleSlashEqual},
    OperatorSpelling{">>=", TokenKind::UnsupportedOperator},
    OperatorSpelling{"<<=", TokenKind::UnsupportedOperator},
    OperatorSpelling{"...", TokenKind::UnsupportedOperator},
    OperatorSpelling{"**", TokenKind::DoubleStar},
    OperatorSpelling{"//", TokenKind::DoubleSlash},
    OperatorSpelling{"==", TokenKind::EqualEqual},
    OperatorSpelling{"!=", TokenKind::NotEqual},
    OperatorSpelling{"<=", TokenKind::LessEqual},
    OperatorSpelling{">=", TokenKind::GreaterEqual},
    OperatorSpelling{"+=", TokenKind::PlusEqual},
    OperatorSpelling{"-=", TokenKind::MinusEqual},
    OperatorSpelling{"*=", TokenKind::StarEqual},
    OperatorSpelling{"/=", TokenKind::SlashEqual},
    OperatorSpelling{"%=", TokenKind::PercentEqual},
    OperatorSpelling{"&=", TokenKind::UnsupportedOperator},
    OperatorSpelling{"|=", TokenKind::UnsupportedOperator},
    OperatorSpelling{"^=", TokenKind::UnsupportedOperator},
    OperatorSpelling{"@=", TokenKind::UnsupportedOperator},
    OperatorSpelling{"->", TokenKind::UnsupportedOperator},
    OperatorSpelling{":=", TokenKind::UnsupportedOperator},
    OperatorSpelling{"<<", TokenKind::UnsupportedOperator},
    OperatorSpelling{">>", TokenKind::UnsupportedOperator},
    OperatorSpelling{"+", TokenKind::Plus},
    OperatorSpelling{"-", TokenKind::Minus},
    OperatorSpelling{"*", TokenKind::Star},
    OperatorSpelling{"/", TokenKind::Slash},
    OperatorSpelling{"%", TokenKind::Percent},
    OperatorSpelling{"<", TokenKind::Less},
    OperatorSpelling{">", TokenKind::Greater},
    OperatorSpelling{"=", TokenKind::Equal},
    OperatorSpelling{"(", TokenKind::LeftParenthesis},
    OperatorSpelling{")", TokenKind::RightParenthesis},
    OperatorSpelling{"[", TokenKind::LeftBracket},
    OperatorSpelling{"]", TokenKind::RightBracket},
    OperatorSpelling{"{", TokenKind::LeftBrace},
    OperatorSpelling{"}", TokenKind::RightBrace},
    OperatorSpelling{",", TokenKind::Comma},
    OperatorSpelling{":", TokenKind::Colon},
    OperatorSpelling{".", TokenKind::Dot},
    OperatorSpelling{";", TokenKind::Semicolon},
    OperatorSpelling{"@", TokenKind::At},
    OperatorSpelling{"&", TokenKind::UnsupportedOperator},
    OperatorSpelling{"|", TokenKind::UnsupportedOperator},
    OperatorSpelling{"^", TokenKind::UnsupportedOperator},
    OperatorSpelling{"~", TokenKind::UnsupportedOperator},
};

QChar partnerOf(QChar closing)
{
    if (closing == u')')
        return u'(';
    if (closing == u']')
        return u'[';
    return u'{';
}

} // namespace

Lexer::Lexer(QStringView source, Mode mode, SourceLocation start)
    : m_source(normalizeLineBreaks(source))
    , m_mode(mode)
{
    m_at.line = start.line;
    m_at.column = start.column;
    m_indents.push_back({});
}

QString Lexer::normalizeLineBreaks(QStringView source)
{
    if (source.startsWith(QChar(byteOrderMark)))
        source = source.mid(1);
    if (!source.contains(u'\r'))
        return source.toString();
    QString normalized;
    normalized.reserve(source.size());
    for (qsizetype i = 0; i < source.size(); ++i) {
        if (source[i] != u'\r') {
            normalized.append(source[i]);
            continue;
        }
        normalized.append(u'\n');
        if (i + 1 < source.size() && source[i + 1] == u'\n')
            ++i;
    }
    return normalized;
}

QChar Lexer::peek(qsizetype ahead) const
{
    const qsizetype offset = m_at.offset + ahead;
    return offset < m_source.size() ? m_source.at(offset) : QChar();
}

void Lexer::step(Cursor &cursor) const
{
    const QChar c = m_source.at(cursor.offset);
    ++cursor.offset;
    if (c == u'\n') {
        ++cursor.line;
        cursor.column = 1;
        return;
    }
    // A character outside the BMP is two QChars but one column, as Python counts.
    if (c.isHighSurrogate() && cursor.offset < m_source.size() && m_source.at(cursor.offset).isLowSurrogate())
        ++cursor.offset;
    ++cursor.column;
}

void Lexer::report(SourceLocation at, const QString &message)
{
    if (canReport())
        m_diagnostics.push_back({at, message});
}

Token &Lexer::pushToken(TokenKind kind, SourceLocation at)
{
    Token token;
    token.kind = kind;
    token.at = at;
    // Every token is pushed once its characters are read: where the lexer stands is where the token ends.
    token.end = location();
    m_tokens.push_back(std::move(token));
    if (kind != TokenKind::Newline && kind != TokenKind::Indent && kind != TokenKind::Dedent)
        m_lineHasTokens = true;
    return m_tokens.back();
}

void Lexer::pushInvalid(SourceLocation at)
{
    // One is enough per run of bad characters: the parser skips the whole statement at the first.
    if (!m_tokens.empty() && m_tokens.back().kind == TokenKind::Invalid)
        return;
    pushToken(TokenKind::Invalid, at);
}

std::vector<Token> Lexer::tokenize()
{
    while (true) {
        if (m_atLineStart && m_brackets.empty() && m_mode == Mode::Module) {
            if (!readIndentation())
                continue;
        }
        while (!atEnd() && (peek() == u' ' || peek() == u'\t' || peek() == u'\f'))
            advance();
        if (atEnd())
            break;
        readToken();
    }
    finish();
    return std::move(m_tokens);
}

bool Lexer::readIndentation()
{
    int column = 0;
    int tabsAsOne = 0;
    while (!atEnd()) {
        const QChar c = peek();
        if (c == u' ') {
            ++column;
            ++tabsAsOne;
        } else if (c == u'\t') {
            column = (column / tabStop + 1) * tabStop;
            ++tabsAsOne;
        } else if (c == u'\f') {
            column = tabsAsOne = 0; // as Python: a form feed starts the measure again
        } else {
            break;
        }
        advance();
    }
    if (atEnd())
        return true;
    if (peek() == u'#' || peek() == u'\n') {
        // A blank or comment-only line says nothing about indentation.
        while (!atEnd() && peek() != u'\n')
            advance();
        if (!atEnd())
            advance();
        return false;
    }
    m_atLineStart = false;
    const SourceLocation at = location();
    if (column == m_mismatchedIndentColumn && column > m_indents.back().column)
        return true;
    m_mismatchedIndentColumn = -1;
    const QString inconsistent = QStringLiteral("inconsistent use of tabs and spaces in indentation");
    if (column > m_indents.back().column) {
        const bool consistent = tabsAsOne > m_indents.back().tabsAsOne;
        m_indents.push_back({column, tabsAsOne});
        pushToken(TokenKind::Indent, at);
        if (!consistent) {
            report(at, inconsistent);
            pushInvalid(at);
        }
        return true;
    }
    while (column < m_indents.back().column) {
        m_indents.pop_back();
        pushToken(TokenKind::Dedent, at);
    }
    if (column != m_indents.back().column) {
        report(at, QStringLiteral("unindent does not match any outer indentation level"));
        pushInvalid(at);
        m_mismatchedIndentColumn = column;
    } else if (tabsAsOne != m_indents.back().tabsAsOne) {
        report(at, inconsistent);
        pushInvalid(at);
    }
    return true;
}

void Lexer::readToken()
{
    const QChar c = peek();
    if (c == u'#') {
        while (!atEnd() && peek() != u'\n')
            advance();
    } else if (c == u'\n') {
        if (m_brackets.empty() && m_mode == Mode::Module) {
            if (m_lineHasTokens)
                pushToken(TokenKind::Newline, location());
            m_atLineStart = true;
            m_lineHasTokens = false;
        }
        advance();
    } else if (c == u'\\') {
        const SourceLocation at = location();
        advance();
        if (atEnd()) {
            report(at, QStringLiteral("unexpected end of file after line continuation character"));
            pushInvalid(at);
        } else if (peek() == u'\n') {
            advance(); // the next line continues this one: no NEWLINE, no indentation
        } else {
            report(at, QStringLiteral("unexpected character after line continuation character"));
            pushInvalid(at);
        }
    } else if (isIdentifierStart(c)) {
        readName();
    } else if (isDecimalDigit(c) || (c == u'.' && isDecimalDigit(peek(1)))) {
        readNumber();
    } else if (c == u'\'' || c == u'"') {
        readString(location(), {});
    } else {
        readOperator();
    }
}

void Lexer::readName()
{
    const SourceLocation at = location();
    const qsizetype start = m_at.offset;
    while (!atEnd() && isIdentifierPart(peek()))
        advance();
    const QStringView word = QStringView(m_source).mid(start, m_at.offset - start);
    const bool quoteFollows = peek() == u'\'' || peek() == u'"';
    static const QStringList stringPrefixes{QStringLiteral("r"),  QStringLiteral("u"),  QStringLiteral("f"),
                                            QStringLiteral("b"),  QStringLiteral("rf"), QStringLiteral("fr"),
                                            QStringLiteral("rb"), QStringLiteral("br")};
    if (quoteFollows && stringPrefixes.contains(word.toString(), Qt::CaseInsensitive)) {
        readString(at, word);
        return;
    }
    if (!atEnd() && peek().unicode() >= firstNonAscii && peek().isLetterOrNumber()) {
        report(location(), QStringLiteral("names in Kitchen Python are ASCII letters, digits and '_'"));
        pushInvalid(at);
        while (!atEnd()
               && (isIdentifierPart(peek()) || (peek().unicode() >= firstNonAscii && peek().isLetterOrNumber())))
            advance();
        return;
    }
    const TokenKind kind = keywordOrName(word);
    Token &token = pushToken(kind, at);
    if (kind == TokenKind::Name)
        token.text = word.toString();
}

bool Lexer::keywordFollowsNumber() const
{
    // As CPython 3.11: "1if x else 2" and "[x for x in 2for]" are valid, a number glued to a keyword.
    static const QStringList keywordsAfterNumbers{QStringLiteral("and"), QStringLiteral("else"), QStringLiteral("for"),
                                                  QStringLiteral("if"),  QStringLiteral("in"),   QStringLiteral("is"),
                                                  QStringLiteral("not"), QStringLiteral("or")};
    const QStringView rest = QStringView(m_source).mid(m_at.offset);
    return std::any_of(keywordsAfterNumbers.begin(), keywordsAfterNumbers.end(),
                       [&](const QString &keyword) { return rest.startsWith(keyword); });
}

bool Lexer::readDigits(int base)
{
    bool any = false;
    while (!atEnd()) {
        if (peek() == u'_') {
            // Python allows one underscore between digits (and after a base prefix), never two or at the end.
            if (digitValue(peek(1), base) < 0) {
                report(location(), QStringLiteral("invalid %1 literal").arg(literalKindName(base)));
                return false;
            }
            advance();
            continue;
        }
        if (digitValue(peek(), base) < 0)
            break;
        any = true;
        advance();
    }
    if (!any) {
        report(location(), QStringLiteral("invalid %1 literal").arg(literalKindName(base)));
        return false;
    }
    if (base < decimalBase && isDecimalDigit(peek())) {
        report(location(), QStringLiteral("invalid digit '%1' in %2 literal").arg(peek()).arg(literalKindName(base)));
        return false;
    }
    return true;
}

void Lexer::readNumber()
{
    const SourceLocation at = location();
    const qsizetype start = m_at.offset;
    int base = decimalBase;
    const QChar prefix = peek(1).toLower();
    if (peek() == u'0' && (prefix == u'x' || prefix == u'o' || prefix == u'b'))
        base = prefix == u'x' ? hexadecimalBase : (prefix == u'o' ? octalBase : binaryBase);

    bool isFloat = false;
    bool valid = true;
    if (base != decimalBase) {
        advance();
        advance();
        valid = readDigits(base);
    } else {
        if (peek() != u'.')
            valid = readDigits(decimalBase);
        if (valid && peek() == u'.') {
            isFloat = true;
            advance();
            if (isDecimalDigit(peek()))
                valid = readDigits(decimalBase);
        }
        const QChar afterE = peek(1);
        const bool signedExponent = (afterE == u'+' || afterE == u'-') && isDecimalDigit(peek(2));
        if (valid && (peek() == u'e' || peek() == u'E') && (isDecimalDigit(afterE) || signedExponent)) {
            isFloat = true;
            advance();
            if (signedExponent)
                advance();
            valid = readDigits(decimalBase);
        }
        if (valid && (peek() == u'j' || peek() == u'J')) {
            report(at, QStringLiteral("complex numbers are not part of Kitchen Python"));
            advance();
            valid = false;
        }
    }
    if (valid && isIdentifierPart(peek()) && !keywordFollowsNumber()) {
        report(location(), QStringLiteral("invalid %1 literal").arg(literalKindName(base)));
        valid = false;
    }
    if (!valid) {
        while (!atEnd() && (isIdentifierPart(peek()) || peek() == u'.'))
            advance();
        pushInvalid(at);
        return;
    }

    QString digits = QStringView(m_source).mid(start, m_at.offset - start).toString();
    digits.remove(u'_');
    if (isFloat) {
        pushToken(TokenKind::Float, at).number = floatValue(digits);
        return;
    }
    if (base != decimalBase)
        digits = digits.mid(2);
    else if (digits.size() > 1 && digits.startsWith(u'0') && digits.count(u'0') != digits.size()) {
        report(at,
               QStringLiteral("leading zeros in decimal integer literals are not permitted; "
                              "use an 0o prefix for octal integers"));
        pushInvalid(at);
        return;
    }
    std::int64_t value = 0;
    for (const QChar digit : std::as_const(digits)) {
        if (__builtin_mul_overflow(value, std::int64_t(base), &value)
            || __builtin_add_overflow(value, std::int64_t(digitValue(digit, base)), &value)) {
            report(at, QStringLiteral("integer literal too large for Kitchen Python (64-bit)"));
            pushInvalid(at);
            return;
        }
    }
    pushToken(TokenKind::Integer, at).integer = value;
}

void Lexer::readString(SourceLocation at, QStringView prefix)
{
    const bool raw = prefix.contains(u'r', Qt::CaseInsensitive);
    const bool formatted = prefix.contains(u'f', Qt::CaseInsensitive);
    const bool bytes = prefix.contains(u'b', Qt::CaseInsensitive);
    const QChar quote = peek();
    const bool triple = peek(1) == quote && peek(2) == quote;
    const int quoteLength = triple ? 3 : 1;
    for (int i = 0; i < quoteLength; ++i)
        advance();

    const Cursor bodyStart = m_at;
    qsizetype bodyEnd = -1;
    while (bodyEnd < 0) {
        if (atEnd() || (!triple && peek() == u'\n')) {
            report(at,
                   QStringLiteral("unterminated %1string literal (detected at line %2)")
                       .arg(triple ? QStringLiteral("triple-quoted ") : QString())
                       .arg(m_at.line));
            pushInvalid(at);
            return;
        }
        const QChar c = peek();
        if (c == u'\\') {
            // Even in a raw string a backslash keeps the next character, a quote included, inside the literal.
            advance();
            if (!atEnd())
                advance();
        } else if (c == quote && (!triple || (peek(1) == quote && peek(2) == quote))) {
            bodyEnd = m_at.offset;
            for (int i = 0; i < quoteLength; ++i)
                advance();
        } else {
            advance();
        }
    }

    if (bytes) {
        report(at, QStringLiteral("bytes literals are not part of Kitchen Python; use a string"));
        pushInvalid(at);
        return;
    }
    Token token;
    token.kind = TokenKind::String;
    token.at = at;
    if (formatted)
        splitFormattedString(token, bodyStart, bodyEnd, raw);
    else
        token.text = decodeEscapes(bodyStart, bodyEnd, raw);
    if (token.kind == TokenKind::Invalid) {
        pushInvalid(at);
        return;
    }
    token.end = location();
    pushToken(TokenKind::String, at) = std::move(token);
}

QString Lexer::decodeEscapes(Cursor from, qsizetype end, bool raw)
{
    QString value;
    value.reserve(end - from.offset);
    while (from.offset < end) {
        if (!raw && m_source.at(from.offset) == u'\\') {
            decodeEscape(from, end, &value);
            continue;
        }
        const qsizetype before = from.offset;
        step(from);
        value.append(QStringView(m_source).mid(before, from.offset - before));
    }
    return value;
}

bool Lexer::readHexDigits(Cursor &cursor, qsizetype end, int count, char32_t *value)
{
    *value = 0;
    for (int i = 0; i < count; ++i) {
        const int digit = cursor.offset < end ? digitValue(m_source.at(cursor.offset), hexadecimalBase) : -1;
        if (digit < 0)
            return false;
        *value = *value * hexadecimalBase + char32_t(digit);
        step(cursor);
    }
    return true;
}

void Lexer::decodeEscape(Cursor &cursor, qsizetype end, QString *into)
{
    const SourceLocation at = locationOf(cursor);
    step(cursor); // the backslash
    if (cursor.offset >= end) {
        into->append(u'\\');
        return;
    }
    const QChar c = m_source.at(cursor.offset);
    static const QString simpleEscapes = QStringLiteral("\\'\"abfnrtv");
    static const QString simpleValues = QStringLiteral("\\'\"\a\b\f\n\r\t\v");
    if (const qsizetype simple = simpleEscapes.indexOf(c); simple >= 0) {
        into->append(simpleValues.at(simple));
        step(cursor);
    } else if (c == u'\n') {
        step(cursor); // a backslash at the end of a line joins the lines inside the string
    } else if (digitValue(c, octalBase) >= 0) {
        char32_t value = 0;
        for (int i = 0; i < maxOctalEscapeDigits && cursor.offset < end; ++i) {
            const int digit = digitValue(m_source.at(cursor.offset), octalBase);
            if (digit < 0)
                break;
            value = value * octalBase + char32_t(digit);
            step(cursor);
        }
        appendCodePoint(into, value);
    } else if (c == u'x' || c == u'u' || c == u'U') {
        const int count = c == u'x' ? hexDigitsOfX : (c == u'u' ? hexDigitsOfSmallU : hexDigitsOfBigU);
        step(cursor);
        char32_t value = 0;
        if (!readHexDigits(cursor, end, count, &value))
            report(at, QStringLiteral("truncated \\%1 escape: it needs %2 hex digits").arg(c).arg(count));
        else if (value > lastCodePoint)
            report(at, QStringLiteral("illegal Unicode character in \\U escape"));
        else
            appendCodePoint(into, value);
    } else if (c == u'N') {
        report(at, QStringLiteral("\\N{...} escapes are not part of Kitchen Python; write the character itself"));
        step(cursor);
    } else {
        into->append(u'\\'); // as Python: an unknown escape stays as written
    }
}

void Lexer::splitFormattedString(Token &token, Cursor from, qsizetype end, bool raw)
{
    token.isFormatted = true;
    QString literal;
    const auto flushLiteral = [&] {
        if (literal.isEmpty())
            return;
        FormattedPiece piece;
        piece.literal = std::move(literal);
        token.pieces.push_back(std::move(piece));
        literal.clear();
    };
    while (from.offset < end) {
        const QChar c = m_source.at(from.offset);
        const QChar next = from.offset + 1 < end ? m_source.at(from.offset + 1) : QChar();
        if ((c == u'{' || c == u'}') && next == c) {
            literal.append(c); // {{ and }} stand for one brace
            step(from);
            step(from);
        } else if (c == u'{') {
            flushLiteral();
            step(from);
            if (!readField(token, from, end)) {
                token.kind = TokenKind::Invalid;
                return;
            }
        } else if (c == u'}') {
            report(locationOf(from), QStringLiteral("f-string: single '}' is not allowed"));
            token.kind = TokenKind::Invalid;
            return;
        } else if (c == u'\\' && !raw) {
            decodeEscape(from, end, &literal);
        } else {
            const qsizetype before = from.offset;
            step(from);
            literal.append(QStringView(m_source).mid(before, from.offset - before));
        }
    }
    flushLiteral();
}

bool Lexer::readField(Token &token, Cursor &cursor, qsizetype end, bool inSpec)
{
    const Cursor expressionStart = cursor;
    const auto failAt = [&](const Cursor &where, const QString &message) {
        report(locationOf(where), message);
        return false;
    };
    const auto charAt = [&](const Cursor &where) { return where.offset < end ? m_source.at(where.offset) : QChar(); };
    int depth = 0;
    QChar quote; // inside a string within the field
    while (true) {
        if (cursor.offset >= end)
            return failAt(cursor, QStringLiteral("f-string: expecting '}'"));
        const QChar c = m_source.at(cursor.offset);
        const QChar next = cursor.offset + 1 < end ? m_source.at(cursor.offset + 1) : QChar();
        const QChar previous = cursor.offset > expressionStart.offset ? m_source.at(cursor.offset - 1) : QChar();
        if (c == u'\\') {
            return failAt(cursor, QStringLiteral("f-string expression part cannot include a backslash"));
        } else if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'#') {
            return failAt(cursor, QStringLiteral("f-string expression part cannot include '#'"));
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'(' || c == u'[' || c == u'{') {
            ++depth;
        } else if (c == u')' || c == u']' || c == u'}') {
            if (depth == 0 && c == u'}')
                break;
            if (depth == 0)
                return failAt(cursor, QStringLiteral("f-string: unmatched '%1'").arg(c));
            --depth;
        } else if (depth == 0 && ((c == u'!' && next != u'=') || c == u':')) {
            break;
        } else if (depth == 0 && c == u'=' && next != u'=' && !QStringLiteral("=!<>").contains(previous)) {
            break; // {x=}: the expression's text, then its value
        }
        step(cursor);
    }

    FormattedPiece field;
    field.isField = true;
    field.expressionSource
        = QStringView(m_source).mid(expressionStart.offset, cursor.offset - expressionStart.offset).toString();
    field.expressionAt = locationOf(expressionStart);
    if (field.expressionSource.trimmed().isEmpty())
        return failAt(expressionStart, QStringLiteral("f-string: empty expression not allowed"));

    const bool selfDocumenting = charAt(cursor) == u'=';
    if (selfDocumenting) {
        step(cursor);
        while (charAt(cursor).isSpace())
            step(cursor);
        FormattedPiece text;
        text.literal
            = QStringView(m_source).mid(expressionStart.offset, cursor.offset - expressionStart.offset).toString();
        token.pieces.push_back(std::move(text));
    }
    if (charAt(cursor) == u'!') {
        step(cursor);
        const QChar conversion = charAt(cursor);
        if (conversion != u'r' && conversion != u's' && conversion != u'a') {
            return failAt(cursor, QStringLiteral("f-string: invalid conversion character: expected 's', 'r', or 'a'"));
        }
        field.conversion = conversion;
        step(cursor);
    }
    bool hasSpec = false;
    if (charAt(cursor) == u':') {
        hasSpec = true;
        step(cursor);
        const qsizetype specStart = cursor.offset;
        // A '{' in the spec starts a field of its own, one level deep as in Python: {x:>{width}.{digits}f}.
        Token spec;
        bool nested = false;
        qsizetype literalStart = specStart;
        const auto flushLiteral = [&] {
            if (cursor.offset > literalStart) {
                FormattedPiece literal;
                literal.literal = QStringView(m_source).mid(literalStart, cursor.offset - literalStart).toString();
                spec.pieces.push_back(std::move(literal));
            }
        };
        while (cursor.offset < end && m_source.at(cursor.offset) != u'}') {
            if (m_source.at(cursor.offset) != u'{') {
                step(cursor);
                continue;
            }
            if (inSpec)
                return failAt(cursor, QStringLiteral("f-string: expressions nested too deeply"));
            flushLiteral();
            nested = true;
            step(cursor);
            if (!readField(spec, cursor, end, true))
                return false;
            literalStart = cursor.offset;
        }
        flushLiteral();
        field.formatSpec = QStringView(m_source).mid(specStart, cursor.offset - specStart).toString();
        if (nested)
            field.specPieces = std::move(spec.pieces);
    }
    if (charAt(cursor) != u'}')
        return failAt(cursor, QStringLiteral("f-string: expecting '}'"));
    step(cursor);
    if (selfDocumenting && field.conversion.isNull() && !hasSpec)
        field.conversion = u'r'; // as Python: {x=} shows repr(x) unless a conversion or spec says otherwise
    token.pieces.push_back(std::move(field));
    return true;
}

void Lexer::readOperator()
{
    const SourceLocation at = location();
    for (const OperatorSpelling &each : operatorSpellings) {
        const qsizetype length = qsizetype(std::char_traits<char>::length(each.spelling));
        bool matches = true;
        for (qsizetype i = 0; i < length && matches; ++i)
            matches = peek(i) == QLatin1Char(each.spelling[i]);
        if (!matches)
            continue;
        for (qsizetype i = 0; i < length; ++i)
            advance();
        const QChar first = QLatin1Char(each.spelling[0]);
        if (length == 1 && (first == u'(' || first == u'[' || first == u'{'))
            openBracket(first, at);
        else if (length == 1 && (first == u')' || first == u']' || first == u'}'))
            closeBracket(first, at);
        else if (each.kind == TokenKind::UnsupportedOperator)
            pushToken(each.kind, at).text = QString::fromLatin1(each.spelling);
        else
            pushToken(each.kind, at);
        return;
    }

    // One message for a run of bad characters (a pasted binary would fill the screen otherwise).
    if (m_at.offset != m_badRunEnd && canReport())
        reportBadCharacter(at);
    pushInvalid(at);
    advance();
    m_badRunEnd = m_at.offset;
}

void Lexer::reportBadCharacter(SourceLocation at)
{
    const QChar c = peek();
    if (c == u'!')
        report(at, QStringLiteral("'!' is not an operator; use 'not' or '!='"));
    else if (c.unicode() >= firstNonAscii && c.isLetter())
        report(at, QStringLiteral("names in Kitchen Python are ASCII letters, digits and '_'"));
    else if (c.isPrint() || c.isHighSurrogate())
        report(at,
               QStringLiteral("invalid character '%1' (U+%2)")
                   .arg(QStringView(m_source).mid(m_at.offset, c.isHighSurrogate() ? 2 : 1))
                   .arg(QString::number(c.isHighSurrogate() && peek(1).isLowSurrogate()
                                            ? QChar::surrogateToUcs4(c, peek(1))
                                            : c.unicode(),
                                        hexadecimalBase)
                            .toUpper()
                            .rightJustified(4, u'0')));
    else
        report(at,
               QStringLiteral("invalid non-printable character U+%1")
                   .arg(QString::number(c.unicode(), hexadecimalBase).toUpper().rightJustified(4, u'0')));
}

void Lexer::openBracket(QChar character, SourceLocation at)
{
    const TokenKind kind = character == u'(' ? TokenKind::LeftParenthesis
                                             : (character == u'[' ? TokenKind::LeftBracket : TokenKind::LeftBrace);
    if (m_brackets.size() >= std::size_t(maxNesting)) {
        // The parser would refuse it anyway; stopping here keeps a file of a million '(' from costing a token each.
        report(at, tooDeeplyNestedMessage());
        pushInvalid(at);
        m_brackets.clear();
        m_gaveUp = true;
        m_at.offset = m_source.size();
        return;
    }
    m_brackets.push_back({character, at, m_tokens.size()});
    pushToken(kind, at);
}

void Lexer::closeBracket(QChar character, SourceLocation at)
{
    if (m_brackets.empty()) {
        if (canReport())
            report(at, QStringLiteral("unmatched '%1'").arg(character));
        pushInvalid(at);
        return;
    }
    const OpenBracket open = m_brackets.back();
    m_brackets.pop_back();
    if (open.character != partnerOf(character)) {
        const QString where = open.at.line != at.line ? QStringLiteral(" on line %1").arg(open.at.line) : QString();
        report(at,
               QStringLiteral("closing parenthesis '%1' does not match opening parenthesis '%2'%3")
                   .arg(character)
                   .arg(open.character)
                   .arg(where));
        pushInvalid(at);
        return;
    }
    const TokenKind kind = character == u')' ? TokenKind::RightParenthesis
                                             : (character == u']' ? TokenKind::RightBracket : TokenKind::RightBrace);
    pushToken(kind, at);
}

void Lexer::finish()
{
    if (!m_brackets.empty()) {
        report(m_brackets.back().at, QStringLiteral("'%1' was never closed").arg(m_brackets.back().character));
        // Right after the outermost bracket, so the parser drops the statement without a second message.
        Token invalid;
        invalid.kind = TokenKind::Invalid;
        invalid.at = m_brackets.front().at;
        m_tokens.insert(m_tokens.begin() + qsizetype(m_brackets.front().tokenIndex) + 1, std::move(invalid));
        m_brackets.clear();
    }
    if (m_mode == Mode::Module) {
        if (m_lineHasTokens)
            pushToken(TokenKind::Newline, location());
        while (m_indents.size() > 1) {
            m_indents.pop_back();
            pushToken(TokenKind::Dedent, location());
        }
    }
    pushToken(TokenKind::EndOfFile, location());
}

} // namespace recipe
