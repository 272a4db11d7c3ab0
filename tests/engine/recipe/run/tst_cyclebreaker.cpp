// SPDX-License-Identifier: MIT
#include "cyclebreaker.h"

#include "eventloop.h"
#include "future.h"
#include "value.h"

#include <QTest>

#include <memory>

using recipe::CycleBreaker;
using recipe::EventLoop;
using recipe::FuturePtr;
using recipe::ListObject;
using recipe::Ref;
using recipe::Value;

/**
 * CycleBreaker: frees what only a cycle keeps alive once a recipe ends. It
 * must take in every list and future made while it is active (and none
 * made while it is not), empty them all on breakAll() so a cycle lets go,
 * and survive its members coming and going in any order: a member freed
 * before it, and one that outlives it, must leave its roll without touching
 * freed memory (the ASan build runs this test).
 */
class TestCycleBreaker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aListHoldingItselfLetsGo();
    void aFutureWhoseCallbackHoldsItLetsGo();
    void membersComeAndGoInAnyOrder();
    void onlyWhatIsMadeWhileActiveJoins();
};

void TestCycleBreaker::aListHoldingItselfLetsGo()
{
    CycleBreaker breaker;
    Ref<ListObject> list;
    {
        const CycleBreaker::Active active(&breaker);
        list = Ref<ListObject>::make();
    }
    list->items.push_back(Value(Value::Data(list)));
    QCOMPARE(list.use_count(), 2);
    breaker.breakAll();
    QCOMPARE(list.use_count(), 1);
    QVERIFY(list->items.empty());
}

void TestCycleBreaker::aFutureWhoseCallbackHoldsItLetsGo()
{
    EventLoop loop;
    CycleBreaker breaker;
    FuturePtr future;
    {
        const CycleBreaker::Active active(&breaker);
        future = FuturePtr::make(&loop);
    }
    future->addDoneCallback([held = future] { Q_UNUSED(held) });
    QCOMPARE(future.use_count(), 2);
    breaker.breakAll();
    QCOMPARE(future.use_count(), 1);
}

void TestCycleBreaker::membersComeAndGoInAnyOrder()
{
    EventLoop loop;
    Ref<ListObject> outliving;
    {
        CycleBreaker breaker;
        const CycleBreaker::Active active(&breaker);
        auto first = Ref<ListObject>::make();
        auto middle = FuturePtr::make(&loop);
        auto last = Ref<ListObject>::make();
        outliving = Ref<ListObject>::make();
        middle.reset(); // leaves from the middle of the roll
        first.reset(); // and from its end
        breaker.breakAll();
        last.reset();
    }
    // The breaker is gone: the list that outlived it leaves no roll as it goes.
    outliving->items.push_back(Value(1));
    outliving.reset();
    QVERIFY(!outliving);
}

void TestCycleBreaker::onlyWhatIsMadeWhileActiveJoins()
{
    CycleBreaker breaker;
    const auto outside = Ref<ListObject>::make();
    outside->items.push_back(Value(Value::Data(outside)));
    breaker.breakAll();
    QCOMPARE(outside.use_count(), 2); // not in the roll: its cycle stays
    outside->items.clear();
    QVERIFY(!CycleBreaker::current());
    {
        const CycleBreaker::Active active(&breaker);
        QCOMPARE(CycleBreaker::current(), &breaker);
        {
            CycleBreaker inner;
            const CycleBreaker::Active nested(&inner);
            QCOMPARE(CycleBreaker::current(), &inner);
        }
        QCOMPARE(CycleBreaker::current(), &breaker);
    }
    QVERIFY(!CycleBreaker::current());
}

QTEST_GUILESS_MAIN(TestCycleBreaker)
#include "tst_cyclebreaker.moc"
