// SPDX-License-Identifier: MIT
#include "asynciolock.h"

#include "eventloop.h"

#include <QTest>

using namespace recipe;

/**
 * AsyncioLock: asyncio.Lock's state and queue. A free lock is taken at
 * once; a held one parks the asker on a future; release() wakes only the
 * first waiter, which takes the lock when it runs, and a newcomer in between
 * queues behind it; a waiter cancelled after its wake passes the lock on.
 */
class TestAsyncioLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aFreeLockIsTakenAtOnce();
    void releaseWakesOnlyTheFirstWaiter();
    void aNewcomerQueuesBehindTheWokenWaiter();
    void aWaiterCancelledAfterItsWakePassesTheLockOn();
    void releasingAFreeLockIsARuntimeError();
    void reprShowsStateAndWaiters();
    void asThreadingsTheReleaserMayTakeItBackFirst();
};

void TestAsyncioLock::aFreeLockIsTakenAtOnce()
{
    EventLoop loop;
    AsyncioLock lock;
    const ResourceStep step = lock.begin(ResourceMethod::Acquire, Value(), loop);
    QCOMPARE(step.kind, ResourceStep::Kind::Done);
    QVERIFY(step.result.asBool());
    QVERIFY(lock.isLocked());
    // __aenter__ takes it as well, and gives None.
    AsyncioLock other;
    QVERIFY(other.begin(ResourceMethod::Enter, Value(), loop).result.isNone());
}

void TestAsyncioLock::releaseWakesOnlyTheFirstWaiter()
{
    EventLoop loop;
    AsyncioLock lock;
    lock.begin(ResourceMethod::Acquire, Value(), loop);
    const ResourceStep first = lock.begin(ResourceMethod::Acquire, Value(), loop);
    const ResourceStep second = lock.begin(ResourceMethod::Acquire, Value(), loop);
    QCOMPARE(first.kind, ResourceStep::Kind::Park);
    QCOMPARE(second.kind, ResourceStep::Kind::Park);
    QCOMPARE(lock.waiterCount(), std::size_t(2));
    QCOMPARE(lock.call(ResourceMethod::Release, Value()).kind, ResourceStep::Kind::Done);
    QVERIFY(first.waitOn->isDone());
    QVERIFY(!second.waitOn->isDone());
    // Free until the woken waiter runs; then it holds the lock and leaves the queue.
    QVERIFY(!lock.isLocked());
    const ResourceStep resumed = lock.resume(ResourceMethod::Acquire, Value(), first.waitOn, false, loop);
    QVERIFY(resumed.result.asBool());
    QVERIFY(lock.isLocked());
    QCOMPARE(lock.waiterCount(), std::size_t(1));
}

void TestAsyncioLock::aNewcomerQueuesBehindTheWokenWaiter()
{
    EventLoop loop;
    AsyncioLock lock;
    lock.begin(ResourceMethod::Acquire, Value(), loop);
    const ResourceStep first = lock.begin(ResourceMethod::Acquire, Value(), loop);
    lock.call(ResourceMethod::Release, Value());
    const ResourceStep newcomer = lock.begin(ResourceMethod::Acquire, Value(), loop);
    QCOMPARE(newcomer.kind, ResourceStep::Kind::Park);
    QCOMPARE(lock.waiterCount(), std::size_t(2));
}

void TestAsyncioLock::aWaiterCancelledAfterItsWakePassesTheLockOn()
{
    EventLoop loop;
    AsyncioLock lock;
    lock.begin(ResourceMethod::Acquire, Value(), loop);
    const ResourceStep first = lock.begin(ResourceMethod::Acquire, Value(), loop);
    const ResourceStep second = lock.begin(ResourceMethod::Acquire, Value(), loop);
    lock.call(ResourceMethod::Release, Value());
    const ResourceStep cancelled = lock.resume(ResourceMethod::Acquire, Value(), first.waitOn, true, loop);
    QCOMPARE(cancelled.kind, ResourceStep::Kind::Raise);
    QCOMPARE(cancelled.error->type, QStringLiteral("asyncio.exceptions.CancelledError"));
    QVERIFY(!lock.isLocked());
    QVERIFY(second.waitOn->isDone());
}

void TestAsyncioLock::releasingAFreeLockIsARuntimeError()
{
    AsyncioLock lock;
    const ResourceStep step = lock.call(ResourceMethod::Release, Value());
    QCOMPARE(step.kind, ResourceStep::Kind::Raise);
    QCOMPARE(step.error->text(), QStringLiteral("RuntimeError: Lock is not acquired."));
}

void TestAsyncioLock::reprShowsStateAndWaiters()
{
    EventLoop loop;
    AsyncioLock lock;
    QCOMPARE(lock.repr(), QStringLiteral("<asyncio.locks.Lock object [unlocked]>"));
    lock.begin(ResourceMethod::Acquire, Value(), loop);
    lock.begin(ResourceMethod::Acquire, Value(), loop);
    QCOMPARE(lock.repr(), QStringLiteral("<asyncio.locks.Lock object [locked, waiters:1]>"));
}

void TestAsyncioLock::asThreadingsTheReleaserMayTakeItBackFirst()
{
    // threading's lock, released, only wakes its first waiter: it is free (locked() says so) until someone takes
    // it, the releaser too, and the waiter, finding it taken, waits again at the back. Its __enter__ gives True,
    // and a release too many has threading's words. All as python3 runs the threaded twin.
    EventLoop loop;
    AsyncioLock lock;
    lock.actAsThreading();
    QCOMPARE(lock.begin(ResourceMethod::Enter, Value(), loop).result.asBool(), true);
    const ResourceStep waiting = lock.begin(ResourceMethod::Acquire, Value(), loop);
    QCOMPARE(waiting.kind, ResourceStep::Kind::Park);
    QCOMPARE(lock.call(ResourceMethod::Release, Value()).kind, ResourceStep::Kind::Done);
    QVERIFY(waiting.waitOn->isDone());
    QCOMPARE(lock.call(ResourceMethod::Locked, Value()).result.asBool(), false);
    QCOMPARE(lock.begin(ResourceMethod::Acquire, Value(), loop).kind, ResourceStep::Kind::Done);
    const ResourceStep again = lock.resume(ResourceMethod::Acquire, Value(), waiting.waitOn, false, loop);
    QCOMPARE(again.kind, ResourceStep::Kind::Park);
    QCOMPARE(lock.call(ResourceMethod::Release, Value()).kind, ResourceStep::Kind::Done);
    QCOMPARE(lock.resume(ResourceMethod::Acquire, Value(), again.waitOn, false, loop).kind, ResourceStep::Kind::Done);
    QCOMPARE(lock.call(ResourceMethod::Release, Value()).kind, ResourceStep::Kind::Done);
    QCOMPARE(lock.call(ResourceMethod::Release, Value()).error->text(),
             QStringLiteral("RuntimeError: release unlocked lock"));
}

QTEST_APPLESS_MAIN(TestAsyncioLock)
#include "tst_asynciolock.moc"
