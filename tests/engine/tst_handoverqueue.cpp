// SPDX-License-Identifier: MIT
#include "handoverqueue.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <memory>
#include <thread>
#include <vector>

/**
 * HandOverQueue: calls from worker threads run on the queue's thread, in the
 * order they were handed over, a time slice at a time, so that a flood of them
 * leaves the loop free to turn in between.
 */
class TestHandOverQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void callsRunOnTheQueuesThreadInOrder();
    void aFloodRunsOverSeveralTurnsOfTheLoop();
    void aCallMayDeleteTheQueue();
};

namespace {
constexpr int sliceMs = 5;

/// Keeps this thread busy for @p ms, as telling a report with its signals does for a moment.
void compute(double ms)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.nsecsElapsed() < qint64(ms * 1000000)) { }
}
} // namespace

void TestHandOverQueue::callsRunOnTheQueuesThreadInOrder()
{
    HandOverQueue queue(sliceMs);
    std::vector<int> ran;
    int offThread = 0;
    constexpr int calls = 1000;
    std::thread worker([&] {
        for (int i = 0; i < calls; ++i) {
            queue.handOver([&ran, &offThread, i] {
                if (QThread::currentThread() != QCoreApplication::instance()->thread())
                    ++offThread;
                ran.push_back(i);
            });
        }
    });
    worker.join();
    QTRY_COMPARE(int(ran.size()), calls);
    QCOMPARE(offThread, 0);
    for (int i = 0; i < calls; ++i)
        QCOMPARE(ran[std::size_t(i)], i);
}

void TestHandOverQueue::aFloodRunsOverSeveralTurnsOfTheLoop()
{
    // 400 calls of a quarter of a millisecond: 100 ms of work. A timer due at once must fire long before the last,
    // within a slice or two of the first.
    HandOverQueue queue(sliceMs);
    constexpr int calls = 400;
    int ran = 0;
    for (int i = 0; i < calls; ++i) {
        queue.handOver([&ran] {
            compute(0.25);
            ++ran;
        });
    }
    int ranWhenTheTimerFired = -1;
    QTimer::singleShot(0, this, [&] { ranWhenTheTimerFired = ran; });
    QTRY_COMPARE_WITH_TIMEOUT(ran, calls, 10000);
    QVERIFY(ranWhenTheTimerFired >= 1);
    QVERIFY2(ranWhenTheTimerFired < calls / 4, qPrintable(QString::number(ranWhenTheTimerFired)));
    // And nothing more runs once all have: the queue is idle again, and takes new calls.
    bool again = false;
    queue.handOver([&again] { again = true; });
    QTRY_VERIFY(again);
}

void TestHandOverQueue::aCallMayDeleteTheQueue()
{
    auto queue = std::make_unique<HandOverQueue>(sliceMs);
    int ran = 0;
    queue->handOver([&] {
        ++ran;
        queue.reset();
    });
    queue->handOver([&ran] { ++ran; });
    QTRY_VERIFY(!queue);
    QTest::qWait(20);
    // The second call went with the queue.
    QCOMPARE(ran, 1);
}

QTEST_GUILESS_MAIN(TestHandOverQueue)
#include "tst_handoverqueue.moc"
