// SPDX-License-Identifier: MIT
#include "parser.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

#include <algorithm>

using namespace recipe;

/**
 * The parser against files from strangers: thousands of recipes mutated
 * from a few good ones (cut, lines shuffled, random bytes, deep nesting,
 * token soup), always from the same seed so a failure reproduces. Each must
 * end with a module or with diagnostics that point into the file, quickly,
 * and without a crash (the asan preset runs this too).
 */
class TestParserFuzz : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mutatedRecipesEndWithAModuleOrDiagnostics();
    void largeHostileInputsTakeLinearTime_data();
    void largeHostileInputsTakeLinearTime();
};

namespace {

constexpr quint32 seed = 20260909;
constexpr int mutantsPerKind = 700;
/// Per input, generous enough for a Debug ASan build on a busy machine: a hang or a quadratic path blows it.
constexpr qint64 perInputBudgetMs = 500;

const QStringList seedRecipes{
    QStringLiteral("import asyncio\nimport time\n\nSTEPS = 3\n\nasync def preheat_oven(target=350):\n"
                   "    temp = 70\n    while temp < target:\n        await asyncio.sleep(1)\n        temp += 25\n"
                   "        print(f'Oven: {temp:>3}F')\n    return temp\n\nasync def mix(count=STEPS):\n"
                   "    for i in range(count):\n        if i % 2 == 0 and not i > 10:\n            print('stir', i)\n"
                   "        elif i in [1, 2]:\n            continue\n        else:\n            break\n\n"
                   "async def main():\n    t = asyncio.create_task(mix())\n"
                   "    results = await asyncio.gather(preheat_oven(), *[mix(n) for n in range(2) if n])\n"
                   "    print(results[0], t.done(), sep=', ', end='\\n')\n\nasyncio.run(main())\n"),
    QStringLiteral("def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\n"
                   "x = [fib(i) ** 2 // 3 % 7 for i in range(10)]\nprint(x, -2 ** 2, 1.5e3, 0x1f, 'a' 'b')\n"
                   "y = x[0] if x else None\nwhile True:\n    pass\n"),
    QStringLiteral("import time\nend = time.perf_counter() + 0.5\nwhile time.perf_counter() < end:\n    pass\n"
                   "name = \"\"\"multi\nline\"\"\"\nprint('{} {}'.format(name.upper(), len(name)), r'\\d')\n"
                   "values = [1, 2, 3]\nvalues.append(4)\nvalues[0] += 1\ntotal = sum(values) / max(values)\n"
                   "print(f\"{total!r:^10} {values[1]=} {{literal}}\", round(total, 2))\n"),
};

/// Fragments that tend to break things: brackets, quotes, indentation, continuation, refused constructs.
const QStringList hostileFragments{
    QStringLiteral("("),
    QStringLiteral(")"),
    QStringLiteral("["),
    QStringLiteral("]"),
    QStringLiteral("{"),
    QStringLiteral("}"),
    QStringLiteral("'"),
    QStringLiteral("\"\"\""),
    QStringLiteral("f'{"),
    QStringLiteral("\\"),
    QStringLiteral("\n    "),
    QStringLiteral("\n\t"),
    QStringLiteral("\n"),
    QStringLiteral(":"),
    QStringLiteral("class "),
    QStringLiteral("lambda "),
    QStringLiteral("await "),
    QStringLiteral("async "),
    QStringLiteral("**"),
    QStringLiteral("not "),
    QStringLiteral("-"),
    QStringLiteral(","),
    QStringLiteral("="),
    QStringLiteral("if "),
    QStringLiteral("else "),
    QStringLiteral("for "),
    QStringLiteral(" in "),
    QStringLiteral("#"),
    QStringLiteral("99999999999999999999"),
    QStringLiteral("1e999"),
    QStringLiteral("\\x"),
    QStringLiteral("\r"),
    QStringLiteral("\U0001F370"),
    QStringLiteral("\u00e9"),
    QStringLiteral("def f("),
    QStringLiteral("return "),
};

class Mutator
{
public:
    explicit Mutator(quint32 seedValue)
        : m_random(seedValue)
    {
    }

    int below(int bound) { return bound <= 0 ? 0 : int(m_random.bounded(bound)); }
    const QString &anySeed() { return seedRecipes.at(below(int(seedRecipes.size()))); }

    QString cut()
    {
        const QString &recipe = anySeed();
        return recipe.left(below(int(recipe.size())));
    }

    QString shuffledLines()
    {
        QStringList lines = anySeed().split(u'\n');
        for (qsizetype i = lines.size() - 1; i > 0; --i)
            lines.swapItemsAt(i, below(int(i + 1)));
        return lines.join(u'\n');
    }

    QString withFragments()
    {
        QString recipe = anySeed();
        const int insertions = 1 + below(8);
        for (int i = 0; i < insertions; ++i)
            recipe.insert(below(int(recipe.size()) + 1), hostileFragments.at(below(int(hostileFragments.size()))));
        return recipe;
    }

    QString deeplyNested()
    {
        static const QStringList openers{
            QStringLiteral("("),    QStringLiteral("["),   QStringLiteral("f("),           QStringLiteral("-"),
            QStringLiteral("not "), QStringLiteral("2**"), QStringLiteral("a if b else "), QStringLiteral("x."),
            QStringLiteral("1+")};
        static const QStringList closers{QStringLiteral(")"), QStringLiteral("]"), QStringLiteral(")"),
                                         QString(),           QString(),           QString(),
                                         QString(),           QStringLiteral("y"), QString()};
        const int kind = below(int(openers.size()));
        const int levels = 50 + below(200);
        const QString expression = openers.at(kind).repeated(levels) + u'1' + closers.at(kind).repeated(levels);
        if (below(2) == 0)
            return QStringLiteral("x = ") + expression + u'\n';
        QString blocks;
        for (int level = 0; level < levels; ++level)
            blocks += QString(level, u' ') + QStringLiteral("while x:\n");
        return blocks + QString(levels, u' ') + QStringLiteral("pass\n");
    }

    QByteArray randomBytes()
    {
        QByteArray bytes = anySeed().toUtf8();
        const int changes = 1 + below(16);
        for (int i = 0; i < changes; ++i) {
            const char byte = char(below(256));
            if (below(2) == 0 && !bytes.isEmpty())
                bytes[below(int(bytes.size()))] = byte;
            else
                bytes.insert(below(int(bytes.size()) + 1), byte);
        }
        return bytes;
    }

    QString tokenSoup()
    {
        static const QStringList words{
            QStringLiteral("x"),     QStringLiteral("1"),      QStringLiteral("'s'"),  QStringLiteral("("),
            QStringLiteral(")"),     QStringLiteral("["),      QStringLiteral("]"),    QStringLiteral(","),
            QStringLiteral(":"),     QStringLiteral("="),      QStringLiteral("+"),    QStringLiteral("**"),
            QStringLiteral("if"),    QStringLiteral("else"),   QStringLiteral("elif"), QStringLiteral("for"),
            QStringLiteral("in"),    QStringLiteral("while"),  QStringLiteral("def"),  QStringLiteral("async"),
            QStringLiteral("await"), QStringLiteral("return"), QStringLiteral("not"),  QStringLiteral("\n"),
            QStringLiteral("\n  "),  QStringLiteral("f'{x}'"), QStringLiteral("*"),    QStringLiteral("import"),
            QStringLiteral("."),     QStringLiteral("break")};
        QStringList soup;
        const int length = 1 + below(60);
        for (int i = 0; i < length; ++i)
            soup << words.at(below(int(words.size())));
        return soup.join(u' ');
    }

private:
    QRandomGenerator m_random;
};

/// Empty when the outcome is sound: a module and no diagnostics, or diagnostics in order pointing into the file.
QString checkOutcome(const std::optional<Module> &module, const std::vector<Diagnostic> &diagnostics, int lineCount)
{
    if (module)
        return diagnostics.empty() ? QString() : QStringLiteral("a module and diagnostics");
    if (diagnostics.empty())
        return QStringLiteral("neither a module nor a diagnostic");
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
        const Diagnostic &diagnostic = diagnostics[i];
        if (diagnostic.message.isEmpty() || diagnostic.at.line < 1 || diagnostic.at.column < 1
            || diagnostic.at.line > lineCount + 1)
            return QStringLiteral("diagnostic out of the file: %1").arg(diagnostic.toString(QStringLiteral("fuzz")));
        const bool ordered = i == 0
            || std::pair(diagnostics[i - 1].at.line, diagnostics[i - 1].at.column)
                <= std::pair(diagnostic.at.line, diagnostic.at.column);
        if (!ordered)
            return QStringLiteral("diagnostics out of order");
    }
    return {};
}

int lineCountOf(const QByteArray &bytes)
{
    return int(bytes.count('\n') + bytes.count('\r')) + 1;
}

} // namespace

void TestParserFuzz::mutatedRecipesEndWithAModuleOrDiagnostics()
{
    Mutator mutator(seed);
    int accepted = 0;
    int refused = 0;
    qint64 slowestMs = 0;
    const auto run = [&](const QByteArray &bytes, const char *kind, int index) {
        std::vector<Diagnostic> diagnostics;
        QElapsedTimer timer;
        timer.start();
        const std::optional<Module> module = Parser::parseBytes(bytes, &diagnostics);
        const qint64 elapsedMs = timer.elapsed();
        slowestMs = std::max(slowestMs, elapsedMs);
        const QString problem = checkOutcome(module, diagnostics, lineCountOf(bytes));
        const QString where = QStringLiteral("%1 #%2 (seed %3): ").arg(QLatin1String(kind)).arg(index).arg(seed);
        QVERIFY2(problem.isEmpty(), qPrintable(where + problem + QStringLiteral("\n") + QString::fromUtf8(bytes)));
        QVERIFY2(elapsedMs < perInputBudgetMs, qPrintable(where + QStringLiteral("took %1 ms").arg(elapsedMs)));
        (module ? accepted : refused) += 1;
    };
    for (int i = 0; i < mutantsPerKind; ++i) {
        run(mutator.cut().toUtf8(), "cut", i);
        run(mutator.shuffledLines().toUtf8(), "shuffled", i);
        run(mutator.withFragments().toUtf8(), "fragments", i);
        run(mutator.deeplyNested().toUtf8(), "nested", i);
        run(mutator.randomBytes(), "bytes", i);
        run(mutator.tokenSoup().toUtf8(), "soup", i);
        if (QTest::currentTestFailed())
            return;
    }
    qInfo("%d accepted, %d refused, slowest %lld ms", accepted, refused, slowestMs);
    // Both outcomes must occur, or the mutations are not exercising anything.
    QVERIFY(accepted > 0);
    QVERIFY(refused > accepted);
}

void TestParserFuzz::largeHostileInputsTakeLinearTime_data()
{
    QTest::addColumn<QByteArray>("bytes");

    constexpr int megabyte = 1 << 20;
    QRandomGenerator random(seed);
    QByteArray noise(megabyte, Qt::Uninitialized);
    for (char &byte : noise)
        byte = char(random.bounded(256));
    QTest::newRow("a megabyte of noise") << noise;
    // Printable ASCII gets past the UTF-8 check into the lexer and the parser.
    for (char &byte : noise)
        byte = char(' ' + random.bounded('~' - ' ' + 1));
    QTest::newRow("a megabyte of ASCII noise") << noise;
    QTest::newRow("a million open brackets") << QByteArray(megabyte, '(');
    QTest::newRow("a million closing brackets") << QByteArray(megabyte, ')');
    QTest::newRow("a very long line") << QByteArray("x = ") + QByteArray("1 + ").repeated(megabyte / 8) + "1\n";
    QTest::newRow("many lines, each an error") << QByteArray("class A: pass\n").repeated(megabyte / 16);
    QTest::newRow("an unterminated triple quote") << QByteArray("'''") + QByteArray("x\n").repeated(megabyte / 2);
    QTest::newRow("staircase of indents") << [] {
        QByteArray stairs;
        for (int i = 0; i < 2000; ++i)
            stairs += QByteArray(i, ' ') + "if x:\n";
        return stairs;
    }();
    QTest::newRow("a long valid recipe") << QByteArray("x = [1, 2, 3]\nx[0] += len(x) * 2\n").repeated(megabyte / 32);
}

void TestParserFuzz::largeHostileInputsTakeLinearTime()
{
    QFETCH(QByteArray, bytes);
    std::vector<Diagnostic> diagnostics;
    QElapsedTimer timer;
    timer.start();
    const std::optional<Module> module = Parser::parseBytes(bytes, &diagnostics);
    const qint64 elapsedMs = timer.elapsed();
    QVERIFY2(checkOutcome(module, diagnostics, lineCountOf(bytes)).isEmpty(),
             qPrintable(checkOutcome(module, diagnostics, lineCountOf(bytes))));
    // A megabyte in well under the time a quadratic path would need (minutes), even under ASan.
    constexpr qint64 budgetMs = 20'000;
    QVERIFY2(elapsedMs < budgetMs, qPrintable(QStringLiteral("%1 ms").arg(elapsedMs)));
    QVERIFY(diagnostics.size() <= 100);
    qInfo("%lld bytes in %lld ms", qint64(bytes.size()), elapsedMs);
}

QTEST_GUILESS_MAIN(TestParserFuzz)
#include "tst_parserfuzz.moc"
