// SPDX-License-Identifier: MIT
#include "future.h"

#include <QTest>

using recipe::EventLoop;
using recipe::Future;
using recipe::FuturePtr;
using recipe::RecipeError;
using recipe::Value;

/**
 * Future: asyncio's Future, and the body of every task. Its done callbacks
 * run through the loop, an iteration after it is done and in the order they
 * were added, however many there are (the first is kept apart from the
 * others, which share a block with the rarer errors); an error asked for is
 * retrieved; an error to resume with is raised once; a cancelled future ends
 * with CancelledError and calls nobody back; releaseHeld() gives up every
 * callback so a cycle through them can be broken.
 */
class TestFuture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void doneCallbacksRunOnTheLoopInTheOrderAdded();
    void aCallbackAddedOnceDoneRunsOnTheNextIteration();
    void anErrorIsRetrievedOnlyWhenAskedFor();
    void aResumeErrorIsTakenOnce();
    void aCancelledFutureCallsNobodyBack();
    void releaseHeldGivesUpEveryCallback();
};

namespace {
RecipeError valueError()
{
    return {QStringLiteral("ValueError"), QStringLiteral("no"), 4, QStringLiteral("f")};
}
} // namespace

void TestFuture::doneCallbacksRunOnTheLoopInTheOrderAdded()
{
    EventLoop loop;
    const auto future = FuturePtr::make(&loop);
    std::vector<int> ran;
    for (int callback = 0; callback < 4; ++callback)
        future->addDoneCallback([&ran, callback] { ran.push_back(callback); });
    future->setResult(Value(7));
    QVERIFY(future->isDone());
    QCOMPARE(future->result().asInt(), 7);
    QVERIFY(ran.empty()); // never inline
    QCOMPARE(loop.runOnce(0), 4);
    QCOMPARE(ran, std::vector<int>({0, 1, 2, 3}));
    // Done once: a second result changes nothing and calls nobody again.
    future->setResult(Value(8));
    QCOMPARE(future->result().asInt(), 7);
    QCOMPARE(loop.runOnce(0), 0);
}

void TestFuture::aCallbackAddedOnceDoneRunsOnTheNextIteration()
{
    EventLoop loop;
    const auto future = FuturePtr::make(&loop);
    future->setResult(Value());
    bool ran = false;
    future->addDoneCallback([&ran] { ran = true; });
    QVERIFY(!ran);
    QCOMPARE(loop.runOnce(0), 1);
    QVERIFY(ran);
}

void TestFuture::anErrorIsRetrievedOnlyWhenAskedFor()
{
    EventLoop loop;
    const auto future = FuturePtr::make(&loop);
    QVERIFY(!future->errorToLog());
    future->setError(valueError());
    QVERIFY(future->hasUnretrievedError());
    QCOMPARE(future->errorToLog()->type, QStringLiteral("ValueError"));
    QVERIFY(future->hasUnretrievedError()); // the log's look does not retrieve it
    QCOMPARE(future->error()->message, QStringLiteral("no"));
    QVERIFY(!future->hasUnretrievedError());
}

void TestFuture::aResumeErrorIsTakenOnce()
{
    EventLoop loop;
    const auto task = FuturePtr::make(&loop);
    QVERIFY(!task->takeResumeError());
    task->setResumeError(valueError());
    const std::optional<RecipeError> taken = task->takeResumeError();
    QVERIFY(taken);
    QCOMPARE(taken->line, 4);
    QVERIFY(!task->takeResumeError());
    QVERIFY(!task->isDone()); // resuming with an error is not ending with it
}

void TestFuture::aCancelledFutureCallsNobodyBack()
{
    EventLoop loop;
    const auto future = FuturePtr::make(&loop);
    int ran = 0;
    future->addDoneCallback([&ran] { ++ran; });
    future->addDoneCallback([&ran] { ++ran; });
    future->cancel();
    QVERIFY(future->isDone());
    QVERIFY(future->isCancelled());
    QCOMPARE(future->errorToLog()->type, QStringLiteral("asyncio.exceptions.CancelledError"));
    QCOMPARE(loop.runOnce(0), 0);
    QCOMPARE(ran, 0);
}

void TestFuture::releaseHeldGivesUpEveryCallback()
{
    EventLoop loop;
    const auto future = FuturePtr::make(&loop);
    // Each callback holds the future itself: the cycle releaseHeld() is there to break.
    for (int callback = 0; callback < 3; ++callback)
        future->addDoneCallback([held = future] { Q_UNUSED(held) });
    QCOMPARE(future->refCount(), 4L);
    {
        Future::Held held = future->releaseHeld();
        QCOMPARE(held.callbacks.size(), std::size_t(3));
    }
    QCOMPARE(future->refCount(), 1L);
    future->setResult(Value());
    QCOMPARE(loop.runOnce(0), 0);
}

QTEST_GUILESS_MAIN(TestFuture)
#include "tst_future.moc"
