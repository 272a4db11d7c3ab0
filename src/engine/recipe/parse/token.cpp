// SPDX-License-Identifier: MIT
#include "token.h"

#include <QHash>

#include <array>
#include <utility>

namespace recipe {

namespace {

using Spelling = std::pair<TokenKind, const char *>;

// Python 3.11's keywords, all of them: those Kitchen Python leaves out still deserve a message of their own.
constexpr std::array keywords{
    Spelling{TokenKind::False, "False"},
    Spelling{TokenKind::None, "None"},
    Spelling{TokenKind::True, "True"},
    Spelling{TokenKind::And, "and"},
    Spelling{TokenKind::As, "as"},
    Spelling{TokenKind::Assert, "assert"},
    Spelling{TokenKind::Async, "async"},
    Spelling{TokenKind::Await, "await"},
    Spelling{TokenKind::Break, "break"},
    Spelling{TokenKind::Class, "class"},
    Spelling{TokenKind::Continue, "continue"},
    Spelling{TokenKind::Def, "def"},
    Spelling{TokenKind::Del, "del"},
    Spelling{TokenKind::Elif, "elif"},
    Spelling{TokenKind::Else, "else"},
    Spelling{TokenKind::Except, "except"},
    Spelling{TokenKind::Finally, "finally"},
    Spelling{TokenKind::For, "for"},
    Spelling{TokenKind::From, "from"},
    Spelling{TokenKind::Global, "global"},
    Spelling{TokenKind::If, "if"},
    Spelling{TokenKind::Import, "import"},
    Spelling{TokenKind::In, "in"},
    Spelling{TokenKind::Is, "is"},
    Spelling{TokenKind::Lambda, "lambda"},
    Spelling{TokenKind::Nonlocal, "nonlocal"},
    Spelling{TokenKind::Not, "not"},
    Spelling{TokenKind::Or, "or"},
    Spelling{TokenKind::Pass, "pass"},
    Spelling{TokenKind::Raise, "raise"},
    Spelling{TokenKind::Return, "return"},
    Spelling{TokenKind::Try, "try"},
    Spelling{TokenKind::While, "while"},
    Spelling{TokenKind::With, "with"},
    Spelling{TokenKind::Yield, "yield"},
};

constexpr std::array operators{
    Spelling{TokenKind::Plus, "+"},
    Spelling{TokenKind::Minus, "-"},
    Spelling{TokenKind::Star, "*"},
    Spelling{TokenKind::Slash, "/"},
    Spelling{TokenKind::DoubleSlash, "//"},
    Spelling{TokenKind::Percent, "%"},
    Spelling{TokenKind::DoubleStar, "**"},
    Spelling{TokenKind::PlusEqual, "+="},
    Spelling{TokenKind::MinusEqual, "-="},
    Spelling{TokenKind::StarEqual, "*="},
    Spelling{TokenKind::SlashEqual, "/="},
    Spelling{TokenKind::DoubleSlashEqual, "//="},
    Spelling{TokenKind::PercentEqual, "%="},
    Spelling{TokenKind::DoubleStarEqual, "**="},
    Spelling{TokenKind::EqualEqual, "=="},
    Spelling{TokenKind::NotEqual, "!="},
    Spelling{TokenKind::Less, "<"},
    Spelling{TokenKind::LessEqual, "<="},
    Spelling{TokenKind::Greater, ">"},
    Spelling{TokenKind::GreaterEqual, ">="},
    Spelling{TokenKind::Equal, "="},
    Spelling{TokenKind::LeftParenthesis, "("},
    Spelling{TokenKind::RightParenthesis, ")"},
    Spelling{TokenKind::LeftBracket, "["},
    Spelling{TokenKind::RightBracket, "]"},
    Spelling{TokenKind::LeftBrace, "{"},
    Spelling{TokenKind::RightBrace, "}"},
    Spelling{TokenKind::Comma, ","},
    Spelling{TokenKind::Colon, ":"},
    Spelling{TokenKind::Dot, "."},
    Spelling{TokenKind::Semicolon, ";"},
    Spelling{TokenKind::At, "@"},
};

} // namespace

QString spellingOf(TokenKind kind)
{
    for (const auto &[each, spelling] : keywords) {
        if (each == kind)
            return QString::fromLatin1(spelling);
    }
    for (const auto &[each, spelling] : operators) {
        if (each == kind)
            return QString::fromLatin1(spelling);
    }
    return {};
}

TokenKind keywordOrName(QStringView word)
{
    // Built once, on first use; a recipe's names are looked up here one by one.
    static const QHash<QString, TokenKind> byWord = [] {
        QHash<QString, TokenKind> table;
        for (const auto &[kind, spelling] : keywords)
            table.insert(QString::fromLatin1(spelling), kind);
        return table;
    }();
    return byWord.value(word.toString(), TokenKind::Name);
}

QString tooDeeplyNestedMessage()
{
    return QStringLiteral("too deeply nested (more than %1 levels)").arg(maxNesting);
}

QString describeToken(const Token &token)
{
    switch (token.kind) {
    case TokenKind::EndOfFile:
        return QStringLiteral("end of file");
    case TokenKind::Newline:
        return QStringLiteral("end of line");
    case TokenKind::Indent:
        return QStringLiteral("an indent");
    case TokenKind::Dedent:
        return QStringLiteral("an unindent");
    case TokenKind::Invalid:
        return QStringLiteral("an invalid token");
    case TokenKind::Name:
        return QStringLiteral("name '%1'").arg(token.text);
    case TokenKind::Integer:
    case TokenKind::Float:
        return QStringLiteral("a number");
    case TokenKind::String:
        return QStringLiteral("a string");
    case TokenKind::UnsupportedOperator:
        return QStringLiteral("'%1'").arg(token.text);
    default:
        return QStringLiteral("'%1'").arg(spellingOf(token.kind));
    }
}

} // namespace recipe
