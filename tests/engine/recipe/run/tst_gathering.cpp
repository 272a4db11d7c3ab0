// SPDX-License-Identifier: MIT
#include "gathering.h"

#include <QTest>

using recipe::EventLoop;
using recipe::Future;
using recipe::FuturePtr;
using recipe::Gathering;
using recipe::RecipeError;
using recipe::Value;

/**
 * Gathering: asyncio.gather's outer future. It must be done only once every
 * child is, with their results in argument order whatever order they end in;
 * with the first error instead when a child fails (the others still run, and
 * none is logged as never retrieved); and with return_exceptions, with each
 * error in its child's place. It hears of each child through the loop, an
 * iteration after the child ends, as in asyncio. It lets go of a child as
 * soon as nothing more is wanted of it, so that a million gathered cakes are
 * freed as they end rather than all at once.
 */
class TestGathering : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resultsComeInArgumentOrder();
    void theFirstErrorEndsIt();
    void returnExceptionsPutsEachErrorInItsPlace();
    void aChildIsLetGoOnceItsPlaceIsKnown();
};

namespace {
FuturePtr futureOn(EventLoop &loop)
{
    return FuturePtr::make(&loop);
}
RecipeError zeroDivision()
{
    return {QStringLiteral("ZeroDivisionError"), QStringLiteral("division by zero"), 3, QStringLiteral("f")};
}
} // namespace

void TestGathering::resultsComeInArgumentOrder()
{
    EventLoop loop;
    const FuturePtr first = futureOn(loop);
    const FuturePtr second = futureOn(loop);
    const FuturePtr outer = Gathering::over({first, second}, false, loop);
    second->setResult(Value(2));
    loop.runOnce(0);
    QVERIFY(!outer->isDone());
    first->setResult(Value(QStringLiteral("one")));
    QVERIFY(!outer->isDone()); // it hears of the child through the loop
    loop.runOnce(0);
    QVERIFY(outer->isDone());
    QCOMPARE(outer->result().repr(), QStringLiteral("['one', 2]"));
}

void TestGathering::theFirstErrorEndsIt()
{
    EventLoop loop;
    const FuturePtr failing = futureOn(loop);
    const FuturePtr slow = futureOn(loop);
    const FuturePtr outer = Gathering::over({slow, failing}, false, loop);
    failing->setError(zeroDivision());
    loop.runOnce(0);
    QVERIFY(outer->isDone());
    QCOMPARE(outer->errorToLog()->text(), QStringLiteral("ZeroDivisionError: division by zero"));
    QVERIFY(!failing->hasUnretrievedError());
    QVERIFY(!slow->isDone()); // the other child goes on
    slow->setResult(Value(1));
    loop.runOnce(0);
    QCOMPARE(outer->errorToLog()->text(), QStringLiteral("ZeroDivisionError: division by zero"));
}

void TestGathering::returnExceptionsPutsEachErrorInItsPlace()
{
    EventLoop loop;
    const FuturePtr failing = futureOn(loop);
    const FuturePtr fine = futureOn(loop);
    const FuturePtr outer = Gathering::over({failing, fine}, true, loop);
    failing->setError(zeroDivision());
    fine->setResult(Value(5));
    loop.runOnce(0);
    QVERIFY(outer->isDone());
    QVERIFY(!outer->errorToLog());
    QCOMPARE(outer->result().repr(), QStringLiteral("[ZeroDivisionError('division by zero'), 5]"));
    QVERIFY(!failing->hasUnretrievedError());
}

void TestGathering::aChildIsLetGoOnceItsPlaceIsKnown()
{
    EventLoop loop;
    const FuturePtr none = futureOn(loop);
    const FuturePtr five = futureOn(loop);
    const FuturePtr pending = futureOn(loop);
    const FuturePtr outer = Gathering::over({none, five, pending}, false, loop);
    const long heldByTestAndGathering = none->refCount();
    QCOMPARE(five->refCount(), heldByTestAndGathering);
    none->setResult(Value());
    five->setResult(Value(5));
    loop.runOnce(0);
    // None is what an empty place stands for: that child is let go; the one whose result is still wanted is kept.
    QCOMPARE(none->refCount(), heldByTestAndGathering - 1);
    QCOMPARE(five->refCount(), heldByTestAndGathering);
    pending->setResult(Value());
    loop.runOnce(0);
    QVERIFY(outer->isDone());
    QCOMPARE(outer->result().repr(), QStringLiteral("[None, 5, None]"));
    // Done, the gathering wants nothing more of any child.
    for (const FuturePtr *child : {&none, &five, &pending})
        QCOMPARE((*child)->refCount(), heldByTestAndGathering - 1);
}

QTEST_GUILESS_MAIN(TestGathering)
#include "tst_gathering.moc"
