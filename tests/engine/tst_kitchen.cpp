// SPDX-License-Identifier: MIT
#include "enginetestsupport.h"
#include "kitchen.h"

#include <QTest>

#include <limits>

/**
 * Kitchen: one cake's two tasks and their wake times. Drivers reach the tasks
 * only through it, and every log entry keeps a copy of one, so routing,
 * wake times and copies must all behave.
 */
class TestKitchen : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultKitchenIsTheDefaultBake();
    void resumeReachesOnlyTheNamedTask();
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
    void aReportRecordedFromOutsideReadsAsOneResumedHere();
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

void TestKitchen::resumeReachesOnlyTheNamedTask()
{
    Kitchen kitchen(300, 2);
    QCOMPARE(describe(kitchen.resume(TaskId::Preheat)), QStringLiteral("wait"));
    QCOMPARE(kitchen.state(TaskId::Preheat), TaskState::Waiting);
    QCOMPARE(kitchen.state(TaskId::Mix), TaskState::NotStarted);

    QCOMPARE(describe(kitchen.resume(TaskId::Preheat)), QStringLiteral("report 200"));
    QCOMPARE(kitchen.oven().temperature(), 200);
    QCOMPARE(kitchen.bowl().mixesDone(), 0);

    QCOMPARE(describe(kitchen.resume(TaskId::Mix)), QStringLiteral("wait"));
    QCOMPARE(describe(kitchen.resume(TaskId::Mix)), QStringLiteral("report 0"));
    QCOMPARE(kitchen.bowl().mixesDone(), 1);
    QCOMPARE(kitchen.oven().temperature(), 200);
    QCOMPARE(kitchen.state(TaskId::Preheat), TaskState::Running);
    QCOMPARE(kitchen.state(TaskId::Mix), TaskState::Running);
}

void TestKitchen::wakeMsOnlyWhileWaiting()
{
    // A view shows a wake time only for a task that is actually asleep; a stale one would mislead.
    Kitchen kitchen;
    kitchen.setWakeMs(TaskId::Preheat, 1000);
    QCOMPARE(kitchen.wakeMs(TaskId::Preheat), -1);

    kitchen.resume(TaskId::Preheat);
    QCOMPARE(kitchen.wakeMs(TaskId::Preheat), 1000);
    QCOMPARE(kitchen.wakeMs(TaskId::Mix), -1);

    kitchen.resume(TaskId::Mix);
    kitchen.setWakeMs(TaskId::Mix, 1001);
    QCOMPARE(kitchen.wakeMs(TaskId::Mix), 1001);
    QCOMPARE(kitchen.wakeMs(TaskId::Preheat), 1000);

    kitchen.resume(TaskId::Preheat); // reports: running, no longer waiting
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
    kitchen.resume(TaskId::Preheat);
    kitchen.resume(TaskId::Mix);
    kitchen.setWakeMs(TaskId::Preheat, set);
    kitchen.setWakeMs(TaskId::Mix, set);
    QCOMPARE(kitchen.wakeMs(TaskId::Preheat), read);
    QCOMPARE(kitchen.wakeMs(TaskId::Mix), read);
}

void TestKitchen::isFinishedNeedsBothTasksEnded_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("mixes");
    QTest::addColumn<int>("preheatResumes");
    QTest::addColumn<int>("mixResumes");
    QTest::addColumn<bool>("finished");

    QTest::newRow("nothing to do, not started") << 100 << 0 << 0 << 0 << false;
    QTest::newRow("nothing to do, oven done") << 100 << 0 << 1 << 0 << false;
    QTest::newRow("nothing to do, bowl done") << 100 << 0 << 0 << 1 << false;
    QTest::newRow("nothing to do, both done") << 100 << 0 << 1 << 1 << true;
    QTest::newRow("oven done, bowl waiting") << 200 << 1 << 3 << 1 << false;
    QTest::newRow("both done after their steps") << 200 << 1 << 3 << 3 << true;
}

void TestKitchen::isFinishedNeedsBothTasksEnded()
{
    QFETCH(int, target);
    QFETCH(int, mixes);
    QFETCH(int, preheatResumes);
    QFETCH(int, mixResumes);
    QFETCH(bool, finished);

    Kitchen kitchen(target, mixes);
    for (int i = 0; i < preheatResumes; ++i)
        kitchen.resume(TaskId::Preheat);
    for (int i = 0; i < mixResumes; ++i)
        kitchen.resume(TaskId::Mix);
    QCOMPARE(kitchen.isFinished(), finished);

    // Whatever stood unfinished, a cancel ends the kitchen.
    kitchen.cancel();
    QVERIFY(kitchen.isFinished());
}

void TestKitchen::cancelLeavesDoneTasksDone()
{
    // The finished cake keeps its done oven; only the unfinished bowl is cancelled.
    Kitchen kitchen(100, 2);
    kitchen.resume(TaskId::Preheat);
    kitchen.resume(TaskId::Mix);
    QCOMPARE(kitchen.state(TaskId::Preheat), TaskState::Done);
    QCOMPARE(kitchen.state(TaskId::Mix), TaskState::Waiting);

    kitchen.cancel();
    QCOMPARE(kitchen.state(TaskId::Preheat), TaskState::Done);
    QCOMPARE(kitchen.state(TaskId::Mix), TaskState::Cancelled);
    QCOMPARE(describe(kitchen.resume(TaskId::Mix)), QStringLiteral("finished"));
    QCOMPARE(kitchen.bowl().mixesDone(), 0);
}

void TestKitchen::copyIsASnapshot()
{
    Kitchen kitchen;
    kitchen.resume(TaskId::Preheat);
    kitchen.setWakeMs(TaskId::Preheat, 1000);
    const Kitchen snapshot = kitchen;

    kitchen.resume(TaskId::Preheat);
    kitchen.resume(TaskId::Mix);
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
    QVERIFY2(sizeof(PreheatTask) <= 6, qPrintable(QString::number(sizeof(PreheatTask))));
    QVERIFY2(sizeof(MixTask) <= 6, qPrintable(QString::number(sizeof(MixTask))));
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
    kitchen.resume(TaskId::Mix);
    kitchen.setWakeMs(TaskId::Mix, 1000);
    Kitchen worker;
    worker.resume(TaskId::Preheat);
    worker.setWakeMs(TaskId::Preheat, 1000);
    worker.resume(TaskId::Preheat); // reports 200
    worker.resume(TaskId::Preheat); // waits again
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

void TestKitchen::aReportRecordedFromOutsideReadsAsOneResumedHere()
{
    // The recipe engine runs cake.py's tasks and records what they report; the kitchen must then read as if it had
    // resumed the tasks itself.
    Kitchen resumed(400, 3);
    Kitchen recorded(400, 3);
    resumed.resume(TaskId::Preheat);
    resumed.resume(TaskId::Preheat);
    resumed.resume(TaskId::Mix);
    resumed.resume(TaskId::Mix);
    recorded.recordReport(TaskId::Preheat, 200);
    recorded.recordReport(TaskId::Mix, 0);
    for (const TaskId task : {TaskId::Preheat, TaskId::Mix})
        QCOMPARE(recorded.state(task), resumed.state(task));
    QCOMPARE(recorded.oven().temperature(), resumed.oven().temperature());
    QCOMPARE(recorded.bowl().mixesDone(), resumed.bowl().mixesDone());

    recorded.setState(TaskId::Mix, TaskState::Waiting);
    recorded.setWakeMs(TaskId::Mix, 2000);
    QCOMPARE(recorded.state(TaskId::Preheat), TaskState::Running);
    QCOMPARE(recorded.wakeMs(TaskId::Mix), 2000);
    recorded.setState(TaskId::Preheat, TaskState::Done);
    recorded.setState(TaskId::Mix, TaskState::Done);
    QVERIFY(recorded.isFinished());
}

QTEST_GUILESS_MAIN(TestKitchen)
#include "tst_kitchen.moc"
