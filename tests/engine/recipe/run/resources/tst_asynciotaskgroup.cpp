// SPDX-License-Identifier: MIT
#include "asynciotaskgroup.h"

#include "coroutine.h"
#include "exceptionclasses.h"
#include "faketaskcontrol.h"

#include <QTest>

using namespace recipe;

/**
 * AsyncioTaskGroup: asyncio.TaskGroup. Its exit waits for every task; the
 * first task to fail cancels the others and the parent, and the exit then
 * raises an ExceptionGroup of the errors; a group left without errors ends
 * quietly; create_task() outside the block is a RuntimeError.
 */
class TestAsyncioTaskGroup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exitWaitsForEveryTask();
    void aFailureCancelsTheOthersAndTheParent();
    void createTaskNeedsTheGroupEntered();
};

namespace {
Value aCoroutine()
{
    return Value(Value::Data(Coroutine::sleep(1)));
}
} // namespace

void TestAsyncioTaskGroup::exitWaitsForEveryTask()
{
    FakeTaskControl control;
    control.current = Future::task(&control.eventLoop, nullptr, 1);
    Ref<Resource> group(new AsyncioTaskGroup(control));
    group->begin(ResourceMethod::Enter, Value(), control.eventLoop);
    QCOMPARE(group->call(ResourceMethod::CreateTask, aCoroutine()).kind, ResourceStep::Kind::Done);
    const ResourceStep exit = group->begin(ResourceMethod::Exit, Value(), control.eventLoop);
    QCOMPARE(exit.kind, ResourceStep::Kind::Park);
    QCOMPARE(group->repr(), QStringLiteral("<TaskGroup tasks=1 entered>"));
    control.made[0]->setResult(Value(3));
    control.eventLoop.runOnce(0);
    QVERIFY(exit.waitOn->isDone());
    QCOMPARE(group->resume(ResourceMethod::Exit, Value(), exit.waitOn, false, control.eventLoop).kind,
             ResourceStep::Kind::Done);
    QVERIFY(control.cancelled.empty());
}

void TestAsyncioTaskGroup::aFailureCancelsTheOthersAndTheParent()
{
    FakeTaskControl control;
    control.current = Future::task(&control.eventLoop, nullptr, 1);
    Ref<Resource> group(new AsyncioTaskGroup(control));
    group->begin(ResourceMethod::Enter, Value(), control.eventLoop);
    group->call(ResourceMethod::CreateTask, aCoroutine());
    group->call(ResourceMethod::CreateTask, aCoroutine());
    control.made[0]->setError({QStringLiteral("ValueError"), QStringLiteral("burnt"), 3, QStringLiteral("f")});
    control.eventLoop.runOnce(0);
    // The sibling, then the parent.
    QCOMPARE(control.cancelled, (std::vector<Future *>{control.made[1].get(), control.current.get()}));
    control.made[1]->setError({QStringLiteral("asyncio.exceptions.CancelledError"), QString(), 0, QString()});
    control.eventLoop.runOnce(0);
    const Value cancelled(Value::Data(
        Value::ErrorPtr::make(QStringLiteral("asyncio.exceptions.CancelledError"), QString(), 0, QString())));
    const ResourceStep exit = group->begin(ResourceMethod::Exit, cancelled, control.eventLoop);
    QCOMPARE(exit.kind, ResourceStep::Kind::Raise);
    QCOMPARE(exit.error->text(), QStringLiteral("ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)"));
    QCOMPARE(exit.error->exceptions.size(), std::size_t(1));
    QCOMPARE(ExceptionClasses::repr(*exit.error),
             QStringLiteral("ExceptionGroup('unhandled errors in a TaskGroup', [ValueError('burnt')])"));
    QCOMPARE(control.current->cancelsRequested(), 0); // the group's own cancel of its parent, taken back
}

void TestAsyncioTaskGroup::createTaskNeedsTheGroupEntered()
{
    FakeTaskControl control;
    Ref<Resource> group(new AsyncioTaskGroup(control));
    QCOMPARE(group->call(ResourceMethod::CreateTask, aCoroutine()).error->text(),
             QStringLiteral("RuntimeError: TaskGroup <TaskGroup> has not been entered"));
}

QTEST_APPLESS_MAIN(TestAsyncioTaskGroup)
#include "tst_asynciotaskgroup.moc"
