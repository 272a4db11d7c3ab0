// SPDX-License-Identifier: MIT
#include "bakesession.h"

#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

/// BakeSession: one bake at a time, the log fed run by run, and the loop measured after each bake.
class TestBakeSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void asyncBakeFillsTheLogAndIsMeasured();
    void syncBakeIsMeasuredAsOneLongStall();
    void refusesASecondBakeUntilMeasured();
    void refusesBadParametersWithoutARun();
    void eachBakeIsARunOfItsOwn();
    void quietSessionKeepsNoLog();
    void logKeepsOnlyTheFirstCakesWhenAsked();
    void threadedBakeIsMeasuredWithItsThreadsAndMemory();
    void cancelEndsTheRunCancelled();
    void clearLogWaitsForTheBake();
    void stepsAnAsyncBakeThroughTheRecipeEngine();
    void everyModeBakesThroughTheRecipeEngine();
};

namespace {
constexpr int stepMs = 40;

BakeParameters recipe(int step = stepMs)
{
    BakeParameters parameters;
    parameters.stepMs = step;
    return parameters;
}
} // namespace

void TestBakeSession::asyncBakeFillsTheLogAndIsMeasured()
{
    BakeSession session;
    QSignalSpy started(&session, &BakeSession::bakeStarted);
    QSignalSpy entries(&session, &BakeSession::entryAppended);
    QSignalSpy finished(&session, &BakeSession::bakeFinished);
    QSignalSpy measured(&session, &BakeSession::bakeMeasured);

    QVERIFY(session.bake(BakeMode::Async, recipe()));
    QVERIFY(session.isBusy());
    QVERIFY(session.isBaking());
    QCOMPARE(session.currentMode(), std::optional(BakeMode::Async));
    QCOMPARE(started.size(), 1);
    QVERIFY(measured.wait(5000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(entries.size(), 6);
    QVERIFY(!session.isBusy());

    const BakeLogModel *log = session.log();
    QCOMPARE(log->runCount(), 1);
    QCOMPARE(log->rowCount(), 7);
    QCOMPARE(log->entryCount(0), 6);
    QVERIFY(log->runOutcome(0).has_value());
    QCOMPARE(log->entries(0).constLast().text(), QStringLiteral("mix_ingredients:: mixing things 2"));
    // An async bake leaves the loop free: its worst stall is a small part of a step.
    QVERIFY2(measured.first().at(1).toLongLong() < stepMs, qPrintable(measured.first().at(1).toString()));
    QCOMPARE(session.liveKitchen()->state(TaskId::Preheat), TaskState::Done);
}

void TestBakeSession::syncBakeIsMeasuredAsOneLongStall()
{
    BakeSession session;
    QSignalSpy measured(&session, &BakeSession::bakeMeasured);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(session.bake(BakeMode::Sync, recipe()));
    const qint64 blockedMs = clock.elapsed();
    // bake() returned only when the bake had ended; the measurement needs the loop's next turn.
    QVERIFY(blockedMs >= 6 * stepMs);
    QVERIFY(!session.isBaking());
    QVERIFY(session.isBusy());
    QCOMPARE(measured.size(), 0);
    QVERIFY(measured.wait(5000));
    const qint64 stall = measured.first().at(1).toLongLong();
    QVERIFY2(stall >= 0.8 * blockedMs, qPrintable(QString::number(stall)));
    QVERIFY(measured.first().at(2).toInt() >= 1);
}

void TestBakeSession::refusesASecondBakeUntilMeasured()
{
    BakeSession session;
    QSignalSpy measured(&session, &BakeSession::bakeMeasured);
    QVERIFY(session.bake(BakeMode::Async, recipe()));
    QVERIFY(!session.bake(BakeMode::Async, recipe()));
    QVERIFY(session.errorString().contains(QStringLiteral("already running")));
    QVERIFY(!session.bake(BakeMode::Sync, recipe()));
    QVERIFY(measured.wait(5000));
    QCOMPARE(session.log()->runCount(), 1);
    QVERIFY(session.bake(BakeMode::Sync, recipe()));
    QVERIFY(measured.wait(5000));
    QCOMPARE(session.log()->runCount(), 2);
}

void TestBakeSession::refusesBadParametersWithoutARun()
{
    BakeSession session;
    QSignalSpy started(&session, &BakeSession::bakeStarted);
    BakeParameters bad = recipe();
    bad.stepMs = 0;
    QVERIFY(!session.bake(BakeMode::Async, bad));
    QVERIFY(session.errorString().contains(QStringLiteral("step")));
    BakeParameters manyInSync = recipe();
    manyInSync.cakes = 2;
    QVERIFY(!session.bake(BakeMode::Sync, manyInSync));
    QCOMPARE(started.size(), 0);
    QCOMPARE(session.log()->rowCount(), 0);
    QVERIFY(!session.isBusy());
}

void TestBakeSession::eachBakeIsARunOfItsOwn()
{
    BakeSession session;
    QSignalSpy measured(&session, &BakeSession::bakeMeasured);
    QVERIFY(session.bake(BakeMode::Sync, recipe()));
    QVERIFY(measured.wait(5000));
    QVERIFY(session.bake(BakeMode::Async, recipe()));
    QVERIFY(measured.wait(5000));
    const BakeLogModel *log = session.log();
    QCOMPARE(log->runCount(), 2);
    QCOMPARE(log->runMode(0), BakeMode::Sync);
    QCOMPARE(log->runMode(1), BakeMode::Async);
    QCOMPARE(log->headerRow(1), 7);
    QCOMPARE(log->entries(0).at(3).text(), QStringLiteral("mix_ingredients:: mixing things 0"));
    QCOMPARE(log->entries(1).at(1).text(), QStringLiteral("mix_ingredients:: mixing things 0"));
}

void TestBakeSession::quietSessionKeepsNoLog()
{
    BakeSession session;
    session.setKeepsLog(false);
    QSignalSpy entries(&session, &BakeSession::entryAppended);
    QSignalSpy measured(&session, &BakeSession::bakeMeasured);
    BakeParameters many = recipe();
    many.cakes = 500;
    QVERIFY(session.bake(BakeMode::Async, many));
    QVERIFY(measured.wait(5000));
    QCOMPARE(entries.size(), 500 * 6);
    QCOMPARE(session.log()->rowCount(), 0);
    QCOMPARE(measured.first().first().value<BakeOutcome>().reports, quint64(500 * 6));
}

void TestBakeSession::logKeepsOnlyTheFirstCakesWhenAsked()
{
    BakeSession session;
    session.setLoggedCakes(3);
    QSignalSpy entries(&session, &BakeSession::entryAppended);
    QSignalSpy measured(&session, &BakeSession::bakeMeasured);
    BakeParameters many = recipe();
    many.cakes = 200;
    QVERIFY(session.bake(BakeMode::Async, many));
    QVERIFY(measured.wait(5000));
    // Every line is still announced; only the first three cakes' are kept to be read back and replayed.
    QCOMPARE(entries.size(), 200 * 6);
    QCOMPARE(session.log()->entryCount(0), 3 * 6);
    for (const LogEntry &entry : session.log()->entries(0))
        QVERIFY(entry.cake < 3);
}

void TestBakeSession::threadedBakeIsMeasuredWithItsThreadsAndMemory()
{
    BakeSession session;
    QSignalSpy measured(&session, &BakeSession::bakeMeasured);
    BakeParameters many = recipe(80);
    many.cakes = 100;
    QVERIFY(session.bake(BakeMode::Threaded, many));
    QVERIFY(measured.wait(5000));
    const BakeOutcome outcome = measured.first().first().value<BakeOutcome>();
    QCOMPARE(outcome.threadsStarted, 200);
    QCOMPARE(session.log()->entryCount(0), 600);
    // Two hundred threads each touch a stack of their own: the run saw the process's memory rise.
    QVERIFY(session.log()->runMemoryGrowthBytes(0) > 0);
    QVERIFY(session.log()->runMaxStallMs(0) < 200);
}

void TestBakeSession::cancelEndsTheRunCancelled()
{
    BakeSession session;
    QSignalSpy measured(&session, &BakeSession::bakeMeasured);
    QVERIFY(session.bake(BakeMode::Async, recipe(200)));
    QTRY_VERIFY_WITH_TIMEOUT(session.log()->entryCount(0) >= 2, 3000);
    session.cancel();
    QVERIFY(!session.isBaking());
    QVERIFY(measured.wait(5000));
    QVERIFY(measured.first().first().value<BakeOutcome>().cancelled);
    QVERIFY(session.log()->runOutcome(0)->cancelled);
    QVERIFY(session.log()->runTitle(0).contains(QStringLiteral("cancelled")));
    QCOMPARE(session.liveKitchen()->state(TaskId::Mix), TaskState::Cancelled);
}

void TestBakeSession::clearLogWaitsForTheBake()
{
    BakeSession session;
    QSignalSpy measured(&session, &BakeSession::bakeMeasured);
    QVERIFY(session.bake(BakeMode::Async, recipe()));
    QVERIFY(!session.clearLog());
    QVERIFY(session.log()->rowCount() > 0);
    QVERIFY(measured.wait(5000));
    QVERIFY(session.clearLog());
    QCOMPARE(session.log()->rowCount(), 0);
}

void TestBakeSession::stepsAnAsyncBakeThroughTheRecipeEngine()
{
    // What the window's Pending panel and F10 see of a stepped bake.
    BakeSession session;
    QSignalSpy measured(&session, &BakeSession::bakeMeasured);
    session.setStepping(true);
    QVERIFY(session.isStepping());
    QVERIFY(session.bake(BakeMode::Async, recipe()));

    // Each pause: the tasks pending, and the log so far; a step at each until the bake has ended.
    QStringList pauses;
    for (int steps = 0; steps < 20 && session.isBaking(); ++steps) {
        if (!session.isPausedForStep()) {
            QEventLoop loop;
            connect(&session, &BakeSession::pendingWorkChanged, &loop, [&] {
                if (session.isPausedForStep())
                    loop.quit();
            });
            connect(&session, &BakeSession::bakeFinished, &loop, &QEventLoop::quit);
            QTimer::singleShot(5000, &loop, &QEventLoop::quit);
            loop.exec();
        }
        if (!session.isBaking())
            break;
        QVERIFY(session.isPausedForStep());
        QStringList pending;
        for (const WakeQueue::Wake &wake : session.pendingWakes(10))
            pending << QStringLiteral("%1 %2").arg(wake.cake).arg(taskName(wake.task));
        QCOMPARE(session.pendingWakeCount(), pending.size());
        pauses << QStringLiteral("%1 after %2 lines")
                      .arg(pending.join(QStringLiteral(", ")))
                      .arg(session.log()->entryCount(0));
        QVERIFY(session.step());
    }
    QVERIFY(measured.wait(5000));
    QCOMPARE(pauses,
             (QStringList{"0 preheat, 0 mix_ingredients after 0 lines", "0 mix_ingredients, 0 preheat after 1 lines",
                          "0 preheat, 0 mix_ingredients after 2 lines", "0 mix_ingredients, 0 preheat after 3 lines",
                          "0 preheat, 0 mix_ingredients after 4 lines", "0 mix_ingredients after 5 lines"}));
    QCOMPARE(session.log()->entryCount(0), 6);
    QCOMPARE(session.log()->entries(0).constLast().text(), QStringLiteral("mix_ingredients:: mixing things 2"));
    QVERIFY(!session.log()->runOutcome(0)->cancelled);
    QVERIFY(!session.step());
    QVERIFY(session.pendingWakes(10).isEmpty());
    QCOMPARE(session.pendingWakeCount(), 0);
}

void TestBakeSession::everyModeBakesThroughTheRecipeEngine()
{
    // One definition of the cake serves every mode: each bake is recipes/cake.py in one of the engine's kitchens,
    // and none has pending wakes to show but the async one.
    BakeSession session;
    QSignalSpy measured(&session, &BakeSession::bakeMeasured);
    for (const BakeMode mode : {BakeMode::Sync, BakeMode::Async, BakeMode::Threaded}) {
        QVERIFY(session.bake(mode, recipe()));
        QCOMPARE(session.currentDriver()->metaObject()->className(), "CakeRecipeDriver");
        QCOMPARE(session.currentDriver()->mode(), mode);
        if (mode != BakeMode::Async)
            QCOMPARE(session.pendingWakeCount(), 0);
        QVERIFY(measured.wait(5000));
    }
    // The same six lines in each, in an order of the mode's own.
    const auto sortedLines = [&session](int run) {
        QStringList lines;
        for (const LogEntry &entry : session.log()->entries(run))
            lines << entry.text();
        lines.sort();
        return lines;
    };
    QCOMPARE(sortedLines(0).size(), 6);
    QCOMPARE(sortedLines(1), sortedLines(0));
    QCOMPARE(sortedLines(2), sortedLines(0));
}

QTEST_GUILESS_MAIN(TestBakeSession)
#include "tst_bakesession.moc"
