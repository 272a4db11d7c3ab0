// SPDX-License-Identifier: MIT
#include "loopcallback.h"
#include "ref.h"

#include <QTest>

#include <array>
#include <memory>
#include <vector>

using recipe::LoopCallback;

/**
 * LoopCallback: the event loop's callable. It must run what it was given
 * exactly once per call, keep what the callable captured alive while it
 * lives, and let it go exactly once, however often it is moved: the loop
 * moves every callback from a timer to the ready queue and out again.
 */
class TestLoopCallback : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anEmptyCallbackSaysSo();
    void aSmallCaptureRunsAndIsFreedOnce();
    void aLargeCaptureRunsFromTheHeapAndIsFreedOnce();
    void theInterpretersCapturesOfRefsStayInline();
    void movingLeavesTheSourceEmpty();
    void assigningOverACallbackFreesWhatItHeld();
    void aVectorOfCallbacksSurvivesGrowth();
};

void TestLoopCallback::anEmptyCallbackSaysSo()
{
    LoopCallback callback;
    QVERIFY(!callback);
    callback = [] {};
    QVERIFY(bool(callback));
}

void TestLoopCallback::aSmallCaptureRunsAndIsFreedOnce()
{
    auto held = std::make_shared<int>(0);
    {
        // `this` and two smart pointers: the interpreter's largest capture, kept inside the object.
        LoopCallback callback([self = this, held, other = std::weak_ptr<int>(held)] {
            Q_UNUSED(self);
            if (auto alive = other.lock())
                ++*alive;
        });
        QCOMPARE(held.use_count(), 2);
        callback();
        callback();
        QCOMPARE(*held, 2);
    }
    QCOMPARE(held.use_count(), 1);
}

void TestLoopCallback::theInterpretersCapturesOfRefsStayInline()
{
    // A lambda that captures a const Ref (a Ref held as const, copied into the capture) is moved by copying it:
    // it stays inline only if that copy cannot throw. It went to the heap, one block a gathered cake, until Ref's
    // copy said noexcept.
    struct Counted : recipe::RefCounted {
    };
    const auto held = recipe::Ref<Counted>::make();
    const auto awaiting = [self = this, held, other = held] { Q_UNUSED(self) };
    const auto gathered = [held, index = std::uint32_t(1)] { Q_UNUSED(index) };
    QVERIFY(LoopCallback::fitsInline<std::decay_t<decltype(awaiting)>>());
    QVERIFY(LoopCallback::fitsInline<std::decay_t<decltype(gathered)>>());
    using TooLarge = std::array<char, LoopCallback::inlineBytes + 1>;
    QVERIFY(!LoopCallback::fitsInline<TooLarge>());
    LoopCallback callback(awaiting);
    QCOMPARE(held->refCount(), 6L); // held, two in awaiting, one in gathered, and the callback's two copies
}

void TestLoopCallback::aLargeCaptureRunsFromTheHeapAndIsFreedOnce()
{
    auto held = std::make_shared<int>(0);
    std::array<char, 3 * LoopCallback::inlineBytes> bulk{};
    bulk[0] = 7;
    {
        LoopCallback callback([held, bulk] { *held += bulk[0]; });
        LoopCallback moved(std::move(callback));
        QCOMPARE(held.use_count(), 2);
        moved();
        QCOMPARE(*held, 7);
    }
    QCOMPARE(held.use_count(), 1);
}

void TestLoopCallback::movingLeavesTheSourceEmpty()
{
    auto held = std::make_shared<int>(0);
    LoopCallback first([held] { ++*held; });
    LoopCallback second(std::move(first));
    QVERIFY(!first); // NOLINT(bugprone-use-after-move): what a move leaves behind is part of the contract
    QVERIFY(bool(second));
    QCOMPARE(held.use_count(), 2);
    LoopCallback third;
    third = std::move(second);
    QVERIFY(!second); // NOLINT(bugprone-use-after-move)
    third();
    QCOMPARE(*held, 1);
    QCOMPARE(held.use_count(), 2);
}

void TestLoopCallback::assigningOverACallbackFreesWhatItHeld()
{
    auto first = std::make_shared<int>(0);
    auto second = std::make_shared<int>(0);
    LoopCallback callback([first] { ++*first; });
    callback = [second] { ++*second; };
    QCOMPARE(first.use_count(), 1);
    QCOMPARE(second.use_count(), 2);
    callback();
    QCOMPARE(*first, 0);
    QCOMPARE(*second, 1);
}

void TestLoopCallback::aVectorOfCallbacksSurvivesGrowth()
{
    auto held = std::make_shared<int>(0);
    std::vector<LoopCallback> callbacks;
    for (int i = 0; i < 100; ++i)
        callbacks.emplace_back([held, i] { *held += i; });
    QCOMPARE(held.use_count(), 101);
    for (LoopCallback &callback : callbacks)
        callback();
    QCOMPARE(*held, 4950);
    callbacks.clear();
    QCOMPARE(held.use_count(), 1);
}

QTEST_GUILESS_MAIN(TestLoopCallback)
#include "tst_loopcallback.moc"
