// SPDX-License-Identifier: MIT
#include "asyncioqueue.h"

#include "cyclebreaker.h"
#include "eventloop.h"

#include <QTest>

using namespace recipe;

/**
 * AsyncioQueue: asyncio.Queue. First in, first out; a getter parks while it
 * is empty and a putter while it is full; a woken getter whose item another
 * took queues anew at the back; join() waits for a task_done() per item; its
 * str() is CPython's; and a queue that holds itself is freed with the recipe.
 */
class TestAsyncioQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void itemsComeOutInTheOrderPut();
    void aGetterParksUntilAPut();
    void aWokenGetterWhoseItemIsTakenQueuesAgain();
    void aPutterParksWhileFull();
    void joinWaitsForEveryTaskDone();
    void nowaitRaisesQueueFullAndQueueEmpty();
    void strIsCPythons();
    void aQueueHoldingItselfIsFreed();
};

void TestAsyncioQueue::itemsComeOutInTheOrderPut()
{
    EventLoop loop;
    AsyncioQueue queue(Value(0));
    for (int i = 0; i < 100; ++i)
        QCOMPARE(queue.begin(ResourceMethod::Put, Value(i), loop).kind, ResourceStep::Kind::Done);
    QVERIFY(!queue.isFull()); // maxsize 0: never full
    for (int i = 0; i < 100; ++i)
        QCOMPARE(queue.begin(ResourceMethod::Get, Value(), loop).result.asInt(), std::int64_t(i));
    QVERIFY(queue.isEmpty());
}

void TestAsyncioQueue::aGetterParksUntilAPut()
{
    EventLoop loop;
    AsyncioQueue queue(Value(0));
    const ResourceStep getting = queue.begin(ResourceMethod::Get, Value(), loop);
    QCOMPARE(getting.kind, ResourceStep::Kind::Park);
    queue.call(ResourceMethod::PutNowait, Value(QStringLiteral("cake")));
    QVERIFY(getting.waitOn->isDone());
    QCOMPARE(queue.resume(ResourceMethod::Get, Value(), getting.waitOn, false, loop).result.str(),
             QStringLiteral("cake"));
}

void TestAsyncioQueue::aWokenGetterWhoseItemIsTakenQueuesAgain()
{
    EventLoop loop;
    AsyncioQueue queue(Value(0));
    const ResourceStep getting = queue.begin(ResourceMethod::Get, Value(), loop);
    queue.call(ResourceMethod::PutNowait, Value(1));
    // Another task takes the item before the woken getter runs.
    QCOMPARE(queue.call(ResourceMethod::GetNowait, Value()).result.asInt(), std::int64_t(1));
    const ResourceStep again = queue.resume(ResourceMethod::Get, Value(), getting.waitOn, false, loop);
    QCOMPARE(again.kind, ResourceStep::Kind::Park);
    QVERIFY(again.waitOn != getting.waitOn);
    QCOMPARE(queue.waiterCount(), std::size_t(1));
}

void TestAsyncioQueue::aPutterParksWhileFull()
{
    EventLoop loop;
    AsyncioQueue queue(Value(1));
    queue.begin(ResourceMethod::Put, Value(1), loop);
    QVERIFY(queue.isFull());
    const ResourceStep putting = queue.begin(ResourceMethod::Put, Value(2), loop);
    QCOMPARE(putting.kind, ResourceStep::Kind::Park);
    queue.call(ResourceMethod::GetNowait, Value());
    QVERIFY(putting.waitOn->isDone());
    QCOMPARE(queue.resume(ResourceMethod::Put, Value(2), putting.waitOn, false, loop).kind, ResourceStep::Kind::Done);
    QCOMPARE(queue.items().front().asInt(), std::int64_t(2));
}

void TestAsyncioQueue::joinWaitsForEveryTaskDone()
{
    EventLoop loop;
    AsyncioQueue queue(Value(0));
    QCOMPARE(queue.begin(ResourceMethod::Join, Value(), loop).kind, ResourceStep::Kind::Done);
    queue.call(ResourceMethod::PutNowait, Value(1));
    queue.call(ResourceMethod::PutNowait, Value(2));
    const ResourceStep joining = queue.begin(ResourceMethod::Join, Value(), loop);
    QCOMPARE(joining.kind, ResourceStep::Kind::Park);
    queue.call(ResourceMethod::TaskDone, Value());
    QVERIFY(!joining.waitOn->isDone());
    queue.call(ResourceMethod::TaskDone, Value());
    QVERIFY(joining.waitOn->isDone());
    QVERIFY(queue.resume(ResourceMethod::Join, Value(), joining.waitOn, false, loop).result.isNone());
    const ResourceStep tooMany = queue.call(ResourceMethod::TaskDone, Value());
    QCOMPARE(tooMany.error->text(), QStringLiteral("ValueError: task_done() called too many times"));
}

void TestAsyncioQueue::nowaitRaisesQueueFullAndQueueEmpty()
{
    AsyncioQueue queue(Value(1));
    QCOMPARE(queue.call(ResourceMethod::GetNowait, Value()).error->type, QStringLiteral("asyncio.queues.QueueEmpty"));
    queue.call(ResourceMethod::PutNowait, Value(1));
    QCOMPARE(queue.call(ResourceMethod::PutNowait, Value(2)).error->type, QStringLiteral("asyncio.queues.QueueFull"));
}

void TestAsyncioQueue::strIsCPythons()
{
    EventLoop loop;
    AsyncioQueue queue(Value(2));
    QCOMPARE(queue.str(), QStringLiteral("<Queue maxsize=2>"));
    queue.call(ResourceMethod::PutNowait, Value(QStringLiteral("a")));
    QCOMPARE(queue.str(), QStringLiteral("<Queue maxsize=2 _queue=['a'] tasks=1>"));
    queue.call(ResourceMethod::GetNowait, Value());
    queue.begin(ResourceMethod::Get, Value(), loop);
    QCOMPARE(queue.str(), QStringLiteral("<Queue maxsize=2 _getters[1] tasks=1>"));
}

void TestAsyncioQueue::aQueueHoldingItselfIsFreed()
{
    CycleBreaker breaker;
    Ref<Resource> kept;
    {
        const CycleBreaker::Active active(&breaker);
        kept = Ref<Resource>(new AsyncioQueue(Value(0)));
        kept->call(ResourceMethod::PutNowait, Value(Value::Data(kept)));
    }
    QCOMPARE(kept.use_count(), 2L); // ours, and its own item's
    breaker.breakAll();
    QCOMPARE(kept.use_count(), 1L); // its items, a recipe list, were emptied with the recipe's other lists
}

QTEST_APPLESS_MAIN(TestAsyncioQueue)
#include "tst_asyncioqueue.moc"
