// SPDX-License-Identifier: MIT
#pragma once

#include "syntaxtree.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace recipe {

/// More brackets, blocks or operators inside one another than this is refused rather than risking the stack.
constexpr int maxNesting = 100;

/// The message for a recipe nested deeper than maxNesting.
QString tooDeeplyNestedMessage();

/**
 * What the lexer sees. Every Python keyword and operator has a kind of its
 * own, even those Kitchen Python leaves out, so the parser can say "classes are
 * not part of Kitchen Python" instead of a bare "invalid syntax".
 */
enum class TokenKind {
    EndOfFile,
    Newline, ///< ends a logical line; at the line break itself
    Indent,
    Dedent,
    /// Where the lexer already reported a problem: the parser skips the statement without a second message.
    Invalid,
    Name,
    Integer,
    Float,
    String,
    // Keywords.
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
    // Operators and delimiters of Kitchen Python.
    Plus,
    Minus,
    Star,
    Slash,
    DoubleSlash,
    Percent,
    DoubleStar,
    PlusEqual,
    MinusEqual,
    StarEqual,
    SlashEqual,
    DoubleSlashEqual,
    PercentEqual,
    DoubleStarEqual,
    EqualEqual,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Equal,
    LeftParenthesis,
    RightParenthesis,
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    Comma,
    Colon,
    Dot,
    Semicolon,
    At,
    /// Python's other operators (| & ^ ~ << >> := -> ... and their assignments): text says which.
    UnsupportedOperator,
};

/// One piece of an f-string as the lexer cut it: literal text, or a field whose expression the parser parses.
struct FormattedPiece {
    bool isField = false;
    QString literal; ///< the text with escapes resolved, when not a field
    QString expressionSource; ///< the field's expression as written
    SourceLocation expressionAt;
    QChar conversion; ///< 'r', 's' or null
    QString formatSpec; ///< as written
    /// The spec's literal text and the fields nested in it ({x:>{width}}), when it has any such field.
    std::vector<FormattedPiece> specPieces;
};

struct Token {
    TokenKind kind = TokenKind::EndOfFile;
    SourceLocation at;
    /// Just after the token's last character (for Newline, Indent, Dedent and EndOfFile: where it stands).
    SourceLocation end;
    /// Name: the identifier; String: the value; UnsupportedOperator: its spelling.
    QString text;
    std::int64_t integer = 0;
    double number = 0;
    bool isFormatted = false; ///< an f-string: pieces holds it
    std::vector<FormattedPiece> pieces; ///< when isFormatted
};

/// How a message names a token: "'class'", "')'", "end of line", "name 'x'".
QString describeToken(const Token &token);
/// The spelling of a keyword or operator kind, e.g. "class" or "+=" (empty for the others).
QString spellingOf(TokenKind kind);
/// The keyword spelled @p word, or Name when it is none.
TokenKind keywordOrName(QStringView word);

} // namespace recipe
