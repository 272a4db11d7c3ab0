// SPDX-License-Identifier: MIT
#include "asynciosemaphore.h"

#include "eventloop.h"

#include <QTest>

#include <limits>

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
    void aCountPast64BitsIsAnOverflowError();
    void asThreadingsTheReleaserMayTakeTheCountBackFirst();
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

void TestAsyncioSemaphore::aCountPast64BitsIsAnOverflowError()
{
    // CPython's count has no end; Kitchen Python's ints stop at 64 bits, with an error rather than a wrap.
    EventLoop loop;
    AsyncioSemaphore semaphore(std::numeric_limits<std::int64_t>::max());
    const ResourceStep released = semaphore.call(ResourceMethod::Release, Value());
    QCOMPARE(released.kind, ResourceStep::Kind::Raise);
    QCOMPARE(released.error->text(), QStringLiteral("OverflowError: integer out of Kitchen Python's 64-bit range"));
    QCOMPARE(semaphore.begin(ResourceMethod::Exit, Value(), loop).kind, ResourceStep::Kind::Raise);
    QCOMPARE(semaphore.value(), std::numeric_limits<std::int64_t>::max());
}

void TestAsyncioSemaphore::asThreadingsTheReleaserMayTakeTheCountBackFirst()
{
    // threading.Semaphore only wakes its first waiter; whoever asks before that waiter runs takes the count, and
    // the waiter, finding none, waits again at the back. It has no locked().
    EventLoop loop;
    AsyncioSemaphore semaphore(1);
    semaphore.actAsThreading();
    QVERIFY(!semaphore.has(ResourceMethod::Locked));
    QCOMPARE(semaphore.begin(ResourceMethod::Acquire, Value(), loop).kind, ResourceStep::Kind::Done);
    const ResourceStep waiting = semaphore.begin(ResourceMethod::Acquire, Value(), loop);
    QCOMPARE(waiting.kind, ResourceStep::Kind::Park);
    QCOMPARE(semaphore.call(ResourceMethod::Release, Value()).kind, ResourceStep::Kind::Done);
    QVERIFY(waiting.waitOn->isDone());
    QCOMPARE(semaphore.value(), std::int64_t(1));
    QCOMPARE(semaphore.begin(ResourceMethod::Acquire, Value(), loop).kind, ResourceStep::Kind::Done);
    const ResourceStep again = semaphore.resume(ResourceMethod::Acquire, Value(), waiting.waitOn, false, loop);
    QCOMPARE(again.kind, ResourceStep::Kind::Park);
    QCOMPARE(semaphore.call(ResourceMethod::Release, Value()).kind, ResourceStep::Kind::Done);
    QCOMPARE(semaphore.resume(ResourceMethod::Acquire, Value(), again.waitOn, false, loop).kind,
             ResourceStep::Kind::Done);
    QCOMPARE(semaphore.value(), std::int64_t(0));
}

QTEST_APPLESS_MAIN(TestAsyncioSemaphore)
#include "tst_asynciosemaphore.moc"
