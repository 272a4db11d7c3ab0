// SPDX-License-Identifier: MIT
#include "compiler.h"
#include "interpreter.h"
#include "parser.h"

#include <QTest>

using namespace recipe;

/**
 * Interpreter: the rules the corpus cannot show, on a clock the test owns
 * (each wait is skipped at once): no recipe can crash the kitchen, fill the
 * machine's memory or run past the driver's say, and time passes exactly
 * as the recipe asks.
 */
class TestInterpreter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sleepsTakeTheirTimeOnTheLoopsClock();
    void aListNestedTooDeeplyIsARecursionErrorNotACrash();
    void droppingAListNestedAMillionDeepCostsNoStack();
    void aRecipeThatWouldFillTheMemoryIsStoppedBeforeItDoes_data();
    void aRecipeThatWouldFillTheMemoryIsStoppedBeforeItDoes();
    void theDriverCanStopARecipeThatComputesForEver();
    void errorsSayWhereTheyWereRaised();
    void cakesAreFreshCopiesOfTheRunCoroutineWithTheSameArguments_data();
    void cakesAreFreshCopiesOfTheRunCoroutineWithTheSameArguments();
    void aQuietRunPrintsNothingButFailsAsAShownOneWould();
    void runningAnAwaitedCoroutineAgainIsAnErrorNotACrash();
    void aFailedTaskIsLoggedUnlessItsErrorIsAskedFor();

private:
    struct Run {
        Interpreter::Status status = Interpreter::Status::Running;
        QString out;
        std::optional<RecipeError> error;
        qint64 endNs = 0;
        std::vector<Interpreter::UnretrievedTaskError> unretrieved;
    };
    /// Runs @p source to its end, jumping the clock to each timer instead of waiting for it.
    /// With @p quiet no write hook is set, as --quiet sets none.
    static Run run(const QByteArray &source, std::function<std::optional<RecipeError>()> interruption = {},
                   int cakes = 1, Interpreter::Kitchen kitchen = Interpreter::Kitchen::Async, bool quiet = false);
};

TestInterpreter::Run TestInterpreter::run(const QByteArray &source,
                                          std::function<std::optional<RecipeError>()> interruption, int cakes,
                                          Interpreter::Kitchen kitchen, bool quiet)
{
    std::vector<Diagnostic> diagnostics;
    const std::optional<Module> module = Parser::parseBytes(source, &diagnostics);
    if (!module)
        qFatal("does not parse: %s", qPrintable(diagnostics.front().toString(QStringLiteral("test.py"))));
    const std::optional<Program> program = Compiler::compile(*module, &diagnostics);
    if (!program)
        qFatal("does not compile: %s", qPrintable(diagnostics.front().toString(QStringLiteral("test.py"))));
    Run result;
    qint64 now = 0;
    Interpreter::Hooks hooks;
    hooks.nowNs = [&now] { return now; };
    hooks.blockFor = [&now](qint64 ns) { now += ns; };
    if (!quiet)
        hooks.write = [&result](const QString &text) { result.out += text; };
    hooks.interruption = std::move(interruption);
    Interpreter interpreter(*program, hooks, kitchen);
    interpreter.setCakes(cakes);
    while ((result.status = interpreter.advance()) == Interpreter::Status::Running) {
        const qint64 wait = interpreter.timeUntilNextNs();
        if (wait == std::numeric_limits<qint64>::max())
            break;
        now += wait;
    }
    result.error = interpreter.error();
    result.endNs = now;
    result.unretrieved = interpreter.unretrievedTaskErrors();
    return result;
}

void TestInterpreter::sleepsTakeTheirTimeOnTheLoopsClock()
{
    const Run result = run("import asyncio, time\n"
                           "async def wait(s):\n"
                           "    await asyncio.sleep(s)\n"
                           "    print(s)\n"
                           "async def main():\n"
                           "    await asyncio.gather(wait(0.3), wait(0.1), wait(0.2))\n"
                           "    time.sleep(0.5)\n"
                           "asyncio.run(main())\n");
    QCOMPARE(result.status, Interpreter::Status::Finished);
    QCOMPARE(result.out, QStringLiteral("0.1\n0.2\n0.3\n"));
    // The waits overlap: 0.3 s for all three, then the blocking half second.
    QCOMPARE(result.endNs, qint64(800000000));
}

void TestInterpreter::aListNestedTooDeeplyIsARecursionErrorNotACrash()
{
    const Run result = run("x = []\nfor i in range(5000):\n    x = [x]\nprint(x)\n");
    QCOMPARE(result.status, Interpreter::Status::Failed);
    QCOMPARE(result.error->type, QStringLiteral("RecursionError"));
    QCOMPARE(result.error->line, 4);
    const Run compared = run("x = []\ny = []\nfor i in range(5000):\n    x = [x]\n    y = [y]\nprint(x == y)\n");
    QCOMPARE(compared.error->type, QStringLiteral("RecursionError"));
}

void TestInterpreter::droppingAListNestedAMillionDeepCostsNoStack()
{
    // Freed one inside another, a million nested lists would overflow the stack (the test would crash).
    const Run result = run("x = []\nfor i in range(1000000):\n    x = [x]\nx = 0\nprint('freed')\n");
    QCOMPARE(result.status, Interpreter::Status::Finished);
    QCOMPARE(result.out, QStringLiteral("freed\n"));
}

void TestInterpreter::aRecipeThatWouldFillTheMemoryIsStoppedBeforeItDoes_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::newRow("one huge list") << QByteArray("x = [0] * 100000000\n");
    QTest::newRow("one huge string") << QByteArray("s = 'ab' * 100000000\n");
    QTest::newRow("doubling a string") << QByteArray("s = 'ab'\nwhile True:\n    s = s + s\n");
    QTest::newRow("many big lists") << QByteArray("xs = []\nwhile True:\n    xs.append([0] * 1000000)\n");
    QTest::newRow("many big strings") << QByteArray(
        "xs = []\ni = 0\nwhile True:\n    xs.append('a' * 1000000 + str(i))\n    i += 1\n");
}

void TestInterpreter::aRecipeThatWouldFillTheMemoryIsStoppedBeforeItDoes()
{
    QFETCH(QByteArray, source);
    const Run result = run(source);
    QCOMPARE(result.status, Interpreter::Status::Failed);
    QCOMPARE(result.error->type, QStringLiteral("MemoryError"));
}

void TestInterpreter::theDriverCanStopARecipeThatComputesForEver()
{
    // Long text scans count as the work they are: the driver is asked as often as for a loop of small steps.
    int scansAsked = 0;
    const Run scanning = run(
        "s = 'ab' * 4000000\nk = 0\nwhile True:\n    k += len(s)\n", [&scansAsked]() -> std::optional<RecipeError> {
            if (++scansAsked < 3)
                return std::nullopt;
            return RecipeError{QStringLiteral("TimeoutError"), QStringLiteral("stopped"), 0, QString()};
        });
    QCOMPARE(scanning.status, Interpreter::Status::Failed);
    QCOMPARE(scansAsked, 3);

    int asked = 0;
    const Run result = run("while True:\n    pass\n", [&asked]() -> std::optional<RecipeError> {
        if (++asked < 3)
            return std::nullopt;
        return RecipeError{QStringLiteral("TimeoutError"), QStringLiteral("stopped"), 0, QString()};
    });
    QCOMPARE(result.status, Interpreter::Status::Failed);
    QCOMPARE(result.error->text(), QStringLiteral("TimeoutError: stopped"));
    QCOMPARE(asked, 3);
}

void TestInterpreter::errorsSayWhereTheyWereRaised()
{
    const Run result = run("import asyncio\n"
                           "async def bake(n):\n"
                           "    await asyncio.sleep(0.1)\n"
                           "    return 10 // n\n"
                           "async def main():\n"
                           "    print(await bake(2))\n"
                           "    await asyncio.gather(bake(5), bake(0))\n"
                           "asyncio.run(main())\n");
    QCOMPARE(result.out, QStringLiteral("5\n"));
    QCOMPARE(result.error->text(), QStringLiteral("ZeroDivisionError: integer division or modulo by zero"));
    QCOMPARE(result.error->line, 4);
    QCOMPARE(result.error->function, QStringLiteral("bake"));
}

void TestInterpreter::cakesAreFreshCopiesOfTheRunCoroutineWithTheSameArguments_data()
{
    QTest::addColumn<Interpreter::Kitchen>("kitchen");
    QTest::addColumn<QString>("expected");
    // What python3 prints for scripts/regenerate-cakes-outputs --show [--sync] of the recipe below: the copies
    // share the one list they were given; the module's own lines have no prefix, and the first cake's line
    // continues the module's unfinished one.
    QTest::newRow("gathered") << Interpreter::Kitchen::Async
                              << QStringLiteral("before pie 3\ncake 2: pie 3\ncake 3: pie 3\n[3, 3, 3]\n");
    QTest::newRow("one after another") << Interpreter::Kitchen::BlockingTwin
                                       << QStringLiteral("before pie 1\ncake 2: pie 2\ncake 3: pie 3\n[1, 2, 3]\n");
}

void TestInterpreter::cakesAreFreshCopiesOfTheRunCoroutineWithTheSameArguments()
{
    QFETCH(Interpreter::Kitchen, kitchen);
    QFETCH(QString, expected);
    const QByteArray source = "import asyncio\n"
                              "async def bake(name, tray):\n"
                              "    tray.append(name)\n"
                              "    await asyncio.sleep(0.01)\n"
                              "    print(name, len(tray))\n"
                              "    return len(tray)\n"
                              "tray = []\n"
                              "print('before', end=' ')\n"
                              "print(asyncio.run(bake('pie', tray)))\n";
    const Run result = run(source, {}, 3, kitchen);
    QCOMPARE(result.status, Interpreter::Status::Finished);
    QCOMPARE(result.out, expected);
    // One cake is the recipe as written: nothing prefixed.
    QCOMPARE(run(source, {}, 1, kitchen).out.count(QStringLiteral("cake")), 0);
}

void TestInterpreter::aQuietRunPrintsNothingButFailsAsAShownOneWould()
{
    const Run quiet = run("x = []\nfor i in range(5000):\n    x = [x]\nprint('a', 1, [2])\nprint(x)\n", {}, 1,
                          Interpreter::Kitchen::Async, true);
    QCOMPARE(quiet.out, QString());
    QCOMPARE(quiet.status, Interpreter::Status::Failed);
    QCOMPARE(quiet.error->type, QStringLiteral("RecursionError"));
    QCOMPARE(quiet.error->line, 5);
}

void TestInterpreter::runningAnAwaitedCoroutineAgainIsAnErrorNotACrash()
{
    const Run result = run("import asyncio\n"
                           "async def main():\n"
                           "    print('hi')\n"
                           "c = main()\n"
                           "asyncio.run(c)\n"
                           "asyncio.run(c)\n");
    QCOMPARE(result.out, QStringLiteral("hi\n"));
    QCOMPARE(result.error->text(), QStringLiteral("RuntimeError: cannot reuse already awaited coroutine"));
    QCOMPARE(result.error->line, 6);
}

void TestInterpreter::aFailedTaskIsLoggedUnlessItsErrorIsAskedFor()
{
    // As in python3: the module asks the task it was handed for its result, so nothing is logged.
    const QByteArray handsTheTaskOut = "import asyncio\n"
                                       "async def fails():\n"
                                       "    return [][0]\n"
                                       "async def main():\n"
                                       "    return asyncio.create_task(fails())\n"
                                       "t = asyncio.run(main())\n"
                                       "print(t.done())\n";
    const Run asked = run(handsTheTaskOut + "t.result()\n");
    QCOMPARE(asked.error->type, QStringLiteral("IndexError"));
    QVERIFY(asked.unretrieved.empty());
    // Only asked whether it is done: logged at exit, with what it ran.
    const Run notAsked = run(handsTheTaskOut);
    QCOMPARE(notAsked.status, Interpreter::Status::Finished);
    QCOMPARE(notAsked.unretrieved.size(), std::size_t(1));
    const Interpreter::UnretrievedTaskError &logged = notAsked.unretrieved.front();
    QCOMPARE(logged.taskNumber, 2);
    QCOMPARE(logged.coroutine, QStringLiteral("fails"));
    QCOMPARE(logged.definedAtLine, 2);
    QCOMPARE(logged.error.line, 3);
    QVERIFY(logged.atExit);
    // A failing main keeps what it held through its traceback: logged at exit too, after main's error.
    const Run mainFails = run("import asyncio\n"
                              "async def fails():\n"
                              "    return [][0]\n"
                              "async def main():\n"
                              "    t = asyncio.create_task(fails())\n"
                              "    await asyncio.sleep(0.01)\n"
                              "    return 1 / 0\n"
                              "asyncio.run(main())\n");
    QCOMPARE(mainFails.error->type, QStringLiteral("ZeroDivisionError"));
    QCOMPARE(mainFails.unretrieved.size(), std::size_t(1));
    QVERIFY(mainFails.unretrieved.front().atExit);
}

QTEST_GUILESS_MAIN(TestInterpreter)
#include "tst_interpreter.moc"
