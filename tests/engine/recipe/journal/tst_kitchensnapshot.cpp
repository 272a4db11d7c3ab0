// SPDX-License-Identifier: MIT
#include "kitchensnapshot.h"

#include <QTest>

using namespace recipe;

/**
 * KitchenSnapshot: each event moves the kitchen on as a window must show
 * it, fed by hand here (tst_runjournal feeds it from real runs).
 */
class TestKitchenSnapshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aTaskGoesFromMadeToFinished();
    void aLocksHoldersAndWaitersFollowItsUse();
    void aThreadLeavesTheWaitersAsItsMethodEnds();
    void awaitedByIsTheTreeUpsideDown();
    void aFailureKeepsItsErrorAndACancelWhoAskedIt();

private:
    static JournalEvent event(JournalEvent::Kind kind, int task, int other = 0, const QString &text = QString(),
                              const QString &state = QString())
    {
        JournalEvent made;
        made.kind = kind;
        made.task = task;
        made.other = other;
        made.text = text;
        made.state = state;
        return made;
    }
};

using Kind = JournalEvent::Kind;
using State = KitchenSnapshot::Task::State;

void TestKitchenSnapshot::aTaskGoesFromMadeToFinished()
{
    KitchenSnapshot kitchen;
    kitchen.apply(event(Kind::TaskMade, 2, 0, QStringLiteral("bake")));
    QCOMPARE(kitchen.task(2)->state, State::Ready);
    QCOMPARE(kitchen.task(2)->name(), QStringLiteral("Task-2 (bake)"));
    kitchen.apply(event(Kind::TaskResumed, 2));
    QCOMPARE(kitchen.task(2)->state, State::Running);
    JournalEvent sleeps = event(Kind::TaskSleeps, 2);
    sleeps.timeNs = 10;
    sleeps.wakeNs = 110;
    kitchen.apply(sleeps);
    QCOMPARE(kitchen.task(2)->state, State::Sleeping);
    QCOMPARE(kitchen.task(2)->wakeNs, qint64(110));
    // A sleep of 0 is ready at once.
    sleeps.wakeNs = 10;
    kitchen.apply(sleeps);
    QCOMPARE(kitchen.task(2)->state, State::Ready);
    QCOMPARE(kitchen.pendingTasks(), std::vector<int>{2});
    kitchen.apply(event(Kind::TaskFinished, 2));
    QCOMPARE(kitchen.task(2)->state, State::Finished);
    QVERIFY(kitchen.pendingTasks().empty());
    QCOMPARE(kitchen.task(3), nullptr);
    // The threaded twin's tasks are threads, named as threading names them.
    kitchen.apply(event(Kind::TaskMade, 3, 1, QStringLiteral("cool")));
    QCOMPARE(kitchen.task(3)->name(), QStringLiteral("Thread-3 (cool)"));
    kitchen.apply(event(Kind::TaskWaitsIn, 0, 0, QStringLiteral("wait_for")));
    QCOMPARE(kitchen.task(0)->name(), QStringLiteral("the module"));
}

void TestKitchenSnapshot::aLocksHoldersAndWaitersFollowItsUse()
{
    KitchenSnapshot kitchen;
    kitchen.apply(event(Kind::ResourceMade, 0, 1, QStringLiteral("Lock"), QStringLiteral("unlocked")));
    kitchen.apply(event(Kind::ResourceUsed, 2, 1, QStringLiteral("Lock.acquire"), QStringLiteral("locked")));
    kitchen.apply(event(Kind::TaskWaitsIn, 3, 1, QStringLiteral("Lock.acquire")));
    kitchen.apply(event(Kind::TaskWaitsIn, 4, 1, QStringLiteral("Lock.acquire")));
    const KitchenSnapshot::Resource *lock = kitchen.resource(1);
    QCOMPARE(lock->name(), QStringLiteral("Lock 1"));
    QCOMPARE(lock->state, QStringLiteral("locked"));
    QCOMPARE(lock->holders, std::vector<int>{2});
    QCOMPARE(lock->waiters, (std::vector<int>{3, 4}));
    QCOMPARE(kitchen.task(3)->state, State::InResource);
    QCOMPARE(kitchen.task(3)->waitsIn, QStringLiteral("Lock.acquire"));
    kitchen.apply(event(Kind::ResourceUsed, 2, 1, QStringLiteral("Lock.release"), QStringLiteral("unlocked")));
    QVERIFY(kitchen.resource(1)->holders.empty());
    kitchen.apply(event(Kind::TaskWoken, 3, 2));
    QCOMPARE(kitchen.task(3)->state, State::Ready);
    QCOMPARE(kitchen.resource(1)->waiters, (std::vector<int>{3, 4}));
    // The woken waiter leaves the queue as it runs, and holds the lock as its acquire ends.
    kitchen.apply(event(Kind::TaskResumed, 3));
    QCOMPARE(kitchen.resource(1)->waiters, std::vector<int>{4});
    QCOMPARE(kitchen.task(3)->resource, 0);
    kitchen.apply(event(Kind::ResourceUsed, 3, 1, QStringLiteral("Lock.acquire"), QStringLiteral("locked")));
    QCOMPARE(kitchen.resource(1)->holders, std::vector<int>{3});
    // A task cancelled while it waits leaves the queue too.
    kitchen.apply(event(Kind::TaskCancelled, 4));
    QVERIFY(kitchen.resource(1)->waiters.empty());
    // Another task may release it: the oldest hold goes.
    kitchen.apply(event(Kind::ResourceUsed, 5, 1, QStringLiteral("Lock.release"), QStringLiteral("unlocked")));
    QVERIFY(kitchen.resource(1)->holders.empty());
}

void TestKitchenSnapshot::aThreadLeavesTheWaitersAsItsMethodEnds()
{
    // Threads are never told resumed: the end of the method they blocked in takes them out of its queue.
    KitchenSnapshot kitchen;
    kitchen.apply(event(Kind::ResourceMade, 0, 1, QStringLiteral("Queue"), QStringLiteral("0 items")));
    kitchen.apply(event(Kind::TaskWaitsIn, 1, 1, QStringLiteral("Queue.get")));
    kitchen.apply(event(Kind::ResourceUsed, 2, 1, QStringLiteral("Queue.put"), QStringLiteral("1 item")));
    QCOMPARE(kitchen.resource(1)->waiters, std::vector<int>{1});
    kitchen.apply(event(Kind::ResourceUsed, 1, 1, QStringLiteral("Queue.get"), QStringLiteral("0 items")));
    QVERIFY(kitchen.resource(1)->waiters.empty());
    QCOMPARE(kitchen.resource(1)->state, QStringLiteral("0 items"));
    QVERIFY(kitchen.resource(1)->holders.empty());
}

void TestKitchenSnapshot::awaitedByIsTheTreeUpsideDown()
{
    KitchenSnapshot kitchen;
    JournalEvent awaits = event(Kind::TaskAwaits, 1);
    awaits.tasks = {2, 3};
    kitchen.apply(awaits);
    awaits.task = 2;
    awaits.tasks = {3};
    kitchen.apply(awaits);
    QCOMPARE(kitchen.task(1)->state, State::AwaitsTasks);
    QCOMPARE(kitchen.awaitedBy(3), (std::vector<int>{1, 2}));
    QCOMPARE(kitchen.awaitedBy(2), std::vector<int>{1});
    QVERIFY(kitchen.awaitedBy(1).empty());
    // Running again, it awaits nothing.
    kitchen.apply(event(Kind::TaskResumed, 1));
    QCOMPARE(kitchen.awaitedBy(3), std::vector<int>{2});
}

void TestKitchenSnapshot::aFailureKeepsItsErrorAndACancelWhoAskedIt()
{
    KitchenSnapshot kitchen;
    kitchen.apply(event(Kind::TaskFailed, 2, 0, QStringLiteral("ValueError: burnt")));
    JournalEvent finished = event(Kind::TaskFinished, 2, 1);
    kitchen.apply(finished);
    QCOMPARE(kitchen.task(2)->state, State::Failed);
    QCOMPARE(kitchen.task(2)->error, QStringLiteral("ValueError: burnt"));
    QCOMPARE(kitchen.task(3), nullptr);
    kitchen.apply(event(Kind::CancelAsked, 3, 1));
    QCOMPARE(kitchen.task(3)->cancelAskedBy, 1);
    QCOMPARE(kitchen.task(2)->cancelAskedBy, -1);
}

QTEST_GUILESS_MAIN(TestKitchenSnapshot)
#include "tst_kitchensnapshot.moc"
