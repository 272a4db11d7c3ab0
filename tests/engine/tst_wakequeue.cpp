// SPDX-License-Identifier: MIT
#include "enginetestsupport.h"
#include "wakequeue.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <vector>

/**
 * WakeQueue: the async driver's timers, ordered as asyncio orders them, by
 * wake time and then by the order the tasks yielded. It keeps in-order pushes
 * in a FIFO and the rest in a heap, so the interesting cases are the ones
 * that cross between the two.
 */
class TestWakeQueue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsEmpty();
    void inOrderPushesPopInOrder();
    void tiesAreBrokenByPushOrder();
    void outOfOrderPushesPopByTime();
    void mixedInOrderAndOutOfOrder_data();
    void mixedInOrderAndOutOfOrder();
    void matchesAReferenceOrdering_data();
    void matchesAReferenceOrdering();
    void nextPeeksWithoutRemoving();
    void pendingListsInPopOrderWithoutConsuming();
    void keepsCakeAndTask();
    void clearEmptiesAndKeepsWorking();
    void runsBefore();
};

namespace {
/// "c3/mix@200": a wake's cake, task and time, compact enough to compare lists of them.
QString label(const WakeQueue::Wake &wake)
{
    return QStringLiteral("c%1/%2@%3").arg(wake.cake).arg(taskName(wake.task)).arg(wake.timeNs);
}

QStringList popAll(WakeQueue &queue)
{
    QStringList order;
    while (!queue.isEmpty())
        order << label(queue.pop());
    return order;
}

QStringList labels(const QList<WakeQueue::Wake> &wakes)
{
    QStringList order;
    for (const WakeQueue::Wake &wake : wakes)
        order << label(wake);
    return order;
}
} // namespace

void TestWakeQueue::startsEmpty()
{
    const WakeQueue queue;
    QVERIFY(queue.isEmpty());
    QCOMPARE(queue.size(), 0);
    QVERIFY(queue.pending().isEmpty());
}

void TestWakeQueue::inOrderPushesPopInOrder()
{
    WakeQueue queue;
    queue.push(100, 0, TaskId::Preheat);
    queue.push(200, 1, TaskId::Mix);
    queue.push(300, 2, TaskId::Preheat);
    QCOMPARE(queue.size(), 3);
    QVERIFY(!queue.isEmpty());
    QCOMPARE(popAll(queue),
             QStringList({QStringLiteral("c0/preheat@100"), QStringLiteral("c1/mix_ingredients@200"),
                          QStringLiteral("c2/preheat@300")}));
    QVERIFY(queue.isEmpty());
    QCOMPARE(queue.size(), 0);
}

void TestWakeQueue::tiesAreBrokenByPushOrder()
{
    // asyncio.gather(preheat, mix): when both wake at once, the one that yielded first runs first.
    WakeQueue queue;
    queue.push(100, 0, TaskId::Preheat);
    queue.push(100, 0, TaskId::Mix);
    queue.push(100, 1, TaskId::Preheat);
    queue.push(100, 1, TaskId::Mix);
    QCOMPARE(popAll(queue),
             QStringList({QStringLiteral("c0/preheat@100"), QStringLiteral("c0/mix_ingredients@100"),
                          QStringLiteral("c1/preheat@100"), QStringLiteral("c1/mix_ingredients@100")}));

    // The same with the mix pushed first: order of pushing wins, not the task.
    queue.push(50, 0, TaskId::Mix);
    queue.push(50, 0, TaskId::Preheat);
    QCOMPARE(popAll(queue), QStringList({QStringLiteral("c0/mix_ingredients@50"), QStringLiteral("c0/preheat@50")}));
}

void TestWakeQueue::outOfOrderPushesPopByTime()
{
    // A shorter wait after a longer one: the smaller time must come out first.
    WakeQueue queue;
    queue.push(300, 0, TaskId::Preheat);
    queue.push(100, 1, TaskId::Preheat);
    queue.push(200, 2, TaskId::Preheat);
    queue.push(50, 3, TaskId::Preheat);
    QCOMPARE(queue.size(), 4);
    QCOMPARE(popAll(queue),
             QStringList({QStringLiteral("c3/preheat@50"), QStringLiteral("c1/preheat@100"),
                          QStringLiteral("c2/preheat@200"), QStringLiteral("c0/preheat@300")}));
}

void TestWakeQueue::mixedInOrderAndOutOfOrder_data()
{
    QTest::addColumn<QList<qint64>>("times");
    QTest::addColumn<QList<int>>("popOrder"); // indices into times, as pushed

    QTest::newRow("late one between in-order ones") << QList<qint64>{100, 300, 200, 400} << QList<int>{0, 2, 1, 3};
    // An out-of-order wake ties with an earlier in-order one: the in-order one was pushed first.
    QTest::newRow("tie, FIFO entry pushed first") << QList<qint64>{100, 300, 100} << QList<int>{0, 2, 1};
    // A time equal to the last in-order one is still in order, and stays behind it.
    QTest::newRow("tie with the last in-order wake") << QList<qint64>{200, 100, 200} << QList<int>{1, 0, 2};
    QTest::newRow("several out of order, with ties")
        << QList<qint64>{500, 100, 500, 100, 300, 600, 300} << QList<int>{1, 3, 4, 6, 0, 2, 5};
    QTest::newRow("all equal") << QList<qint64>{7, 7, 7, 7} << QList<int>{0, 1, 2, 3};
    QTest::newRow("descending") << QList<qint64>{4, 3, 2, 1} << QList<int>{3, 2, 1, 0};
}

void TestWakeQueue::mixedInOrderAndOutOfOrder()
{
    QFETCH(QList<qint64>, times);
    QFETCH(QList<int>, popOrder);

    WakeQueue queue;
    QStringList expected;
    for (int i = 0; i < times.size(); ++i)
        queue.push(times.at(i), quint32(i), TaskId::Preheat);
    for (const int i : popOrder)
        expected << QStringLiteral("c%1/preheat@%2").arg(i).arg(times.at(i));

    QCOMPARE(labels(queue.pending()), expected);
    QCOMPARE(popAll(queue), expected);
}

void TestWakeQueue::matchesAReferenceOrdering_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("timeSpread");

    // A small spread gives many ties; a large one many out-of-order pushes.
    QTest::newRow("many ties") << 1u << 3;
    QTest::newRow("some ties") << 2u << 20;
    QTest::newRow("few ties") << 3u << 1000000;
}

void TestWakeQueue::matchesAReferenceOrdering()
{
    QFETCH(quint32, seed);
    QFETCH(int, timeSpread);

    // Random pushes and pops, checked against the plain definition: the smallest (time, push number) goes first.
    // Times drift upwards as a bake's do, with jitter that puts some behind the last push.
    QRandomGenerator random(seed);
    WakeQueue queue;
    std::vector<std::pair<qint64, quint32>> reference; // (time, push number); push number doubles as cake
    quint32 pushes = 0;
    qint64 base = 0;
    for (int round = 0; round < 5000; ++round) {
        if (reference.empty() || random.bounded(3) != 0) {
            base += random.bounded(2);
            const qint64 time = base + random.bounded(timeSpread);
            const TaskId task = random.bounded(2) ? TaskId::Mix : TaskId::Preheat;
            queue.push(time, pushes, task);
            reference.emplace_back(time, pushes);
            ++pushes;
        } else {
            const auto first = std::min_element(reference.begin(), reference.end());
            QCOMPARE(queue.next().cake, first->second);
            const WakeQueue::Wake wake = queue.pop();
            QCOMPARE(wake.timeNs, first->first);
            QCOMPARE(wake.cake, first->second);
            reference.erase(first);
        }
        QCOMPARE(queue.size(), qsizetype(reference.size()));
    }

    std::sort(reference.begin(), reference.end());
    const QList<WakeQueue::Wake> pending = queue.pending();
    QCOMPARE(pending.size(), qsizetype(reference.size()));
    for (std::size_t i = 0; i < reference.size(); ++i)
        QCOMPARE(pending.at(qsizetype(i)).cake, reference[i].second);
    for (const auto &[time, cake] : reference) {
        const WakeQueue::Wake wake = queue.pop();
        QCOMPARE(wake.timeNs, time);
        QCOMPARE(wake.cake, cake);
    }
    QVERIFY(queue.isEmpty());
}

void TestWakeQueue::nextPeeksWithoutRemoving()
{
    WakeQueue queue;
    queue.push(300, 0, TaskId::Preheat);
    queue.push(100, 1, TaskId::Mix); // out of order: next() must look in the heap too
    QCOMPARE(label(queue.next()), QStringLiteral("c1/mix_ingredients@100"));
    QCOMPARE(label(queue.next()), QStringLiteral("c1/mix_ingredients@100"));
    QCOMPARE(queue.size(), 2);
    QCOMPARE(label(queue.pop()), QStringLiteral("c1/mix_ingredients@100"));
    QCOMPARE(label(queue.next()), QStringLiteral("c0/preheat@300"));
    QCOMPARE(queue.size(), 1);
}

void TestWakeQueue::pendingListsInPopOrderWithoutConsuming()
{
    WakeQueue queue;
    queue.push(200, 0, TaskId::Preheat);
    queue.push(200, 0, TaskId::Mix);
    queue.push(100, 1, TaskId::Preheat);
    queue.push(300, 1, TaskId::Mix);
    queue.push(150, 2, TaskId::Preheat);

    const QStringList expected{QStringLiteral("c1/preheat@100"), QStringLiteral("c2/preheat@150"),
                               QStringLiteral("c0/preheat@200"), QStringLiteral("c0/mix_ingredients@200"),
                               QStringLiteral("c1/mix_ingredients@300")};
    QCOMPARE(labels(queue.pending()), expected);
    QCOMPARE(queue.size(), 5);
    QCOMPARE(labels(queue.pending()), expected);
    QCOMPARE(popAll(queue), expected);
}

void TestWakeQueue::keepsCakeAndTask()
{
    // Cake numbers go up to a million; the queue must hand back exactly what it was given.
    WakeQueue queue;
    queue.push(10, 999999, TaskId::Mix);
    queue.push(5, 123456, TaskId::Preheat);
    const WakeQueue::Wake first = queue.pop();
    QCOMPARE(first.cake, 123456u);
    QCOMPARE(first.task, TaskId::Preheat);
    QCOMPARE(first.timeNs, qint64(5));
    const WakeQueue::Wake second = queue.pop();
    QCOMPARE(second.cake, 999999u);
    QCOMPARE(second.task, TaskId::Mix);
    QCOMPARE(second.timeNs, qint64(10));
    // The later wake was pushed first, and its order says so.
    QVERIFY(second.order < first.order);
}

void TestWakeQueue::clearEmptiesAndKeepsWorking()
{
    WakeQueue queue;
    queue.push(300, 0, TaskId::Preheat);
    queue.push(100, 1, TaskId::Preheat);
    queue.push(400, 2, TaskId::Preheat);
    queue.clear();
    QVERIFY(queue.isEmpty());
    QCOMPARE(queue.size(), 0);
    QVERIFY(queue.pending().isEmpty());

    // A queue reused for the next bake orders as a new one would, even at times below the old ones.
    queue.push(50, 5, TaskId::Mix);
    queue.push(50, 6, TaskId::Preheat);
    queue.push(20, 7, TaskId::Mix);
    QCOMPARE(popAll(queue),
             QStringList({QStringLiteral("c7/mix_ingredients@20"), QStringLiteral("c5/mix_ingredients@50"),
                          QStringLiteral("c6/preheat@50")}));
}

void TestWakeQueue::runsBefore()
{
    const WakeQueue::Wake early{100, 5, 0, TaskId::Preheat};
    const WakeQueue::Wake late{200, 1, 0, TaskId::Preheat};
    const WakeQueue::Wake sameTimeLaterPush{100, 6, 0, TaskId::Preheat};
    QVERIFY(early.runsBefore(late));
    QVERIFY(!late.runsBefore(early));
    QVERIFY(early.runsBefore(sameTimeLaterPush));
    QVERIFY(!sameTimeLaterPush.runsBefore(early));
    QVERIFY(!early.runsBefore(early));
}

QTEST_GUILESS_MAIN(TestWakeQueue)
#include "tst_wakequeue.moc"
