// SPDX-License-Identifier: MIT
#include "ref.h"

#include <QString>
#include <QTest>

#include <utility>
#include <vector>

using recipe::BoxRef;
using recipe::Ref;
using recipe::RefCounted;

namespace {
/// Counts how many of its kind are alive, so a test sees each freed exactly once.
class Counted : public RefCounted
{
public:
    explicit Counted(int value)
        : value(value)
    {
        ++alive;
    }
    ~Counted() override { --alive; }
    int value;
    static inline int alive = 0;
};
} // namespace

/**
 * Ref: the one-word shared pointer of a recipe's objects. It must free an
 * object exactly when its last Ref goes, never before, however the Refs are
 * copied, moved, assigned and remade from the bare pointer; and an object
 * held by retain() alone (the interpreter's module future, which is no heap
 * object) must never be freed by its Refs.
 */
class TestRef : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { Counted::alive = 0; }
    void aRefIsOneWord();
    void theLastRefFreesTheObject();
    void movingHandsTheHoldOver();
    void assigningLetsGoOfTheOldObject();
    void aRefRemadeFromTheBarePointerSharesTheCount();
    void aRetainedObjectOutlivesItsRefs();
    void aVectorOfRefsSurvivesGrowth();
    void aBoxRefReadsAsThePointerToItsValue();
    void adoptingTakesOverARetainWithoutCounting();
};

void TestRef::aRefIsOneWord()
{
    QCOMPARE(sizeof(Ref<Counted>), sizeof(void *));
    const Ref<Counted> empty;
    QVERIFY(!empty);
    QVERIFY(empty == nullptr);
    QCOMPARE(empty.use_count(), 0);
}

void TestRef::theLastRefFreesTheObject()
{
    {
        const auto first = Ref<Counted>::make(7);
        QCOMPARE(first->value, 7);
        QCOMPARE(Counted::alive, 1);
        {
            const Ref<Counted> second
                = first; // NOLINT(performance-unnecessary-copy-initialization): the copy is tested
            QCOMPARE(first.use_count(), 2);
            QVERIFY(second == first);
        }
        QCOMPARE(Counted::alive, 1);
        QCOMPARE(first.use_count(), 1);
    }
    QCOMPARE(Counted::alive, 0);
}

void TestRef::movingHandsTheHoldOver()
{
    auto first = Ref<Counted>::make(1);
    Ref<Counted> second = std::move(first);
    QVERIFY(!first); // NOLINT(bugprone-use-after-move): a moved-from Ref is empty, as the interpreter relies on
    QCOMPARE(second.use_count(), 1);
    first = std::move(second);
    QCOMPARE(first.use_count(), 1);
    QCOMPARE(Counted::alive, 1);
    first.reset();
    QCOMPARE(Counted::alive, 0);
}

void TestRef::assigningLetsGoOfTheOldObject()
{
    auto held = Ref<Counted>::make(1);
    const auto other = Ref<Counted>::make(2);
    held = other;
    QCOMPARE(Counted::alive, 1);
    QCOMPARE(held->value, 2);
    QCOMPARE(other.use_count(), 2);
    held = held; // self-assignment keeps the object
    QCOMPARE(other.use_count(), 2);
    QCOMPARE(Counted::alive, 1);
}

void TestRef::aRefRemadeFromTheBarePointerSharesTheCount()
{
    Counted *bare = nullptr;
    {
        const auto first = Ref<Counted>::make(3);
        bare = first.get();
        const Ref<Counted> remade(bare);
        QCOMPARE(first.use_count(), 2);
        QVERIFY(remade == first);
    }
    QCOMPARE(Counted::alive, 0);
}

void TestRef::aRetainedObjectOutlivesItsRefs()
{
    auto *held = new Counted(4);
    held->retain();
    {
        const Ref<Counted> ref(held);
        QCOMPARE(ref.use_count(), 2);
    }
    QCOMPARE(held->refCount(), 1);
    QCOMPARE(Counted::alive, 1);
    held->release(); // the retain's own release is the last hold
    QCOMPARE(Counted::alive, 0);
}

void TestRef::aVectorOfRefsSurvivesGrowth()
{
    std::vector<Ref<Counted>> refs;
    const auto shared = Ref<Counted>::make(5);
    for (int i = 0; i < 1000; ++i)
        refs.push_back(i % 2 ? shared : Ref<Counted>::make(i));
    QCOMPARE(Counted::alive, 501);
    QCOMPARE(shared.use_count(), 501);
    refs.erase(refs.begin(), refs.begin() + 500);
    QCOMPARE(Counted::alive, 251);
    refs.clear();
    QCOMPARE(Counted::alive, 1);
    QCOMPARE(shared.use_count(), 1);
}

void TestRef::aBoxRefReadsAsThePointerToItsValue()
{
    const BoxRef<QString> empty;
    QVERIFY(!empty);
    QCOMPARE(empty.get(), nullptr);
    QCOMPARE(sizeof(BoxRef<QString>), sizeof(void *));
    const auto text = BoxRef<QString>::make(QStringLiteral("oven"));
    QCOMPARE(*text, QStringLiteral("oven"));
    QCOMPARE(text->size(), 4);
    const BoxRef<QString> shared = text; // NOLINT(performance-unnecessary-copy-initialization): the copy is tested
    QVERIFY(shared == text);
    QCOMPARE(shared.get(), text.get());
    QCOMPARE(text.use_count(), 2);
    // Equal values in two boxes are two objects.
    QVERIFY(!(BoxRef<QString>::make(QStringLiteral("oven")) == text));
}

void TestRef::adoptingTakesOverARetainWithoutCounting()
{
    auto *held = new Counted(6);
    held->retain(); // as the event loop holds a sleeper it will wake
    {
        const Ref<Counted> adopted = Ref<Counted>::adopt(held);
        QCOMPARE(adopted.use_count(), 1);
    }
    QCOMPARE(Counted::alive, 0);
}

QTEST_APPLESS_MAIN(TestRef)
#include "tst_ref.moc"
