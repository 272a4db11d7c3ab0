// SPDX-License-Identifier: MIT
#include "asyncdriver.h"
#include "enginetestsupport.h"
#include "loopmonitor.h"
#include "syncdriver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

/**
 * AsyncDriver: both tasks of every cake as tasks on one event loop, each wait
 * a wake in one queue. The output must interleave as asyncio.gather does and
 * the total must be the longer task, not the sum. Steps are short (20 to
 * 100 ms); timing checks are ratios that hold on a loaded machine and under
 * AddressSanitizer.
 */
class TestAsyncDriver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaultBakeInterleavesTheTasks();
    void linesForEdgeParameters_data();
    void linesForEdgeParameters();
    void totalIsTheLongerTask_data();
    void totalIsTheLongerTask();
    void fasterThanSyncForTheSameBake();
    void timestampsFollowTheSteps();
    void snapshotsShowTheKitchenAtEachReport();
    void signalsOfAFullBake();
    void startReturnsAtOnceWithBothTasksQueued();
    void startRefusedWhileRunning();
    void startRefusedWithInvalidParameters_data();
    void startRefusedWithInvalidParameters();
    void cancelBeforeTheFirstWake();
    void cancelFromATimerMidBake();
    void cancelFromEntryAppended_data();
    void cancelFromEntryAppended();
    void cancelFromAnotherThread();
    void cancelTwiceOrWhenIdle();
    void manyCakesInterleaveAndTakeTheLongerTask();
    void cancelWithManyCakesEndsEveryKitchen();
    void bakesAgainAfterFinishing();
    void elapsedStopsWhenTheBakeEnds();
    void deletingARunningDriverIsSafe();
    void steppingHoldsEveryResumption();
    void stepResumesExactlyOneTaskInQueueOrder();
    void stepWithNothingPendingDoesNothing();
    void leavingStepModeCatchesUpInOrder();
    void cancelWhilePausedForAStep();
    void speedScalesTheWallClockNotTheRecipe();
    void stirringByHandStallsTheLoopAStepAtATime();
    void forgettingToAwaitFreezesTheLoopUntilTheMixingIsDone();
};

namespace {
/// Long enough for any bake here to finish on a loaded machine, short enough to fail fast when one hangs.
int finishTimeout(const BakeParameters &p)
{
    return int(p.idealMs(BakeMode::Async)) * 5 + 5000;
}

QString oven(int temperature)
{
    return QStringLiteral("preheat:: temp is now %1").arg(temperature);
}

QString mix(int index)
{
    return QStringLiteral("mix_ingredients:: mixing things %1").arg(index);
}

const QStringList defaultAsyncLines{oven(200), mix(0), oven(300), mix(1), oven(400), mix(2)};
} // namespace

void TestAsyncDriver::initTestCase()
{
    // The engine is QtCore only: the whole bake must run with no GUI application at all.
    QVERIFY(QCoreApplication::instance());
    QVERIFY(!QCoreApplication::instance()->inherits("QGuiApplication"));
}

void TestAsyncDriver::defaultBakeInterleavesTheTasks()
{
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    QCOMPARE(driver.mode(), BakeMode::Async);
    const BakeParameters p = bakeParameters(400, 3, 30);
    QVERIFY(driver.start(p));
    QVERIFY(recorder.waitForFinished(finishTimeout(p)));
    // Both wake at the same step; preheat yielded first, so it reports first, as with asyncio.gather.
    QCOMPARE(recorder.texts(), defaultAsyncLines);
    QVERIFY(!recorder.outcome().cancelled);
}

void TestAsyncDriver::linesForEdgeParameters_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("mixes");
    QTest::addColumn<QStringList>("lines");

    QTest::newRow("no oven step") << 100 << 3 << QStringList{mix(0), mix(1), mix(2)};
    QTest::newRow("no mix") << 400 << 0 << QStringList{oven(200), oven(300), oven(400)};
    QTest::newRow("nothing to do") << 100 << 0 << QStringList{};
    // The oven's fourth step follows alone once mixing is done.
    QTest::newRow("475, four oven steps to 500")
        << 475 << 3 << QStringList{oven(200), mix(0), oven(300), mix(1), oven(400), mix(2), oven(500)};
    // Two mixes more than oven steps: they follow alone.
    QTest::newRow("3 oven steps, 5 mixes")
        << 400 << 5 << QStringList{oven(200), mix(0), oven(300), mix(1), oven(400), mix(2), mix(3), mix(4)};
    QTest::newRow("5 oven steps, 1 mix") << 600 << 1
                                         << QStringList{oven(200), mix(0), oven(300), oven(400), oven(500), oven(600)};
}

void TestAsyncDriver::linesForEdgeParameters()
{
    QFETCH(int, target);
    QFETCH(int, mixes);
    QFETCH(QStringList, lines);

    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    const BakeParameters p = bakeParameters(target, mixes, 20);
    QVERIFY(driver.start(p));
    QVERIFY(recorder.waitForFinished(finishTimeout(p)));
    QCOMPARE(recorder.texts(), lines);
    QCOMPARE(recorder.outcomes.size(), 1);
    QVERIFY(!recorder.outcome().cancelled);
    QCOMPARE(driver.kitchen(0).state(TaskId::Preheat), TaskState::Done);
    QCOMPARE(driver.kitchen(0).state(TaskId::Mix), TaskState::Done);
    QVERIFY(!driver.isRunning());
    QVERIFY(driver.pendingWakes().isEmpty());
}

void TestAsyncDriver::totalIsTheLongerTask_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("mixes");
    QTest::addColumn<int>("stepMs");

    QTest::newRow("default, 50 ms steps") << 400 << 3 << 50;
    QTest::newRow("475, 40 ms steps") << 475 << 3 << 40;
    QTest::newRow("3 oven steps, 5 mixes, 40 ms steps") << 400 << 5 << 40;
    QTest::newRow("no oven step, 50 ms steps") << 100 << 3 << 50;
}

void TestAsyncDriver::totalIsTheLongerTask()
{
    QFETCH(int, target);
    QFETCH(int, mixes);
    QFETCH(int, stepMs);

    const BakeParameters p = bakeParameters(target, mixes, stepMs);
    const qint64 ideal = qint64(std::max(p.ovenSteps(), p.mixSteps())) * stepMs;
    QCOMPARE(p.idealMs(BakeMode::Async), ideal);

    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    QVERIFY(driver.start(p));
    QVERIFY(recorder.waitForFinished(finishTimeout(p)));
    // A wake never comes early, and a loaded machine's lateness stays well within 1.6.
    const qint64 total = recorder.outcome().totalMs;
    QVERIFY2(total >= ideal * 9 / 10 && total <= ideal * 16 / 10, timingMessage(total, ideal).constData());
}

void TestAsyncDriver::fasterThanSyncForTheSameBake()
{
    // The comparison the app is about, measured rather than computed.
    const BakeParameters p = bakeParameters(400, 3, 50);
    SyncDriver sync;
    BakeRecorder syncRecorder(&sync);
    QVERIFY(sync.start(p));

    AsyncDriver async;
    BakeRecorder asyncRecorder(&async);
    QVERIFY(async.start(p));
    QVERIFY(asyncRecorder.waitForFinished(finishTimeout(p)));

    const qint64 syncMs = syncRecorder.outcome().totalMs;
    const qint64 asyncMs = asyncRecorder.outcome().totalMs;
    QVERIFY2(asyncMs < syncMs * 8 / 10, qPrintable(QStringLiteral("async %1 ms, sync %2 ms").arg(asyncMs).arg(syncMs)));
    // Same lines, different order.
    QStringList syncLines = syncRecorder.texts();
    QStringList asyncLines = asyncRecorder.texts();
    QVERIFY(syncLines != asyncLines);
    syncLines.sort();
    asyncLines.sort();
    QCOMPARE(asyncLines, syncLines);
}

void TestAsyncDriver::timestampsFollowTheSteps()
{
    const int stepMs = 25;
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    const BakeParameters p = bakeParameters(475, 3, stepMs);
    QVERIFY(driver.start(p));
    QVERIFY(recorder.waitForFinished(finishTimeout(p)));
    QCOMPARE(recorder.entries.size(), 7);

    qint64 previous = 0;
    int reportsOf[2] = {0, 0};
    for (const LogEntry &entry : std::as_const(recorder.entries)) {
        QVERIFY2(entry.timeMs >= previous, qPrintable(entry.line({.timestamps = true})));
        previous = entry.timeMs;
        // A task's n-th line comes after n whole waits, each counted from the moment it yielded.
        const int n = ++reportsOf[int(entry.task)];
        QVERIFY2(entry.timeMs >= qint64(n) * stepMs, qPrintable(entry.line({.timestamps = true})));
    }
    QVERIFY(recorder.outcome().totalMs >= previous);
}

void TestAsyncDriver::snapshotsShowTheKitchenAtEachReport()
{
    const int stepMs = 40;
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    const BakeParameters p = bakeParameters(400, 5, stepMs);
    QVERIFY(driver.start(p));
    QVERIFY(recorder.waitForFinished(finishTimeout(p)));
    QCOMPARE(recorder.entries.size(), 8);

    for (const LogEntry &entry : std::as_const(recorder.entries)) {
        const Kitchen &k = entry.kitchen;
        const QByteArray line = entry.line({.timestamps = true}).toUtf8();
        QCOMPARE(entry.cake, 0);
        // The reporting task holds the thread; it is not waiting.
        QCOMPARE(k.state(entry.task), TaskState::Running);
        QCOMPARE(k.wakeMs(entry.task), qint64(-1));
        if (entry.task == TaskId::Preheat) {
            QCOMPARE(k.oven().temperature(), entry.value);
            // Mixing yielded in the previous round and sleeps until about now.
            QCOMPARE(k.state(TaskId::Mix), TaskState::Waiting);
            const qint64 mixWake = k.wakeMs(TaskId::Mix);
            QVERIFY2(mixWake > entry.timeMs - stepMs && mixWake <= entry.timeMs + stepMs, line.constData());
            QCOMPARE(k.bowl().mixesDone(), (entry.value - 200) / 100);
        } else {
            QCOMPARE(k.bowl().mixesDone(), entry.value + 1);
            if (entry.value < 2) {
                // Preheat was resumed just before in this round and already sleeps again, a step from now.
                QCOMPARE(k.state(TaskId::Preheat), TaskState::Waiting);
                const qint64 ovenWake = k.wakeMs(TaskId::Preheat);
                QVERIFY2(ovenWake >= entry.timeMs && ovenWake <= entry.timeMs + stepMs, line.constData());
                QCOMPARE(k.oven().temperature(), 200 + 100 * entry.value);
            } else {
                // The oven ended right after its last line, in the third round; the last two mixes follow alone.
                QCOMPARE(k.state(TaskId::Preheat), TaskState::Done);
                QCOMPARE(k.wakeMs(TaskId::Preheat), qint64(-1));
                QCOMPARE(k.oven().temperature(), 400);
            }
        }
    }
}

void TestAsyncDriver::signalsOfAFullBake()
{
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    QSignalSpy started(&driver, &BakeDriver::started);
    QSignalSpy entries(&driver, &BakeDriver::entryAppended);
    QSignalSpy changed(&driver, &BakeDriver::kitchenChanged);
    QSignalSpy finished(&driver, &BakeDriver::finished);

    const BakeParameters p = bakeParameters(400, 3, 20);
    QVERIFY(driver.start(p));
    QVERIFY(recorder.waitForFinished(finishTimeout(p)));
    spinEventLoop(3 * p.stepMs); // nothing more may come
    QCOMPARE(started.count(), 1);
    QCOMPARE(entries.count(), 6);
    // One change per resumption: each task's start and each of its three wakes.
    QCOMPARE(changed.count(), 8);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(driver.resumptions(), quint64(8));
    QCOMPARE(recorder.signalsAfterFinished, 0);

    const BakeOutcome outcome = finished.at(0).at(0).value<BakeOutcome>();
    QCOMPARE(outcome.mode, BakeMode::Async);
    QVERIFY(outcome.parameters == p);
    QCOMPARE(outcome.resumptions, quint64(8));
    QCOMPARE(outcome.reports, quint64(6));
    QVERIFY(!outcome.cancelled);
    QCOMPARE(outcome.idealMs(), qint64(60));
}

void TestAsyncDriver::startReturnsAtOnceWithBothTasksQueued()
{
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    const BakeParameters p = bakeParameters(400, 3, 100);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(driver.start(p));
    const qint64 startMs = clock.elapsed();
    QVERIFY2(startMs < p.stepMs / 2, qPrintable(QStringLiteral("start() took %1 ms").arg(startMs)));

    // Started, both tasks ran to their first wait and sleep in yield order; no line yet.
    QVERIFY(driver.isRunning());
    QCOMPARE(recorder.startedCount, 1);
    QVERIFY(recorder.entries.isEmpty());
    QCOMPARE(driver.resumptions(), quint64(2));
    QCOMPARE(driver.kitchen(0).state(TaskId::Preheat), TaskState::Waiting);
    QCOMPARE(driver.kitchen(0).state(TaskId::Mix), TaskState::Waiting);
    const QList<WakeQueue::Wake> pending = driver.pendingWakes().pending();
    QCOMPARE(pending.size(), 2);
    QCOMPARE(pending.at(0).task, TaskId::Preheat);
    QCOMPARE(pending.at(1).task, TaskId::Mix);
    QVERIFY(pending.at(0).timeNs <= pending.at(1).timeNs);
    QCOMPARE(driver.kitchen(0).wakeMs(TaskId::Preheat), pending.at(0).timeNs / 1000000);

    driver.cancel();
    QVERIFY(recorder.waitForFinished(1000));
}

void TestAsyncDriver::startRefusedWhileRunning()
{
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    const BakeParameters p = bakeParameters(400, 3, 30);
    QVERIFY(driver.start(p));
    QVERIFY(!driver.start(bakeParameters(100, 1, 20)));
    QVERIFY(!driver.errorString().isEmpty());
    QCOMPARE(recorder.startedCount, 1);

    QVERIFY(recorder.waitForFinished(finishTimeout(p)));
    // The running bake went on as if nothing had been asked.
    QCOMPARE(recorder.texts(), defaultAsyncLines);
    QCOMPARE(recorder.outcomes.size(), 1);
    QVERIFY(!recorder.outcome().cancelled);
    QVERIFY(recorder.outcome().parameters == p);
}

void TestAsyncDriver::startRefusedWithInvalidParameters_data()
{
    QTest::addColumn<BakeParameters>("parameters");

    QTest::newRow("temperature too low") << bakeParameters(-1, 3, 20);
    QTest::newRow("too many mixes") << bakeParameters(400, 101, 20);
    QTest::newRow("step too long") << bakeParameters(400, 3, 10001);
    QTest::newRow("no cake") << bakeParameters(400, 3, 20, 0);
    QTest::newRow("too many cakes") << bakeParameters(400, 3, 20, 1000001);
}

void TestAsyncDriver::startRefusedWithInvalidParameters()
{
    QFETCH(BakeParameters, parameters);

    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    QVERIFY(!driver.start(parameters));
    QCOMPARE(driver.errorString(), parameters.validationError(BakeMode::Async));
    QVERIFY(!driver.errorString().isEmpty());
    QVERIFY(!driver.isRunning());
    spinEventLoop(30); // nothing may come later either
    QCOMPARE(recorder.startedCount, 0);
    QVERIFY(recorder.entries.isEmpty());
    QVERIFY(recorder.changedCakes.isEmpty());
    QVERIFY(recorder.outcomes.isEmpty());
}

void TestAsyncDriver::cancelBeforeTheFirstWake()
{
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    const BakeParameters p = bakeParameters(400, 3, 50);
    QVERIFY(driver.start(p));
    driver.cancel();

    QVERIFY(recorder.waitForFinished(1000));
    spinEventLoop(2 * p.stepMs); // past the first wake: nothing may come
    QCOMPARE(recorder.outcomes.size(), 1);
    QVERIFY(recorder.outcome().cancelled);
    QVERIFY(recorder.entries.isEmpty());
    QCOMPARE(recorder.signalsAfterFinished, 0);
    QCOMPARE(driver.kitchen(0).state(TaskId::Preheat), TaskState::Cancelled);
    QCOMPARE(driver.kitchen(0).state(TaskId::Mix), TaskState::Cancelled);
    QVERIFY(driver.pendingWakes().isEmpty());
    QVERIFY(!driver.isRunning());
    QVERIFY2(recorder.outcome().totalMs < p.stepMs / 2,
             qPrintable(QStringLiteral("cancelled after %1 ms").arg(recorder.outcome().totalMs)));
}

void TestAsyncDriver::cancelFromATimerMidBake()
{
    // Half-way through the second step, between two rounds: two lines are out, both tasks sleep.
    const int stepMs = 100;
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    const BakeParameters p = bakeParameters(400, 3, stepMs);
    QVERIFY(driver.start(p));
    // Precise, so the cancel cannot drift into the next round; if the loop is late, Qt still fires the earlier timer
    // first.
    QTimer::singleShot(stepMs * 3 / 2, Qt::PreciseTimer, &driver, &BakeDriver::cancel);

    QVERIFY(recorder.waitForFinished(finishTimeout(p)));
    spinEventLoop(2 * stepMs);
    QCOMPARE(recorder.outcomes.size(), 1);
    const BakeOutcome &outcome = recorder.outcome();
    QVERIFY(outcome.cancelled);
    QCOMPARE(recorder.texts(), QStringList({oven(200), mix(0)}));
    QCOMPARE(recorder.signalsAfterFinished, 0);
    QCOMPARE(driver.kitchen(0).state(TaskId::Preheat), TaskState::Cancelled);
    QCOMPARE(driver.kitchen(0).state(TaskId::Mix), TaskState::Cancelled);
    const qint64 ideal = p.idealMs(BakeMode::Async);
    QVERIFY2(outcome.totalMs < ideal * 3 / 4, timingMessage(outcome.totalMs, ideal).constData());
}

void TestAsyncDriver::cancelFromEntryAppended_data()
{
    QTest::addColumn<int>("cancelAtEntry");
    QTest::addColumn<TaskState>("preheatState");
    QTest::addColumn<TaskState>("mixState");

    // Mixing is due in the same round as the oven's first line; it must not get to report.
    QTest::newRow("first line") << 1 << TaskState::Cancelled << TaskState::Cancelled;
    QTest::newRow("a mix line") << 2 << TaskState::Cancelled << TaskState::Cancelled;
    QTest::newRow("last oven line") << 5 << TaskState::Cancelled << TaskState::Cancelled;
    // The oven finished right after its last line; a cancel at the very end leaves it done.
    QTest::newRow("very last line") << 6 << TaskState::Done << TaskState::Cancelled;
}

void TestAsyncDriver::cancelFromEntryAppended()
{
    QFETCH(int, cancelAtEntry);
    QFETCH(TaskState, preheatState);
    QFETCH(TaskState, mixState);

    const int stepMs = 30;
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    connect(&driver, &BakeDriver::entryAppended, &driver, [&] {
        if (recorder.entries.size() == cancelAtEntry)
            driver.cancel();
    });
    const BakeParameters p = bakeParameters(400, 3, stepMs);
    QVERIFY(driver.start(p));
    QVERIFY(recorder.waitForFinished(finishTimeout(p)));
    spinEventLoop(2 * stepMs);

    QCOMPARE(recorder.outcomes.size(), 1);
    QVERIFY(recorder.outcome().cancelled);
    QCOMPARE(recorder.texts(), defaultAsyncLines.mid(0, cancelAtEntry));
    QCOMPARE(recorder.signalsAfterFinished, 0);
    QCOMPARE(driver.kitchen(0).state(TaskId::Preheat), preheatState);
    QCOMPARE(driver.kitchen(0).state(TaskId::Mix), mixState);
    QVERIFY(driver.pendingWakes().isEmpty());
    // The bake ended in the round of the cancelling line, with no further wait.
    const qint64 afterLastLine = recorder.outcome().totalMs - recorder.entries.constLast().timeMs;
    QVERIFY2(afterLastLine < stepMs / 2, timingMessage(afterLastLine, stepMs).constData());
}

void TestAsyncDriver::cancelFromAnotherThread()
{
    // The other thread cancels once two lines are out; the loop then sleeps for most of a step,
    // so the queued cancel is handled before the next round.
    const int stepMs = 100;
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    std::atomic<int> entries = 0;
    std::atomic<bool> giveUp = false;
    connect(&driver, &BakeDriver::entryAppended, this, [&] { ++entries; });
    bool finishedOnDriverThread = false;
    connect(&driver, &BakeDriver::finished, this,
            [&] { finishedOnDriverThread = QThread::currentThread() == driver.thread(); });

    const BakeParameters p = bakeParameters(400, 3, stepMs);
    QVERIFY(driver.start(p));
    std::unique_ptr<QThread> canceller(QThread::create([&] {
        while (!giveUp && entries < 2)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        driver.cancel();
    }));
    canceller->start();

    const bool finished = recorder.waitForFinished(finishTimeout(p));
    giveUp = true;
    QVERIFY(canceller->wait(5000));
    QVERIFY(finished);
    spinEventLoop(2 * stepMs);

    QCOMPARE(recorder.outcomes.size(), 1);
    QVERIFY(recorder.outcome().cancelled);
    QVERIFY(finishedOnDriverThread);
    QCOMPARE(recorder.texts(), QStringList({oven(200), mix(0)}));
    QCOMPARE(recorder.signalsAfterFinished, 0);
    QCOMPARE(driver.kitchen(0).state(TaskId::Preheat), TaskState::Cancelled);
    QCOMPARE(driver.kitchen(0).state(TaskId::Mix), TaskState::Cancelled);
    const qint64 ideal = p.idealMs(BakeMode::Async);
    QVERIFY2(recorder.outcome().totalMs < ideal - stepMs / 2,
             timingMessage(recorder.outcome().totalMs, ideal).constData());
}

void TestAsyncDriver::cancelTwiceOrWhenIdle()
{
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    // Idle: nothing to cancel, and nothing left over to spoil the next bake.
    driver.cancel();
    QVERIFY(recorder.outcomes.isEmpty());

    const BakeParameters p = bakeParameters(400, 3, 30);
    QVERIFY(driver.start(p));
    spinEventLoop(p.stepMs * 3 / 2);
    driver.cancel();
    driver.cancel();
    QVERIFY(recorder.waitForFinished(1000));
    driver.cancel();
    spinEventLoop(2 * p.stepMs);
    QCOMPARE(recorder.outcomes.size(), 1);
    QVERIFY(recorder.outcome().cancelled);
    QCOMPARE(recorder.signalsAfterFinished, 0);
}

void TestAsyncDriver::manyCakesInterleaveAndTakeTheLongerTask()
{
    // A thousand cakes on one thread take as long as one: every wait is the loop's to use.
    const int cakes = 1000;
    const int stepMs = 30;
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    const BakeParameters p = bakeParameters(400, 3, stepMs, cakes);
    QVERIFY(driver.start(p));
    QCOMPARE(driver.cakeCount(), cakes);
    QCOMPARE(driver.pendingWakes().size(), 2 * cakes);
    QVERIFY(recorder.waitForFinished(finishTimeout(p)));

    QCOMPARE(recorder.entries.size(), 6 * cakes);
    QCOMPARE(recorder.outcome().reports, quint64(6 * cakes));
    QCOMPARE(recorder.outcome().resumptions, quint64(8 * cakes));

    // Every wake is its task's yield plus one step, so wakes come in yield order: round by round,
    // cake by cake, the oven before the bowl. Each cake's own lines are the one-cake bake's.
    int index = 0;
    for (int round = 0; round < 3; ++round) {
        for (int cake = 0; cake < cakes; ++cake) {
            for (const QString &text : {oven(200 + 100 * round), mix(round)}) {
                const LogEntry &entry = recorder.entries.at(index++);
                if (entry.cake != cake || entry.text() != text)
                    QFAIL(qPrintable(QStringLiteral("line %1 is \"%2\", expected cake %3: %4")
                                         .arg(index - 1)
                                         .arg(entry.line({.cakeNumbers = true}))
                                         .arg(cake + 1)
                                         .arg(text)));
            }
        }
    }
    for (int cake = 0; cake < cakes; ++cake) {
        QCOMPARE(driver.kitchen(cake).state(TaskId::Preheat), TaskState::Done);
        QCOMPARE(driver.kitchen(cake).state(TaskId::Mix), TaskState::Done);
    }

    // About the longer task, nowhere near 1000 x the sum; the bound allows for the bookkeeping of
    // 8000 resumptions under a sanitizer, which delays the last cake's chain by a round's work.
    const qint64 ideal = p.idealMs(BakeMode::Async);
    const qint64 total = recorder.outcome().totalMs;
    QVERIFY2(total >= ideal * 9 / 10 && total <= ideal * 2, timingMessage(total, ideal).constData());
    QVERIFY2(total < p.idealMs(BakeMode::Sync) * 8 / 10, timingMessage(total, p.idealMs(BakeMode::Sync)).constData());
}

void TestAsyncDriver::cancelWithManyCakesEndsEveryKitchen()
{
    const int cakes = 50;
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    connect(&driver, &BakeDriver::entryAppended, &driver, [&] {
        if (recorder.entries.size() == 5)
            driver.cancel();
    });
    const BakeParameters p = bakeParameters(400, 3, 30, cakes);
    QVERIFY(driver.start(p));
    QVERIFY(recorder.waitForFinished(finishTimeout(p)));
    spinEventLoop(2 * p.stepMs);

    QVERIFY(recorder.outcome().cancelled);
    QCOMPARE(recorder.entries.size(), 5);
    QCOMPARE(recorder.signalsAfterFinished, 0);
    for (int cake = 0; cake < cakes; ++cake) {
        QVERIFY(driver.kitchen(cake).isFinished());
        QCOMPARE(driver.kitchen(cake).state(TaskId::Mix), TaskState::Cancelled);
    }
    // Every cake was told: 2 x 50 start-up changes, 5 reporting resumptions but the cancelling one,
    // and one change per cake when the cancel ends its kitchen.
    QCOMPARE(recorder.changedCakes.size(), 2 * cakes + 4 + cakes);
    QCOMPARE(recorder.changedCakes.mid(recorder.changedCakes.size() - cakes).constFirst(), 0);
    QCOMPARE(recorder.changedCakes.constLast(), cakes - 1);
}

void TestAsyncDriver::bakesAgainAfterFinishing()
{
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    const BakeParameters first = bakeParameters(400, 3, 20, 3);
    QVERIFY(driver.start(first));
    QVERIFY(recorder.waitForFinished(finishTimeout(first)));

    const BakeParameters second = bakeParameters(200, 1, 20);
    QSignalSpy finished(&driver, &BakeDriver::finished);
    QVERIFY(driver.start(second));
    QCOMPARE(driver.cakeCount(), 1);
    QCOMPARE(driver.pendingWakes().size(), 2);
    QVERIFY(finished.wait(finishTimeout(second)));
    QCOMPARE(recorder.outcomes.size(), 2);
    QCOMPARE(driver.resumptions(), quint64(4));
    QCOMPARE(recorder.texts().mid(18), QStringList({oven(200), mix(0)}));
}

void TestAsyncDriver::deletingARunningDriverIsSafe()
{
    // A window closed mid-bake deletes its driver; no timer or queued call may reach the dead object.
    auto *driver = new AsyncDriver;
    QPointer<AsyncDriver> guard(driver);
    int entries = 0;
    connect(driver, &BakeDriver::entryAppended, this, [&] { ++entries; });
    const BakeParameters p = bakeParameters(400, 3, 20);
    QVERIFY(driver->start(p));
    spinEventLoop(p.stepMs * 3 / 2);
    const int entriesAtDeletion = entries;
    QVERIFY(entriesAtDeletion >= 1);

    // A cancel queued from another thread, still pending when the driver goes away.
    std::thread([driver] { driver->cancel(); }).join();
    delete driver;
    QVERIFY(guard.isNull());
    spinEventLoop(3 * p.stepMs);
    QCOMPARE(entries, entriesAtDeletion);
}

void TestAsyncDriver::steppingHoldsEveryResumption()
{
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    QSignalSpy paused(&driver, &AsyncDriver::pausedForStep);
    driver.setStepping(true);
    QVERIFY(driver.start(bakeParameters(400, 3, 20)));
    // Both tasks ran to their first await; at 20 ms both are due, and both are held.
    QVERIFY(paused.wait(2000));
    QVERIFY(driver.isPausedForStep());
    QTest::qWait(100);
    QVERIFY(recorder.entries.isEmpty());
    QCOMPARE(paused.count(), 1); // held without spinning: one pause, not one per loop turn
    const QList<WakeQueue::Wake> pending = driver.pendingWakes().pending();
    QCOMPARE(pending.size(), 2);
    QCOMPARE(pending[0].task, TaskId::Preheat);
    QCOMPARE(pending[1].task, TaskId::Mix);
    driver.cancel();
}

void TestAsyncDriver::stepResumesExactlyOneTaskInQueueOrder()
{
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    QSignalSpy paused(&driver, &AsyncDriver::pausedForStep);
    QSignalSpy queueChanged(&driver, &AsyncDriver::queueChanged);
    driver.setStepping(true);
    QVERIFY(driver.start(bakeParameters(400, 3, 20)));
    QVERIFY(paused.wait(2000));

    for (int i = 0; i < defaultAsyncLines.size(); ++i) {
        queueChanged.clear();
        QVERIFY(driver.step());
        // One step, one resumption: exactly one more line, whenever the task comes due.
        QTRY_COMPARE_WITH_TIMEOUT(recorder.entries.size(), i + 1, 2000);
        QCOMPARE(recorder.texts().constLast(), defaultAsyncLines[i]);
        QVERIFY(queueChanged.count() >= 1);
        QTest::qWait(60); // time enough for the other task to come due: it must still wait for its step
        QCOMPARE(recorder.entries.size(), i + 1);
    }
    // The last resumptions only let the tasks see they are done; a few more steps end the bake.
    for (int extra = 0; extra < 4 && driver.isRunning(); ++extra) {
        driver.step();
        QTest::qWait(40);
    }
    QVERIFY(recorder.waitForFinished(2000));
    QCOMPARE(recorder.texts(), defaultAsyncLines);
}

void TestAsyncDriver::stepWithNothingPendingDoesNothing()
{
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    QVERIFY(!driver.step()); // no bake
    driver.setStepping(true);
    QVERIFY(driver.start(bakeParameters(100, 0, 20))); // not a single step: the bake ends at once
    QVERIFY(recorder.waitForFinished(2000));
    QVERIFY(!driver.step());
    QVERIFY(!driver.isRunning());
}

void TestAsyncDriver::leavingStepModeCatchesUpInOrder()
{
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    QSignalSpy paused(&driver, &AsyncDriver::pausedForStep);
    driver.setStepping(true);
    QVERIFY(driver.start(bakeParameters(400, 3, 20)));
    QVERIFY(paused.wait(2000));
    driver.setStepping(false);
    QVERIFY(recorder.waitForFinished(finishTimeout(bakeParameters(400, 3, 20))));
    QCOMPARE(recorder.texts(), defaultAsyncLines);
}

void TestAsyncDriver::cancelWhilePausedForAStep()
{
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    QSignalSpy paused(&driver, &AsyncDriver::pausedForStep);
    driver.setStepping(true);
    QVERIFY(driver.start(bakeParameters(400, 3, 20)));
    QVERIFY(paused.wait(2000));
    driver.cancel();
    QVERIFY(recorder.waitForFinished(1000));
    QVERIFY(recorder.outcomes.constLast().cancelled);
    QVERIFY(driver.pendingWakes().isEmpty());
    QVERIFY(!driver.isPausedForStep());
    QVERIFY(!driver.step());
}

void TestAsyncDriver::speedScalesTheWallClockNotTheRecipe()
{
    // At half speed a 60 ms step of the recipe takes 120 ms of wall time; the log keeps the recipe's clock.
    BakeParameters p = bakeParameters(400, 3, 60);
    p.speedPercent = 50;
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    QVERIFY(driver.start(p));
    QVERIFY(recorder.waitForFinished(finishTimeout(p) * 2));
    QCOMPARE(recorder.texts(), defaultAsyncLines);
    const BakeOutcome outcome = recorder.outcomes.constLast();
    QVERIFY2(outcome.totalMs >= 180 && outcome.totalMs < 180 * 1.6, qPrintable(QString::number(outcome.totalMs)));
    QVERIFY2(outcome.wallMs >= 360 && outcome.wallMs < 360 * 1.6, qPrintable(QString::number(outcome.wallMs)));
    QVERIFY(qAbs(recorder.entries.at(0).timeMs - 60) < 30);
}

namespace {
/// Runs @p p on an async driver under a loop monitor; returns the lines and the loop's largest stall.
std::pair<QStringList, qint64> bakeMonitored(const BakeParameters &p)
{
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    LoopMonitor monitor;
    QSignalSpy measured(&monitor, &LoopMonitor::finished);
    monitor.start();
    if (!driver.start(p) || !recorder.waitForFinished(finishTimeout(p) * 3))
        return {};
    monitor.finish();
    if (!measured.wait(2000))
        return {};
    return {recorder.texts(), monitor.maxStallMs()};
}
} // namespace

void TestAsyncDriver::stirringByHandStallsTheLoopAStepAtATime()
{
    constexpr int stepMs = 150;
    BakeParameters p = bakeParameters(400, 3, stepMs);
    p.mixTrap = MixTrap::StirByHand;
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    LoopMonitor monitor;
    QSignalSpy measured(&monitor, &LoopMonitor::finished);
    monitor.start();
    QVERIFY(driver.start(p));
    QVERIFY(recorder.waitForFinished(finishTimeout(p) * 3));
    monitor.finish();
    QVERIFY(measured.wait(2000));
    // What asyncio prints for `stir_by_hand(step); print(...); await asyncio.sleep(0)`: the oven's timer comes due
    // while the bowl is stirred, and its task only gets the thread once the stirring is over.
    QCOMPARE(recorder.texts(), QStringList({mix(0), mix(1), mix(2), oven(200), oven(300), oven(400)}));
    // The loop could not answer while a step was stirred: about one step at a time, never the whole bake...
    QVERIFY2(monitor.maxStallMs() >= stepMs * 6 / 10 && monitor.maxStallMs() < stepMs * 2,
             qPrintable(QString::number(monitor.maxStallMs())));
    // ...and the oven fell behind: five steps where three were promised.
    const BakeOutcome outcome = recorder.outcomes.constLast();
    QVERIFY2(outcome.totalMs >= 5 * stepMs && outcome.totalMs < 7 * stepMs,
             qPrintable(QString::number(outcome.totalMs)));
    QCOMPARE(recorder.entries.at(3).timeMs / stepMs, 3); // the oven's first line, two steps late
}

void TestAsyncDriver::forgettingToAwaitFreezesTheLoopUntilTheMixingIsDone()
{
    constexpr int stepMs = 100;
    BakeParameters p = bakeParameters(400, 3, stepMs);
    p.mixTrap = MixTrap::ForgotToAwait;
    const auto [lines, maxStallMs] = bakeMonitored(p);
    // The mixing never yields: all its lines come first, and the oven only gets the thread afterwards.
    QCOMPARE(lines, QStringList({mix(0), mix(1), mix(2), oven(200), oven(300), oven(400)}));
    QVERIFY2(maxStallMs >= stepMs * 25 / 10, qPrintable(QString::number(maxStallMs)));
}

void TestAsyncDriver::elapsedStopsWhenTheBakeEnds()
{
    // A status bar asks for the elapsed time whenever it refreshes; after the end it must read the bake's length.
    static constexpr int afterMs = 300;
    AsyncDriver driver;
    BakeRecorder recorder(&driver);
    const BakeParameters p = bakeParameters(400, 3, 10);
    QVERIFY(driver.start(p));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.outcomes.size(), 1, finishTimeout(p));
    const BakeOutcome outcome = recorder.outcomes.constFirst();
    QCOMPARE(driver.elapsedMs(), outcome.totalMs);
    QCOMPARE(driver.wallElapsedMs(), outcome.wallMs);
    QTest::qWait(afterMs);
    QCOMPARE(driver.elapsedMs(), outcome.totalMs);
    QCOMPARE(driver.wallElapsedMs(), outcome.wallMs);

    // The next bake's clock starts from zero again and runs while it bakes.
    QVERIFY(driver.start(p));
    QVERIFY(driver.elapsedMs() < outcome.totalMs);
    driver.cancel();
}

QTEST_GUILESS_MAIN(TestAsyncDriver)
#include "tst_asyncdriver.moc"
