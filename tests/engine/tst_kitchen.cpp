// SPDX-License-Identifier: MIT
#include "enginetestsupport.h"
#include "kitchen.h"

#include <QTest>

#include <limits>

/**
 * Kitchen: one cake's oven and bowl and their wake times. The driver records
 * what the recipe's tasks do through it, and every log entry keeps a copy of
 * one, so routing, wake times and copies must all behave.
 */
class TestKitchen : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultKitchenIsTheDefaultBake();
    void recordsReachOnlyTheNamedTask();
    void wakeMsOnlyWhileWaiting();
    void wakeMsIsClampedToItsStorage_data();
    void wakeMsIsClampedToItsStorage();
    void isFinishedNeedsBothTasksEnded_data();
    void isFinishedNeedsBothTasksEnded();
    void cancelLeavesDoneTasksDone();
    void copyIsASnapshot();
    void staysSmallEnoughForAMillionCakes();
    void taskAndStateNames();
    void adoptsOneTaskFromAWorkersCopy();
};

void TestKitchen::defaultKitchenIsTheDefaultBake()
{
    const Kitchen kitchen;
    QCOMPARE(kitchen.oven().targetTemperature(), 400);
    QCOMPARE(kitchen.bowl().mixCount(), 3);
    QCOMPARE(kitchen.state(TaskId::Preheat), TaskState::NotStarted);
    QCOMPARE(kitchen.state(TaskId::Mix), TaskState::NotStarted);
    QCOMPARE(kitchen.wakeMs(TaskId::Preheat), -1);
    QCOMPARE(kitchen.wakeMs(TaskId::Mix), -1);
    QVERIFY(!kitchen.isFinished());
}

void TestKitchen::recordsReachOnlyTheNamedTask()
{
    Kitchen kitchen(300, 2);
    kitchen.setState(TaskId::Preheat, TaskState::Waiting);
    QCOMPARE(kitchen.state(TaskId::Preheat), TaskState::Waiting);
    QCOMPARE(kitchen.state(TaskId::Mix), TaskState::NotStarted);

    kitchen.recordReport(TaskId::Preheat, 200);
    QCOMPARE(kitchen.oven().temperature(), 200);
    QCOMPARE(kitchen.bowl().mixesDone(), 0);

    kitchen.setState(TaskId::Mix, TaskState::Waiting);
    kitchen.recordReport(TaskId::Mix, 0);
    QCOMPARE(kitchen.bowl().mixesDone(), 1);
    QCOMPARE(kitchen.oven().temperature(), 200);
    QCOMPARE(kitchen.state(TaskId::Preheat), TaskState::Running);
    QCOMPARE(kitchen.state(TaskId::Mix), TaskState::Running);

    kitchen.setState(TaskId::Preheat, TaskState::Done);
    kitchen.setState(TaskId::Mix, TaskState::Done);
    QVERIFY(kitchen.isFinished());
}

void TestKitchen::wakeMsOnlyWhileWaiting()
{
    // A view shows a wake time only for a task that is actually asleep; a stale one would mislead.
    Kitchen kitchen;
    kitchen.setWakeMs(TaskId::Preheat, 1000);
    QCOMPARE(kitchen.wakeMs(TaskId::Preheat), -1);

    kitchen.setState(TaskId::Preheat, TaskState::Waiting);
    QCOMPARE(kitchen.wakeMs(TaskId::Preheat), 1000);
    QCOMPARE(kitchen.wakeMs(TaskId::Mix), -1);

    kitchen.setState(TaskId::Mix, TaskState::Waiting);
    kitchen.setWakeMs(TaskId::Mix, 1001);
    QCOMPARE(kitchen.wakeMs(TaskId::Mix), 1001);
    QCOMPARE(kitchen.wakeMs(TaskId::Preheat), 1000);

    kitchen.recordReport(TaskId::Preheat, 200); // running, no longer waiting
    QCOMPARE(kitchen.wakeMs(TaskId::Preheat), -1);
    QCOMPARE(kitchen.wakeMs(TaskId::Mix), 1001);

    kitchen.cancel();
    QCOMPARE(kitchen.wakeMs(TaskId::Preheat), -1);
    QCOMPARE(kitchen.wakeMs(TaskId::Mix), -1);
}

void TestKitchen::wakeMsIsClampedToItsStorage_data()
{
    QTest::addColumn<qint64>("set");
    QTest::addColumn<qint64>("read");

    const qint64 largest = std::numeric_limits<quint32>::max();
    QTest::newRow("zero") << qint64(0) << qint64(0);
    QTest::newRow("negative") << qint64(-5) << qint64(0);
    QTest::newRow("largest stored") << largest << largest;
    QTest::newRow("beyond 32 bits") << (qint64(1) << 40) << largest;
}

void TestKitchen::wakeMsIsClampedToItsStorage()
{
    QFETCH(qint64, set);
    QFETCH(qint64, read);

    Kitchen kitchen;
    kitchen.setState(TaskId::Preheat, TaskState::Waiting);
    kitchen.setState(TaskId::Mix, TaskState::Waiting);
    kitchen.setWakeMs(TaskId::Preheat, set);
    kitchen.setWakeMs(TaskId::Mix, set);
    QCOMPARE(kitchen.wakeMs(TaskId::Preheat), read);
    QCOMPARE(kitchen.wakeMs(TaskId::Mix), read);
}

void TestKitchen::isFinishedNeedsBothTasksEnded_data()
{
    QTest::addColumn<TaskState>("oven");
    QTest::addColumn<TaskState>("bowl");
    QTest::addColumn<bool>("finished");

    QTest::newRow("not started") << TaskState::NotStarted << TaskState::NotStarted << false;
    QTest::newRow("oven done") << TaskState::Done << TaskState::NotStarted << false;
    QTest::newRow("bowl done") << TaskState::NotStarted << TaskState::Done << false;
    QTest::newRow("oven done, bowl waiting") << TaskState::Done << TaskState::Waiting << false;
    QTest::newRow("oven running, bowl done") << TaskState::Running << TaskState::Done << false;
    QTest::newRow("both done") << TaskState::Done << TaskState::Done << true;
    QTest::newRow("one done, one cancelled") << TaskState::Done << TaskState::Cancelled << true;
}

void TestKitchen::isFinishedNeedsBothTasksEnded()
{
    QFETCH(TaskState, oven);
    QFETCH(TaskState, bowl);
    QFETCH(bool, finished);

    Kitchen kitchen;
    kitchen.setState(TaskId::Preheat, oven);
    kitchen.setState(TaskId::Mix, bowl);
    QCOMPARE(kitchen.isFinished(), finished);

    // Whatever stood unfinished, a cancel ends the kitchen.
    kitchen.cancel();
    QVERIFY(kitchen.isFinished());
}

void TestKitchen::cancelLeavesDoneTasksDone()
{
    // The finished cake keeps its done oven; only the unfinished bowl is cancelled.
    Kitchen kitchen(100, 2);
    kitchen.setState(TaskId::Preheat, TaskState::Done);
    kitchen.setState(TaskId::Mix, TaskState::Waiting);

    kitchen.cancel();
    QCOMPARE(kitchen.state(TaskId::Preheat), TaskState::Done);
    QCOMPARE(kitchen.state(TaskId::Mix), TaskState::Cancelled);
    QCOMPARE(kitchen.bowl().mixesDone(), 0);
}

void TestKitchen::copyIsASnapshot()
{
    Kitchen kitchen;
    kitchen.setState(TaskId::Preheat, TaskState::Waiting);
    kitchen.setWakeMs(TaskId::Preheat, 1000);
    const Kitchen snapshot = kitchen;

    kitchen.recordReport(TaskId::Preheat, 200);
    kitchen.setState(TaskId::Mix, TaskState::Waiting);
    kitchen.setWakeMs(TaskId::Mix, 1500);
    kitchen.cancel();

    QCOMPARE(snapshot.state(TaskId::Preheat), TaskState::Waiting);
    QCOMPARE(snapshot.wakeMs(TaskId::Preheat), 1000);
    QCOMPARE(snapshot.oven().temperature(), 100);
    QCOMPARE(snapshot.state(TaskId::Mix), TaskState::NotStarted);
    QCOMPARE(snapshot.wakeMs(TaskId::Mix), -1);
}

void TestKitchen::staysSmallEnoughForAMillionCakes()
{
    // The header promises about 20 bytes; each log entry and each cake of a million pays for every byte more.
    QVERIFY2(sizeof(Kitchen) <= 24, qPrintable(QString::number(sizeof(Kitchen))));
    QVERIFY2(sizeof(Oven) <= 6, qPrintable(QString::number(sizeof(Oven))));
    QVERIFY2(sizeof(Bowl) <= 6, qPrintable(QString::number(sizeof(Bowl))));
}

void TestKitchen::taskAndStateNames()
{
    // The names the Python reference prints, and the state words logs and reports show.
    QCOMPARE(taskName(TaskId::Preheat), QStringLiteral("preheat"));
    QCOMPARE(taskName(TaskId::Mix), QStringLiteral("mix_ingredients"));
    QCOMPARE(taskStateName(TaskState::NotStarted), QStringLiteral("not started"));
    QCOMPARE(taskStateName(TaskState::Running), QStringLiteral("running"));
    QCOMPARE(taskStateName(TaskState::Waiting), QStringLiteral("waiting"));
    QCOMPARE(taskStateName(TaskState::Done), QStringLiteral("done"));
    QCOMPARE(taskStateName(TaskState::Cancelled), QStringLiteral("cancelled"));
}

void TestKitchen::adoptsOneTaskFromAWorkersCopy()
{
    // A worker thread ran the oven on its own copy; the driver's kitchen takes the oven, and only the oven.
    Kitchen kitchen;
    kitchen.setState(TaskId::Mix, TaskState::Waiting);
    kitchen.setWakeMs(TaskId::Mix, 1000);
    Kitchen worker;
    worker.setState(TaskId::Preheat, TaskState::Waiting);
    worker.setWakeMs(TaskId::Preheat, 1000);
    worker.recordReport(TaskId::Preheat, 200);
    worker.setState(TaskId::Preheat, TaskState::Waiting); // waits again
    worker.setWakeMs(TaskId::Preheat, 2000);
    kitchen.adoptTask(TaskId::Preheat, worker);
    QCOMPARE(kitchen.oven().temperature(), 200);
    QCOMPARE(kitchen.state(TaskId::Preheat), TaskState::Waiting);
    QCOMPARE(kitchen.wakeMs(TaskId::Preheat), 2000);
    // The bowl is the kitchen's own, not the worker's untouched one.
    QCOMPARE(kitchen.state(TaskId::Mix), TaskState::Waiting);
    QCOMPARE(kitchen.wakeMs(TaskId::Mix), 1000);
    QCOMPARE(worker.state(TaskId::Mix), TaskState::NotStarted);
}

QTEST_GUILESS_MAIN(TestKitchen)
#include "tst_kitchen.moc"
