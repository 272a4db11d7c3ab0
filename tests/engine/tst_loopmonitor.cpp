// SPDX-License-Identifier: MIT
#include "cakerecipedriver.h"
#include "enginetestsupport.h"
#include "loopmonitor.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <memory>

/**
 * LoopMonitor, and with it the claim the whole app makes: a blocking bake
 * stalls the event loop for about its whole length, a non-blocking one
 * never for more than a small fraction of a step. Bounds are generous so
 * they hold on a loaded two-core machine and under AddressSanitizer, yet
 * far apart enough that either kind of bake would fail the other's check.
 */
class TestLoopMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freeLoopShowsNoStall();
    void blockShowsAsOneStallOfItsLength();
    void blockUntilFinishIsMeasured();
    void finishedIsEmittedOnce();
    void stopStopsWithoutFinishing();
    void startClearsTheFigures();
    void finishWhenIdleDoesNothing();
    void bakeStallsTheLoop_data();
    void bakeStallsTheLoop();
    void aRestingBeatIsSlowerYetSeesABlock();
    void aFinerBeatAppliesAtOnce();
};

namespace {
constexpr int blockMs = 300;
/// The most a free loop may lag here: it answers within a few milliseconds, but a shared 2-core machine busy with a
/// sanitizer build holds the process off its core for up to a hundred; half the block the tests make stays clear of
/// both.
constexpr int freeLoopLagMs = blockMs / 2;
/// Beats later than LoopMonitor::lateThresholdMs a free loop may still show on such a machine.
constexpr int freeLoopLateBeats = 2;

/// Waits on the event loop for the monitor's finished(); true when it came.
bool waitForFinished(QSignalSpy &finished, int timeoutMs = 5000)
{
    return !finished.isEmpty() || finished.wait(timeoutMs);
}

/// The lags of every beat so far, from a spy on heartbeat().
QList<qint64> lags(const QSignalSpy &heartbeats)
{
    QList<qint64> result;
    for (const QList<QVariant> &arguments : heartbeats)
        result << arguments.at(0).toLongLong();
    return result;
}

qsizetype countAtLeast(const QList<qint64> &lags, qint64 ms)
{
    return std::count_if(lags.cbegin(), lags.cend(), [ms](qint64 lag) { return lag >= ms; });
}
} // namespace

void TestLoopMonitor::freeLoopShowsNoStall()
{
    LoopMonitor monitor;
    QSignalSpy heartbeats(&monitor, &LoopMonitor::heartbeat);
    QSignalSpy finished(&monitor, &LoopMonitor::finished);
    QVERIFY(!monitor.isRunning());

    QElapsedTimer clock;
    clock.start();
    monitor.start();
    QVERIFY(monitor.isRunning());
    spinEventLoop(300);
    monitor.finish();
    QVERIFY(waitForFinished(finished));
    const qint64 elapsed = clock.elapsed();

    QVERIFY2(monitor.maxStallMs() < freeLoopLagMs, qPrintable(QString::number(monitor.maxStallMs())));
    QVERIFY(monitor.lateHeartbeats() <= freeLoopLateBeats);
    // A beat every 10 ms when nothing is in the way: about 30 here, never more than the period allows.
    QVERIFY2(monitor.heartbeats() >= 10, qPrintable(QString::number(monitor.heartbeats())));
    QVERIFY2(monitor.heartbeats() <= elapsed / LoopMonitor::heartbeatMs + 2,
             qPrintable(QString::number(monitor.heartbeats())));
    QCOMPARE(heartbeats.count(), monitor.heartbeats());
    QCOMPARE(finished.at(0).at(0).toLongLong(), monitor.maxStallMs());
    QCOMPARE(finished.at(0).at(1).toInt(), 0);
    QVERIFY(!monitor.isRunning());
}

void TestLoopMonitor::blockShowsAsOneStallOfItsLength()
{
    LoopMonitor monitor;
    QSignalSpy heartbeats(&monitor, &LoopMonitor::heartbeat);
    QSignalSpy finished(&monitor, &LoopMonitor::finished);
    monitor.start();
    // A slot that sleeps on the loop's thread, as a blocking bake does.
    QTimer::singleShot(50, &monitor, [] { QThread::msleep(blockMs); });
    spinEventLoop(50 + blockMs + 100);
    monitor.finish();
    QVERIFY(waitForFinished(finished));

    QVERIFY2(monitor.maxStallMs() >= blockMs * 7 / 10, timingMessage(monitor.maxStallMs(), blockMs).constData());
    QVERIFY2(monitor.maxStallMs() <= blockMs * 16 / 10, timingMessage(monitor.maxStallMs(), blockMs).constData());
    QVERIFY(monitor.lateHeartbeats() >= 1);
    // One stall of about the block's length, not several smaller ones: the beats after it are on time again.
    QCOMPARE(countAtLeast(lags(heartbeats), blockMs * 7 / 10), qsizetype(1));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toLongLong(), monitor.maxStallMs());
    QCOMPARE(finished.at(0).at(1).toInt(), monitor.lateHeartbeats());
}

void TestLoopMonitor::blockUntilFinishIsMeasured()
{
    // A sync bake blocks right up to its finished(), which is where finish() is called: the last,
    // extra measurement is the only one that can see that block.
    LoopMonitor monitor;
    QSignalSpy finished(&monitor, &LoopMonitor::finished);
    monitor.start();
    QTimer::singleShot(50, &monitor, [&monitor] {
        QThread::msleep(blockMs);
        monitor.finish();
    });
    QVERIFY(waitForFinished(finished));

    QVERIFY2(monitor.maxStallMs() >= blockMs * 7 / 10, timingMessage(monitor.maxStallMs(), blockMs).constData());
    QVERIFY(monitor.lateHeartbeats() >= 1);
    QCOMPARE(finished.count(), 1);
    QVERIFY(finished.at(0).at(0).toLongLong() >= blockMs * 7 / 10);
    QVERIFY(finished.at(0).at(1).toInt() >= 1);
}

void TestLoopMonitor::finishedIsEmittedOnce()
{
    LoopMonitor monitor;
    QSignalSpy heartbeats(&monitor, &LoopMonitor::heartbeat);
    QSignalSpy finished(&monitor, &LoopMonitor::finished);
    monitor.start();
    spinEventLoop(30);
    monitor.finish();
    monitor.finish();
    QVERIFY(waitForFinished(finished));
    monitor.finish();
    const auto beatsAtFinish = heartbeats.count();
    spinEventLoop(50);

    QCOMPARE(finished.count(), 1);
    QVERIFY(!monitor.isRunning());
    // Finished means stopped: no beat after it.
    QCOMPARE(heartbeats.count(), beatsAtFinish);
}

void TestLoopMonitor::stopStopsWithoutFinishing()
{
    LoopMonitor monitor;
    QSignalSpy heartbeats(&monitor, &LoopMonitor::heartbeat);
    QSignalSpy finished(&monitor, &LoopMonitor::finished);
    monitor.start();
    spinEventLoop(50);
    monitor.stop();
    QVERIFY(!monitor.isRunning());
    const auto beatsAtStop = heartbeats.count();
    QVERIFY(beatsAtStop >= 1);
    spinEventLoop(50);
    QCOMPARE(heartbeats.count(), beatsAtStop);
    QCOMPARE(monitor.heartbeats(), int(beatsAtStop));
    QVERIFY(finished.isEmpty());

    // A finish() pending when stop() comes is dropped too, and a finish() after it does nothing.
    monitor.start();
    spinEventLoop(30);
    monitor.finish();
    monitor.stop();
    monitor.finish();
    spinEventLoop(50);
    QVERIFY(finished.isEmpty());
}

void TestLoopMonitor::startClearsTheFigures()
{
    LoopMonitor monitor;
    QSignalSpy finished(&monitor, &LoopMonitor::finished);
    monitor.start();
    QTimer::singleShot(20, &monitor, [] { QThread::msleep(120); });
    spinEventLoop(200);
    monitor.stop();
    QVERIFY(monitor.maxStallMs() >= 80);
    QVERIFY(monitor.lateHeartbeats() >= 1);

    // The next measurement must not inherit the last one's stall.
    monitor.start();
    QCOMPARE(monitor.maxStallMs(), qint64(0));
    QCOMPARE(monitor.lateHeartbeats(), 0);
    QCOMPARE(monitor.heartbeats(), 0);
    spinEventLoop(50);
    monitor.finish();
    QVERIFY(waitForFinished(finished));
    QVERIFY2(monitor.maxStallMs() < freeLoopLagMs, qPrintable(QString::number(monitor.maxStallMs())));
}

void TestLoopMonitor::finishWhenIdleDoesNothing()
{
    LoopMonitor monitor;
    QSignalSpy finished(&monitor, &LoopMonitor::finished);
    monitor.finish();
    spinEventLoop(30);
    QVERIFY(finished.isEmpty());
    QVERIFY(!monitor.isRunning());
    QCOMPARE(monitor.heartbeats(), 0);
}

void TestLoopMonitor::bakeStallsTheLoop_data()
{
    QTest::addColumn<BakeMode>("mode");

    QTest::newRow("sync") << BakeMode::Sync;
    QTest::newRow("async") << BakeMode::Async;
}

void TestLoopMonitor::bakeStallsTheLoop()
{
    QFETCH(BakeMode, mode);

    // The default bake at steps of twice the lag a free loop may show, watched from its own thread's loop, as the
    // window watches it.
    BakeParameters parameters;
    parameters.stepMs = 2 * freeLoopLagMs;
    const auto driver = std::make_unique<CakeRecipeDriver>(mode);
    BakeRecorder recorder(driver.get());
    LoopMonitor monitor;
    QSignalSpy finished(&monitor, &LoopMonitor::finished);
    connect(driver.get(), &BakeDriver::finished, &monitor, &LoopMonitor::finish);

    monitor.start();
    QTimer::singleShot(30, driver.get(), [&] { QVERIFY(driver->start(parameters)); });
    QVERIFY(waitForFinished(finished, 10000));
    QCOMPARE(recorder.outcomes.size(), 1);
    QCOMPARE(recorder.entries.size(), 6);

    const qint64 bakeMs = recorder.outcome().totalMs;
    const qint64 stall = monitor.maxStallMs();
    if (mode == BakeMode::Sync) {
        // The loop could not turn once from the first line to the last: one stall the length of the bake.
        QVERIFY2(stall >= bakeMs * 7 / 10, timingMessage(stall, bakeMs).constData());
        QVERIFY(monitor.lateHeartbeats() >= 1);
    } else {
        // Between wakes the loop is free; no beat comes later than half a step.
        QVERIFY2(stall < parameters.stepMs / 2, timingMessage(stall, parameters.stepMs).constData());
        QVERIFY(monitor.lateHeartbeats() <= freeLoopLateBeats);
        // And it kept beating all through the bake.
        QVERIFY2(monitor.heartbeats() >= 10, qPrintable(QString::number(monitor.heartbeats())));
    }
}

void TestLoopMonitor::aRestingBeatIsSlowerYetSeesABlock()
{
    // A window at rest beats ten times less often; a block still shows as one beat late by about its length.
    static constexpr int restingMs = 100;
    static constexpr int runMs = 600;
    LoopMonitor monitor;
    monitor.setIntervalMs(restingMs);
    QCOMPARE(monitor.intervalMs(), restingMs);
    QSignalSpy heartbeats(&monitor, &LoopMonitor::heartbeat);
    monitor.start();
    QElapsedTimer clock;
    clock.start();
    QTest::qWait(runMs);
    const qint64 elapsed = clock.elapsed();
    // Six beats or so; at the default 10 ms it would have been sixty.
    QVERIFY2(heartbeats.size() >= 2, qPrintable(QString::number(heartbeats.size())));
    QVERIFY2(heartbeats.size() <= elapsed / restingMs + 2, qPrintable(QString::number(heartbeats.size())));

    QThread::msleep(blockMs);
    QTest::qWait(restingMs / 2);
    // The block began at most one interval before the beat was due, so that beat came at least this late.
    QVERIFY2(monitor.maxStallMs() >= blockMs - restingMs, qPrintable(QString::number(monitor.maxStallMs())));
    QVERIFY(monitor.lateHeartbeats() >= 1);
}

void TestLoopMonitor::aFinerBeatAppliesAtOnce()
{
    // When a bake starts, the resting beat gives way to the fine one at once, not a resting interval later.
    LoopMonitor monitor;
    monitor.setIntervalMs(10000);
    monitor.start();
    QSignalSpy heartbeats(&monitor, &LoopMonitor::heartbeat);
    monitor.setIntervalMs(LoopMonitor::heartbeatMs);
    QVERIFY(heartbeats.wait(1000));
    QTRY_VERIFY_WITH_TIMEOUT(heartbeats.size() >= 3, 1000);
}

QTEST_GUILESS_MAIN(TestLoopMonitor)
#include "tst_loopmonitor.moc"
