// SPDX-License-Identifier: MIT
#include "threadscheduler.h"

#include <QTest>

using namespace recipe;

/**
 * ThreadScheduler: who holds the interpreter lock, rule by rule, on a clock
 * the test sets. The rules are CPython 3.11's (threading.py, ceval_gil.c),
 * checked by experiment under python3: see the class comment.
 */
class TestThreadScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mainThreadHoldsTheLockAtFirst();
    void aNewThreadRunsFirstAndItsCreatorWaits();
    void aSleepGivesTheLockUpUntilItsWakeTime();
    void aSleepOfNothingKeepsTheLock();
    void sleepersWakeInOrderOfTheirWakeTimes();
    void aWaiterTakesTheLockAfterTheSwitchInterval();
    void theIntervalCountsFromTheLastHandOver();
    void aJoinWaitsForTheThreadsEnd();
    void theLockGoesToTheThreadWaitingLongest();
    void aBlockedThreadWaitsForTheLockOnlyOnceWoken();

private:
    static constexpr qint64 ms = 1000000;
};

void TestThreadScheduler::mainThreadHoldsTheLockAtFirst()
{
    ThreadScheduler scheduler;
    QCOMPARE(scheduler.holder(0), ThreadScheduler::mainThread);
    QVERIFY(!scheduler.hasRivals());
    QVERIFY(!scheduler.switchDue(100 * ms));
    scheduler.end(100 * ms);
    QVERIFY(scheduler.allEnded());
    QCOMPARE(scheduler.holder(100 * ms), std::nullopt);
}

void TestThreadScheduler::aNewThreadRunsFirstAndItsCreatorWaits()
{
    ThreadScheduler scheduler;
    const ThreadScheduler::ThreadId first = scheduler.start(0);
    QCOMPARE(first, 1);
    QCOMPARE(scheduler.holder(0), first);
    QVERIFY(scheduler.hasRivals());
    scheduler.end(1 * ms);
    QCOMPARE(scheduler.holder(1 * ms), ThreadScheduler::mainThread);
    QCOMPARE(scheduler.start(1 * ms), 2);
    QVERIFY(!scheduler.allEnded());
}

void TestThreadScheduler::aSleepGivesTheLockUpUntilItsWakeTime()
{
    ThreadScheduler scheduler;
    scheduler.sleep(0, 100 * ms);
    QCOMPARE(scheduler.holder(50 * ms), std::nullopt);
    QCOMPARE(scheduler.nextWakeNs(), 100 * ms);
    QCOMPARE(scheduler.holder(100 * ms), ThreadScheduler::mainThread);
    QCOMPARE(scheduler.nextWakeNs(), -1);
}

void TestThreadScheduler::aSleepOfNothingKeepsTheLock()
{
    // The new thread sleeps 0 while its creator waits: under python3 it goes on first (create_task_order's twin,
    // asyncio_run_twice's, sleep_zero_turns's in tests/recipes, most runs of each).
    ThreadScheduler scheduler;
    const ThreadScheduler::ThreadId thread = scheduler.start(0);
    QVERIFY(!scheduler.sleep(1 * ms, 0));
    QCOMPARE(scheduler.holder(1 * ms), thread);
}

void TestThreadScheduler::sleepersWakeInOrderOfTheirWakeTimes()
{
    ThreadScheduler scheduler;
    const ThreadScheduler::ThreadId slow = scheduler.start(0);
    scheduler.sleep(0, 300 * ms);
    QCOMPARE(scheduler.holder(0), ThreadScheduler::mainThread);
    const ThreadScheduler::ThreadId fast = scheduler.start(0);
    scheduler.sleep(0, 100 * ms);
    QCOMPARE(scheduler.holder(0), ThreadScheduler::mainThread);
    scheduler.sleep(0, 200 * ms);
    // Looked at late, the sleepers still take the lock in the order they woke.
    QCOMPARE(scheduler.holder(400 * ms), fast);
    scheduler.end(400 * ms);
    QCOMPARE(scheduler.holder(400 * ms), ThreadScheduler::mainThread);
    scheduler.end(400 * ms);
    QCOMPARE(scheduler.holder(400 * ms), slow);
}

void TestThreadScheduler::aWaiterTakesTheLockAfterTheSwitchInterval()
{
    ThreadScheduler scheduler;
    const ThreadScheduler::ThreadId spinner = scheduler.start(0);
    QVERIFY(!scheduler.switchDue(ThreadScheduler::switchIntervalNs - 1));
    QVERIFY(scheduler.switchDue(ThreadScheduler::switchIntervalNs));
    QCOMPARE(scheduler.holder(ThreadScheduler::switchIntervalNs), ThreadScheduler::mainThread);
    // Two threads that compute take turns, a switch interval each.
    QVERIFY(!scheduler.switchDue(2 * ThreadScheduler::switchIntervalNs - 1));
    QVERIFY(scheduler.switchDue(2 * ThreadScheduler::switchIntervalNs));
    QCOMPARE(scheduler.holder(2 * ThreadScheduler::switchIntervalNs), spinner);
}

void TestThreadScheduler::theIntervalCountsFromTheLastHandOver()
{
    // A waiter asks the holder to drop the lock only when that holder kept it for the waiter's whole interval.
    ThreadScheduler scheduler;
    scheduler.start(0);
    scheduler.sleep(0, 8 * ms);
    QCOMPARE(scheduler.holder(0), ThreadScheduler::mainThread);
    scheduler.start(1 * ms); // MainThread waits from 1 ms; the sleeper from 8 ms
    scheduler.end(4 * ms);
    QCOMPARE(scheduler.holder(4 * ms), ThreadScheduler::mainThread);
    QVERIFY(!scheduler.switchDue(12 * ms));
    QVERIFY(scheduler.switchDue(13 * ms));
    QCOMPARE(scheduler.holder(13 * ms), 1);
}

void TestThreadScheduler::aJoinWaitsForTheThreadsEnd()
{
    ThreadScheduler scheduler;
    const ThreadScheduler::ThreadId worker = scheduler.start(0);
    scheduler.sleep(0, 100 * ms);
    QCOMPARE(scheduler.holder(0), ThreadScheduler::mainThread);
    scheduler.join(worker);
    QCOMPARE(scheduler.holder(50 * ms), std::nullopt);
    QCOMPARE(scheduler.holder(100 * ms), worker);
    QVERIFY(!scheduler.hasEnded(worker));
    scheduler.end(100 * ms);
    QVERIFY(scheduler.hasEnded(worker));
    QCOMPARE(scheduler.holder(100 * ms), ThreadScheduler::mainThread);
}

void TestThreadScheduler::theLockGoesToTheThreadWaitingLongest()
{
    ThreadScheduler scheduler;
    const ThreadScheduler::ThreadId first = scheduler.start(0);
    scheduler.sleep(0, 10 * ms);
    QCOMPARE(scheduler.holder(0), ThreadScheduler::mainThread);
    const ThreadScheduler::ThreadId second = scheduler.start(0);
    scheduler.sleep(0, 20 * ms);
    QCOMPARE(scheduler.holder(0), ThreadScheduler::mainThread);
    // MainThread computes on while both sleepers wake; looked at 25 ms, the lock goes to each in the order they
    // began to wait: the one woken at 10 ms, the one woken at 20 ms, then MainThread, which waits from 25 ms.
    QVERIFY(scheduler.switchDue(25 * ms));
    QCOMPARE(scheduler.holder(25 * ms), first);
    scheduler.end(26 * ms);
    QCOMPARE(scheduler.holder(26 * ms), second);
    scheduler.end(27 * ms);
    QCOMPARE(scheduler.holder(27 * ms), ThreadScheduler::mainThread);
}

void TestThreadScheduler::aBlockedThreadWaitsForTheLockOnlyOnceWoken()
{
    // A thread blocked in a recipe's lock gives the interpreter lock up and is nobody's rival until woken; woken,
    // it waits behind those already waiting.
    ThreadScheduler scheduler;
    const ThreadScheduler::ThreadId blocked = scheduler.start(0);
    scheduler.block();
    QCOMPARE(scheduler.holder(1 * ms), ThreadScheduler::mainThread);
    QVERIFY(!scheduler.hasRivals());
    const ThreadScheduler::ThreadId other = scheduler.start(2 * ms);
    scheduler.end(3 * ms);
    QCOMPARE(scheduler.holder(3 * ms), ThreadScheduler::mainThread);
    scheduler.wake(blocked, 4 * ms);
    QVERIFY(scheduler.hasRivals());
    QVERIFY(!scheduler.switchDue(8 * ms));
    QVERIFY(scheduler.switchDue(9 * ms));
    QCOMPARE(scheduler.holder(9 * ms), blocked);
    QVERIFY(scheduler.hasEnded(other));
    // Every thread blocked or gone, none asleep: nothing will ever hold the lock again.
    scheduler.block();
    scheduler.holder(10 * ms);
    QCOMPARE(scheduler.holder(10 * ms), ThreadScheduler::mainThread);
    scheduler.block();
    QCOMPARE(scheduler.holder(11 * ms), std::nullopt);
    QCOMPARE(scheduler.nextWakeNs(), -1);
    QVERIFY(!scheduler.allEnded());
}

QTEST_GUILESS_MAIN(TestThreadScheduler)
#include "tst_threadscheduler.moc"
