// SPDX-License-Identifier: MIT
#include "framevalues.h"

#include <QTest>

#include <new>

using recipe::FrameValues;
using recipe::Value;

/**
 * FrameValues: a frame's locals and operand stack in room the frame was
 * made with. It must act as the vector it replaced (push, pop, back, index,
 * shrink), keep every value it holds alive and let each go exactly once,
 * and, should a stack outgrow its room, move its values to a block of its
 * own without losing or freeing any.
 */
class TestFrameValues : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void itActsAsAStack();
    void resizingAddsNoneAndDropsFromTheTop();
    void outgrowingTheRoomKeepsEveryValue();
    void everyValueIsLetGoOnce();
};

namespace {
/// Room for @p N values, as a frame's block has after the frame (on the heap, as that block is).
template<std::size_t N>
struct Room {
    Room() = default;
    Room(const Room &) = delete;
    Room &operator=(const Room &) = delete;
    ~Room() { ::operator delete(bytes); }
    void *bytes = ::operator new(N * sizeof(Value));
    Value *values() { return static_cast<Value *>(bytes); }
};
} // namespace

void TestFrameValues::itActsAsAStack()
{
    Room<3> room;
    FrameValues values(room.values(), 3);
    QVERIFY(values.empty());
    values.push_back(Value(1));
    values.push_back(Value(QStringLiteral("two")));
    QCOMPARE(values.size(), std::size_t(2));
    QCOMPARE(values.back().asStr(), QStringLiteral("two"));
    QCOMPARE(values[0].asInt(), 1);
    QCOMPARE(values.end() - values.begin(), 2);
    values.pop_back();
    QCOMPARE(values.back().asInt(), 1);
    QCOMPARE(values.capacity(), std::size_t(3));
}

void TestFrameValues::resizingAddsNoneAndDropsFromTheTop()
{
    Room<4> room;
    FrameValues values(room.values(), 4);
    values.resize(2);
    QVERIFY(values[0].isNone() && values[1].isNone());
    values.push_back(Value(3));
    values.push_back(Value(4));
    values.resize(3);
    QCOMPARE(values.size(), std::size_t(3));
    QCOMPARE(values.back().asInt(), 3);
}

void TestFrameValues::outgrowingTheRoomKeepsEveryValue()
{
    Room<2> room;
    FrameValues values(room.values(), 2);
    for (int i = 0; i < 100; ++i)
        values.push_back(Value(i));
    QCOMPARE(values.size(), std::size_t(100));
    QVERIFY(values.capacity() >= 100);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(values[std::size_t(i)].asInt(), i);
}

void TestFrameValues::everyValueIsLetGoOnce()
{
    const Value text(QStringLiteral("held"));
    // A str's box counts its holders: the test's own value and the copies in the frame.
    const auto &box = std::get<Value::StrPtr>(text.data());
    {
        Room<2> room;
        FrameValues values(room.values(), 2);
        for (int i = 0; i < 10; ++i)
            values.push_back(text); // outgrows the room on the way
        QCOMPARE(box.use_count(), 11);
        values.resize(4);
        QCOMPARE(box.use_count(), 5);
    }
    QCOMPARE(box.use_count(), 1);
}

QTEST_APPLESS_MAIN(TestFrameValues)
#include "tst_framevalues.moc"
