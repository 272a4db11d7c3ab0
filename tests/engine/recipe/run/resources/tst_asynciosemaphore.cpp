// SPDX-License-Identifier: MIT
#include "asynciosemaphore.h"

#include "eventloop.h"

#include <QTest>

using namespace recipe;

/**
 * AsyncioSemaphore: asyncio.Semaphore's count as CPython 3.11.7 keeps it. A
 * release that wakes a waiter takes the count for it at once; it is locked
 * while any waiter queues; a waiter cancelled after its wake gives the count
 * back to the next.
 */
class TestAsyncioSemaphore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void takesUpToItsValueAtOnce();
    void aReleaseHandsTheCountToTheFirstWaiter();
    void aWaiterCancelledAfterItsWakeGivesTheCountOn();
    void aWaiterCancelledWhileWaitingTakesNothing();
};

void TestAsyncioSemaphore::takesUpToItsValueAtOnce()
{
    EventLoop loop;
    AsyncioSemaphore semaphore(2);
    QVERIFY(!semaphore.isLocked());
    QCOMPARE(semaphore.begin(ResourceMethod::Acquire, Value(), loop).kind, ResourceStep::Kind::Done);
    QCOMPARE(semaphore.begin(ResourceMethod::Enter, Value(), loop).kind, ResourceStep::Kind::Done);
    QVERIFY(semaphore.isLocked());
    QCOMPARE(semaphore.begin(ResourceMethod::Acquire, Value(), loop).kind, ResourceStep::Kind::Park);
    QCOMPARE(semaphore.repr(), QStringLiteral("<asyncio.locks.Semaphore object [locked, waiters:1]>"));
}

void TestAsyncioSemaphore::aReleaseHandsTheCountToTheFirstWaiter()
{
    EventLoop loop;
    AsyncioSemaphore semaphore(1);
    semaphore.begin(ResourceMethod::Acquire, Value(), loop);
    const ResourceStep waiting = semaphore.begin(ResourceMethod::Acquire, Value(), loop);
    semaphore.call(ResourceMethod::Release, Value());
    QVERIFY(waiting.waitOn->isDone());
    QCOMPARE(semaphore.value(), std::int64_t(0)); // taken for the woken waiter already
    QVERIFY(semaphore.isLocked()); // it still queues until it runs
    QVERIFY(semaphore.resume(ResourceMethod::Acquire, Value(), waiting.waitOn, false, loop).result.asBool());
    QCOMPARE(semaphore.waiterCount(), std::size_t(0));
}

void TestAsyncioSemaphore::aWaiterCancelledAfterItsWakeGivesTheCountOn()
{
    EventLoop loop;
    AsyncioSemaphore semaphore(1);
    semaphore.begin(ResourceMethod::Acquire, Value(), loop);
    const ResourceStep first = semaphore.begin(ResourceMethod::Acquire, Value(), loop);
    const ResourceStep second = semaphore.begin(ResourceMethod::Acquire, Value(), loop);
    semaphore.call(ResourceMethod::Release, Value());
    QCOMPARE(semaphore.resume(ResourceMethod::Acquire, Value(), first.waitOn, true, loop).kind,
             ResourceStep::Kind::Raise);
    QVERIFY(second.waitOn->isDone());
    QCOMPARE(semaphore.value(), std::int64_t(0));
}

void TestAsyncioSemaphore::aWaiterCancelledWhileWaitingTakesNothing()
{
    EventLoop loop;
    AsyncioSemaphore semaphore(0);
    const ResourceStep waiting = semaphore.begin(ResourceMethod::Acquire, Value(), loop);
    QVERIFY(waiting.waitOn->cancelWaiting());
    semaphore.resume(ResourceMethod::Acquire, Value(), waiting.waitOn, true, loop);
    QCOMPARE(semaphore.value(), std::int64_t(0));
    semaphore.call(ResourceMethod::Release, Value());
    QCOMPARE(semaphore.value(), std::int64_t(1));
    QVERIFY(!semaphore.isLocked());
}

QTEST_APPLESS_MAIN(TestAsyncioSemaphore)
#include "tst_asynciosemaphore.moc"
