// SPDX-License-Identifier: MIT
#pragma once

#include "diagnostic.h"
#include "token.h"

#include <QString>
#include <QStringView>

#include <vector>

namespace recipe {

/**
 * Cuts a recipe into tokens as Python 3.11's tokenizer does: NEWLINE, INDENT
 * and DEDENT from the indentation, lines joined inside brackets and after a
 * backslash, numbers, strings (escapes resolved, f-strings cut into pieces).
 * It reports every problem it finds and goes on; where a problem breaks the
 * token stream it leaves an Invalid token so the parser skips that statement
 * quietly. It owns no tree: the parser builds that.
 */
class Lexer
{
public:
    enum class Mode {
        Module, ///< a whole recipe: lines, indentation
        Expression ///< an f-string field: one expression, line breaks ignored as inside brackets
    };

    /// Line breaks \r\n and \r read as \n, as Python reads a source file.
    explicit Lexer(QStringView source, Mode mode = Mode::Module, SourceLocation start = {1, 1});

    /// The tokens, ending with EndOfFile. Call once.
    std::vector<Token> tokenize();
    const std::vector<Diagnostic> &diagnostics() const { return m_diagnostics; }
    /// True when the brackets nested deeper than maxNesting: the rest of the source was not read.
    bool gaveUp() const { return m_gaveUp; }
    /// The source with its line breaks normalized.
    const QString &source() const { return m_source; }

    /// @p source with \r\n and \r turned into \n, and without a leading byte order mark.
    static QString normalizeLineBreaks(QStringView source);

    /// After this many problems a recipe is reported as it stands: a binary file would fill a screen.
    static constexpr std::size_t maxDiagnostics = 100;

private:
    /// A position in the source, with the line and column it stands at.
    struct Cursor {
        qsizetype offset = 0;
        int line = 1;
        int column = 1;
    };
    /// An open bracket, waiting for its partner.
    struct OpenBracket {
        QChar character;
        SourceLocation at;
        std::size_t tokenIndex = 0;
    };
    /// An indentation level as Python measures it twice: tabs to multiples of 8, and tabs as one column.
    struct IndentLevel {
        int column = 0;
        int tabsAsOne = 0;
    };

    QChar peek(qsizetype ahead = 0) const;
    bool atEnd() const { return m_at.offset >= m_source.size(); }
    void step(Cursor &cursor) const;
    void advance() { step(m_at); }
    SourceLocation location() const { return {m_at.line, m_at.column}; }
    bool canReport() const { return m_diagnostics.size() < maxDiagnostics; }
    void report(SourceLocation at, const QString &message);
    Token &pushToken(TokenKind kind, SourceLocation at);
    void pushInvalid(SourceLocation at);

    bool readIndentation();
    void readToken();
    void readName();
    void readNumber();
    bool readDigits(int base);
    bool keywordFollowsNumber() const;
    void readString(SourceLocation at, QStringView prefix);
    void readOperator();
    void reportBadCharacter(SourceLocation at);
    void openBracket(QChar character, SourceLocation at);
    void closeBracket(QChar character, SourceLocation at);
    void finish();

    SourceLocation locationOf(const Cursor &cursor) const { return {cursor.line, cursor.column}; }
    QString decodeEscapes(Cursor from, qsizetype end, bool raw);
    void decodeEscape(Cursor &cursor, qsizetype end, QString *into);
    bool readHexDigits(Cursor &cursor, qsizetype end, int count, char32_t *value);
    void splitFormattedString(Token &token, Cursor from, qsizetype end, bool raw);
    bool readField(Token &token, Cursor &cursor, qsizetype end, bool inSpec = false);

    QString m_source;
    Mode m_mode;
    Cursor m_at;
    std::vector<Token> m_tokens;
    std::vector<Diagnostic> m_diagnostics;
    std::vector<OpenBracket> m_brackets;
    std::vector<IndentLevel> m_indents;
    /// A column that did not match any outer level: reported once, then its lines read as the level below.
    int m_mismatchedIndentColumn = -1;
    /// Where the last bad character ended: the next one right there belongs to the same run.
    qsizetype m_badRunEnd = -1;
    bool m_atLineStart = true;
    bool m_gaveUp = false;
    bool m_lineHasTokens = false;
};

} // namespace recipe
