// SPDX-License-Identifier: MIT
#include "interpreter.h"
#include "interpreterobserver.h"
#include "recipetestsupport.h"

#include <QStringList>
#include <QTest>

using namespace recipe;

namespace {
constexpr qint64 nsPerMs = 1000000;

/// Writes down every call as a short line, in order, so a test compares the whole story at once.
class StoryObserver : public InterpreterObserver
{
public:
    QStringList story;

    void taskMade(int task, const QString &coroutine, int cake) override
    {
        story << QStringLiteral("made %1 %2 cake %3").arg(task).arg(coroutine).arg(cake);
    }
    void taskResumed(int task) override { story << QStringLiteral("resumed %1").arg(task); }
    void taskSuspended(int task, qint64 wakeNs) override
    {
        story << (wakeNs == awaitsAnother ? QStringLiteral("suspended %1 awaiting").arg(task)
                                          : QStringLiteral("suspended %1 until %2 ms").arg(task).arg(wakeNs / nsPerMs));
    }
    void taskFinished(int task, bool failed) override
    {
        story << QStringLiteral("finished %1%2").arg(task).arg(failed ? QStringLiteral(" failed") : QString());
    }
    void taskCancelled(int task) override { story << QStringLiteral("cancelled %1").arg(task); }
    void taskWaitsIn(int task, const QString &method, int resource) override
    {
        story << QStringLiteral("waits %1 in %2 of %3").arg(task).arg(method).arg(resource);
    }
    void taskAwaits(int task, const std::vector<int> &awaited) override
    {
        QStringList numbers;
        for (const int each : awaited)
            numbers << QString::number(each);
        story << QStringLiteral("%1 awaits %2").arg(task).arg(numbers.join(QLatin1Char(' ')));
    }
    void resourceMade(int resource, const QString &type, const QString &state) override
    {
        story << QStringLiteral("made %1 %2 %3").arg(type).arg(resource).arg(state);
    }
    void resourceUsed(int task, int resource, const QString &method, const QString &state) override
    {
        story << QStringLiteral("%1 did %2 of %3: %4").arg(task).arg(method).arg(resource).arg(state);
    }
    void taskWoken(int task, int by) override { story << QStringLiteral("%1 wakes %2").arg(by).arg(task); }
    void taskCancelAsked(int task, int by) override { story << QStringLiteral("%1 cancels %2").arg(by).arg(task); }
    void taskFailed(int task, const QString &error) override
    {
        story << QStringLiteral("failed %1: %2").arg(task).arg(error);
    }
    void printed(const QString &text, int task, int cake, const QString &function) override
    {
        story << QStringLiteral("print %1 cake %2 in %3: %4").arg(task).arg(cake).arg(function, text.trimmed());
    }
    void blockingSleep(qint64 ns, int task, int cake, const QString &function) override
    {
        story << QStringLiteral("sleep %1 ms in %2 of task %3 cake %4")
                     .arg(ns / nsPerMs)
                     .arg(function)
                     .arg(task)
                     .arg(cake);
    }
};

const QByteArray twoTasks = "import asyncio\n"
                            "async def oven():\n"
                            "    await asyncio.sleep(0.1)\n"
                            "    print('hot')\n"
                            "async def bowl():\n"
                            "    await asyncio.sleep(0)\n"
                            "    print('mixed')\n"
                            "async def main():\n"
                            "    await asyncio.gather(oven(), bowl())\n"
                            "asyncio.run(main())\n";
} // namespace

/**
 * InterpreterObserver: what the Interpreter tells an observer as a recipe
 * runs, on a clock the test owns, and that observing changes nothing the
 * recipe prints.
 */
class TestInterpreterObserver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theAsyncKitchenTellsEachTasksLife();
    void theBlockingTwinTellsEachSleepAndPrintByFunction();
    void theThreadedTwinTellsEachThreadsLife();
    void aFailedThreadIsToldAsFailed();
    void eachCakesThreadsAreToldInItsCake();
    void cakesAreNamedOnTasksAndPrints();
    void aFailedTaskIsToldAsFailed();
    void tasksPendingAsTheLoopEndsAreToldCancelled();
    void resourcesAreToldMadeAndUsedAndCancelsWhoAsked();
    void aTaskWaitingOnAResourceIsToldWhatItWaitsIn();
    void observingChangesNothingPrinted_data();
    void observingChangesNothingPrinted();

private:
    struct Run {
        QString out;
        QStringList story;
    };
    /// Runs @p source to its end, its clock jumping to each timer; observed unless @p observed is false.
    static Run run(const QByteArray &source, Interpreter::Kitchen kitchen = Interpreter::Kitchen::Async, int cakes = 1,
                   bool observed = true, bool quiet = false);
};

TestInterpreterObserver::Run TestInterpreterObserver::run(const QByteArray &source, Interpreter::Kitchen kitchen,
                                                          int cakes, bool observed, bool quiet)
{
    const Program program = compiledForTest(source);
    Run result;
    qint64 now = 0;
    Interpreter::Hooks hooks = testClockHooks(now);
    if (!quiet)
        hooks.write = [&result](const QString &text) { result.out += text; };
    StoryObserver observer;
    Interpreter interpreter(program, hooks, kitchen);
    interpreter.setCakes(cakes);
    if (observed)
        interpreter.setObserver(&observer);
    runOnTestClock(interpreter, now);
    result.story = observer.story;
    return result;
}

void TestInterpreterObserver::theAsyncKitchenTellsEachTasksLife()
{
    const QStringList expected{
        QStringLiteral("made 1 main cake 0"),
        QStringLiteral("resumed 1"),
        QStringLiteral("made 2 oven cake 0"),
        QStringLiteral("made 3 bowl cake 0"),
        QStringLiteral("suspended 1 awaiting"),
        // It awaits a gather of the two: the tasks the gather waits for are what it waits for.
        QStringLiteral("1 awaits 2 3"),
        QStringLiteral("resumed 2"),
        QStringLiteral("suspended 2 until 100 ms"),
        QStringLiteral("resumed 3"),
        // A sleep of 0 is ready again at once: its wake is the moment it yields.
        QStringLiteral("suspended 3 until 0 ms"),
        QStringLiteral("resumed 3"),
        QStringLiteral("print 3 cake 0 in bowl: mixed"),
        QStringLiteral("finished 3"),
        QStringLiteral("resumed 2"),
        QStringLiteral("print 2 cake 0 in oven: hot"),
        QStringLiteral("finished 2"),
        QStringLiteral("resumed 1"),
        QStringLiteral("finished 1"),
    };
    QCOMPARE(run(twoTasks).story, expected);
}

void TestInterpreterObserver::theBlockingTwinTellsEachSleepAndPrintByFunction()
{
    // The twin makes no tasks: everything runs in the module's code, task 0, one function after the other.
    const QStringList expected{
        QStringLiteral("sleep 100 ms in oven of task 0 cake 0"),
        QStringLiteral("print 0 cake 0 in oven: hot"),
        QStringLiteral("print 0 cake 0 in bowl: mixed"),
    };
    QCOMPARE(run(twoTasks, Interpreter::Kitchen::BlockingTwin).story, expected);
    const QStringList blocking{
        QStringLiteral("sleep 250 ms in <module> of task 0 cake 0"),
        QStringLiteral("print 0 cake 0 in <module>: done"),
    };
    QCOMPARE(run("import time\ntime.sleep(0.25)\nprint('done')\n").story, blocking);
}

void TestInterpreterObserver::theThreadedTwinTellsEachThreadsLife()
{
    // Each thread is a task numbered as threading numbers it; a sleep of 0 keeps the lock and is not told.
    const QStringList expected{
        QStringLiteral("made 1 oven cake 0"), QStringLiteral("sleep 100 ms in oven of task 1 cake 0"),
        QStringLiteral("made 2 bowl cake 0"), QStringLiteral("print 2 cake 0 in bowl: mixed"),
        QStringLiteral("finished 2"),         QStringLiteral("print 1 cake 0 in oven: hot"),
        QStringLiteral("finished 1"),
    };
    QCOMPARE(run(twoTasks, Interpreter::Kitchen::ThreadedTwin).story, expected);
    // MainThread is task 0, and its own sleeps are told as the blocking twin tells them.
    const QStringList mainThread{
        QStringLiteral("sleep 250 ms in <module> of task 0 cake 0"),
        QStringLiteral("print 0 cake 0 in <module>: done"),
    };
    QCOMPARE(run("import time\ntime.sleep(0.25)\nprint('done')\n", Interpreter::Kitchen::ThreadedTwin).story,
             mainThread);
}

void TestInterpreterObserver::aFailedThreadIsToldAsFailed()
{
    const QStringList story = run("import asyncio\n"
                                  "async def fail():\n"
                                  "    await asyncio.sleep(0.1)\n"
                                  "    return 1 / 0\n"
                                  "async def main():\n"
                                  "    t = asyncio.create_task(fail())\n"
                                  "    await asyncio.sleep(0.2)\n"
                                  "    print(t.done())\n"
                                  "asyncio.run(main())\n",
                                  Interpreter::Kitchen::ThreadedTwin)
                                  .story;
    const QStringList expected{
        QStringLiteral("made 1 fail cake 0"),
        QStringLiteral("sleep 100 ms in fail of task 1 cake 0"),
        QStringLiteral("sleep 200 ms in main of task 0 cake 0"),
        QStringLiteral("failed 1: ZeroDivisionError: division by zero"),
        QStringLiteral("finished 1 failed"),
        QStringLiteral("print 0 cake 0 in main: True"),
    };
    QCOMPARE(story, expected);
}

void TestInterpreterObserver::eachCakesThreadsAreToldInItsCake()
{
    // A thread a cake runs main() and is of that cake, as is every thread it starts; numbered as threading does.
    const QStringList expected{
        QStringLiteral("made 1 main cake 1"),
        QStringLiteral("made 2 oven cake 1"),
        QStringLiteral("sleep 100 ms in oven of task 2 cake 1"),
        QStringLiteral("made 3 main cake 2"),
        QStringLiteral("made 4 oven cake 2"),
        QStringLiteral("sleep 100 ms in oven of task 4 cake 2"),
        QStringLiteral("made 5 bowl cake 1"),
        QStringLiteral("print 5 cake 1 in bowl: mixed"),
        QStringLiteral("finished 5"),
        QStringLiteral("made 6 bowl cake 2"),
        QStringLiteral("print 6 cake 2 in bowl: mixed"),
        QStringLiteral("finished 6"),
        QStringLiteral("print 2 cake 1 in oven: hot"),
        QStringLiteral("finished 2"),
        QStringLiteral("print 4 cake 2 in oven: hot"),
        QStringLiteral("finished 4"),
        QStringLiteral("finished 1"),
        QStringLiteral("finished 3"),
    };
    QCOMPARE(run(twoTasks, Interpreter::Kitchen::ThreadedTwin, 2).story, expected);
}

void TestInterpreterObserver::cakesAreNamedOnTasksAndPrints()
{
    const QStringList story = run("import asyncio\n"
                                  "async def main():\n"
                                  "    await asyncio.sleep(0.1)\n"
                                  "    print('baked')\n"
                                  "asyncio.run(main())\n",
                                  Interpreter::Kitchen::Async, 2)
                                  .story;
    QVERIFY2(story.contains(QStringLiteral("made 2 main cake 1")), qPrintable(story.join(QLatin1Char('\n'))));
    QVERIFY(story.contains(QStringLiteral("made 3 main cake 2")));
    QVERIFY(story.contains(QStringLiteral("print 2 cake 1 in main: baked")));
    QVERIFY(story.contains(QStringLiteral("print 3 cake 2 in main: baked")));
    QVERIFY(story.contains(QStringLiteral("suspended 3 until 100 ms")));
}

void TestInterpreterObserver::aFailedTaskIsToldAsFailed()
{
    const QStringList story = run("import asyncio\n"
                                  "async def fail():\n"
                                  "    return 1 / 0\n"
                                  "async def main():\n"
                                  "    t = asyncio.create_task(fail())\n"
                                  "    await asyncio.sleep(0.1)\n"
                                  "    print(t.done())\n"
                                  "asyncio.run(main())\n")
                                  .story;
    QVERIFY2(story.contains(QStringLiteral("finished 2 failed")), qPrintable(story.join(QLatin1Char('\n'))));
    QCOMPARE(story.at(story.indexOf(QStringLiteral("finished 2 failed")) - 1),
             QStringLiteral("failed 2: ZeroDivisionError: division by zero"));
    QVERIFY(story.contains(QStringLiteral("finished 1")));
}

void TestInterpreterObserver::aTaskWaitingOnAResourceIsToldWhatItWaitsIn()
{
    // The second holder finds the lock taken: it is suspended awaiting, and told what it waits in, once.
    const QStringList story = run("import asyncio\n"
                                  "async def hold(lock):\n"
                                  "    async with lock:\n"
                                  "        await asyncio.sleep(0.1)\n"
                                  "async def main():\n"
                                  "    lock = asyncio.Lock()\n"
                                  "    await asyncio.gather(hold(lock), hold(lock))\n"
                                  "asyncio.run(main())\n")
                                  .story;
    const qsizetype waits = story.indexOf(QStringLiteral("waits 3 in Lock.acquire of 1"));
    QVERIFY2(waits > 0, qPrintable(story.join(QLatin1Char('\n'))));
    QCOMPARE(story.at(waits - 1), QStringLiteral("suspended 3 awaiting"));
    QCOMPARE(story.count(QStringLiteral("waits 3 in Lock.acquire of 1")), 1);
    // The release that hands the lock on wakes it, told right after the release.
    const qsizetype woken = story.indexOf(QStringLiteral("2 wakes 3"));
    QVERIFY2(woken > waits, qPrintable(story.join(QLatin1Char('\n'))));
    QCOMPARE(story.at(woken - 1), QStringLiteral("2 did Lock.release of 1: unlocked"));
    QCOMPARE(story.count(QStringLiteral("2 wakes 3")), 1);
    QVERIFY(!story.join(QLatin1Char('\n')).contains(QStringLiteral("waits 2 in")));
}

void TestInterpreterObserver::resourcesAreToldMadeAndUsedAndCancelsWhoAsked()
{
    // What a window needs to show each resource's holders and contents, and who cancelled whom; a question such
    // as qsize() changes nothing and is not told.
    const QStringList story = run("import asyncio\n"
                                  "async def hold(lock, q):\n"
                                  "    async with lock:\n"
                                  "        await q.put(1)\n"
                                  "        await asyncio.sleep(0.1)\n"
                                  "async def main():\n"
                                  "    lock = asyncio.Lock()\n"
                                  "    q = asyncio.Queue(2)\n"
                                  "    t = asyncio.create_task(hold(lock, q))\n"
                                  "    await asyncio.sleep(0)\n"
                                  "    print(q.qsize())\n"
                                  "    t.cancel()\n"
                                  "    await asyncio.gather(t, return_exceptions=True)\n"
                                  "asyncio.run(main())\n")
                                  .story;
    const QStringList expected{
        QStringLiteral("made 1 main cake 0"),
        QStringLiteral("resumed 1"),
        QStringLiteral("made Lock 1 unlocked"),
        QStringLiteral("made Queue 2 0 items of 2"),
        QStringLiteral("made 2 hold cake 0"),
        QStringLiteral("suspended 1 until 0 ms"),
        QStringLiteral("resumed 2"),
        QStringLiteral("2 did Lock.acquire of 1: locked"),
        QStringLiteral("2 did Queue.put of 2: 1 item of 2, 1 unfinished"),
        QStringLiteral("suspended 2 until 100 ms"),
        QStringLiteral("resumed 1"),
        QStringLiteral("print 1 cake 0 in main: 1"),
        QStringLiteral("1 cancels 2"),
        QStringLiteral("suspended 1 awaiting"),
        QStringLiteral("1 awaits 2"),
        QStringLiteral("resumed 2"),
        QStringLiteral("2 did Lock.release of 1: unlocked"),
        QStringLiteral("cancelled 2"),
        QStringLiteral("resumed 1"),
        QStringLiteral("finished 1"),
    };
    QCOMPARE(story, expected);
}

void TestInterpreterObserver::tasksPendingAsTheLoopEndsAreToldCancelled()
{
    // main() returns while the task it made sleeps, and the one made in the second run waits on nothing: each
    // loop's pending tasks are cancelled as asyncio.run() ends, run once more to take the CancelledError where
    // they wait, and told cancelled once, after main has finished.
    const QStringList story = run("import asyncio\n"
                                  "async def slow():\n"
                                  "    await asyncio.sleep(1)\n"
                                  "    print('never')\n"
                                  "async def main():\n"
                                  "    asyncio.create_task(slow())\n"
                                  "    await asyncio.sleep(0.1)\n"
                                  "    print('main done')\n"
                                  "asyncio.run(main())\n"
                                  "asyncio.run(main())\n")
                                  .story;
    const QStringList expected{
        QStringLiteral("made 1 main cake 0"),
        QStringLiteral("resumed 1"),
        QStringLiteral("made 2 slow cake 0"),
        QStringLiteral("suspended 1 until 100 ms"),
        QStringLiteral("resumed 2"),
        QStringLiteral("suspended 2 until 1000 ms"),
        QStringLiteral("resumed 1"),
        QStringLiteral("print 1 cake 0 in main: main done"),
        QStringLiteral("finished 1"),
        // asyncio.run() asks, no task.
        QStringLiteral("0 cancels 2"),
        QStringLiteral("resumed 2"),
        QStringLiteral("cancelled 2"),
        QStringLiteral("made 3 main cake 0"),
        QStringLiteral("resumed 3"),
        QStringLiteral("made 4 slow cake 0"),
        QStringLiteral("suspended 3 until 200 ms"),
        QStringLiteral("resumed 4"),
        QStringLiteral("suspended 4 until 1100 ms"),
        QStringLiteral("resumed 3"),
        QStringLiteral("print 3 cake 0 in main: main done"),
        QStringLiteral("finished 3"),
        QStringLiteral("0 cancels 4"),
        QStringLiteral("resumed 4"),
        QStringLiteral("cancelled 4"),
    };
    QCOMPARE(story, expected);
    // A task that ended before the loop did is not told cancelled.
    QVERIFY(!run(twoTasks).story.join(QLatin1Char('\n')).contains(QStringLiteral("cancelled")));
}

void TestInterpreterObserver::observingChangesNothingPrinted_data()
{
    QTest::addColumn<int>("cakes");
    QTest::addColumn<int>("kitchen");
    QTest::addColumn<bool>("quiet");
    QTest::newRow("one cake") << 1 << int(Interpreter::Kitchen::Async) << false;
    QTest::newRow("three cakes") << 3 << int(Interpreter::Kitchen::Async) << false;
    QTest::newRow("blocking twin") << 1 << int(Interpreter::Kitchen::BlockingTwin) << false;
    QTest::newRow("threaded twin") << 1 << int(Interpreter::Kitchen::ThreadedTwin) << false;
    QTest::newRow("threaded twin, three cakes") << 3 << int(Interpreter::Kitchen::ThreadedTwin) << false;
    QTest::newRow("quiet") << 2 << int(Interpreter::Kitchen::Async) << true;
}

void TestInterpreterObserver::observingChangesNothingPrinted()
{
    QFETCH(int, cakes);
    QFETCH(int, kitchen);
    QFETCH(bool, quiet);
    const auto kind = Interpreter::Kitchen(kitchen);
    const Run observed = run(twoTasks, kind, cakes, true, quiet);
    const Run unobserved = run(twoTasks, kind, cakes, false, quiet);
    QCOMPARE(observed.out, unobserved.out);
    QVERIFY(unobserved.story.isEmpty());
    // A quiet run still tells the observer what each print would have written.
    QCOMPARE(observed.story.filter(QStringLiteral(": hot")).size(), cakes);
    if (!quiet)
        QCOMPARE(observed.out.count(QStringLiteral("hot\n")), cakes);
}

QTEST_GUILESS_MAIN(TestInterpreterObserver)
#include "tst_interpreterobserver.moc"
