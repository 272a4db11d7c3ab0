// SPDX-License-Identifier: MIT
#include "asyncioevent.h"

#include "eventloop.h"

#include <QTest>

using namespace recipe;

/**
 * AsyncioEvent: asyncio.Event. set() wakes every waiter, and only once; a
 * wait on a set flag does not park; clear() makes the next wait park again.
 */
class TestAsyncioEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void setWakesEveryWaiter();
    void aSetFlagIsNotWaitedFor();
    void clearMakesTheNextWaitPark();
};

void TestAsyncioEvent::setWakesEveryWaiter()
{
    EventLoop loop;
    AsyncioEvent event;
    const ResourceStep first = event.begin(ResourceMethod::Wait, Value(), loop);
    const ResourceStep second = event.begin(ResourceMethod::Wait, Value(), loop);
    QCOMPARE(first.kind, ResourceStep::Kind::Park);
    QCOMPARE(event.repr(), QStringLiteral("<asyncio.locks.Event object [unset, waiters:2]>"));
    event.call(ResourceMethod::Set, Value());
    QVERIFY(first.waitOn->isDone());
    QVERIFY(second.waitOn->isDone());
    QVERIFY(event.resume(ResourceMethod::Wait, Value(), first.waitOn, false, loop).result.asBool());
    QCOMPARE(event.waiterCount(), std::size_t(1));
}

void TestAsyncioEvent::aSetFlagIsNotWaitedFor()
{
    EventLoop loop;
    AsyncioEvent event;
    event.set();
    const ResourceStep step = event.begin(ResourceMethod::Wait, Value(), loop);
    QCOMPARE(step.kind, ResourceStep::Kind::Done);
    QVERIFY(step.result.asBool());
    QVERIFY(event.call(ResourceMethod::IsSet, Value()).result.asBool());
}

void TestAsyncioEvent::clearMakesTheNextWaitPark()
{
    EventLoop loop;
    AsyncioEvent event;
    event.set();
    event.call(ResourceMethod::Clear, Value());
    QVERIFY(!event.isSet());
    QCOMPARE(event.begin(ResourceMethod::Wait, Value(), loop).kind, ResourceStep::Kind::Park);
}

QTEST_APPLESS_MAIN(TestAsyncioEvent)
#include "tst_asyncioevent.moc"
