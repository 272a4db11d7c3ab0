// SPDX-License-Identifier: MIT
#include "compiler.h"
#include "parser.h"

#include <QTest>

using namespace recipe;

/**
 * Compiler: Kitchen Python's promise that a recipe may print and wait,
 * never touch the machine, kept before anything runs; its state machines
 * (a state per await); and the knobs --set turns.
 */
class TestCompiler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapesAreRefusedWithWhereAndWhy_data();
    void escapesAreRefusedWithWhereAndWhy();
    void eachAwaitIsAState();
    void constantsReplaceTheRecipesLiterals();
    void aConstantTheRecipeDoesNotBindIsAnError();
    void literalsAreReadAsPythonWritesThem();
    void aTryCoversItsBodyWithTheLoopsIteratorsOnTheStack();

private:
    static std::optional<Program> compile(const QString &source, std::vector<Diagnostic> *diagnostics,
                                          const Compiler::Constants &constants = {});
};

std::optional<Program> TestCompiler::compile(const QString &source, std::vector<Diagnostic> *diagnostics,
                                             const Compiler::Constants &constants)
{
    const std::optional<Module> module = Parser::parse(source, diagnostics);
    if (!module)
        qFatal("does not parse: %s", qPrintable(source));
    return Compiler::compile(*module, diagnostics, constants);
}

void TestCompiler::escapesAreRefusedWithWhereAndWhy_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("import os") << "import asyncio, os\n"
                               << "1:1: error: 'import os'";
    QTest::newRow("open") << "x = 1\nprint(open('/etc/passwd'))\n"
                          << "2:7: error: 'open'";
    QTest::newRow("eval") << "eval('1')\n"
                          << "1:1: error: 'eval'";
    QTest::newRow("__import__") << "__import__('os')\n"
                                << "1:1: error: '__import__'";
    QTest::newRow("a module's other attribute") << "import asyncio\nasyncio.subprocess\n"
                                                << "2:1: error: '.subprocess'";
    QTest::newRow("a dunder attribute") << "x = 'a'\nx.__class__\n"
                                        << "2:1: error: '.__class__'";
    QTest::newRow("an except of no class it knows") << "try:\n    pass\nexcept (ValueError, OSErr):\n    pass\n"
                                                    << "3:21: error: except takes an exception class by its name";
    QTest::newRow("an except of an expression") << "import asyncio\ntry:\n    pass\nexcept asyncio.sleep:\n    pass\n"
                                                << "4:8: error: except takes an exception class by its name";
}

void TestCompiler::escapesAreRefusedWithWhereAndWhy()
{
    QFETCH(QString, source);
    QFETCH(QString, expected);
    std::vector<Diagnostic> diagnostics;
    QVERIFY(!compile(source, &diagnostics));
    QVERIFY(!diagnostics.empty());
    const QString message = diagnostics.front().toString(QStringLiteral("r.py"));
    QVERIFY2(message.startsWith(QStringLiteral("r.py:") + expected), qPrintable(message));
}

void TestCompiler::eachAwaitIsAState()
{
    std::vector<Diagnostic> diagnostics;
    const std::optional<Program> program = compile(QStringLiteral("import asyncio\n"
                                                                  "async def mix(n):\n"
                                                                  "    for i in range(n):\n"
                                                                  "        await asyncio.sleep(1)\n"
                                                                  "    await asyncio.sleep(0)\n"
                                                                  "def plain():\n"
                                                                  "    return 1\n"),
                                                   &diagnostics);
    QVERIFY(program);
    QCOMPARE(program->functions.size(), std::size_t(2));
    const CodeObject &mix = *program->functions[0];
    QCOMPARE(mix.name, QStringLiteral("mix"));
    QVERIFY(mix.isAsync);
    QCOMPARE(mix.awaitLines, std::vector<int>({4, 5}));
    QVERIFY(program->functions[1]->awaitLines.empty());
    QVERIFY(!program->functions[1]->isAsync);
}

void TestCompiler::constantsReplaceTheRecipesLiterals()
{
    std::vector<Diagnostic> diagnostics;
    const std::optional<Program> program
        = compile(QStringLiteral("STEP = 1\nprint(STEP)\n"), &diagnostics, {{QStringLiteral("STEP"), Value(0.5)}});
    QVERIFY(program);
    const std::vector<Value> &constants = program->module->constants;
    QVERIFY(std::any_of(constants.begin(), constants.end(),
                        [](const Value &v) { return v.isFloat() && v.asFloat() == 0.5; }));
    QVERIFY(
        std::none_of(constants.begin(), constants.end(), [](const Value &v) { return v.isInt() && v.asInt() == 1; }));
}

void TestCompiler::aConstantTheRecipeDoesNotBindIsAnError()
{
    std::vector<Diagnostic> diagnostics;
    // Bound in a function, or to something other than a literal: not a knob.
    QVERIFY(!compile(QStringLiteral("def f():\n    STEP = 1\nSIZE = [1]\n"), &diagnostics,
                     {{QStringLiteral("STEP"), Value(2)}, {QStringLiteral("SIZE"), Value(3)}}));
    QCOMPARE(diagnostics.size(), std::size_t(2));
    QVERIFY(diagnostics[0].message.contains(QStringLiteral("--set")));
}

void TestCompiler::literalsAreReadAsPythonWritesThem()
{
    QCOMPARE(Compiler::literal(QStringLiteral("42"))->asInt(), 42);
    QCOMPARE(Compiler::literal(QStringLiteral("-0.5"))->asFloat(), -0.5);
    QCOMPARE(Compiler::literal(QStringLiteral("'oven'"))->asStr(), QStringLiteral("oven"));
    QVERIFY(Compiler::literal(QStringLiteral("True"))->asBool());
    QVERIFY(Compiler::literal(QStringLiteral("None"))->isNone());
    QVERIFY(!Compiler::literal(QStringLiteral("oven")));
    QVERIFY(!Compiler::literal(QStringLiteral("1 + 1")));
    QVERIFY(!Compiler::literal(QStringLiteral("1\nprint(2)")));
    QVERIFY(!Compiler::literal(QString()));
}

void TestCompiler::aTryCoversItsBodyWithTheLoopsIteratorsOnTheStack()
{
    std::vector<Diagnostic> diagnostics;
    const std::optional<Program> program = compile(QStringLiteral("def f(items):\n"
                                                                  "    for item in items:\n"
                                                                  "        try:\n"
                                                                  "            print(item)\n"
                                                                  "        except ValueError:\n"
                                                                  "            pass\n"),
                                                   &diagnostics);
    QVERIFY(program);
    const CodeObject &f = *program->functions.front();
    QCOMPARE(f.handlers.size(), std::size_t(1));
    const ExceptionHandler &handler = f.handlers.front();
    // The print's call, and nothing of the loop's head: the for loop's iterator stays below what the try cuts to.
    QCOMPARE(handler.depth, 1);
    QCOMPARE(f.code[std::size_t(handler.start)].line, 4);
    QCOMPARE(f.code[std::size_t(handler.end - 1)].line, 4);
    QCOMPARE(f.code[std::size_t(handler.target)].op, Opcode::StoreLocal);
    QCOMPARE(f.code[std::size_t(handler.target)].line, 5);
    QVERIFY(f.maxStackDepth >= 3); // the iterator, the exception and the class test
}

QTEST_GUILESS_MAIN(TestCompiler)
#include "tst_compiler.moc"
