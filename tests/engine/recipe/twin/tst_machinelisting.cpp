// SPDX-License-Identifier: MIT
#include "compiler.h"
#include "machinelisting.h"
#include "parser.h"

#include <QRegularExpression>
#include <QTest>

using namespace recipe;

/**
 * MachineListing: a whole listing of a small recipe compared exactly, and
 * the states each function's summary names (where each starts, which lines
 * it can run, where it can suspend) for loops and branches.
 */
class TestMachineListing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsASmallRecipe();
    void summarizesTheStates_data();
    void summarizesTheStates();
    void saysWhereAnExceptionGoes();
};

namespace {
QString listingOf(const QString &recipe)
{
    std::vector<Diagnostic> diagnostics;
    std::optional<Program> program;
    if (const std::optional<Module> module = Parser::parse(recipe, &diagnostics))
        program = Compiler::compile(*module, &diagnostics);
    if (!program)
        qFatal("the recipe does not compile: %s", qPrintable(diagnostics.at(0).message));
    return MachineListing::write(*program, QStringLiteral("r.py"));
}
} // namespace

void TestMachineListing::listsASmallRecipe()
{
    const QString listing = listingOf(QStringLiteral("import asyncio\nasync def f(n):\n    x = await g(n)\n"
                                                     "    return x\n"));
    const QString function = listing.mid(listing.indexOf(QLatin1String("\nasync def f")) + 1);
    QCOMPARE(function,
             QStringLiteral("async def f(n), line 2: 2 states\n"
                            "  state 0: from the top, runs line 3, until the await on line 3\n"
                            "  state 1: after the await on line 3, runs lines 3-4, until the end\n"
                            "\n"
                            "   3 |     x = await g(n)\n"
                            "     0  LoadGlobal      g\n"
                            "     1  LoadLocal       n\n"
                            "     2  Call            1 argument\n"
                            "     3  Await           suspends here; state 1 resumes at 4\n"
                            "      -- state 1 resumes here, the awaited result on the stack\n"
                            "     4  StoreLocal      x\n"
                            "   4 |     return x\n"
                            "     5  LoadLocal       x\n"
                            "     6  Return\n"
                            "     7  LoadConst       None\n"
                            "     8  Return\n"));
    QVERIFY(listing.startsWith(QLatin1String("# r.py as the engine compiled it")));
    QVERIFY(listing.contains(
        QLatin1String("the module: 1 state\n  state 0: from the top, runs lines 1-2, until the end\n")));
}

void TestMachineListing::summarizesTheStates_data()
{
    QTest::addColumn<QString>("recipe");
    QTest::addColumn<QString>("states");
    QTest::newRow("a loop comes back to its await")
        << "import asyncio\nasync def f():\n    for i in range(3):\n        await asyncio.sleep(0)\n"
           "        print(i)\n"
        << "  state 0: from the top, runs lines 3-5, until the await on line 4 or the end\n"
           "  state 1: after the await on line 4, runs lines 3-5, until the await on line 4 or the end\n";
    QTest::newRow("two awaits on two branches")
        << "import asyncio\nasync def f(x):\n    if x:\n        await asyncio.sleep(1)\n    else:\n"
           "        await asyncio.sleep(2)\n    print(x)\n"
        << "  state 0: from the top, runs lines 3-4, 6, until the await on line 4 or the await on line 6\n"
           "  state 1: after the await on line 4, runs lines 3-4, 7, until the end\n"
           "  state 2: after the await on line 6, runs lines 6-7, until the end\n";
    QTest::newRow("a plain function has one state") << "def f():\n    return 1\n"
                                                    << "  state 0: from the top, runs line 2, until the end\n";
}

void TestMachineListing::summarizesTheStates()
{
    QFETCH(QString, recipe);
    QFETCH(QString, states);
    const QString listing = listingOf(recipe);
    // Headings start their line; the source lines under them are indented after their numbers.
    static const QRegularExpression heading(QStringLiteral("^(async )?def f\\("), QRegularExpression::MultilineOption);
    const qsizetype function = listing.indexOf(heading);
    QVERIFY(function > 0);
    const qsizetype start = listing.indexOf(u'\n', function) + 1;
    QCOMPARE(listing.mid(start, listing.indexOf(QLatin1String("\n\n"), start) + 1 - start), states);
}

void TestMachineListing::saysWhereAnExceptionGoes()
{
    const QString listing = listingOf(QStringLiteral("def f():\n"
                                                     "    try:\n"
                                                     "        g()\n"
                                                     "    except (ValueError, KeyError) as e:\n"
                                                     "        raise\n"));
    QVERIFY2(listing.contains(QStringLiteral("StoreLocal      <exception 1>")), qPrintable(listing));
    QVERIFY2(listing.contains(QStringLiteral("ExceptMatch     is it ValueError or KeyError?")), qPrintable(listing));
    QVERIFY2(listing.contains(QStringLiteral("Raise           again, from where it was first raised")),
             qPrintable(listing));
    QVERIFY2(listing.contains(QStringLiteral("Unbind          e")), qPrintable(listing));
    QVERIFY2(listing.contains(QStringLiteral("-- an exception raised in 0 to 2 goes to 4, the stack cut to 0")),
             qPrintable(listing));
}

QTEST_GUILESS_MAIN(TestMachineListing)
#include "tst_machinelisting.moc"
