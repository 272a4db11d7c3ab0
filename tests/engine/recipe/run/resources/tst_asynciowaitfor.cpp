// SPDX-License-Identifier: MIT
#include "asynciowaitfor.h"

#include "faketaskcontrol.h"

#include <QTest>

using namespace recipe;

/**
 * AsyncioWaitFor: one wait_for() call. It parks on a waiter that the
 * task's end or the timer releases; at the timer it cancels the task and
 * waits for its end before raising TimeoutError; in time, it gives the
 * task's result; a timeout of 0 gives up at once unless the task is done.
 */
class TestAsyncioWaitFor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theTaskInTimeGivesItsResult();
    void theTimerCancelsTheTaskThenRaisesTimeoutError();
    void zeroGivesUpAtOnceUnlessDone();
    void aTimeoutThatIsNoNumberIsATypeError();
};

void TestAsyncioWaitFor::theTaskInTimeGivesItsResult()
{
    FakeTaskControl control;
    const FuturePtr task = Future::task(&control.eventLoop, nullptr, 2);
    Ref<Resource> waitFor(new AsyncioWaitFor(control, Value(Value::Data(task)), Value(0.05)));
    const ResourceStep parked = waitFor->begin(ResourceMethod::Wait, Value(), control.eventLoop);
    QCOMPARE(parked.kind, ResourceStep::Kind::Park);
    task->setResult(Value(7));
    control.eventLoop.runOnce(0); // the task's done callback releases the waiter
    QVERIFY(parked.waitOn->isDone());
    const ResourceStep resumed
        = waitFor->resume(ResourceMethod::Wait, Value(), parked.waitOn, false, control.eventLoop);
    QCOMPARE(resumed.result.asInt(), std::int64_t(7));
    control.eventLoop.runOnce(100000000);
    QVERIFY(control.cancelled.empty()); // the timer was taken back
}

void TestAsyncioWaitFor::theTimerCancelsTheTaskThenRaisesTimeoutError()
{
    FakeTaskControl control;
    const FuturePtr task = Future::task(&control.eventLoop, nullptr, 2);
    Ref<Resource> waitFor(new AsyncioWaitFor(control, Value(Value::Data(task)), Value(0.05)));
    const ResourceStep parked = waitFor->begin(ResourceMethod::Wait, Value(), control.eventLoop);
    control.eventLoop.runOnce(50000000);
    QVERIFY(parked.waitOn->isDone());
    const ResourceStep cancelling
        = waitFor->resume(ResourceMethod::Wait, Value(), parked.waitOn, false, control.eventLoop);
    QCOMPARE(cancelling.kind, ResourceStep::Kind::Park);
    QCOMPARE(control.cancelled, std::vector<Future *>{task.get()});
    task->setError({QStringLiteral("asyncio.exceptions.CancelledError"), QString(), 0, QString()});
    control.eventLoop.runOnce(50000000);
    const ResourceStep ended
        = waitFor->resume(ResourceMethod::Wait, Value(), cancelling.waitOn, false, control.eventLoop);
    QCOMPARE(ended.error->text(), QStringLiteral("TimeoutError"));
}

void TestAsyncioWaitFor::zeroGivesUpAtOnceUnlessDone()
{
    FakeTaskControl control;
    const FuturePtr done = Future::task(&control.eventLoop, nullptr, 2);
    done->setResult(Value(1));
    Ref<Resource> atOnce(new AsyncioWaitFor(control, Value(Value::Data(done)), Value(0)));
    QCOMPARE(atOnce->begin(ResourceMethod::Wait, Value(), control.eventLoop).result.asInt(), std::int64_t(1));
    const FuturePtr pending = Future::task(&control.eventLoop, nullptr, 3);
    Ref<Resource> givesUp(new AsyncioWaitFor(control, Value(Value::Data(pending)), Value(-1)));
    QCOMPARE(givesUp->begin(ResourceMethod::Wait, Value(), control.eventLoop).kind, ResourceStep::Kind::Park);
    QCOMPARE(control.cancelled, std::vector<Future *>{pending.get()});
}

void TestAsyncioWaitFor::aTimeoutThatIsNoNumberIsATypeError()
{
    FakeTaskControl control;
    const FuturePtr task = Future::task(&control.eventLoop, nullptr, 2);
    Ref<Resource> waitFor(new AsyncioWaitFor(control, Value(Value::Data(task)), Value(QStringLiteral("soon"))));
    QCOMPARE(waitFor->begin(ResourceMethod::Wait, Value(), control.eventLoop).error->text(),
             QStringLiteral("TypeError: '<=' not supported between instances of 'str' and 'int'"));
}

QTEST_APPLESS_MAIN(TestAsyncioWaitFor)
#include "tst_asynciowaitfor.moc"
