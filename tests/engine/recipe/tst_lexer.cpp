// SPDX-License-Identifier: MIT
#include "lexer.h"

#include <QStringList>
#include <QTest>

#include <cmath>
#include <limits>

using namespace recipe;

/**
 * Lexer: the token stream Python 3.11's tokenizer would give for the subset
 * (indentation, joined lines, numbers, strings, f-string pieces), each token
 * where it stands, and the problems it reports with their line:column.
 */
class TestLexer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokens_data();
    void tokens();
    void locations();
    void formattedPieces();
    void floatExtremes();
    void problems_data();
    void problems();
    void expressionModeStartsWhereTold();
    void givesUpPastTheNestingLimit();
};

namespace {

QString dump(const Token &token)
{
    switch (token.kind) {
    case TokenKind::EndOfFile:
        return QStringLiteral("EOF");
    case TokenKind::Newline:
        return QStringLiteral("NL");
    case TokenKind::Indent:
        return QStringLiteral("IN");
    case TokenKind::Dedent:
        return QStringLiteral("DE");
    case TokenKind::Invalid:
        return QStringLiteral("INVALID");
    case TokenKind::Name:
        return token.text;
    case TokenKind::Integer:
        return QStringLiteral("i%1").arg(token.integer);
    case TokenKind::Float:
        return QStringLiteral("f%1").arg(token.number);
    case TokenKind::String:
        return token.isFormatted ? QStringLiteral("F<%1>").arg(token.pieces.size())
                                 : QStringLiteral("s<%1>").arg(token.text);
    case TokenKind::UnsupportedOperator:
        return u'?' + token.text;
    default:
        return spellingOf(token.kind);
    }
}

QString dumpAll(const QString &source)
{
    Lexer lexer(source);
    QStringList dumped;
    for (const Token &token : lexer.tokenize())
        dumped << dump(token);
    return dumped.join(u' ');
}

} // namespace

void TestLexer::tokens_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("tokens");

    QTest::newRow("assignment") << "x = 1\n"
                                << "x = i1 NL EOF";
    QTest::newRow("no final newline") << "x"
                                      << "x NL EOF";
    QTest::newRow("empty") << ""
                           << "EOF";
    QTest::newRow("only comments") << "# a\n   # b\n\n"
                                   << "EOF";
    QTest::newRow("indent and dedent") << "if a:\n    b\n    if c:\n        d\ne\n"
                                       << "if a : NL IN b NL if c : NL IN d NL DE DE e NL EOF";
    QTest::newRow("dedents at end") << "if a:\n  if b:\n    c"
                                    << "if a : NL IN if b : NL IN c NL DE DE EOF";
    QTest::newRow("blank lines inside a block do not dedent") << "if a:\n  b\n\n  c\n"
                                                              << "if a : NL IN b NL c NL DE EOF";
    QTest::newRow("brackets join lines") << "f(1,\n2,\n   3)\n"
                                         << "f ( i1 , i2 , i3 ) NL EOF";
    QTest::newRow("backslash joins lines") << "x = 1 + \\\n  2\n"
                                           << "x = i1 + i2 NL EOF";
    QTest::newRow("comment after code") << "x  # note\n"
                                        << "x NL EOF";
    QTest::newRow("keywords") << "async def await not in is None True False"
                              << "async def await not in is None True False NL EOF";
    QTest::newRow("soft keywords are names") << "match case _"
                                             << "match case _ NL EOF";
    QTest::newRow("operators longest first") << "** **= // //= == != <= >= < > = += -= *= /= %= * / % + -"
                                             << "** **= // //= == != <= >= < > = += -= *= /= %= * / % + - NL EOF";
    QTest::newRow("unsupported operators") << "a | b & c ^ ~d << e >> f := -> ... @"
                                           << "a ?| b ?& c ?^ ?~ d ?<< e ?>> f ?:= ?-> ?... @ NL EOF";
    QTest::newRow("delimiters") << "( ) [ ] { } , : . ;"
                                << "( ) [ ] { } , : . ; NL EOF";
    QTest::newRow("integers") << "0 00 7 1_000 0x_ff 0XFF 0o17 0b1_0 9223372036854775807"
                              << "i0 i0 i7 i1000 i255 i255 i15 i2 i9223372036854775807 NL EOF";
    QTest::newRow("floats") << "1.5 1e3 .5 1_000.0 2. 1E-2 0.0 01.5"
                            << "f1.5 f1000 f0.5 f1000 f2 f0.01 f0 f1.5 NL EOF";
    QTest::newRow("number glued to a keyword") << "1if 2else 3for 0x1for"
                                               << "i1 if i2 else i3 for i31 or NL EOF";
    QTest::newRow("attribute of a name is not a float") << "a.b"
                                                        << "a . b NL EOF";
    QTest::newRow("strings") << R"('a' "b" '''c''' """d""" r'\n' u'e' R"f")"
                             << R"(s<a> s<b> s<c> s<d> s<\n> s<e> s<f> NL EOF)";
    QTest::newRow("escapes") << R"('\t\\\'\"\x41\u00e9\U0001F370\101\q')"
                             << QStringLiteral("s<\t\\'\"A\u00e9\U0001F370A\\q> NL EOF");
    QTest::newRow("raw string keeps escaped quote") << R"(r'\'')"
                                                    << R"(s<\'> NL EOF)";
    QTest::newRow("triple-quoted spans lines") << "x = '''a\n  b'''\ny"
                                               << "x = s<a\n  b> NL y NL EOF";
    QTest::newRow("backslash newline inside a string") << "'a\\\nb'"
                                                       << "s<ab> NL EOF";
    QTest::newRow("string prefix is not a name") << "f'x' rb"
                                                 << "F<1> rb NL EOF";
    QTest::newRow("crlf and cr") << "a\r\nb\rc"
                                 << "a NL b NL c NL EOF";
    QTest::newRow("tab indentation") << "if a:\n\tb\n\tc\n"
                                     << "if a : NL IN b NL c NL DE EOF";
    QTest::newRow("form feed") << "\fx\n"
                               << "x NL EOF";
}

void TestLexer::tokens()
{
    QFETCH(QString, source);
    QFETCH(QString, tokens);
    QCOMPARE(dumpAll(source), tokens);
}

void TestLexer::locations()
{
    Lexer lexer(QStringLiteral("if x:\n    y = 'ab' + f(1)\n"));
    const std::vector<Token> tokens = lexer.tokenize();
    QStringList where;
    for (const Token &token : tokens)
        where << QStringLiteral("%1@%2:%3").arg(dump(token)).arg(token.at.line).arg(token.at.column);
    QCOMPARE(
        where.join(u' '),
        QStringLiteral("if@1:1 x@1:4 :@1:5 NL@1:6 IN@2:5 y@2:5 =@2:7 s<ab>@2:9 +@2:14 f@2:16 (@2:17 i1@2:18 )@2:19 "
                       "NL@2:20 DE@3:1 EOF@3:1"));
}

void TestLexer::formattedPieces()
{
    Lexer lexer(QStringLiteral("f'a{x!r:>3} {{b}} {y = }\\n{ z :.1f}'"));
    const std::vector<Token> tokens = lexer.tokenize();
    QVERIFY(lexer.diagnostics().empty());
    const std::vector<FormattedPiece> &pieces = tokens[0].pieces;
    QStringList dumped;
    for (const FormattedPiece &piece : pieces) {
        dumped << (piece.isField ? QStringLiteral("{%1@%2!%3:%4}")
                                       .arg(piece.expressionSource)
                                       .arg(piece.expressionAt.column)
                                       .arg(piece.conversion.isNull() ? QString() : QString(piece.conversion))
                                       .arg(piece.formatSpec)
                                 : QStringLiteral("<%1>").arg(piece.literal));
    }
    QCOMPARE(dumped.join(u' '), QStringLiteral("<a> {x@5!r:>3} < {b} > <y = > {y @20!r:} <\n> { z @28!:.1f}"));
}

void TestLexer::floatExtremes()
{
    Lexer lexer(QStringLiteral("1e999 1e-999 0e999999999999999999999"));
    const std::vector<Token> tokens = lexer.tokenize();
    QVERIFY(lexer.diagnostics().empty());
    QCOMPARE(tokens[0].number, std::numeric_limits<double>::infinity());
    QCOMPARE(tokens[1].number, 0.0);
    QCOMPARE(tokens[2].number, 0.0);
}

void TestLexer::problems_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("problems");

    QTest::newRow("integer too large") << "9223372036854775808"
                                       << "1:1: integer literal too large for Kitchen Python (64-bit)";
    QTest::newRow("double underscore") << "1__0"
                                       << "1:2: invalid decimal literal";
    QTest::newRow("trailing underscore") << "1_"
                                         << "1:2: invalid decimal literal";
    QTest::newRow("empty hex") << "0x"
                               << "1:3: invalid hexadecimal literal";
    QTest::newRow("octal digit") << "0o8"
                                 << "1:3: invalid octal literal";
    QTest::newRow("binary digit") << "0b12"
                                  << "1:4: invalid digit '2' in binary literal";
    QTest::newRow("backslash not at end") << "x = \\ y"
                                          << "1:5: unexpected character after line continuation character";
    QTest::newRow("backslash at end of file") << "x = \\"
                                              << "1:5: unexpected end of file after line continuation character";
    QTest::newRow("bang") << "!x"
                          << "1:1: '!' is not an operator; use 'not' or '!='";
    QTest::newRow("nul character") << QStringLiteral("x = ") + QChar(0)
                                   << "1:5: invalid non-printable character U+0000";
    QTest::newRow("dollar") << "$"
                            << "1:1: invalid character '$' (U+0024)";
    QTest::newRow("unicode escape past range") << R"('\U00110000')"
                                               << R"(1:2: illegal Unicode character in \U escape)";
    QTest::newRow("f-string bad conversion")
        << "f'{x!z}'"
        << "1:6: f-string: invalid conversion character: expected 's', 'r', or 'a'";
    QTest::newRow("f-string comment") << "f'{x#}'"
                                      << "1:5: f-string expression part cannot include '#'";
    QTest::newRow("f-string unmatched") << "f'{x)}'"
                                        << "1:5: f-string: unmatched ')'";
    QTest::newRow("mismatch on another line")
        << "(\n]"
        << "2:1: closing parenthesis ']' does not match opening parenthesis '(' on line 1";
    QTest::newRow("innermost never closed") << "f(a[1"
                                            << "1:4: '[' was never closed";
    QTest::newRow("several problems, one per run")
        << "x = $$$ ; y = 1__2"
        << "1:5: invalid character '$' (U+0024)\n1:16: invalid decimal literal";
}

void TestLexer::problems()
{
    QFETCH(QString, source);
    QFETCH(QString, problems);
    Lexer lexer(source);
    const std::vector<Token> tokens = lexer.tokenize();
    QStringList reported;
    for (const Diagnostic &diagnostic : lexer.diagnostics())
        reported
            << QStringLiteral("%1:%2: %3").arg(diagnostic.at.line).arg(diagnostic.at.column).arg(diagnostic.message);
    QCOMPARE(reported.join(u'\n'), problems);
    // Where it reported, it left an Invalid token for the parser to skip quietly.
    const bool leftInvalid = std::any_of(tokens.begin(), tokens.end(),
                                         [](const Token &token) { return token.kind == TokenKind::Invalid; });
    QVERIFY(leftInvalid || problems.contains(QLatin1String("escape")));
    QCOMPARE(tokens.back().kind, TokenKind::EndOfFile);
}

void TestLexer::expressionModeStartsWhereTold()
{
    // An f-string field is lexed on its own, from where it stands in the recipe, with no NEWLINE at its line breaks.
    Lexer lexer(QStringLiteral("a +\n  b"), Lexer::Mode::Expression, {7, 12});
    const std::vector<Token> tokens = lexer.tokenize();
    QCOMPARE(tokens.size(), std::size_t(4));
    QCOMPARE(tokens[0].at.line, 7);
    QCOMPARE(tokens[0].at.column, 12);
    QCOMPARE(tokens[2].at.line, 8);
    QCOMPARE(tokens[2].at.column, 3);
    QCOMPARE(tokens[3].kind, TokenKind::EndOfFile);
}

void TestLexer::givesUpPastTheNestingLimit()
{
    // A million '(' must not cost a million tokens: the lexer stops at the first bracket past the limit.
    Lexer atLimit(QString(maxNesting, u'(') + QString(maxNesting, u')'));
    atLimit.tokenize();
    QVERIFY(!atLimit.gaveUp());
    QVERIFY(atLimit.diagnostics().empty());

    Lexer lexer(QStringLiteral("x = ") + QString(1'000'000, u'['));
    const std::vector<Token> tokens = lexer.tokenize();
    QVERIFY(lexer.gaveUp());
    QCOMPARE(lexer.diagnostics().size(), std::size_t(1));
    QCOMPARE(lexer.diagnostics()[0].message, QStringLiteral("too deeply nested (more than 100 levels)"));
    QCOMPARE(lexer.diagnostics()[0].at.column, 4 + maxNesting + 1);
    QVERIFY(tokens.size() < std::size_t(maxNesting + 10));
}

QTEST_GUILESS_MAIN(TestLexer)
#include "tst_lexer.moc"
