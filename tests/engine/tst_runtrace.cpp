// SPDX-License-Identifier: MIT
#include "bakelogmodel.h"
#include "bakesession.h"
#include "enginetestsupport.h"
#include "runtrace.h"

#include <QSignalSpy>
#include <QTest>

using Span = RunTrace::Span;
using Lane = RunTrace::Lane;

namespace {
/// A report of the first cake at @p timeMs; RunTrace reads only the time, the cake and the task.
LogEntry report(qint64 timeMs, TaskId task, int cake = 0)
{
    return LogEntry{timeMs, cake, task, 0, Kitchen()};
}

BakeOutcome outcomeOf(BakeMode mode, const BakeParameters &parameters, qint64 totalMs, bool cancelled = false)
{
    BakeOutcome outcome;
    outcome.mode = mode;
    outcome.parameters = parameters;
    outcome.totalMs = totalMs;
    outcome.cancelled = cancelled;
    return outcome;
}

constexpr TaskId P = TaskId::Preheat;
constexpr TaskId M = TaskId::Mix;
} // namespace

inline char *toString(const Span &span)
{
    return QTest::toString(QStringLiteral("%1 [%2, %3]").arg(int(span.lane)).arg(span.startMs).arg(span.endMs));
}

class TestRunTrace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void asyncTasksWaitSideBySide();
    void syncMixingWaitsForTheOven();
    void syncWithoutOvenStepsMixesAtOnce();
    void cancelledTasksWaitUntilTheCancel();
    void cancelledSyncNeverStartsMixing();
    void aTaskWithoutStepsNeverWaits();
    void trappedMixingStepsAreRunsNotWaits();
    void aRunUnderWayWaitsUntilNow();
    void marksPointAtTheirRowsAndSkipNotesAndOtherCakes();
    void loopStallsBecomeBlocks();
    void aRealSyncBakeBlocksTheLoopForMostOfItsLength();
};

void TestRunTrace::asyncTasksWaitSideBySide()
{
    BakeLogModel log;
    const BakeParameters recipe;
    log.beginRun(BakeMode::Async, recipe);
    for (qint64 t : {1000, 2000, 3000}) {
        log.appendEntry(report(t, P));
        log.appendEntry(report(t + 1, M));
    }
    log.finishRun(outcomeOf(BakeMode::Async, recipe, 3002));

    const RunTrace trace = RunTrace::fromLog(log, 0);
    QVERIFY(trace.isFinished());
    QVERIFY(!trace.isCancelled());
    QCOMPARE(trace.totalMs(), 3002);
    QCOMPARE(trace.idealMs(), 3000);
    const std::vector<Span> expected{
        {Lane::Preheat, 0, 1000}, {Lane::Mix, 0, 1001},        {Lane::Preheat, 1000, 2000},
        {Lane::Mix, 1001, 2001},  {Lane::Preheat, 2000, 3000}, {Lane::Mix, 2001, 3001},
    };
    QCOMPARE(trace.waits().size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        QCOMPARE(trace.waits()[i], expected[i]);
    QCOMPARE(trace.marks().size(), 6u);
    QVERIFY(trace.blocks().empty());
}

void TestRunTrace::syncMixingWaitsForTheOven()
{
    BakeLogModel log;
    const BakeParameters recipe;
    log.beginRun(BakeMode::Sync, recipe);
    for (qint64 t : {1000, 2000, 3000})
        log.appendEntry(report(t, P));
    for (qint64 t : {4000, 5000, 6000})
        log.appendEntry(report(t, M));
    log.finishRun(outcomeOf(BakeMode::Sync, recipe, 6001));

    const RunTrace trace = RunTrace::fromLog(log, 0);
    const std::vector<Span> expected{
        {Lane::Preheat, 0, 1000}, {Lane::Preheat, 1000, 2000}, {Lane::Preheat, 2000, 3000},
        {Lane::Mix, 3000, 4000},  {Lane::Mix, 4000, 5000},     {Lane::Mix, 5000, 6000},
    };
    QCOMPARE(trace.waits().size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        QCOMPARE(trace.waits()[i], expected[i]);
    QCOMPARE(trace.idealMs(), 6000);
}

void TestRunTrace::syncWithoutOvenStepsMixesAtOnce()
{
    BakeLogModel log;
    BakeParameters recipe;
    recipe.targetTemperature = 100;
    recipe.mixCount = 2;
    log.beginRun(BakeMode::Sync, recipe);
    log.appendEntry(report(1000, M));
    log.appendEntry(report(2000, M));
    log.finishRun(outcomeOf(BakeMode::Sync, recipe, 2000));

    const RunTrace trace = RunTrace::fromLog(log, 0);
    QCOMPARE(trace.waits().size(), 2u);
    QCOMPARE(trace.waits()[0], (Span{Lane::Mix, 0, 1000}));
    QCOMPARE(trace.waits()[1], (Span{Lane::Mix, 1000, 2000}));
}

void TestRunTrace::cancelledTasksWaitUntilTheCancel()
{
    BakeLogModel log;
    const BakeParameters recipe;
    log.beginRun(BakeMode::Async, recipe);
    log.appendEntry(report(1000, P));
    log.appendEntry(report(1001, M));
    log.finishRun(outcomeOf(BakeMode::Async, recipe, 1500, true));

    const RunTrace trace = RunTrace::fromLog(log, 0);
    QVERIFY(trace.isCancelled());
    QCOMPARE(trace.totalMs(), 1500);
    QCOMPARE(trace.waits().size(), 4u);
    QCOMPARE(trace.waits()[2], (Span{Lane::Preheat, 1000, 1500}));
    QCOMPARE(trace.waits()[3], (Span{Lane::Mix, 1001, 1500}));
}

void TestRunTrace::cancelledSyncNeverStartsMixing()
{
    BakeLogModel log;
    const BakeParameters recipe;
    log.beginRun(BakeMode::Sync, recipe);
    log.appendEntry(report(1000, P));
    log.finishRun(outcomeOf(BakeMode::Sync, recipe, 1500, true));

    const RunTrace trace = RunTrace::fromLog(log, 0);
    QCOMPARE(trace.waits().size(), 2u);
    QCOMPARE(trace.waits()[1], (Span{Lane::Preheat, 1000, 1500}));
    for (const Span &wait : trace.waits())
        QCOMPARE(wait.lane, Lane::Preheat);
}

void TestRunTrace::aTaskWithoutStepsNeverWaits()
{
    for (BakeMode mode : {BakeMode::Async, BakeMode::Sync}) {
        BakeLogModel log;
        BakeParameters recipe;
        recipe.mixCount = 0;
        log.beginRun(mode, recipe);
        log.appendEntry(report(1000, P));
        // Under way and cancelled alike, the mixing task without steps has nothing to wait for.
        for (const RunTrace &trace : {RunTrace::fromLog(log, 0, 1500), [&] {
                                          log.finishRun(outcomeOf(mode, recipe, 1500, true));
                                          return RunTrace::fromLog(log, 0);
                                      }()}) {
            QCOMPARE(trace.waits().size(), 2u);
            for (const Span &wait : trace.waits())
                QCOMPARE(wait.lane, Lane::Preheat);
        }
    }
}

void TestRunTrace::trappedMixingStepsAreRunsNotWaits()
{
    // Stirred by hand, the bowl's steps held the thread: each a run of one step ending at its line.
    BakeLogModel log;
    BakeParameters recipe;
    recipe.stepMs = 100;
    recipe.mixTrap = MixTrap::StirByHand;
    log.beginRun(BakeMode::Async, recipe);
    for (qint64 t : {100, 200, 300})
        log.appendEntry(report(t, M));
    for (qint64 t : {300, 400, 500})
        log.appendEntry(report(t, P));
    log.finishRun(outcomeOf(BakeMode::Async, recipe, 500));
    const RunTrace trace = RunTrace::fromLog(log, 0);
    QVERIFY(trace.mixStepHoldsTheThread());
    QCOMPARE(trace.runs().size(), 3u);
    QCOMPARE(trace.runs()[1], (Span{Lane::Mix, 100, 200}));
    for (const Span &wait : trace.waits())
        QCOMPARE(wait.lane, Lane::Preheat); // the oven still awaited its timer

    // Forgetting to await holds the thread in async code only; elsewhere a blocking sleep is the mode itself.
    BakeParameters forgot;
    forgot.mixTrap = MixTrap::ForgotToAwait;
    log.beginRun(BakeMode::Async, forgot);
    log.appendEntry(report(1000, M));
    QCOMPARE(RunTrace::fromLog(log, 1, 1000).runs().size(), 1u);
    log.beginRun(BakeMode::Threaded, BakeParameters());
    log.appendEntry(report(1000, M));
    QVERIFY(RunTrace::fromLog(log, 2, 1000).runs().empty());
}

void TestRunTrace::aRunUnderWayWaitsUntilNow()
{
    BakeLogModel log;
    const BakeParameters recipe;
    log.beginRun(BakeMode::Async, recipe);
    log.appendEntry(report(1000, P));
    log.appendEntry(report(1001, M));

    const RunTrace trace = RunTrace::fromLog(log, 0, 1600);
    QVERIFY(!trace.isFinished());
    QCOMPARE(trace.totalMs(), 1600);
    QCOMPARE(trace.waits().size(), 4u);
    QCOMPARE(trace.waits()[2], (Span{Lane::Preheat, 1000, 1600}));
    QCOMPARE(trace.waits()[3], (Span{Lane::Mix, 1001, 1600}));

    // Without a clock the run lasts until its last line.
    QCOMPARE(RunTrace::fromLog(log, 0).totalMs(), 1001);
}

void TestRunTrace::marksPointAtTheirRowsAndSkipNotesAndOtherCakes()
{
    BakeLogModel log;
    const BakeParameters recipe;
    log.beginRun(BakeMode::Async, recipe); // row 0
    log.beginRun(BakeMode::Async, recipe); // row 1: the run traced
    log.appendEntry(report(1000, P)); // row 2
    log.appendNote(1200, QStringLiteral("your click waited 0.2 s")); // row 3
    log.appendEntry(report(1000, P, 1)); // row 4: another cake
    log.appendEntry(report(1001, M)); // row 5

    const RunTrace trace = RunTrace::fromLog(log, 1);
    QCOMPARE(trace.run(), 1);
    QCOMPARE(trace.marks().size(), 2u);
    QCOMPARE(trace.marks()[0], (RunTrace::Mark{1000, P, 2}));
    QCOMPARE(trace.marks()[1], (RunTrace::Mark{1001, M, 5}));
    QVERIFY(RunTrace::fromLog(log, 0).marks().empty());
}

void TestRunTrace::loopStallsBecomeBlocks()
{
    BakeLogModel log;
    const BakeParameters recipe;
    log.beginRun(BakeMode::Async, recipe);
    log.finishRun(outcomeOf(BakeMode::Async, recipe, 3000));
    log.measureRun(400, 2, {{100, 300}, {1000, 1400}});

    const RunTrace trace = RunTrace::fromLog(log, 0);
    QCOMPARE(trace.blocks().size(), 2u);
    QCOMPARE(trace.blocks()[0], (Span{Lane::Loop, 100, 300}));
    QCOMPARE(trace.blocks()[1], (Span{Lane::Loop, 1000, 1400}));
    QCOMPARE(log.runMaxStallMs(0), 400);
    QCOMPARE(log.runLateHeartbeats(0), 2);

    // At half speed a stall of 400 ms on the wall clock is 200 ms of the recipe's time, the trace's clock.
    BakeParameters halfSpeed;
    halfSpeed.speedPercent = 50;
    log.beginRun(BakeMode::Sync, halfSpeed);
    log.finishRun(outcomeOf(BakeMode::Sync, halfSpeed, 6000));
    log.measureRun(12000, 1, {{0, 12000}});
    QCOMPARE(RunTrace::fromLog(log, 1).blocks().front(), (Span{Lane::Loop, 0, 6000}));
}

void TestRunTrace::aRealSyncBakeBlocksTheLoopForMostOfItsLength()
{
    // The session feeds the log and the monitor's stalls: a blocking bake must show as one long block.
    constexpr int stepMs = 40;
    BakeSession session;
    QSignalSpy measured(&session, &BakeSession::bakeMeasured);
    BakeParameters recipe;
    recipe.stepMs = stepMs;
    QVERIFY(session.bake(BakeMode::Sync, recipe));
    QVERIFY(measured.wait(5000));

    const RunTrace trace = RunTrace::fromLog(*session.log(), 0);
    QCOMPARE(trace.marks().size(), 6u);
    QCOMPARE(trace.waits().size(), 6u);
    QVERIFY(!trace.blocks().empty());
    qint64 longest = 0;
    for (const Span &block : trace.blocks())
        longest = std::max(longest, block.endMs - block.startMs);
    QVERIFY2(longest >= trace.totalMs() * 7 / 10,
             qPrintable(QStringLiteral("longest block %1 ms of %2 ms").arg(longest).arg(trace.totalMs())));
}

QTEST_MAIN(TestRunTrace)
#include "tst_runtrace.moc"
