// SPDX-License-Identifier: MIT
#include "exceptionclasses.h"
#include "interpreter.h"
#include "interpreterobserver.h"
#include "recipetestsupport.h"

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
    void anExceptionGroupNestedTooDeepIsARecursionErrorNotACrash();
    void aChainOfTasksTooLongToCancelIsARecursionErrorNotACrash_data();
    void aChainOfTasksTooLongToCancelIsARecursionErrorNotACrash();
    void aRecipeThatWouldFillTheMemoryIsStoppedBeforeItDoes_data();
    void aRecipeThatWouldFillTheMemoryIsStoppedBeforeItDoes();
    void aProgramMayCarryABudgetOfItsOwn();
    void aQueueThatOnlyGrowsIsStoppedByTheBudget();
    void tasksAwaitedOneAfterAnotherAreLetGo();
    void theDriverCanStopARecipeThatComputesForEver();
    void errorsSayWhereTheyWereRaised();
    void cakesAreFreshCopiesOfTheRunCoroutineWithTheSameArguments_data();
    void cakesAreFreshCopiesOfTheRunCoroutineWithTheSameArguments();
    void manyCakesAreMadeAcrossSeveralAdvancesYetStartInGathersOrder();
    void aLoopWithManyTasksEndsAcrossSeveralAdvancesBeforeTheModuleGoesOn();
    void aDeadlockOnResourcesSaysWhatEachTaskWaitsIn();
    void twinsWaitInResourcesAsOneThreadOrManyCan();
    void aQuietRunPrintsNothingButFailsAsAShownOneWould();
    void tasksThatWaitForEachOtherEndTheRunSayingWhoWaitsWhere_data();
    void tasksThatWaitForEachOtherEndTheRunSayingWhoWaitsWhere();
    void runningAnAwaitedCoroutineAgainIsAnErrorNotACrash();
    void aFailedTaskIsLoggedUnlessItsErrorIsAskedFor();

    // The threaded kitchen: each expected output is what CPython 3.11 printed for the recipe's threaded twin,
    // written by hand from threaded-twin.md and run under python3 with its stdout a pipe.
    void threadsStartInOrderAndEachNewOneRunsFirst();
    void threadsThatMultiplyStopAtTheKitchensCount();
    void sleepingThreadsWakeInTurnAndGatherKeepsTheirOrder();
    void aComputingThreadGivesTheLockUpAfterTheSwitchInterval();
    void aThreadsErrorIsRaisedWhereItIsAwaited();
    void theProgramWaitsForThreadsNobodyJoined();
    void askingARunningThreadForItsResultIsAnError();
    void aTasksErrorKeepsTheLineItWasRaisedAt();
    void severalCakesBakeOnAThreadEachJoinedInCakeOrder();
    void aCakesErrorIsRaisedWhereMainThreadJoinsIt();
    void everyCakesThreadsCountTowardTheKitchensCount();
    void recursionMemoryAndTheTimeLimitStillHoldInThreads();
    void createTaskOfAnythingButACallHasNoThreadedTwin();
    void aCallThatDoesNotFitStillStartsItsThread();

private:
    struct Run {
        Interpreter::Status status = Interpreter::Status::Running;
        QString out;
        std::optional<RecipeError> error;
        qint64 endNs = 0;
        std::vector<Interpreter::UnretrievedTaskError> unretrieved;
        /// When each write happened, on the run's clock.
        std::vector<qint64> writesNs;
    };
    /// The threaded kitchen's clock moves this much at each reading, so that computing takes time too.
    static constexpr qint64 threadedClockTickNs = 1000;
    /// Runs @p source to its end, jumping the clock to each timer instead of waiting for it.
    /// With @p quiet no write hook is set, as --quiet sets none.
    static Run run(const QByteArray &source, std::function<std::optional<RecipeError>()> interruption = {},
                   int cakes = 1, Interpreter::Kitchen kitchen = Interpreter::Kitchen::Async, bool quiet = false);
};

TestInterpreter::Run TestInterpreter::run(const QByteArray &source,
                                          std::function<std::optional<RecipeError>()> interruption, int cakes,
                                          Interpreter::Kitchen kitchen, bool quiet)
{
    const Program program = compiledForTest(source);
    Run result;
    qint64 now = 0;
    Interpreter::Hooks hooks
        = testClockHooks(now, kitchen == Interpreter::Kitchen::ThreadedTwin ? threadedClockTickNs : 0);
    if (!quiet) {
        hooks.write = [&result, &now](const QString &text) {
            result.out += text;
            result.writesNs.push_back(now);
        };
    }
    hooks.interruption = std::move(interruption);
    Interpreter interpreter(program, hooks, kitchen);
    interpreter.setCakes(cakes);
    result.status = runOnTestClock(interpreter, now);
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

void TestInterpreter::anExceptionGroupNestedTooDeepIsARecursionErrorNotACrash()
{
    // Nested ten thousand deep by hand, a group held every level's repr (gigabytes) and its split overflowed the
    // stack. As deep as allowed, it is split, shown and freed; one more level is refused.
    const QByteArray nest("eg = ValueError('bottom')\n"
                          "for i in range(DEPTH):\n"
                          "    eg = ExceptionGroup('level', [eg])\n"
                          "try:\n"
                          "    raise eg\n"
                          "except* ValueError as caught:\n"
                          "    print('caught', len(repr(caught)) > 0)\n");
    const QByteArray deepest = QByteArray::number(ExceptionClasses::maxNesting);
    const Run allowed = run(QByteArray(nest).replace("DEPTH", deepest));
    QCOMPARE(allowed.out, QStringLiteral("caught True\n"));
    QCOMPARE(allowed.status, Interpreter::Status::Finished);
    const Run refused = run(QByteArray(nest).replace("DEPTH", QByteArray::number(10000)));
    QCOMPARE(refused.status, Interpreter::Status::Failed);
    QCOMPARE(refused.error->type, QStringLiteral("RecursionError"));
    QCOMPARE(refused.error->line, 3);
}

void TestInterpreter::aChainOfTasksTooLongToCancelIsARecursionErrorNotACrash_data()
{
    QTest::addColumn<QByteArray>("awaitNext");
    QTest::addColumn<QByteArray>("thenMain");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("error");
    const QByteArray cancelled("    try:\n"
                               "        top.cancel()\n"
                               "    except RecursionError:\n"
                               "        print('too deep', top.cancelling())\n"
                               "    stop.set()\n"
                               "    await top\n"
                               "    print('done')\n");
    QTest::newRow("tasks") << QByteArray("asyncio.create_task(link(n - 1, stop))") << cancelled
                           << QStringLiteral("too deep 1\ndone\n") << QString();
    QTest::newRow("gathers") << QByteArray("asyncio.gather(link(n - 1, stop))") << cancelled
                             << QStringLiteral("too deep 1\ndone\n") << QString();
    // Left pending as main returns, the chain is cancelled by asyncio.run, whose end raises it.
    QTest::newRow("at the end") << QByteArray("asyncio.create_task(link(n - 1, stop))") << QByteArray("    return\n")
                                << QString() << QStringLiteral("RecursionError");
    // Short enough, the same chain is cancelled from top to bottom.
    QTest::newRow("short enough") << QByteArray("asyncio.create_task(link(min(n - 1, 50), stop))")
                                  << QByteArray("    top.cancel()\n"
                                                "    try:\n"
                                                "        await top\n"
                                                "    except asyncio.CancelledError:\n"
                                                "        print('cancelled', top.cancelling())\n")
                                  << QStringLiteral("cancelled 1\n") << QString();
}

void TestInterpreter::aChainOfTasksTooLongToCancelIsARecursionErrorNotACrash()
{
    // A cancel() passed down a hundred thousand links, a C++ call each, overflowed the stack. CPython's calls
    // stop at its recursion limit, some 990 links down from a task.
    QFETCH(QByteArray, awaitNext);
    QFETCH(QByteArray, thenMain);
    QFETCH(QString, out);
    QFETCH(QString, error);
    const Run result = run("import asyncio\n"
                           "async def link(n, stop):\n"
                           "    if n == 0:\n"
                           "        await stop.wait()\n"
                           "        return 0\n"
                           "    return await "
                           + awaitNext
                           + "\n"
                             "async def main():\n"
                             "    stop = asyncio.Event()\n"
                             "    top = asyncio.create_task(link(100000, stop))\n"
                             "    await asyncio.sleep(0.1)\n"
                           + thenMain + "asyncio.run(main())\n");
    QCOMPARE(result.out, out);
    if (error.isEmpty()) {
        QVERIFY2(!result.error, qPrintable(result.error ? result.error->message : QString()));
        QCOMPARE(result.status, Interpreter::Status::Finished);
    } else {
        QCOMPARE(result.status, Interpreter::Status::Failed);
        QCOMPARE(result.error->type, error);
        QCOMPARE(result.error->line, 12); // asyncio.run's
    }
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
    // The list's length and the range's summed past 2**63 once, and wrapped round to a length allowed.
    QTest::newRow("a list extended by the longest range") << QByteArray("a = [1]\na += range(9223372036854775807)\n");
    QTest::newRow("the longest range summed") << QByteArray("print(sum(range(9223372036854775807)))\n");
}

void TestInterpreter::aRecipeThatWouldFillTheMemoryIsStoppedBeforeItDoes()
{
    QFETCH(QByteArray, source);
    const Run result = run(source);
    QCOMPARE(result.status, Interpreter::Status::Failed);
    QCOMPARE(result.error->type, QStringLiteral("MemoryError"));
}

void TestInterpreter::aProgramMayCarryABudgetOfItsOwn()
{
    // A list of two million values is counted as 96 MB: inside a stranger's budget, past a program's of 64 MB.
    const QByteArray source("x = [0] * 2000000\nprint(len(x))\n");
    for (const qint64 limit : {qint64(0), qint64(64) << 20}) {
        Program program = compiledForTest(source);
        program.memoryLimitBytes = limit;
        qint64 now = 0;
        QString out;
        Interpreter::Hooks hooks = testClockHooks(now, 0);
        hooks.write = [&out](const QString &text) { out += text; };
        Interpreter interpreter(program, hooks);
        const Interpreter::Status status = runOnTestClock(interpreter, now);
        if (limit == 0) {
            QCOMPARE(status, Interpreter::Status::Finished);
            QCOMPARE(out, QStringLiteral("2000000\n"));
        } else {
            QCOMPARE(status, Interpreter::Status::Failed);
            QCOMPARE(interpreter.error()->type, QStringLiteral("MemoryError"));
        }
    }
}

void TestInterpreter::aQueueThatOnlyGrowsIsStoppedByTheBudget()
{
    // A baker with no waiter: the counter fills until the program's budget of 64 MB says no, with a MemoryError
    // at the put, not a machine out of memory.
    Program program = compiledForTest("import asyncio\n"
                                      "async def main():\n"
                                      "    counter = asyncio.Queue()\n"
                                      "    i = 0\n"
                                      "    while True:\n"
                                      "        counter.put_nowait('cake ' + str(i))\n"
                                      "        i += 1\n"
                                      "asyncio.run(main())\n");
    program.memoryLimitBytes = qint64(64) << 20;
    qint64 now = 0;
    Interpreter interpreter(program, testClockHooks(now, 0));
    QCOMPARE(runOnTestClock(interpreter, now), Interpreter::Status::Failed);
    QCOMPARE(interpreter.error()->type, QStringLiteral("MemoryError"));
    QCOMPARE(interpreter.error()->line, 6);
}

void TestInterpreter::tasksAwaitedOneAfterAnotherAreLetGo()
{
    // Each task's result is a str of 8 MB that nobody keeps: CPython frees each task once awaited, and holds one
    // at a time. The loop's roll of its tasks held them all, 2.4 GB by the end, past the 1 GiB budget. (A str,
    // not a list, as a sanitizer's build fills one quickly.)
    const Run result = run("import asyncio\n"
                           "async def bake(i):\n"
                           "    return 'x' * 4000000\n"
                           "async def main():\n"
                           "    total = 0\n"
                           "    for i in range(300):\n"
                           "        total += len(await asyncio.create_task(bake(i)))\n"
                           "    print(total)\n"
                           "asyncio.run(main())\n");
    QCOMPARE(result.status, Interpreter::Status::Finished);
    QCOMPARE(result.out, QStringLiteral("1200000000\n"));
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

    // The driver's stop is no exception of the recipe's: no except clause takes it, not even one of TimeoutError,
    // and no finally runs on its way out.
    int askedAgain = 0;
    const Run guarded
        = run("while True:\n"
              "    try:\n"
              "        try:\n"
              "            pass\n"
              "        except:\n"
              "            print('caught')\n"
              "    except TimeoutError:\n"
              "        print('caught')\n"
              "    finally:\n"
              "        k = 1\n",
              [&askedAgain]() -> std::optional<RecipeError> {
                  if (++askedAgain < 3)
                      return std::nullopt;
                  return RecipeError{QStringLiteral("TimeoutError"), QStringLiteral("stopped"), 0, QString()};
              });
    QCOMPARE(guarded.status, Interpreter::Status::Failed);
    QCOMPARE(guarded.error->text(), QStringLiteral("TimeoutError: stopped"));
    QCOMPARE(guarded.out, QString());
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

void TestInterpreter::manyCakesAreMadeAcrossSeveralAdvancesYetStartInGathersOrder()
{
    // Each cake says "a" on its first step and "b" one turn later: in CPython every cake's "a" comes before any
    // "b". Were the loop to turn between the slices the cakes are made in, the first slice's "b" would come early.
    const Program program = compiledForTest("import asyncio\n"
                                            "async def bake():\n"
                                            "    print('a')\n"
                                            "    await asyncio.sleep(0)\n"
                                            "    print('b')\n"
                                            "asyncio.run(bake())\n");
    constexpr int cakes = 10000;
    qint64 now = 0;
    Interpreter::Hooks hooks = testClockHooks(now, 0);
    QString out;
    hooks.write = [&out](const QString &text) { out += text; };
    Interpreter interpreter(program, hooks, Interpreter::Kitchen::Async);
    interpreter.setCakes(cakes);
    // Ten thousand tasks made in one call would hold the window's loop: the making takes several calls, each one
    // returning at once for more, with nothing run yet.
    int callsBeforeAnyOutput = 0;
    while (out.isEmpty() && interpreter.advance() == Interpreter::Status::Running) {
        ++callsBeforeAnyOutput;
        QCOMPARE(interpreter.timeUntilNextNs(), qint64(0));
    }
    QVERIFY2(callsBeforeAnyOutput > 3, qPrintable(QString::number(callsBeforeAnyOutput)));
    QCOMPARE(runOnTestClock(interpreter, now), Interpreter::Status::Finished);
    QString expected;
    for (const char *line : {"a", "b"}) {
        for (int cake = 1; cake <= cakes; ++cake)
            expected += QStringLiteral("cake %1: %2\n").arg(cake).arg(QLatin1String(line));
    }
    QCOMPARE(out, expected);
}

namespace {
struct CancelCounter : InterpreterObserver {
    void taskCancelled(int) override { ++cancelled; }
    int cancelled = 0;
};
} // namespace

void TestInterpreter::aLoopWithManyTasksEndsAcrossSeveralAdvancesBeforeTheModuleGoesOn()
{
    // The loop stops with ten thousand tasks that never ended: each is cancelled, then all are freed, a slice at a
    // time, and only then does the module go on with asyncio.run()'s result.
    const Program program = compiledForTest("import asyncio\n"
                                            "async def forever():\n"
                                            "    await asyncio.sleep(1000)\n"
                                            "async def main():\n"
                                            "    for i in range(10000):\n"
                                            "        asyncio.create_task(forever())\n"
                                            "    await asyncio.sleep(0)\n"
                                            "    print('main ends')\n"
                                            "    return 7\n"
                                            "print(asyncio.run(main()))\n");
    qint64 now = 0;
    Interpreter::Hooks hooks = testClockHooks(now, 0);
    QString out;
    hooks.write = [&out](const QString &text) { out += text; };
    Interpreter interpreter(program, hooks, Interpreter::Kitchen::Async);
    CancelCounter counter;
    interpreter.setObserver(&counter);
    while (!out.contains(QLatin1String("main ends")))
        QCOMPARE(interpreter.advance(), Interpreter::Status::Running);
    int callsToTheModule = 0;
    Interpreter::Status status = Interpreter::Status::Running;
    while (!out.contains(QLatin1String("7")) && status == Interpreter::Status::Running) {
        status = interpreter.advance();
        ++callsToTheModule;
        // Nothing to wait for: the ending is work to do now, not a timer.
        if (status == Interpreter::Status::Running)
            QCOMPARE(interpreter.timeUntilNextNs(), qint64(0));
    }
    QVERIFY2(callsToTheModule > 3, qPrintable(QString::number(callsToTheModule)));
    QCOMPARE(counter.cancelled, 10000);
    QCOMPARE(out, QStringLiteral("main ends\n7\n"));
    QCOMPARE(runOnTestClock(interpreter, now), Interpreter::Status::Finished);
    // The cancelled sleeps were never waited for.
    QCOMPARE(now, qint64(0));
}

void TestInterpreter::tasksThatWaitForEachOtherEndTheRunSayingWhoWaitsWhere_data()
{
    QTest::addColumn<Interpreter::Kitchen>("kitchen");
    QTest::addColumn<QString>("expected");
    QTest::newRow("async") << Interpreter::Kitchen::Async
                           << QStringLiteral(
                                  "RuntimeError: deadlock: every task waits for another and nothing can wake "
                                  "them (Task-1 (main) at line 12, Task-2 (a) at line 5, Task-3 (b) at "
                                  "line 8); Python would wait for ever");
    QTest::newRow("threaded") << Interpreter::Kitchen::ThreadedTwin
                              << QStringLiteral("RuntimeError: deadlock: every thread waits for another and nothing "
                                                "can wake them (MainThread at line 12, Thread-1 (a) at line 5, "
                                                "Thread-2 (b) at line 8); Python would wait for ever");
}

void TestInterpreter::tasksThatWaitForEachOtherEndTheRunSayingWhoWaitsWhere()
{
    QFETCH(Interpreter::Kitchen, kitchen);
    QFETCH(QString, expected);
    // Python waits for ever; the kitchen ends the run at once, with no timer left to wait for.
    const Run result = run("import asyncio\n"
                           "tasks = []\n"
                           "async def a():\n"
                           "    await asyncio.sleep(0.1)\n"
                           "    await tasks[1]\n"
                           "async def b():\n"
                           "    await asyncio.sleep(0.5)\n"
                           "    await tasks[0]\n"
                           "async def main():\n"
                           "    tasks.append(asyncio.create_task(a()))\n"
                           "    tasks.append(asyncio.create_task(b()))\n"
                           "    await tasks[0]\n"
                           "asyncio.run(main())\n",
                           {}, 1, kitchen);
    QCOMPARE(result.status, Interpreter::Status::Failed);
    QCOMPARE(result.error->text(), expected);
    // It ends as the last sleep does, not at a time limit.
    QVERIFY2(result.endNs >= 500000000 && result.endNs < 600000000, qPrintable(QString::number(result.endNs)));
}

namespace {
const char twoBakersEachHoldingWhatTheOtherWants[] = "import asyncio\n"
                                                     "async def one(a, b):\n"
                                                     "    async with a:\n"
                                                     "        await asyncio.sleep(0.01)\n"
                                                     "        async with b:\n"
                                                     "            pass\n"
                                                     "async def main():\n"
                                                     "    a = asyncio.Lock()\n"
                                                     "    b = asyncio.Semaphore()\n"
                                                     "    await asyncio.gather(one(a, b), one(b, a))\n"
                                                     "asyncio.run(main())\n";
} // namespace

void TestInterpreter::aDeadlockOnResourcesSaysWhatEachTaskWaitsIn()
{
    // Each holds what the other wants; the queue's getter waits for an item nobody puts.
    const Run result
        = run(QByteArray(twoBakersEachHoldingWhatTheOtherWants)
                  .replace("    await asyncio.gather",
                           "    t = asyncio.create_task(asyncio.Queue().get())\n    await asyncio.gather"));
    QCOMPARE(result.status, Interpreter::Status::Failed);
    QCOMPARE(result.error->text(),
             QStringLiteral("RuntimeError: deadlock: every task waits for another and nothing can wake them "
                            "(Task-1 (main) at line 11, Task-2 in Queue.get(), Task-3 (one) at line 5 in "
                            "Semaphore.acquire(), Task-4 (one) at line 5 in Lock.acquire()); Python would wait for "
                            "ever"));
}

void TestInterpreter::twinsWaitInResourcesAsOneThreadOrManyCan()
{
    // Each holds what the other wants: threads block for ever, which the kitchen ends naming what each waits in;
    // the blocking twin's one thread cannot even get that far, as it would wait for itself.
    const QByteArray recipe(twoBakersEachHoldingWhatTheOtherWants);
    const Run threads = run(recipe, {}, 1, Interpreter::Kitchen::ThreadedTwin);
    QCOMPARE(threads.status, Interpreter::Status::Failed);
    QCOMPARE(threads.error->text(),
             QStringLiteral("RuntimeError: deadlock: every thread waits for another and nothing can wake them "
                            "(MainThread at line 10, Thread-1 (one) at line 5 in Semaphore.acquire(), Thread-2 (one) "
                            "at line 5 in Lock.acquire()); Python would wait for ever"));
    const Run alone
        = run(QByteArray(recipe).replace("one(b, a)", "one(a, a)"), {}, 1, Interpreter::Kitchen::BlockingTwin);
    QCOMPARE(alone.status, Interpreter::Status::Failed);
    QCOMPARE(alone.error->text(),
             QStringLiteral("RuntimeError: Lock.acquire() would wait for ever: the blocking "
                            "twin's one thread cannot wait for itself"));
    QCOMPARE(alone.error->line, 5);
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

namespace {
constexpr qint64 ms = 1000000;
constexpr auto threaded = Interpreter::Kitchen::ThreadedTwin;
/// The threaded kitchen's clock moves as it computes: times are checked to within this.
constexpr qint64 slackNs = ms / 2;
} // namespace

void TestInterpreter::threadsThatMultiplyStopAtTheKitchensCount()
{
    // Each thread starts three more: without a count the run grows until the memory budget, machine-sized.
    const Run result = run("import asyncio\n"
                           "async def report(name):\n"
                           "    await asyncio.sleep(0.02)\n"
                           "    await main()\n"
                           "async def main():\n"
                           "    await asyncio.gather(report('a'), report('b'), report('c'))\n"
                           "asyncio.run(main())\n",
                           {}, 1, threaded);
    QCOMPARE(result.status, Interpreter::Status::Failed);
    QVERIFY(result.error);
    QCOMPARE(result.error->text(), QStringLiteral("RuntimeError: can't start new thread"));
    // As many as the count, and the one more refused: the recipe that starts exactly that many runs to its end.
    QString loop = QStringLiteral("import asyncio\n"
                                  "async def job():\n"
                                  "    pass\n"
                                  "async def main():\n"
                                  "    for i in range(%1):\n"
                                  "        asyncio.create_task(job())\n"
                                  "    print('all started')\n"
                                  "asyncio.run(main())\n");
    const Run exactly = run(loop.arg(Interpreter::maxThreadsStarted).toUtf8(), {}, 1, threaded);
    QCOMPARE(exactly.status, Interpreter::Status::Finished);
    QCOMPARE(exactly.out, QStringLiteral("all started\n"));
    const Run oneMore = run(loop.arg(Interpreter::maxThreadsStarted + 1).toUtf8(), {}, 1, threaded);
    QCOMPARE(oneMore.status, Interpreter::Status::Failed);
    QCOMPARE(oneMore.error->text(), QStringLiteral("RuntimeError: can't start new thread"));
}

void TestInterpreter::threadsStartInOrderAndEachNewOneRunsFirst()
{
    const Run result = run("import asyncio\n"
                           "async def cook(name, s):\n"
                           "    print('start', name)\n"
                           "    await asyncio.sleep(s)\n"
                           "    print('done', name)\n"
                           "    return name.upper()\n"
                           "async def main():\n"
                           "    print('main begins')\n"
                           "    t1 = asyncio.create_task(cook('a', 0.2))\n"
                           "    print('after t1')\n"
                           "    t2 = asyncio.create_task(cook('b', 0.1))\n"
                           "    print('after t2')\n"
                           "    print(await asyncio.gather(t1, t2))\n"
                           "asyncio.run(main())\n",
                           {}, 1, threaded);
    QCOMPARE(result.status, Interpreter::Status::Finished);
    // CPython's: each thread prints before its creator goes on, which then joins both.
    QCOMPARE(result.out,
             QStringLiteral("main begins\n[Thread-1 (cook)] start a\nafter t1\n[Thread-2 (cook)] start b\n"
                            "after t2\n[Thread-2 (cook)] done b\n[Thread-1 (cook)] done a\n['A', 'B']\n"));
    QVERIFY(result.endNs >= 200 * ms && result.endNs < 200 * ms + slackNs);
}

void TestInterpreter::sleepingThreadsWakeInTurnAndGatherKeepsTheirOrder()
{
    const Run result = run("import asyncio\n"
                           "async def nap(s):\n"
                           "    print('naps', s)\n"
                           "    await asyncio.sleep(s)\n"
                           "    print('woke', s)\n"
                           "    return s * 10\n"
                           "async def helper():\n"
                           "    return 'inline'\n"
                           "async def main():\n"
                           "    print(await helper())\n"
                           "    results = await asyncio.gather(*[nap(s) for s in [0.3, 0.1, 0.2]])\n"
                           "    print(results)\n"
                           "asyncio.run(main())\n",
                           {}, 1, threaded);
    QCOMPARE(result.status, Interpreter::Status::Finished);
    // CPython's: helper() ran in MainThread, so the threads are numbered from the comprehension's calls.
    QCOMPARE(result.out,
             QStringLiteral("inline\n[Thread-1 (nap)] naps 0.3\n[Thread-2 (nap)] naps 0.1\n[Thread-3 (nap)] naps 0.2\n"
                            "[Thread-2 (nap)] woke 0.1\n[Thread-3 (nap)] woke 0.2\n[Thread-1 (nap)] woke 0.3\n"
                            "[3.0, 1.0, 2.0]\n"));
    QCOMPARE(result.writesNs.size(), std::size_t(8));
    QVERIFY(qAbs(result.writesNs[4] - 100 * ms) < slackNs);
    QVERIFY(qAbs(result.writesNs[5] - 200 * ms) < slackNs);
    QVERIFY(qAbs(result.writesNs[6] - 300 * ms) < slackNs);
}

void TestInterpreter::aComputingThreadGivesTheLockUpAfterTheSwitchInterval()
{
    const Run result = run("import asyncio, time\n"
                           "async def spin(name, seconds):\n"
                           "    print(name, 'spins')\n"
                           "    end = time.perf_counter() + seconds\n"
                           "    while time.perf_counter() < end:\n"
                           "        pass\n"
                           "    print(name, 'done')\n"
                           "async def nap(name, s):\n"
                           "    print(name, 'naps')\n"
                           "    await asyncio.sleep(s)\n"
                           "    print(name, 'woke')\n"
                           "async def main():\n"
                           "    t1 = asyncio.create_task(spin('A', 0.1))\n"
                           "    print('main got the lock back')\n"
                           "    t2 = asyncio.create_task(nap('B', 0.02))\n"
                           "    print('main again')\n"
                           "    await t1\n"
                           "    await t2\n"
                           "    print('end')\n"
                           "asyncio.run(main())\n",
                           {}, 1, threaded);
    QCOMPARE(result.status, Interpreter::Status::Finished);
    // CPython's, in 9 runs of 10 on a loaded machine (once B woke before MainThread got the lock back).
    QCOMPARE(result.out,
             QStringLiteral("[Thread-1 (spin)] A spins\nmain got the lock back\n[Thread-2 (nap)] B naps\nmain again\n"
                            "[Thread-2 (nap)] B woke\n[Thread-1 (spin)] A done\nend\n"));
    // The times the GIL's rules give: MainThread waits 5 ms for the spinner, B naps at once, MainThread waits
    // 5 ms again, and B, awake at 25 ms, waits 5 ms more for the lock.
    QCOMPARE(result.writesNs.size(), std::size_t(7));
    QVERIFY(qAbs(result.writesNs[1] - 5 * ms) < slackNs);
    QVERIFY(qAbs(result.writesNs[2] - 5 * ms) < slackNs);
    QVERIFY(qAbs(result.writesNs[3] - 10 * ms) < slackNs);
    QVERIFY(qAbs(result.writesNs[4] - 30 * ms) < slackNs);
    QVERIFY(qAbs(result.writesNs[5] - 100 * ms) < slackNs);
}

void TestInterpreter::aThreadsErrorIsRaisedWhereItIsAwaited()
{
    const Run result = run("import asyncio\n"
                           "async def fail(n, s):\n"
                           "    await asyncio.sleep(s)\n"
                           "    print('failing', n)\n"
                           "    return 1 // n\n"
                           "async def main():\n"
                           "    quiet = asyncio.create_task(fail(0, 0.05))\n"
                           "    t = asyncio.create_task(fail(0, 0.07))\n"
                           "    print(t.done())\n"
                           "    await asyncio.sleep(0.1)\n"
                           "    print(t.done())\n"
                           "    print('awaiting')\n"
                           "    await t\n"
                           "    print('never')\n"
                           "asyncio.run(main())\n",
                           {}, 1, threaded);
    // CPython's: the error never awaited says nothing; the awaited one ends the program.
    QCOMPARE(result.status, Interpreter::Status::Failed);
    QCOMPARE(result.out,
             QStringLiteral("False\n[Thread-1 (fail)] failing 0\n[Thread-2 (fail)] failing 0\nTrue\nawaiting\n"));
    QCOMPARE(result.error->text(), QStringLiteral("ZeroDivisionError: integer division or modulo by zero"));
    // Raised again at the await, but CPython's traceback ends where the thread raised it.
    QCOMPARE(result.error->line, 5);
    QCOMPARE(result.error->function, QStringLiteral("fail"));
}

void TestInterpreter::theProgramWaitsForThreadsNobodyJoined()
{
    const Run result = run("import asyncio\n"
                           "async def late(name, s):\n"
                           "    await asyncio.sleep(s)\n"
                           "    print(name, 'still ran')\n"
                           "async def main():\n"
                           "    asyncio.create_task(late('first', 0.2))\n"
                           "    t = asyncio.create_task(late('second', 0.1))\n"
                           "    print(t.done())\n"
                           "    print('main is done')\n"
                           "asyncio.run(main())\n",
                           {}, 1, threaded);
    QCOMPARE(result.status, Interpreter::Status::Finished);
    // CPython's: Python joins every thread before it exits (asyncio would have cancelled these tasks).
    QCOMPARE(result.out,
             QStringLiteral("False\nmain is done\n[Thread-2 (late)] second still ran\n"
                            "[Thread-1 (late)] first still ran\n"));
    QVERIFY(result.endNs >= 200 * ms);
}

void TestInterpreter::aTasksErrorKeepsTheLineItWasRaisedAt()
{
    // Asked for by result() or by awaiting the finished task, the error is raised again in main, but CPython's
    // traceback ends in boom, where it was raised: the line printed before the error's is that one.
    for (const char *asking : {"print(t.result())", "print(await t)"}) {
        const Run result = run(QByteArray("import asyncio\n"
                                          "async def boom():\n"
                                          "    return 1 / 0\n"
                                          "async def main():\n"
                                          "    t = asyncio.create_task(boom())\n"
                                          "    await asyncio.sleep(0.01)\n"
                                          "    print(t.done())\n"
                                          "    ")
                               + asking + "\nasyncio.run(main())\n");
        QCOMPARE(result.out, QStringLiteral("True\n"));
        QCOMPARE(result.error->text(), QStringLiteral("ZeroDivisionError: division by zero"));
        QCOMPARE(result.error->line, 3);
        QCOMPARE(result.error->function, QStringLiteral("boom"));
    }
}

void TestInterpreter::severalCakesBakeOnAThreadEachJoinedInCakeOrder()
{
    // The twin of asyncio.run(cakes()), cakes() gathering three copies of main('x'): MainThread starts a thread a
    // cake, each running to its first sleep before the next starts, and joins them in cake order; a thread is of
    // the cake of the thread that starts it. Each cake sleeps a while of its own first, so that CPython's threads
    // start in one order only.
    const Run result = run("import asyncio\n"
                           "started = []\n"
                           "async def job(name, s):\n"
                           "    await asyncio.sleep(s)\n"
                           "    print('done', name)\n"
                           "    return name\n"
                           "async def main(tag):\n"
                           "    started.append(tag)\n"
                           "    cake = len(started)\n"
                           "    print('main', tag, cake)\n"
                           "    await asyncio.sleep(0.2 * cake)\n"
                           "    return await asyncio.gather(job('a', 0.08), job('b', 0.04))\n"
                           "print(asyncio.run(main('x')))\n",
                           {}, 3, threaded);
    QCOMPARE(result.status, Interpreter::Status::Finished);
    QCOMPARE(result.out,
             QStringLiteral("cake 1: [Thread-1 (main)] main x 1\n"
                            "cake 2: [Thread-2 (main)] main x 2\n"
                            "cake 3: [Thread-3 (main)] main x 3\n"
                            "cake 1: [Thread-5 (job)] done b\n"
                            "cake 1: [Thread-4 (job)] done a\n"
                            "cake 2: [Thread-7 (job)] done b\n"
                            "cake 2: [Thread-6 (job)] done a\n"
                            "cake 3: [Thread-9 (job)] done b\n"
                            "cake 3: [Thread-8 (job)] done a\n"
                            "[['a', 'b'], ['a', 'b'], ['a', 'b']]\n"));
    // The cakes bake at the same time: the last one's sleeps, not the sum of all.
    QVERIFY(result.endNs >= 680 * ms);
    QVERIFY2(result.endNs < 680 * ms + slackNs, qPrintable(QString::number(result.endNs)));
}

void TestInterpreter::aCakesErrorIsRaisedWhereMainThreadJoinsIt()
{
    const Run result = run("import asyncio\n"
                           "started = []\n"
                           "async def main():\n"
                           "    started.append(1)\n"
                           "    cake = len(started)\n"
                           "    await asyncio.sleep(0.1 * cake)\n"
                           "    if cake == 2:\n"
                           "        return 1 / 0\n"
                           "    print('baked', cake)\n"
                           "    return cake\n"
                           "print('results', asyncio.run(main()))\n",
                           {}, 3, threaded);
    // CPython's: the third cake still bakes, as Python joins every thread before it exits; the traceback ends
    // where the second cake's thread raised.
    QCOMPARE(result.status, Interpreter::Status::Failed);
    QCOMPARE(result.out, QStringLiteral("cake 1: [Thread-1 (main)] baked 1\ncake 3: [Thread-3 (main)] baked 3\n"));
    QCOMPARE(result.error->text(), QStringLiteral("ZeroDivisionError: division by zero"));
    QCOMPARE(result.error->line, 8);
    QCOMPARE(result.error->function, QStringLiteral("main"));
    QVERIFY(result.endNs >= 300 * ms);
}

void TestInterpreter::everyCakesThreadsCountTowardTheKitchensCount()
{
    // The cake's shape: a thread a cake, and two more each. So many cakes' threads fit the count exactly; one
    // cake more is refused a thread, and the recipe ends with CPython's error.
    const QByteArray cake = "import asyncio\n"
                            "async def job():\n"
                            "    await asyncio.sleep(0.01)\n"
                            "async def main():\n"
                            "    await asyncio.gather(job(), job())\n"
                            "asyncio.run(main())\n"
                            "print('all baked')\n";
    constexpr int threadsACake = 3;
    constexpr int mostCakes = Interpreter::maxThreadsStarted / threadsACake;
    const Run exactly = run(cake, {}, mostCakes, threaded);
    QCOMPARE(exactly.status, Interpreter::Status::Finished);
    QCOMPARE(exactly.out, QStringLiteral("all baked\n"));
    const Run oneMore = run(cake, {}, mostCakes + 1, threaded);
    QCOMPARE(oneMore.status, Interpreter::Status::Failed);
    QCOMPARE(oneMore.error->text(), QStringLiteral("RuntimeError: can't start new thread"));
    QCOMPARE(oneMore.out, QString());
}

void TestInterpreter::askingARunningThreadForItsResultIsAnError()
{
    const Run result = run("import asyncio\n"
                           "async def slow():\n"
                           "    await asyncio.sleep(0.1)\n"
                           "    return 'ready'\n"
                           "async def main():\n"
                           "    t = asyncio.create_task(slow())\n"
                           "    print(t.done())\n"
                           "    await asyncio.sleep(0.2)\n"
                           "    print(t.done(), t.result())\n"
                           "    u = asyncio.create_task(slow())\n"
                           "    print(u.result())\n"
                           "asyncio.run(main())\n",
                           {}, 1, threaded);
    // CPython's, the last line on stderr; the program still waits for u before it ends.
    QCOMPARE(result.status, Interpreter::Status::Failed);
    QCOMPARE(result.out, QStringLiteral("False\nTrue ready\n"));
    QCOMPARE(result.error->text(), QStringLiteral("RuntimeError: the task's thread is still running"));
    QCOMPARE(result.error->line, 11);
    QVERIFY(result.endNs >= 300 * ms);
}

void TestInterpreter::recursionMemoryAndTheTimeLimitStillHoldInThreads()
{
    const Run deep = run("import asyncio\n"
                         "async def deep(n):\n"
                         "    return await deep(n + 1)\n"
                         "async def main():\n"
                         "    d = asyncio.create_task(deep(0))\n"
                         "    print('started')\n"
                         "    await d\n"
                         "asyncio.run(main())\n",
                         {}, 1, threaded);
    // CPython's.
    QCOMPARE(deep.out, QStringLiteral("started\n"));
    QCOMPARE(deep.error->text(), QStringLiteral("RecursionError: maximum recursion depth exceeded"));
    QCOMPARE(deep.error->line, 3); // the innermost call, where CPython's traceback ends
    QCOMPARE(deep.error->function, QStringLiteral("deep"));

    // No CPython to ask here: its memory is the machine's. The kitchen's budget holds in a thread too.
    const Run hungry = run("import asyncio\n"
                           "async def hog():\n"
                           "    return [0] * 100000000\n"
                           "async def main():\n"
                           "    await asyncio.create_task(hog())\n"
                           "asyncio.run(main())\n",
                           {}, 1, threaded);
    QCOMPARE(hungry.error->type, QStringLiteral("MemoryError"));

    // Two threads that compute for ever: the driver still stops the recipe, whichever holds the lock.
    int asked = 0;
    const Run spinning = run(
        "import asyncio\n"
        "async def spin():\n"
        "    while True:\n"
        "        pass\n"
        "async def main():\n"
        "    await asyncio.gather(spin(), spin())\n"
        "asyncio.run(main())\n",
        [&asked]() -> std::optional<RecipeError> {
            if (++asked < 20)
                return std::nullopt;
            return RecipeError{QStringLiteral("TimeoutError"), QStringLiteral("stopped"), 0, QString()};
        },
        1, threaded);
    QCOMPARE(spinning.status, Interpreter::Status::Failed);
    QCOMPARE(spinning.error->text(), QStringLiteral("TimeoutError: stopped"));
    QCOMPARE(spinning.error->line, 3);
    QCOMPARE(asked, 20);
}

void TestInterpreter::createTaskOfAnythingButACallHasNoThreadedTwin()
{
    const Program program = compiledForTest("import asyncio\n"
                                            "async def f():\n"
                                            "    return 1\n"
                                            "async def main():\n"
                                            "    t = asyncio.create_task(f())\n"
                                            "    c = f()\n"
                                            "    u = asyncio.create_task(c)\n"
                                            "    await asyncio.gather(t, u, f(), *[f() for i in range(2)])\n"
                                            "asyncio.run(main())\n");
    QCOMPARE(program.unspawnableTasks.size(), std::size_t(1));
    QCOMPARE(program.unspawnableTasks.front().line, 7);
    QCOMPARE(program.unspawnableTasks.front().column, 9);
    // The spawn sites: f() in create_task, f() in gather and the comprehension's f(); not `c = f()`.
    int spawns = 0;
    for (const auto &function : program.functions) {
        for (const Instruction &instruction : function->code)
            spawns += instruction.spawnsThread ? 1 : 0;
    }
    QCOMPARE(spawns, 3);
}

void TestInterpreter::aCallThatDoesNotFitStillStartsItsThread()
{
    const Run result = run("import asyncio\n"
                           "async def f(x):\n"
                           "    print('f', x, sep='-', end='!\\n')\n"
                           "    return x\n"
                           "async def main():\n"
                           "    t = asyncio.create_task(f(1, 2))\n"
                           "    u = asyncio.create_task(f(3))\n"
                           "    print(await u)\n"
                           "    print(await asyncio.gather(f(4), f(5)))\n"
                           "    print(await asyncio.gather(u, u))\n"
                           "    print(await t)\n"
                           "asyncio.run(main())\n",
                           {}, 1, threaded);
    // CPython's: Task(f, 1, 2) is Thread-1, whose call raises in the thread and again where it is awaited.
    QCOMPARE(result.out,
             QStringLiteral("[Thread-2 (f)] f-3!\n3\n[Thread-3 (f)] f-4!\n[Thread-4 (f)] f-5!\n[4, 5]\n"
                            "[3, 3]\n"));
    QCOMPARE(result.error->text(), QStringLiteral("TypeError: f() takes 1 positional argument but 2 were given"));
    QCOMPARE(result.error->line, 11);
}

QTEST_GUILESS_MAIN(TestInterpreter)
#include "tst_interpreter.moc"
