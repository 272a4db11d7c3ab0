// SPDX-License-Identifier: MIT
#include "asynciotimeout.h"

#include "faketaskcontrol.h"

#include <QTest>

using namespace recipe;

/**
 * AsyncioTimeout: asyncio.timeout()'s manager. Entered in a task, it
 * cancels that task at its deadline; left with that cancel's
 * CancelledError, it raises TimeoutError instead, unless another cancel is
 * still pending; left in time, its timer is taken back.
 */
class TestAsyncioTimeout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theDeadlineCancelsTheTaskAndExitRaisesTimeoutError();
    void aBlockInTimeTakesTheTimerBack();
    void anotherPendingCancelIsNotTurnedIntoTimeoutError();
    void outsideATaskItCannotBeEntered();
};

namespace {
Value cancelledErrorValue()
{
    return Value(Value::Data(
        Value::ErrorPtr::make(QStringLiteral("asyncio.exceptions.CancelledError"), QString(), 0, QString())));
}
} // namespace

void TestAsyncioTimeout::theDeadlineCancelsTheTaskAndExitRaisesTimeoutError()
{
    FakeTaskControl control;
    control.current = Future::task(&control.eventLoop, nullptr, 1);
    Ref<Resource> timeout(new AsyncioTimeout(control, 50));
    QCOMPARE(timeout->begin(ResourceMethod::Enter, Value(), control.eventLoop).kind, ResourceStep::Kind::Done);
    QCOMPARE(timeout->repr(), QStringLiteral("<Timeout [active]>"));
    control.eventLoop.runOnce(49);
    QVERIFY(control.cancelled.empty());
    control.eventLoop.runOnce(50);
    QCOMPARE(control.cancelled.size(), std::size_t(1));
    QVERIFY(timeout->call(ResourceMethod::Expired, Value()).result.asBool());
    const ResourceStep exit = timeout->begin(ResourceMethod::Exit, cancelledErrorValue(), control.eventLoop);
    QCOMPARE(exit.kind, ResourceStep::Kind::Raise);
    QCOMPARE(exit.error->text(), QStringLiteral("TimeoutError"));
    QCOMPARE(timeout->repr(), QStringLiteral("<Timeout [expired]>"));
}

void TestAsyncioTimeout::aBlockInTimeTakesTheTimerBack()
{
    FakeTaskControl control;
    control.current = Future::task(&control.eventLoop, nullptr, 1);
    Ref<Resource> timeout(new AsyncioTimeout(control, 50));
    timeout->begin(ResourceMethod::Enter, Value(), control.eventLoop);
    QCOMPARE(timeout->begin(ResourceMethod::Exit, Value(), control.eventLoop).kind, ResourceStep::Kind::Done);
    control.eventLoop.runOnce(100);
    QVERIFY(control.cancelled.empty());
    QVERIFY(!timeout->call(ResourceMethod::Expired, Value()).result.asBool());
    // Entered once only.
    QCOMPARE(timeout->begin(ResourceMethod::Enter, Value(), control.eventLoop).error->text(),
             QStringLiteral("RuntimeError: Timeout has already been entered"));
}

void TestAsyncioTimeout::anotherPendingCancelIsNotTurnedIntoTimeoutError()
{
    FakeTaskControl control;
    control.current = Future::task(&control.eventLoop, nullptr, 1);
    Ref<Resource> timeout(new AsyncioTimeout(control, 0));
    timeout->begin(ResourceMethod::Enter, Value(), control.eventLoop);
    control.current->countCancelRequest(); // someone else's task.cancel()
    control.eventLoop.runOnce(0);
    const ResourceStep exit = timeout->begin(ResourceMethod::Exit, cancelledErrorValue(), control.eventLoop);
    QCOMPARE(exit.kind, ResourceStep::Kind::Done); // the CancelledError goes on as it is
}

void TestAsyncioTimeout::outsideATaskItCannotBeEntered()
{
    FakeTaskControl control;
    Ref<Resource> timeout(new AsyncioTimeout(control, std::nullopt));
    QCOMPARE(timeout->begin(ResourceMethod::Enter, Value(), control.eventLoop).error->text(),
             QStringLiteral("RuntimeError: Timeout should be used inside a task"));
}

QTEST_APPLESS_MAIN(TestAsyncioTimeout)
#include "tst_asynciotimeout.moc"
