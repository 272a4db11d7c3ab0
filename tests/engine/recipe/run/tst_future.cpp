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
    void aTaskTakesItsFrameIntoItsOwnBlock();
    void releaseHeldTakesTheValuesOfATasksOwnFrame();
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

namespace {
/// A function's code with one local and room for one value on its stack.
recipe::CodeObject oneLocal()
{
    recipe::CodeObject code;
    code.name = QStringLiteral("bake");
    code.localNames = {QStringLiteral("x")};
    code.maxStackDepth = 1;
    return code;
}
} // namespace

void TestFuture::aTaskTakesItsFrameIntoItsOwnBlock()
{
    EventLoop loop;
    const recipe::CodeObject code = oneLocal();
    auto frame = recipe::Frame::make(&code);
    frame->values[0] = Value::list({Value(1)});
    frame->pc = 3;
    const Value list = frame->values[0];
    const FuturePtr task = Future::task(&loop, std::move(frame), 12);
    QVERIFY(task->isTask());
    QCOMPARE(task->number(), 12);
    QCOMPARE(task->code(), &code);
    QVERIFY(task->frames.bottomIsInPlace());
    // In the task's block, right after it.
    QCOMPARE(static_cast<void *>(task->frames.back()), static_cast<void *>(task.get() + 1));
    QCOMPARE(task->frames.back()->pc, 3);
    QCOMPARE(list.asList()->refCount(), 2L);
    task->frames.pop_back();
    QCOMPARE(list.asList()->refCount(), 1L);
    // A task of asyncio.sleep alone has no frame to take.
    const FuturePtr sleeper = Future::task(&loop, nullptr, 13);
    QVERIFY(sleeper->isTask() && sleeper->frames.empty());
    QCOMPARE(sleeper->number(), 13);
}

void TestFuture::releaseHeldTakesTheValuesOfATasksOwnFrame()
{
    EventLoop loop;
    const recipe::CodeObject code = oneLocal();
    FuturePtr task = Future::task(&loop, recipe::Frame::make(&code), 1);
    // The task's own frame holds the task: a cycle only releaseHeld() breaks.
    task->frames.back()->values[0] = Value(Value::Data(task));
    Future *raw = task.get();
    task = nullptr;
    QCOMPARE(raw->refCount(), 1L);
    Future::Held held = raw->releaseHeld();
    QVERIFY(raw->frames.empty());
    QCOMPARE(held.inPlaceValues.size(), std::size_t(1));
    // Dropping what was held frees the task, whose block held the frame: nothing held may point into it.
    held = Future::Held();
}

QTEST_GUILESS_MAIN(TestFuture)
#include "tst_future.moc"
