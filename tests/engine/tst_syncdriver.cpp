// SPDX-License-Identifier: MIT
#include "enginetestsupport.h"
#include "syncdriver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <thread>

/**
 * SyncDriver: the blocking bake. preheat runs to its end, then mix, on the
 * calling thread, and start() returns only when the bake is over. Steps are
 * short (20 to 100 ms) to keep the suite fast; timing checks are ratios that
 * hold on a loaded machine and under AddressSanitizer.
 */
class TestSyncDriver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaultBakePrintsTheAnalogysLines();
    void linesForEdgeParameters_data();
    void linesForEdgeParameters();
    void totalIsTheSumOfTheSteps_data();
    void totalIsTheSumOfTheSteps();
    void timestampsFollowTheSteps();
    void snapshotsShowTheKitchenAtEachReport();
    void signalsOfAFullBake();
    void startRefusedWhileRunning();
    void startRefusedWithInvalidParameters_data();
    void startRefusedWithInvalidParameters();
    void cancelWhenIdleDoesNothing();
    void cancelFromAnotherThread_data();
    void cancelFromAnotherThread();
    void cancelFromEntryAppended_data();
    void cancelFromEntryAppended();
    void timerCannotCancelABlockingBake();
    void bakesAgainAfterFinishing();
    void speedScalesTheWallClockNotTheRecipe();
};

namespace {
BakeParameters parameters(int target, int mixes, int stepMs)
{
    BakeParameters p;
    p.targetTemperature = target;
    p.mixCount = mixes;
    p.stepMs = stepMs;
    return p;
}

const QStringList defaultSyncLines{
    QStringLiteral("preheat:: temp is now 200"),         QStringLiteral("preheat:: temp is now 300"),
    QStringLiteral("preheat:: temp is now 400"),         QStringLiteral("mix_ingredients:: mixing things 0"),
    QStringLiteral("mix_ingredients:: mixing things 1"), QStringLiteral("mix_ingredients:: mixing things 2"),
};
} // namespace

void TestSyncDriver::initTestCase()
{
    // The engine is QtCore only: the whole bake must run with no GUI application at all.
    QVERIFY(QCoreApplication::instance());
    QVERIFY(!QCoreApplication::instance()->inherits("QGuiApplication"));
}

void TestSyncDriver::defaultBakePrintsTheAnalogysLines()
{
    SyncDriver driver;
    BakeRecorder recorder(&driver);
    QCOMPARE(driver.mode(), BakeMode::Sync);
    QVERIFY(driver.start(parameters(400, 3, 20)));
    // Blocking: everything has happened by the time start() returns.
    QCOMPARE(recorder.outcomes.size(), 1);
    QCOMPARE(recorder.texts(), defaultSyncLines);
    QVERIFY(!driver.isRunning());
}

void TestSyncDriver::linesForEdgeParameters_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("mixes");
    QTest::addColumn<QStringList>("lines");

    const auto oven = [](int temperature) { return QStringLiteral("preheat:: temp is now %1").arg(temperature); };
    const auto mix = [](int index) { return QStringLiteral("mix_ingredients:: mixing things %1").arg(index); };

    QTest::newRow("no oven step") << 100 << 3 << QStringList{mix(0), mix(1), mix(2)};
    QTest::newRow("no mix") << 400 << 0 << QStringList{oven(200), oven(300), oven(400)};
    QTest::newRow("nothing to do") << 100 << 0 << QStringList{};
    QTest::newRow("475, four oven steps to 500")
        << 475 << 2 << QStringList{oven(200), oven(300), oven(400), oven(500), mix(0), mix(1)};
    QTest::newRow("3 oven steps, 5 mixes")
        << 400 << 5 << QStringList{oven(200), oven(300), oven(400), mix(0), mix(1), mix(2), mix(3), mix(4)};
}

void TestSyncDriver::linesForEdgeParameters()
{
    QFETCH(int, target);
    QFETCH(int, mixes);
    QFETCH(QStringList, lines);

    SyncDriver driver;
    BakeRecorder recorder(&driver);
    QVERIFY(driver.start(parameters(target, mixes, 20)));
    QCOMPARE(recorder.texts(), lines);
    QCOMPARE(recorder.outcomes.size(), 1);
    QVERIFY(!recorder.outcome().cancelled);
    QCOMPARE(recorder.outcome().reports, quint64(lines.size()));
    QCOMPARE(driver.kitchen(0).state(TaskId::Preheat), TaskState::Done);
    QCOMPARE(driver.kitchen(0).state(TaskId::Mix), TaskState::Done);
}

void TestSyncDriver::totalIsTheSumOfTheSteps_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("mixes");
    QTest::addColumn<int>("stepMs");

    QTest::newRow("default, 50 ms steps") << 400 << 3 << 50;
    QTest::newRow("475 and 2 mixes, 40 ms steps") << 475 << 2 << 40;
    QTest::newRow("3 oven steps, 5 mixes, 30 ms steps") << 400 << 5 << 30;
}

void TestSyncDriver::totalIsTheSumOfTheSteps()
{
    QFETCH(int, target);
    QFETCH(int, mixes);
    QFETCH(int, stepMs);

    const BakeParameters p = parameters(target, mixes, stepMs);
    const qint64 ideal = qint64(p.ovenSteps() + p.mixSteps()) * stepMs;
    QCOMPARE(p.idealMs(BakeMode::Sync), ideal);

    SyncDriver driver;
    BakeRecorder recorder(&driver);
    QElapsedTimer wallClock;
    wallClock.start();
    QVERIFY(driver.start(p));
    const qint64 wall = wallClock.elapsed();

    // A blocking sleep never ends early, and the drift of a loaded machine stays well within 1.6.
    const qint64 total = recorder.outcome().totalMs;
    QVERIFY2(total >= ideal * 9 / 10 && total <= ideal * 16 / 10, timingMessage(total, ideal).constData());
    // start() itself blocks for the whole bake.
    QVERIFY2(wall >= ideal * 9 / 10 && wall <= ideal * 16 / 10, timingMessage(wall, ideal).constData());
    QVERIFY(driver.elapsedMs() >= total);
}

void TestSyncDriver::timestampsFollowTheSteps()
{
    const int stepMs = 25;
    SyncDriver driver;
    BakeRecorder recorder(&driver);
    QVERIFY(driver.start(parameters(400, 3, stepMs)));
    QCOMPARE(recorder.entries.size(), 6);

    qint64 previous = 0;
    for (int i = 0; i < recorder.entries.size(); ++i) {
        const qint64 t = recorder.entries.at(i).timeMs;
        QVERIFY2(t >= previous,
                 qPrintable(QStringLiteral("entry %1 at %2 ms after %3 ms").arg(i).arg(t).arg(previous)));
        // Line i comes after i + 1 full sleeps, each counted from the moment the task yielded.
        QVERIFY2(t >= qint64(i + 1) * stepMs, timingMessage(t, qint64(i + 1) * stepMs).constData());
        previous = t;
    }
    QVERIFY(recorder.outcome().totalMs >= previous);
}

void TestSyncDriver::snapshotsShowTheKitchenAtEachReport()
{
    SyncDriver driver;
    BakeRecorder recorder(&driver);
    QVERIFY(driver.start(parameters(400, 3, 20)));
    QCOMPARE(recorder.entries.size(), 6);

    for (const LogEntry &entry : std::as_const(recorder.entries)) {
        const Kitchen &k = entry.kitchen;
        QCOMPARE(entry.cake, 0);
        // The reporting task holds the thread.
        QCOMPARE(k.state(entry.task), TaskState::Running);
        QCOMPARE(k.wakeMs(entry.task), qint64(-1));
        if (entry.task == TaskId::Preheat) {
            QCOMPARE(k.oven().temperature(), entry.value);
            // The bowl has not been touched yet: sync runs mix only after preheat is done.
            QCOMPARE(k.state(TaskId::Mix), TaskState::NotStarted);
            QCOMPARE(k.wakeMs(TaskId::Mix), qint64(-1));
            QCOMPARE(k.bowl().mixesDone(), 0);
        } else {
            QCOMPARE(k.bowl().mixesDone(), entry.value + 1);
            QCOMPARE(k.state(TaskId::Preheat), TaskState::Done);
            QCOMPARE(k.oven().temperature(), 400);
        }
    }
}

void TestSyncDriver::signalsOfAFullBake()
{
    SyncDriver driver;
    BakeRecorder recorder(&driver);
    QSignalSpy started(&driver, &BakeDriver::started);
    QSignalSpy entries(&driver, &BakeDriver::entryAppended);
    QSignalSpy changed(&driver, &BakeDriver::kitchenChanged);
    QSignalSpy finished(&driver, &BakeDriver::finished);

    const BakeParameters p = parameters(400, 3, 20);
    QVERIFY(driver.start(p));
    QCOMPARE(started.count(), 1);
    QCOMPARE(entries.count(), 6);
    // One change per resumption: each task's start and each of its three wakes.
    QCOMPARE(changed.count(), 8);
    for (const QList<QVariant> &arguments : std::as_const(changed))
        QCOMPARE(arguments.at(0).toInt(), 0);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(driver.resumptions(), quint64(8));

    const BakeOutcome outcome = finished.at(0).at(0).value<BakeOutcome>();
    QCOMPARE(outcome.mode, BakeMode::Sync);
    QVERIFY(outcome.parameters == p);
    QCOMPARE(outcome.resumptions, quint64(8));
    QCOMPARE(outcome.reports, quint64(6));
    QVERIFY(!outcome.cancelled);
    QCOMPARE(outcome.idealMs(), qint64(120));
    QCOMPARE(entries.at(2).at(0).value<LogEntry>().text(), QStringLiteral("preheat:: temp is now 400"));

    QVERIFY(driver.parameters() == p);
    QCOMPARE(driver.cakeCount(), 1);
    QCOMPARE(driver.errorString(), QString());
    QCOMPARE(recorder.signalsAfterFinished, 0);
}

void TestSyncDriver::startRefusedWhileRunning()
{
    SyncDriver driver;
    BakeRecorder recorder(&driver);
    bool refused = false;
    QString error;
    // The only place a blocking bake can be asked to start again is from one of its own signals.
    connect(&driver, &BakeDriver::entryAppended, this, [&] {
        if (recorder.entries.size() != 2)
            return;
        QVERIFY(driver.isRunning());
        refused = !driver.start(parameters(100, 1, 20));
        error = driver.errorString();
    });

    QVERIFY(driver.start(parameters(400, 3, 20)));
    QVERIFY(refused);
    QVERIFY(!error.isEmpty());
    // The refused start emitted nothing and left the running bake alone.
    QCOMPARE(recorder.startedCount, 1);
    QCOMPARE(recorder.outcomes.size(), 1);
    QCOMPARE(recorder.texts(), defaultSyncLines);
    QVERIFY(!recorder.outcome().cancelled);
    QCOMPARE(driver.parameters().targetTemperature, 400);
}

void TestSyncDriver::startRefusedWithInvalidParameters_data()
{
    QTest::addColumn<BakeParameters>("parameters");

    QTest::newRow("temperature too high") << parameters(1001, 3, 20);
    QTest::newRow("negative mixes") << parameters(400, -1, 20);
    QTest::newRow("zero step") << parameters(400, 3, 0);
    BakeParameters twoCakes = parameters(400, 3, 20);
    twoCakes.cakes = 2;
    QTest::newRow("two cakes") << twoCakes;
}

void TestSyncDriver::startRefusedWithInvalidParameters()
{
    QFETCH(BakeParameters, parameters);

    SyncDriver driver;
    BakeRecorder recorder(&driver);
    QVERIFY(!driver.start(parameters));
    QCOMPARE(driver.errorString(), parameters.validationError(BakeMode::Sync));
    QVERIFY(!driver.errorString().isEmpty());
    QVERIFY(!driver.isRunning());
    QCOMPARE(recorder.startedCount, 0);
    QVERIFY(recorder.entries.isEmpty());
    QVERIFY(recorder.changedCakes.isEmpty());
    QVERIFY(recorder.outcomes.isEmpty());

    // A valid start afterwards works and clears the error.
    QVERIFY(driver.start(::parameters(100, 1, 20)));
    QCOMPARE(driver.errorString(), QString());
    QCOMPARE(recorder.outcomes.size(), 1);
}

void TestSyncDriver::cancelWhenIdleDoesNothing()
{
    // A cancel with no bake running must not linger and spoil the next bake.
    SyncDriver driver;
    BakeRecorder recorder(&driver);
    driver.cancel();
    QVERIFY(recorder.outcomes.isEmpty());
    QVERIFY(driver.start(parameters(400, 3, 20)));
    QCOMPARE(recorder.texts(), defaultSyncLines);
    QVERIFY(!recorder.outcome().cancelled);
    driver.cancel();
    QCOMPARE(recorder.outcomes.size(), 1);
}

void TestSyncDriver::cancelFromAnotherThread_data()
{
    QTest::addColumn<int>("entriesBeforeCancel");
    QTest::addColumn<TaskState>("preheatState");
    QTest::addColumn<TaskState>("mixState");

    QTest::newRow("before the first wake") << 0 << TaskState::Cancelled << TaskState::Cancelled;
    QTest::newRow("mid preheat") << 2 << TaskState::Cancelled << TaskState::Cancelled;
    QTest::newRow("mid mix") << 4 << TaskState::Done << TaskState::Cancelled;
}

void TestSyncDriver::cancelFromAnotherThread()
{
    QFETCH(int, entriesBeforeCancel);
    QFETCH(TaskState, preheatState);
    QFETCH(TaskState, mixState);

    // The other thread cancels as soon as it has seen the bake start and the given number of lines;
    // the bake is then asleep for a whole step, so the cancel always lands in that sleep and must cut it short.
    const int stepMs = 100;
    SyncDriver driver;
    BakeRecorder recorder(&driver);
    std::atomic<bool> started = false;
    std::atomic<int> entries = 0;
    std::atomic<bool> giveUp = false;
    connect(&driver, &BakeDriver::started, this, [&] { started = true; });
    connect(&driver, &BakeDriver::entryAppended, this, [&] { ++entries; });

    std::thread canceller([&] {
        while (!giveUp && !(started && entries >= entriesBeforeCancel))
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        driver.cancel();
    });

    const BakeParameters p = parameters(400, 3, stepMs);
    const bool ok = driver.start(p);
    giveUp = true;
    canceller.join();
    QVERIFY(ok);

    QCOMPARE(recorder.outcomes.size(), 1);
    const BakeOutcome &outcome = recorder.outcome();
    QVERIFY(outcome.cancelled);
    QCOMPARE(recorder.entries.size(), entriesBeforeCancel);
    QCOMPARE(outcome.reports, quint64(entriesBeforeCancel));
    QCOMPARE(recorder.signalsAfterFinished, 0);
    QCOMPARE(driver.kitchen(0).state(TaskId::Preheat), preheatState);
    QCOMPARE(driver.kitchen(0).state(TaskId::Mix), mixState);
    QVERIFY(!driver.isRunning());
    // The sleep was cut short: the bake ended well within the step after its last line...
    const qint64 lastLineMs = recorder.entries.isEmpty() ? 0 : recorder.entries.constLast().timeMs;
    QVERIFY2(outcome.totalMs - lastLineMs < stepMs * 3 / 4,
             timingMessage(outcome.totalMs - lastLineMs, stepMs).constData());
    // ...and so at least a whole step short of the full bake.
    const qint64 ideal = p.idealMs(BakeMode::Sync);
    QVERIFY2(outcome.totalMs < ideal - stepMs, timingMessage(outcome.totalMs, ideal).constData());
}

void TestSyncDriver::cancelFromEntryAppended_data()
{
    QTest::addColumn<int>("cancelAtEntry");
    QTest::addColumn<TaskState>("preheatState");
    QTest::addColumn<TaskState>("mixState");

    QTest::newRow("first line") << 1 << TaskState::Cancelled << TaskState::Cancelled;
    // At its last line the oven has reported but not yet ended: it ends cancelled, not done.
    QTest::newRow("last oven line") << 3 << TaskState::Cancelled << TaskState::Cancelled;
    QTest::newRow("first mix line") << 4 << TaskState::Done << TaskState::Cancelled;
    QTest::newRow("very last line") << 6 << TaskState::Done << TaskState::Cancelled;
}

void TestSyncDriver::cancelFromEntryAppended()
{
    QFETCH(int, cancelAtEntry);
    QFETCH(TaskState, preheatState);
    QFETCH(TaskState, mixState);

    const int stepMs = 40;
    SyncDriver driver;
    BakeRecorder recorder(&driver);
    connect(&driver, &BakeDriver::entryAppended, &driver, [&] {
        if (recorder.entries.size() == cancelAtEntry)
            driver.cancel();
    });

    const BakeParameters p = parameters(400, 3, stepMs);
    QVERIFY(driver.start(p));
    QCOMPARE(recorder.outcomes.size(), 1);
    QVERIFY(recorder.outcome().cancelled);
    // The task that reported must not run on, not even to its next line.
    QCOMPARE(recorder.entries.size(), cancelAtEntry);
    QCOMPARE(recorder.signalsAfterFinished, 0);
    QCOMPARE(driver.kitchen(0).state(TaskId::Preheat), preheatState);
    QCOMPARE(driver.kitchen(0).state(TaskId::Mix), mixState);
    // No sleep after the cancelling line: the bake ended right there.
    const qint64 afterLastLine = recorder.outcome().totalMs - recorder.entries.constLast().timeMs;
    QVERIFY2(afterLastLine < stepMs / 2, timingMessage(afterLastLine, stepMs).constData());
}

void TestSyncDriver::timerCannotCancelABlockingBake()
{
    // The lesson itself: a timer due mid-bake cannot fire while start() blocks the thread's loop.
    SyncDriver driver;
    BakeRecorder recorder(&driver);
    bool timerFiredDuringBake = false;
    QTimer::singleShot(10, &driver, [&] {
        timerFiredDuringBake = driver.isRunning();
        driver.cancel();
    });
    QTimer::singleShot(0, &driver, [&] { QVERIFY(driver.start(parameters(400, 3, 30))); });

    QVERIFY(recorder.waitForFinished(5000));
    spinEventLoop(20); // let the overdue timer fire, after the bake
    QVERIFY(!timerFiredDuringBake);
    QVERIFY(!recorder.outcome().cancelled);
    QCOMPARE(recorder.texts(), defaultSyncLines);
}

void TestSyncDriver::bakesAgainAfterFinishing()
{
    SyncDriver driver;
    BakeRecorder recorder(&driver);
    QVERIFY(driver.start(parameters(400, 3, 20)));
    QVERIFY(driver.start(parameters(200, 1, 20)));
    QCOMPARE(recorder.outcomes.size(), 2);
    QCOMPARE(recorder.startedCount, 2);
    // Counters and kitchens start afresh: 2 resumptions per task, 2 lines.
    QCOMPARE(driver.resumptions(), quint64(4));
    QCOMPARE(recorder.outcomes.at(1).reports, quint64(2));
    QCOMPARE(recorder.texts().mid(6),
             QStringList(
                 {QStringLiteral("preheat:: temp is now 200"), QStringLiteral("mix_ingredients:: mixing things 0")}));
    QCOMPARE(driver.kitchen(0).oven().targetTemperature(), 200);
}

void TestSyncDriver::speedScalesTheWallClockNotTheRecipe()
{
    // At 2x a 100 ms step of the recipe sleeps 50 ms: the log still reads 100, 200, ... and the lines are the same.
    BakeParameters p = parameters(400, 3, 100);
    p.speedPercent = 200;
    SyncDriver driver;
    BakeRecorder recorder(&driver);
    QElapsedTimer wall;
    wall.start();
    QVERIFY(driver.start(p));
    const qint64 wallMs = wall.elapsed();
    QCOMPARE(recorder.texts(), defaultSyncLines);
    const BakeOutcome outcome = recorder.outcomes.constLast();
    // Recipe time about the ideal 600 ms; wall time about half of it.
    QVERIFY2(outcome.totalMs >= 600 && outcome.totalMs < 600 * 1.5, qPrintable(QString::number(outcome.totalMs)));
    QVERIFY2(outcome.wallMs >= 300 && outcome.wallMs < 300 * 1.5, qPrintable(QString::number(outcome.wallMs)));
    QVERIFY(wallMs >= 300 && wallMs < 600);
    QVERIFY(qAbs(recorder.entries.at(1).timeMs - 200) < 60); // the oven's second line, on the recipe's clock
}

QTEST_GUILESS_MAIN(TestSyncDriver)
#include "tst_syncdriver.moc"
