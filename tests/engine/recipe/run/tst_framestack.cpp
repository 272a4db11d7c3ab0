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
};

namespace {
std::unique_ptr<Frame> frameAt(int pc)
{
    auto frame = Frame::make(nullptr);
    frame->pc = pc;
    return frame;
}
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

QTEST_GUILESS_MAIN(TestFrameStack)
#include "tst_framestack.moc"
