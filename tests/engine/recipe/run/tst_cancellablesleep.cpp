// SPDX-License-Identifier: MIT
#include "cancellablesleep.h"

#include <QElapsedTimer>
#include <QTest>

#include <thread>

using recipe::CancellableSleep;

/**
 * CancellableSleep: the blocking sleeps of a recipe's run. A sleep must
 * hold its thread about as long as asked; cancel() from another thread must
 * end the sleep in progress at once (not when it would have ended), and
 * every later sleep must return at once, saying it was cancelled. Times
 * are compared as tolerant ratios: the machines are two noisy cores.
 */
class TestCancellableSleep : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSleepHoldsTheThreadAboutAsLongAsAsked();
    void aCancelFromAnotherThreadEndsTheSleepAtOnce();
    void afterACancelEverySleepReturnsAtOnce();
};

void TestCancellableSleep::aSleepHoldsTheThreadAboutAsLongAsAsked()
{
    CancellableSleep sleep;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(sleep.sleepFor(50'000'000));
    QVERIFY(timer.elapsed() >= 45);
    QVERIFY(sleep.sleepFor(0));
    QVERIFY(sleep.sleepFor(-5));
    QVERIFY(!sleep.isCancelled());
}

void TestCancellableSleep::aCancelFromAnotherThreadEndsTheSleepAtOnce()
{
    CancellableSleep sleep;
    QElapsedTimer timer;
    timer.start();
    std::thread canceller([&sleep] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        sleep.cancel();
    });
    const bool slept = sleep.sleepFor(20'000'000'000); // 20 s, cut short after 0.1 s
    const qint64 elapsed = timer.elapsed();
    canceller.join();
    QVERIFY(!slept);
    QVERIFY(sleep.isCancelled());
    QVERIFY2(elapsed < 5000, qPrintable(QStringLiteral("%1 ms").arg(elapsed)));
    QCOMPARE(CancellableSleep::cancelledError().text(), QStringLiteral("CancelledError: the bake was cancelled"));
}

void TestCancellableSleep::afterACancelEverySleepReturnsAtOnce()
{
    CancellableSleep sleep;
    sleep.cancel();
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!sleep.sleepFor(10'000'000'000));
    QVERIFY(!sleep.sleepFor(10'000'000'000));
    QVERIFY(timer.elapsed() < 5000);
}

QTEST_GUILESS_MAIN(TestCancellableSleep)
#include "tst_cancellablesleep.moc"
