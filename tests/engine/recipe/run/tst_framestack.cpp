// SPDX-License-Identifier: MIT
#include "framestack.h"

#include <QTest>

using namespace recipe;

/**
 * FrameStack: a task's frames, the first kept without an allocation. It
 * must behave as the vector it replaced: the last pushed is the running
 * one, popping uncovers the one below, and clearing empties it.
 */
class TestFrameStack : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anEmptyStackSaysSo();
    void theLastPushedRunsAndPoppingUncoversTheOneBelow();
    void clearingEmptiesEveryLevel();
    void movingTakesEveryFrame();
    void aBottomInPlaceIsEndedNeverFreed();
    void takingAllLeavesABottomInPlaceBehindWithoutItsValues();
};

namespace {
std::unique_ptr<Frame> frameAt(int pc)
{
    auto frame = Frame::make(nullptr);
    frame->pc = pc;
    return frame;
}

/// A block that keeps a frame in place, as a task does, and says whether the frame in it has been ended.
struct BlockWithAFrame {
    BlockWithAFrame()
    {
        code.localNames = {QStringLiteral("x")};
        code.maxStackDepth = 1;
        auto made = Frame::make(&code);
        made->values[0] = Value::list({Value(1)});
        made->pc = 9;
        frame = Frame::moveInto(room, *made);
    }
    const ListObject &list() const { return *frame->values[0].asList(); }
    CodeObject code;
    alignas(Frame) unsigned char room[sizeof(Frame) + 2 * sizeof(Value)];
    Frame *frame = nullptr;
};
} // namespace

void TestFrameStack::anEmptyStackSaysSo()
{
    FrameStack frames;
    QVERIFY(frames.empty());
    QCOMPARE(frames.size(), std::size_t(0));
}

void TestFrameStack::theLastPushedRunsAndPoppingUncoversTheOneBelow()
{
    FrameStack frames;
    for (int pc = 1; pc <= 3; ++pc) {
        frames.push_back(frameAt(pc));
        QCOMPARE(frames.back()->pc, pc);
        QCOMPARE(frames.size(), std::size_t(pc));
    }
    frames.pop_back();
    QCOMPARE(frames.back()->pc, 2);
    frames.pop_back();
    QCOMPARE(frames.back()->pc, 1);
    frames.push_back(frameAt(4));
    QCOMPARE(frames.back()->pc, 4);
    frames.pop_back();
    frames.pop_back();
    QVERIFY(frames.empty());
}

void TestFrameStack::clearingEmptiesEveryLevel()
{
    FrameStack frames;
    frames.push_back(frameAt(1));
    frames.push_back(frameAt(2));
    frames.clear();
    QVERIFY(frames.empty());
    frames.push_back(frameAt(3));
    QCOMPARE(frames.size(), std::size_t(1));
    QCOMPARE(frames.back()->pc, 3);
}

void TestFrameStack::movingTakesEveryFrame()
{
    FrameStack frames;
    frames.push_back(frameAt(1));
    frames.push_back(frameAt(2));
    FrameStack taken = std::move(frames);
    QCOMPARE(taken.size(), std::size_t(2));
    QCOMPARE(taken.back()->pc, 2);
}

void TestFrameStack::aBottomInPlaceIsEndedNeverFreed()
{
    // The frame lives in an array of this test: freeing it would be a bad free under ASan; not ending it leaks
    // the list it holds, which ASan's leak check tells.
    BlockWithAFrame block;
    FrameStack frames;
    frames.setBottomInPlace(block.frame);
    QVERIFY(frames.bottomIsInPlace());
    frames.push_back(frameAt(2));
    QCOMPARE(frames.back()->pc, 2);
    frames.pop_back();
    QCOMPARE(frames.back(), block.frame);
    QCOMPARE(frames.back()->pc, 9);
    const Value list = block.frame->values[0];
    QCOMPARE(list.asList()->refCount(), 2L);
    frames.pop_back();
    QVERIFY(frames.empty());
    QVERIFY(!frames.bottomIsInPlace());
    QCOMPARE(list.asList()->refCount(), 1L); // ended: its values are gone
}

void TestFrameStack::takingAllLeavesABottomInPlaceBehindWithoutItsValues()
{
    BlockWithAFrame block;
    const Value list = block.frame->values[0];
    FrameStack frames;
    frames.setBottomInPlace(block.frame);
    frames.push_back(frameAt(2));
    frames.push_back(frameAt(3));
    std::vector<Value> values;
    FrameStack taken = frames.takeAll(values);
    QVERIFY(frames.empty());
    // The frames above move over whole, the one that called the other at the bottom; the one in place gives its
    // values.
    QCOMPARE(taken.size(), std::size_t(2));
    QVERIFY(!taken.bottomIsInPlace());
    QCOMPARE(taken.back()->pc, 3);
    taken.pop_back();
    QCOMPARE(taken.back()->pc, 2);
    QCOMPARE(values.size(), std::size_t(1));
    QCOMPARE(list.asList()->refCount(), 2L);
    values.clear();
    QCOMPARE(list.asList()->refCount(), 1L);
    // A stack whose bottom is its own moves whole.
    FrameStack owned;
    owned.push_back(frameAt(4));
    FrameStack takenOwned = owned.takeAll(values);
    QCOMPARE(takenOwned.back()->pc, 4);
    QVERIFY(values.empty());
}

QTEST_GUILESS_MAIN(TestFrameStack)
#include "tst_framestack.moc"
