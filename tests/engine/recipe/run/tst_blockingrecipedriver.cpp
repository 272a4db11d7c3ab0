// SPDX-License-Identifier: MIT
#include "blockingrecipedriver.h"
#include "recipetestsupport.h"

#include <QElapsedTimer>
#include <QTest>

#include <thread>

#include <time.h>

using namespace recipe;

/**
 * BlockingRecipeDriver: the twins' kitchen holds its thread in every wait,
 * at the bake's speed, and still stops at once when cancelled from another
 * thread, whether the recipe sleeps, waits on its loop or computes.
 */
class TestBlockingRecipeDriver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theRecipesClockRunsAtTheSpeed();
    void aCancelFromAnotherThreadStopsTheRunAtOnce_data();
    void aCancelFromAnotherThreadStopsTheRunAtOnce();
    void aRunPastItsTimeLimitIsStopped();
    void aCancelBeforeTheRunStopsItBeforeItBegins();
    void thousandsOfThreadsWakingTogetherKeepThePace();
};

void TestBlockingRecipeDriver::theRecipesClockRunsAtTheSpeed()
{
    const Program program = compiledForTest("import time\n"
                                            "start = time.perf_counter()\n"
                                            "time.sleep(0.3)\n"
                                            "print(round(time.perf_counter() - start, 1))\n");
    BlockingRecipeDriver driver(program, Interpreter::Kitchen::BlockingTwin);
    QString out;
    driver.setOutput([&out](const QString &text) { out += text; });
    driver.setSpeedPercent(200);
    QElapsedTimer wall;
    wall.start();
    QCOMPARE(driver.run(), Interpreter::Status::Finished);
    // The recipe saw its 0.3 s go by; the wall clock, half of that.
    QCOMPARE(out, QStringLiteral("0.3\n"));
    QVERIFY2(wall.elapsed() >= 140 && wall.elapsed() < 280, qPrintable(QString::number(wall.elapsed())));
}

void TestBlockingRecipeDriver::aCancelFromAnotherThreadStopsTheRunAtOnce_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<Interpreter::Kitchen>("kitchen");
    QTest::newRow("in time.sleep") << QByteArray("import time\nprint('sleeps')\ntime.sleep(30)\nprint('woke')\n")
                                   << Interpreter::Kitchen::BlockingTwin;
    QTest::newRow("waiting on its loop") << QByteArray("import asyncio\n"
                                                       "async def main():\n"
                                                       "    print('sleeps')\n"
                                                       "    await asyncio.sleep(30)\n"
                                                       "    print('woke')\n"
                                                       "asyncio.run(main())\n")
                                         << Interpreter::Kitchen::Async;
    QTest::newRow("computing") << QByteArray("print('sleeps')\nwhile True:\n    pass\n")
                               << Interpreter::Kitchen::BlockingTwin;
}

void TestBlockingRecipeDriver::aCancelFromAnotherThreadStopsTheRunAtOnce()
{
    QFETCH(QByteArray, source);
    QFETCH(Interpreter::Kitchen, kitchen);
    const Program program = compiledForTest(source);
    BlockingRecipeDriver driver(program, kitchen);
    QString out;
    driver.setOutput([&out](const QString &text) { out += text; });
    QElapsedTimer wall;
    wall.start();
    std::thread canceller([&driver] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        driver.cancel();
    });
    const Interpreter::Status status = driver.run();
    canceller.join();
    QCOMPARE(status, Interpreter::Status::Failed);
    QVERIFY(driver.wasCancelled());
    QCOMPARE(driver.error()->type, QStringLiteral("CancelledError"));
    QCOMPARE(out, QStringLiteral("sleeps\n"));
    // Thirty seconds asked for: stopped a moment after the cancel, however loaded the machine.
    QVERIFY2(wall.elapsed() >= 100 && wall.elapsed() < 5000, qPrintable(QString::number(wall.elapsed())));
}

void TestBlockingRecipeDriver::aCancelBeforeTheRunStopsItBeforeItBegins()
{
    // A canceller on another thread may get there before the run does: the cancel must not be lost.
    const Program program = compiledForTest("import time\nprint('began')\ntime.sleep(30)\n");
    BlockingRecipeDriver driver(program, Interpreter::Kitchen::ThreadedTwin);
    QString out;
    driver.setOutput([&out](const QString &text) { out += text; });
    driver.cancel();
    QElapsedTimer wall;
    wall.start();
    QCOMPARE(driver.run(), Interpreter::Status::Failed);
    QVERIFY(driver.wasCancelled());
    QCOMPARE(driver.error()->type, QStringLiteral("CancelledError"));
    QCOMPARE(out, QString());
    QVERIFY2(wall.elapsed() < 5000, qPrintable(QString::number(wall.elapsed())));
}

void TestBlockingRecipeDriver::aRunPastItsTimeLimitIsStopped()
{
    const Program program = compiledForTest("import time\ntime.sleep(30)\n");
    BlockingRecipeDriver driver(program, Interpreter::Kitchen::BlockingTwin);
    driver.setTimeLimit(RecipeTimeLimit(qint64(200) * 1000000));
    QElapsedTimer wall;
    wall.start();
    QCOMPARE(driver.run(), Interpreter::Status::Failed);
    QCOMPARE(driver.error()->type, QStringLiteral("TimeoutError"));
    QVERIFY(!driver.wasCancelled());
    QVERIFY2(wall.elapsed() >= 190 && wall.elapsed() < 5000, qPrintable(QString::number(wall.elapsed())));
}

void TestBlockingRecipeDriver::thousandsOfThreadsWakingTogetherKeepThePace()
{
    // The threaded twin of a thousand cakes: 3,000 threads started microseconds apart, so each round of sleeps ends
    // in 3,000 wakes microseconds apart. Slept to one by one, each overshot by the system's timer slack and the
    // rounds drifted apart (a 300 ms bake spent a second asleep); run up to, they keep the recipe's pace. What the
    // run spent not computing is measured: a sanitizer's build computes for most of the bake.
    const Program program = compiledForTest("import asyncio\n"
                                            "async def job():\n"
                                            "    for i in range(3):\n"
                                            "        await asyncio.sleep(0.1)\n"
                                            "async def main():\n"
                                            "    await asyncio.gather(job(), job())\n"
                                            "asyncio.run(main())\n");
    BlockingRecipeDriver driver(program, Interpreter::Kitchen::ThreadedTwin);
    driver.setCakes(1000);
    const auto cpuMs = [] {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
    };
    const qint64 cpuAtStart = cpuMs();
    QElapsedTimer wall;
    wall.start();
    QCOMPARE(driver.run(), Interpreter::Status::Finished);
    const qint64 wallMs = wall.elapsed();
    const qint64 idleMs = wallMs - (cpuMs() - cpuAtStart);
    qInfo("%lld ms, %lld ms of it not computing", wallMs, idleMs);
    constexpr qint64 idealMs = 300;
    QVERIFY2(wallMs >= idealMs && idleMs < 2 * idealMs, qPrintable(QString::number(idleMs)));
}

QTEST_GUILESS_MAIN(TestBlockingRecipeDriver)
#include "tst_blockingrecipedriver.moc"
