// SPDX-License-Identifier: MIT
#include "enginetestsupport.h"
#include "loopmonitor.h"
#include "threadeddriver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>
#include <thread>

/**
 * ThreadedDriver: each task's blocking code on a worker thread of its own.
 * The lines are the analogy's, each task's in order, the two tasks at the same
 * time; every report reaches the driver's thread through the queue; the
 * driver's loop stays free; cancel stops every worker at once.
 */
class TestThreadedDriver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void defaultBakeRunsBothTasksAtOnce();
    void eachLineNamesItsThread();
    void reportsArriveOnTheDriversThread();
    void theDriversLoopStaysFree();
    void cancelStopsEveryWorkerPromptly();
    void cancelFromAnotherThread();
    void manyCakesStartTwoThreadsEach();
    void tooManyCakesAreRefused();
    void deletingARunningDriverJoinsItsWorkers();
    void stirringByHandOnAWorkerLeavesTheLoopFree();
    void threadsRefusedEndTheBakeWithAReason();
};

namespace {
BakeParameters recipe(int stepMs, int cakes = 1)
{
    BakeParameters p;
    p.stepMs = stepMs;
    p.cakes = cakes;
    return p;
}

QStringList linesOf(const QList<LogEntry> &entries, TaskId task)
{
    QStringList lines;
    for (const LogEntry &entry : entries) {
        if (entry.task == task)
            lines << entry.text();
    }
    return lines;
}
} // namespace

void TestThreadedDriver::initTestCase()
{
    // The engine alone: a QCoreApplication, no GUI.
    QCOMPARE(QCoreApplication::instance()->metaObject()->className(), "QCoreApplication");
}

void TestThreadedDriver::defaultBakeRunsBothTasksAtOnce()
{
    constexpr int stepMs = 60;
    ThreadedDriver driver;
    BakeRecorder recorder(&driver);
    QVERIFY(driver.start(recipe(stepMs)));
    QVERIFY(driver.isRunning()); // start() returns at once: the work is on the workers
    QVERIFY(recorder.waitForFinished(5000));

    // Each task's lines in its own order; at a tie the two threads race, so the whole is compared as a set.
    QCOMPARE(linesOf(recorder.entries, TaskId::Preheat),
             QStringList({QStringLiteral("preheat:: temp is now 200"), QStringLiteral("preheat:: temp is now 300"),
                          QStringLiteral("preheat:: temp is now 400")}));
    QCOMPARE(linesOf(recorder.entries, TaskId::Mix),
             QStringList({QStringLiteral("mix_ingredients:: mixing things 0"),
                          QStringLiteral("mix_ingredients:: mixing things 1"),
                          QStringLiteral("mix_ingredients:: mixing things 2")}));
    // At the same time: about the longer task's three steps, far from the six a sync bake takes.
    const BakeOutcome outcome = recorder.outcomes.constLast();
    QVERIFY2(outcome.totalMs >= 3 * stepMs && outcome.totalMs < 5 * stepMs,
             qPrintable(QString::number(outcome.totalMs)));
    QCOMPARE(outcome.idealMs(), 3 * stepMs);
    QVERIFY(!outcome.cancelled);
    QCOMPARE(outcome.reports, 6u);
    QCOMPARE(driver.threadsStarted(), 2);
    QCOMPARE(driver.threadsRunning(), 0);
    QVERIFY(driver.kitchen(0).isFinished());
}

void TestThreadedDriver::eachLineNamesItsThread()
{
    ThreadedDriver driver;
    BakeRecorder recorder(&driver);
    QVERIFY(driver.start(recipe(20)));
    QVERIFY(recorder.waitForFinished(5000));
    for (const LogEntry &entry : std::as_const(recorder.entries)) {
        // Python names them in the order they were made: Thread-1 (preheat), Thread-2 (mix_ingredients).
        QCOMPARE(entry.thread, entry.task == TaskId::Preheat ? 1 : 2);
        QVERIFY(entry.line({}).startsWith(QStringLiteral("[%1] ").arg(entry.threadName())));
    }
    const LogEntry &first = recorder.entries.constFirst();
    QCOMPARE(first.threadName(),
             first.task == TaskId::Preheat ? QStringLiteral("Thread-1 (preheat)")
                                           : QStringLiteral("Thread-2 (mix_ingredients)"));
}

void TestThreadedDriver::reportsArriveOnTheDriversThread()
{
    ThreadedDriver driver;
    BakeRecorder recorder(&driver);
    int offThread = 0;
    connect(
        &driver, &BakeDriver::entryAppended, this,
        [&offThread] {
            if (QThread::currentThread() != QCoreApplication::instance()->thread())
                ++offThread;
        },
        Qt::DirectConnection);
    QVERIFY(driver.start(recipe(20)));
    QVERIFY(recorder.waitForFinished(5000));
    QCOMPARE(recorder.entries.size(), 6);
    QCOMPARE(offThread, 0);
}

void TestThreadedDriver::theDriversLoopStaysFree()
{
    ThreadedDriver driver;
    BakeRecorder recorder(&driver);
    LoopMonitor monitor;
    QSignalSpy measured(&monitor, &LoopMonitor::finished);
    monitor.start();
    QVERIFY(driver.start(recipe(100)));
    QVERIFY(recorder.waitForFinished(5000));
    monitor.finish();
    QVERIFY(measured.wait(2000));
    // The waits block the workers, never this thread: its loop answers within a fraction of a step.
    QVERIFY2(monitor.maxStallMs() < 50, qPrintable(QString::number(monitor.maxStallMs())));
    QVERIFY(monitor.heartbeats() > 10);
}

void TestThreadedDriver::cancelStopsEveryWorkerPromptly()
{
    constexpr int stepMs = 2000;
    ThreadedDriver driver;
    BakeRecorder recorder(&driver);
    QVERIFY(driver.start(recipe(stepMs)));
    QTest::qWait(50);
    QElapsedTimer clock;
    clock.start();
    driver.cancel();
    QVERIFY(recorder.waitForFinished(stepMs / 2));
    // Both workers were asleep for two seconds; the stop woke them long before.
    QVERIFY2(clock.elapsed() < stepMs / 4, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(recorder.outcomes.constLast().cancelled);
    QCOMPARE(driver.kitchen(0).state(TaskId::Preheat), TaskState::Cancelled);
    QCOMPARE(driver.kitchen(0).state(TaskId::Mix), TaskState::Cancelled);
    QCOMPARE(driver.threadsRunning(), 0);
    QVERIFY(recorder.entries.isEmpty());
}

void TestThreadedDriver::cancelFromAnotherThread()
{
    ThreadedDriver driver;
    BakeRecorder recorder(&driver);
    QVERIFY(driver.start(recipe(1000)));
    std::thread canceller([&driver] {
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        driver.cancel();
    });
    const bool finished = recorder.waitForFinished(800);
    canceller.join();
    QVERIFY(finished);
    QVERIFY(recorder.outcomes.constLast().cancelled);
}

void TestThreadedDriver::manyCakesStartTwoThreadsEach()
{
    constexpr int cakes = 50;
    ThreadedDriver driver;
    BakeRecorder recorder(&driver);
    QVERIFY(driver.start(recipe(40, cakes)));
    QCOMPARE(driver.threadsStarted(), 2 * cakes);
    QVERIFY(recorder.waitForFinished(10000));
    QCOMPARE(recorder.entries.size(), 6 * cakes);
    for (int cake = 0; cake < cakes; ++cake)
        QVERIFY(driver.kitchen(cake).isFinished());
    // Thread numbers run over cakes in the order the threads were made.
    for (const LogEntry &entry : std::as_const(recorder.entries))
        QCOMPARE(entry.thread, 2 * entry.cake + (entry.task == TaskId::Preheat ? 1 : 2));
}

void TestThreadedDriver::tooManyCakesAreRefused()
{
    ThreadedDriver driver;
    QVERIFY(!driver.start(recipe(40, BakeParameters::maxThreadedCakes + 1)));
    QVERIFY2(driver.errorString().contains(QStringLiteral("1000")), qPrintable(driver.errorString()));
    QVERIFY(!driver.isRunning());
    QCOMPARE(driver.threadsStarted(), 0);
}

void TestThreadedDriver::deletingARunningDriverJoinsItsWorkers()
{
    auto driver = std::make_unique<ThreadedDriver>();
    QVERIFY(driver->start(recipe(5000, 3)));
    QElapsedTimer clock;
    clock.start();
    driver.reset();
    // The workers were asleep for five seconds; deleting the driver stopped and joined them at once.
    QVERIFY(clock.elapsed() < 1000);
    QTest::qWait(50); // nothing they queued may reach the deleted driver
}

void TestThreadedDriver::stirringByHandOnAWorkerLeavesTheLoopFree()
{
    // The same trap that stalls an event loop costs a threaded bake nothing but a busy core.
    BakeParameters p = recipe(150);
    p.mixTrap = MixTrap::StirByHand;
    ThreadedDriver driver;
    BakeRecorder recorder(&driver);
    LoopMonitor monitor;
    QSignalSpy measured(&monitor, &LoopMonitor::finished);
    monitor.start();
    QVERIFY(driver.start(p));
    QVERIFY(recorder.waitForFinished(5000));
    monitor.finish();
    QVERIFY(measured.wait(2000));
    QCOMPARE(linesOf(recorder.entries, TaskId::Mix).size(), 3);
    QVERIFY2(monitor.maxStallMs() < 75, qPrintable(QString::number(monitor.maxStallMs())));
    // Stirring took the step's time, as a sleep would have.
    QVERIFY(recorder.outcomes.constLast().totalMs >= 3 * 150);
}

void TestThreadedDriver::threadsRefusedEndTheBakeWithAReason()
{
    // As when the system will not give another thread: what it got is stopped, and the reason is kept.
    ThreadedDriver driver;
    driver.setThreadLimit(3);
    BakeRecorder recorder(&driver);
    QVERIFY(driver.start(recipe(1000, 2)));
    QVERIFY(recorder.waitForFinished(1000)); // promptly: the three started threads were stopped, not waited for
    QVERIFY(recorder.outcomes.constLast().cancelled);
    QCOMPARE(driver.threadsStarted(), 3);
    QCOMPARE(driver.threadsRunning(), 0);
    QVERIFY2(driver.errorString().contains(QStringLiteral("only 3 of the 4 threads")),
             qPrintable(driver.errorString()));

    // The next bake within the limit runs normally and clears the reason.
    driver.setThreadLimit(2);
    BakeRecorder again(&driver);
    QVERIFY(driver.start(recipe(20)));
    QVERIFY(again.waitForFinished(2000));
    QVERIFY(!again.outcomes.constLast().cancelled);
    QVERIFY(driver.errorString().isEmpty());
}

QTEST_GUILESS_MAIN(TestThreadedDriver)
#include "tst_threadeddriver.moc"
