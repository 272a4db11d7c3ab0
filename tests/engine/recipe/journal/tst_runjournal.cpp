// SPDX-License-Identifier: MIT
#include "runjournal.h"

#include "interpreter.h"
#include "recipetestsupport.h"

#include <QTest>

using namespace recipe;

/**
 * RunJournal on real runs: the lines a learner reads beside the output
 * (made, waiting in a resource and on what, woken by whom, cancelled by
 * whom, failed), the wakes a trace draws as arrows, and the kitchen at any
 * moment, on the test's clock, which jumps from timer to timer.
 */
class TestRunJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aLockAndAFailureAreToldInOrder();
    void theKitchenAtALineShowsHoldersWaitersAndTheAwaitedByTree();
    void aCancelIsToldWithWhoAskedIt();
    void threadsAreWokenByWhatTheOthersDo();
    void nothingIsToldOfWhatTheProgramPrints();

private:
    /// Runs @p source to its end in @p kitchen, journaled.
    static void journal(const QByteArray &source, RunJournal &journal,
                        Interpreter::Kitchen kitchen = Interpreter::Kitchen::Async);
};

void TestRunJournal::journal(const QByteArray &source, RunJournal &journal, Interpreter::Kitchen kitchen)
{
    const Program program = compiledForTest(source);
    qint64 now = 0;
    Interpreter interpreter(program, testClockHooks(now), kitchen);
    interpreter.setObserver(&journal);
    runOnTestClock(interpreter, now);
}

namespace {
const char lockAndFailure[] = "import asyncio\n"
                              "async def hold(lock):\n"
                              "    async with lock:\n"
                              "        await asyncio.sleep(0.1)\n"
                              "async def fail():\n"
                              "    await asyncio.sleep(0.05)\n"
                              "    raise ValueError('burnt')\n"
                              "async def main():\n"
                              "    lock = asyncio.Lock()\n"
                              "    f = asyncio.create_task(fail())\n"
                              "    await asyncio.gather(hold(lock), hold(lock))\n"
                              "    await asyncio.gather(f, return_exceptions=True)\n"
                              "asyncio.run(main())\n";
} // namespace

void TestRunJournal::aLockAndAFailureAreToldInOrder()
{
    RunJournal run;
    journal(lockAndFailure, run);
    const QStringList expected{
        QStringLiteral("[     0 ms] Task-1 (main) created"),
        QStringLiteral("[     0 ms] Task-2 (fail) created"),
        QStringLiteral("[     0 ms] Task-3 (hold) created"),
        QStringLiteral("[     0 ms] Task-4 (hold) created"),
        QStringLiteral("[     0 ms] Task-4 (hold) waits in Lock.acquire() on Lock 1 (locked, held by Task-3 (hold))"),
        QStringLiteral("[    50 ms] Task-2 (fail) failed: ValueError: burnt"),
        QStringLiteral("[   100 ms] Task-3 (hold) finished"),
        QStringLiteral("[   100 ms] Task-4 (hold) goes on, woken by Task-3 (hold)'s Lock.release()"),
        QStringLiteral("[   200 ms] Task-4 (hold) finished"),
        QStringLiteral("[   200 ms] Task-1 (main) goes on: Task-4 (hold), which it awaited, ended"),
        QStringLiteral("[   200 ms] Task-1 (main) finished"),
    };
    QCOMPARE(run.formattedLines().join(QLatin1Char('\n')), expected.join(QLatin1Char('\n')));
    const std::vector<RunJournal::Wake> wakes = run.wakes();
    QCOMPARE(wakes.size(), std::size_t(2));
    QCOMPARE(wakes[0].from, 3);
    QCOMPARE(wakes[0].to, 4);
    QCOMPARE(wakes[0].fromNs, qint64(100000000));
    QCOMPARE(wakes[0].why, QStringLiteral("Lock.release"));
    QCOMPARE(wakes[1].from, 4);
    QCOMPARE(wakes[1].to, 1);
}

void TestRunJournal::theKitchenAtALineShowsHoldersWaitersAndTheAwaitedByTree()
{
    RunJournal run;
    journal(lockAndFailure, run);
    const std::vector<RunJournal::Line> lines = run.lines();
    const auto waits = std::find_if(lines.begin(), lines.end(), [](const RunJournal::Line &line) {
        return line.text.contains(QLatin1String("waits in"));
    });
    QVERIFY(waits != lines.end());
    const KitchenSnapshot kitchen = run.snapshotAt(waits->event + 1);
    QCOMPARE(kitchen.resource(1)->holders, std::vector<int>{3});
    QCOMPARE(kitchen.resource(1)->waiters, std::vector<int>{4});
    QCOMPARE(kitchen.task(3)->state, KitchenSnapshot::Task::State::Sleeping);
    QCOMPARE(kitchen.task(2)->state, KitchenSnapshot::Task::State::Sleeping);
    QCOMPARE(kitchen.task(1)->state, KitchenSnapshot::Task::State::AwaitsTasks);
    QCOMPARE(kitchen.awaitedBy(3), std::vector<int>{1});
    QCOMPARE(kitchen.awaitedBy(4), std::vector<int>{1});
    QVERIFY(kitchen.awaitedBy(2).empty());
    // At the end, everyone has ended and the lock is free.
    const KitchenSnapshot end = run.snapshotAt(run.events().size());
    QVERIFY(end.pendingTasks().empty());
    QCOMPARE(end.task(2)->state, KitchenSnapshot::Task::State::Failed);
    QCOMPARE(end.resource(1)->state, QStringLiteral("unlocked"));
    QVERIFY(end.resource(1)->holders.empty());
}

void TestRunJournal::aCancelIsToldWithWhoAskedIt()
{
    RunJournal run;
    journal("import asyncio\n"
            "async def slow():\n"
            "    await asyncio.sleep(1)\n"
            "async def main():\n"
            "    t = asyncio.create_task(slow())\n"
            "    u = asyncio.create_task(slow())\n"
            "    await asyncio.sleep(0.1)\n"
            "    t.cancel()\n"
            "    await asyncio.sleep(0)\n"
            "asyncio.run(main())\n",
            run);
    const QStringList lines = run.formattedLines();
    QVERIFY2(lines.contains(QStringLiteral("[   100 ms] Task-1 (main) asks Task-2 (slow) to cancel")),
             qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY(lines.contains(QStringLiteral("[   100 ms] Task-2 (slow) ended cancelled")));
    // What asyncio.run() cancels as it ends, no task asked for.
    QVERIFY(lines.contains(QStringLiteral("[   100 ms] Task-3 (slow) is asked to cancel, by no task: a timeout's "
                                          "timer, or asyncio.run() as it ends")));
    QVERIFY(lines.indexOf(QStringLiteral("[   100 ms] Task-1 (main) finished"))
            < lines.indexOf(QStringLiteral("[   100 ms] Task-3 (slow) ended cancelled")));
}

void TestRunJournal::threadsAreWokenByWhatTheOthersDo()
{
    RunJournal run(true);
    journal("import asyncio\n"
            "async def frost(cooled):\n"
            "    await cooled.wait()\n"
            "async def cool(cooled):\n"
            "    await asyncio.sleep(0.02)\n"
            "    cooled.set()\n"
            "async def main():\n"
            "    cooled = asyncio.Event()\n"
            "    await asyncio.gather(frost(cooled), cool(cooled))\n"
            "asyncio.run(main())\n",
            run, Interpreter::Kitchen::ThreadedTwin);
    const QStringList lines = run.formattedLines();
    QVERIFY2(lines.contains(QStringLiteral("[     0 ms] Thread-1 (frost) waits in Event.wait() on Event 1 (unset)")),
             qPrintable(lines.join(QLatin1Char('\n'))));
    const std::vector<RunJournal::Wake> wakes = run.wakes();
    QVERIFY(
        lines.contains(QStringLiteral("[    20 ms] Thread-1 (frost) goes on, woken by Thread-2 (cool)'s Event.set()")));
    QCOMPARE(wakes.size(), std::size_t(1));
    QCOMPARE(wakes[0].from, 2);
    QCOMPARE(wakes[0].to, 1);
    QCOMPARE(wakes[0].why, QStringLiteral("Event.set"));
    QVERIFY(wakes[0].toNs >= wakes[0].fromNs);
}

void TestRunJournal::nothingIsToldOfWhatTheProgramPrints()
{
    RunJournal run;
    journal("import asyncio\nasync def main():\n    print('hello')\nasyncio.run(main())\n", run);
    QCOMPARE(run.formattedLines(),
             QStringList({QStringLiteral("[     0 ms] Task-1 (main) created"),
                          QStringLiteral("[     0 ms] Task-1 (main) finished")}));
    // The print is among the events, for a window that shows the journal and the output side by side.
    QVERIFY(std::any_of(run.events().begin(), run.events().end(), [](const JournalEvent &event) {
        return event.kind == JournalEvent::Kind::Printed && event.text == QLatin1String("hello\n");
    }));
}

QTEST_GUILESS_MAIN(TestRunJournal)
#include "tst_runjournal.moc"
