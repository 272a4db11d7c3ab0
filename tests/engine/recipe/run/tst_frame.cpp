// SPDX-License-Identifier: MIT
#include "frame.h"

#include <QTest>

using recipe::CodeObject;
using recipe::Frame;
using recipe::Value;

/**
 * Frame: a call's place, locals and stack in one block. make() must give
 * the locals (unbound, None) and room above them for the deepest stack the
 * compiler found; copyOf() must give an independent frame at the same place
 * with the same values and the same locals bound, beyond the first 64 too.
 */
class TestFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aFrameHasItsLocalsAndRoomForItsStack();
    void aFrameWithoutCodeIsEmpty();
    void aCopyIsAtTheSamePlaceWithTheSameValues();
    void aFrameMovedIntoABlockTakesItsValuesAndPlace();
};

namespace {
CodeObject codeWith(int locals, int maxStackDepth)
{
    CodeObject code;
    for (int i = 0; i < locals; ++i)
        code.localNames.push_back(QStringLiteral("x%1").arg(i));
    code.maxStackDepth = maxStackDepth;
    return code;
}
} // namespace

void TestFrame::aFrameHasItsLocalsAndRoomForItsStack()
{
    const CodeObject code = codeWith(2, 3);
    const auto frame = Frame::make(&code);
    QCOMPARE(frame->values.size(), std::size_t(2));
    QCOMPARE(frame->values.capacity(), std::size_t(5));
    QVERIFY(frame->values[0].isNone());
    QVERIFY(!frame->isBound(0) && !frame->isBound(1));
    frame->bind(1);
    QVERIFY(!frame->isBound(0) && frame->isBound(1));
    QCOMPARE(frame->pc, 0);
}

void TestFrame::aFrameWithoutCodeIsEmpty()
{
    const auto frame = Frame::make(nullptr);
    QVERIFY(frame->values.empty());
    QCOMPARE(frame->values.capacity(), std::size_t(0));
    frame->values.push_back(Value(1)); // past its room, into a block of its own
    QCOMPARE(frame->values.back().asInt(), 1);
}

void TestFrame::aCopyIsAtTheSamePlaceWithTheSameValues()
{
    const CodeObject code = codeWith(70, 2);
    const auto frame = Frame::make(&code);
    frame->values[3] = Value(QStringLiteral("three"));
    frame->bind(3);
    frame->bind(69);
    frame->values.push_back(Value(7));
    frame->pc = 5;
    const auto copy = Frame::copyOf(*frame);
    QCOMPARE(copy->pc, 5);
    QCOMPARE(copy->values.size(), std::size_t(71));
    QCOMPARE(copy->values[3].asStr(), QStringLiteral("three"));
    QCOMPARE(copy->values.back().asInt(), 7);
    QVERIFY(copy->isBound(3) && copy->isBound(69) && !copy->isBound(68));
    // Independent: changing the original leaves the copy.
    frame->values.pop_back();
    frame->bind(68);
    QCOMPARE(copy->values.size(), std::size_t(71));
    QVERIFY(!copy->isBound(68));
}

void TestFrame::aFrameMovedIntoABlockTakesItsValuesAndPlace()
{
    const CodeObject code = codeWith(70, 2);
    const auto frame = Frame::make(&code);
    const auto list = Value::list({Value(1)});
    frame->values[3] = list;
    frame->bind(3);
    frame->bind(69);
    frame->values.push_back(Value(7));
    frame->pc = 5;
    QCOMPARE(Frame::blockBytes(&code), sizeof(Frame) + 72 * sizeof(Value) + sizeof(std::uint64_t));
    // A block as a task keeps one: the frame's room must fit in what blockBytes() says, as ASan would tell.
    auto *block = static_cast<std::uint64_t *>(::operator new(Frame::blockBytes(&code)));
    Frame *moved = Frame::moveInto(block, *frame);
    QCOMPARE(static_cast<void *>(moved), static_cast<void *>(block));
    QCOMPARE(moved->pc, 5);
    QCOMPARE(moved->values.size(), std::size_t(71));
    QCOMPARE(moved->values.capacity(), std::size_t(72));
    QCOMPARE(moved->values.back().asInt(), 7);
    QVERIFY(moved->isBound(3) && moved->isBound(69) && !moved->isBound(68));
    // Moved, not copied: the list is held by the moved frame alone besides this test.
    QCOMPARE(moved->values[3].asList()->refCount(), 2L);
    frame->values.clear();
    moved->values.push_back(Value(8)); // its room's last value
    QCOMPARE(moved->values.size(), std::size_t(72));
    moved->~Frame();
    ::operator delete(block);
}

QTEST_APPLESS_MAIN(TestFrame)
#include "tst_frame.moc"
