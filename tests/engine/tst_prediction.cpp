// SPDX-License-Identifier: MIT
#include "enginetestsupport.h"
#include "prediction.h"

#include <QTest>
#include <QVariant>

/**
 * Prediction: the order choices offered for a recipe, each with the exact
 * lines it stands for, and which of them each mode really prints, as
 * ANALOGY.md fixes it (threaded: the lines of one step in either order).
 */
class TestPrediction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void holdsTheGuess();
    void defaultRecipeOffersFourOrders();
    void choiceLinesAreTheReferenceLines_data();
    void choiceLinesAreTheReferenceLines();
    void everyOrderHasEveryLineOnce_data();
    void everyOrderHasEveryLineOnce();
    void edgeRecipesLeaveOutRepeatedOrders_data();
    void edgeRecipesLeaveOutRepeatedOrders();
    void expectedOrderPerMode_data();
    void expectedOrderPerMode();
    void rightOrdersPerMode_data();
    void rightOrdersPerMode();
    void threadedTiesAgreeEitherWay();
    void aPrefixAgreesOnlyWhenAllowed();
    void lineOfAnEntryKnowsItsStep();
};

namespace {
using Order = Prediction::Order;

BakeParameters recipe(int targetTemperature, int mixCount)
{
    BakeParameters parameters;
    parameters.targetTemperature = targetTemperature;
    parameters.mixCount = mixCount;
    return parameters;
}

QStringList texts(const QList<Prediction::Line> &lines)
{
    QStringList result;
    for (const Prediction::Line &line : lines)
        result << line.text();
    return result;
}

QList<Order> ordersOf(const QList<Prediction::Choice> &choices)
{
    QList<Order> orders;
    for (const Prediction::Choice &choice : choices)
        orders << choice.order;
    return orders;
}

const QString oven200 = QStringLiteral("preheat:: temp is now 200");
const QString oven300 = QStringLiteral("preheat:: temp is now 300");
const QString oven400 = QStringLiteral("preheat:: temp is now 400");
const QString oven500 = QStringLiteral("preheat:: temp is now 500");
const QString mix0 = QStringLiteral("mix_ingredients:: mixing things 0");
const QString mix1 = QStringLiteral("mix_ingredients:: mixing things 1");
const QString mix2 = QStringLiteral("mix_ingredients:: mixing things 2");
} // namespace

void TestPrediction::holdsTheGuess()
{
    const Prediction guess(Order::MixingThenOven, 4500);
    QCOMPARE(guess.order(), Order::MixingThenOven);
    QCOMPARE(guess.totalMs(), qint64(4500));
    QCOMPARE(guess, Prediction(Order::MixingThenOven, 4500));
    QVERIFY(guess != Prediction(Order::MixingThenOven, 4000));
    // The window keeps the guess until the bake has been measured; a QVariant can carry it there too.
    QCOMPARE(QVariant::fromValue(guess).value<Prediction>(), guess);
}

void TestPrediction::defaultRecipeOffersFourOrders()
{
    const QList<Prediction::Choice> choices = Prediction::choices(BakeParameters{});
    QCOMPARE(ordersOf(choices), QList<Order>(Prediction::allOrders.cbegin(), Prediction::allOrders.cend()));
    for (const Prediction::Choice &choice : choices) {
        QCOMPARE(choice.title, Prediction::orderTitle(choice.order));
        QCOMPARE(choice.lines.size(), 6);
    }
    QCOMPARE(choices[0].title, QStringLiteral("All oven lines, then all mixing lines"));
    QCOMPARE(choices[1].title, QStringLiteral("Oven and mixing take turns, oven first at each step"));
}

void TestPrediction::choiceLinesAreTheReferenceLines_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("mixes");
    QTest::addColumn<Order>("order");
    QTest::addColumn<QStringList>("lines");

    // The two outputs ANALOGY.md prints, byte for byte.
    QTest::newRow("default, sync's order")
        << 400 << 3 << Order::OvenThenMixing << QStringList{oven200, oven300, oven400, mix0, mix1, mix2};
    QTest::newRow("default, async's order")
        << 400 << 3 << Order::TakingTurnsOvenFirst << QStringList{oven200, mix0, oven300, mix1, oven400, mix2};
    QTest::newRow("default, mixing first at each step")
        << 400 << 3 << Order::TakingTurnsMixingFirst << QStringList{mix0, oven200, mix1, oven300, mix2, oven400};
    QTest::newRow("default, mixing then oven")
        << 400 << 3 << Order::MixingThenOven << QStringList{mix0, mix1, mix2, oven200, oven300, oven400};
    // 475 takes four oven steps and ends at 500; the longer task's last line follows alone.
    QTest::newRow("475, taking turns") << 475 << 3 << Order::TakingTurnsOvenFirst
                                       << QStringList{oven200, mix0, oven300, mix1, oven400, mix2, oven500};
    QTest::newRow("475, mixing first at each step")
        << 475 << 3 << Order::TakingTurnsMixingFirst
        << QStringList{mix0, oven200, mix1, oven300, mix2, oven400, oven500};
    QTest::newRow("475, oven then mixing")
        << 475 << 3 << Order::OvenThenMixing << QStringList{oven200, oven300, oven400, oven500, mix0, mix1, mix2};
    QTest::newRow("one mix, taking turns")
        << 400 << 1 << Order::TakingTurnsOvenFirst << QStringList{oven200, mix0, oven300, oven400};
}

void TestPrediction::choiceLinesAreTheReferenceLines()
{
    QFETCH(int, target);
    QFETCH(int, mixes);
    QFETCH(Order, order);
    QFETCH(QStringList, lines);

    QCOMPARE(texts(Prediction::linesInOrder(order, recipe(target, mixes))), lines);
}

void TestPrediction::everyOrderHasEveryLineOnce_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("mixes");
    QTest::newRow("default") << 400 << 3;
    QTest::newRow("475") << 475 << 3;
    QTest::newRow("long oven") << 1000 << 2;
    QTest::newRow("long mixing") << 300 << 100;
    QTest::newRow("nothing") << 0 << 0;
}

void TestPrediction::everyOrderHasEveryLineOnce()
{
    QFETCH(int, target);
    QFETCH(int, mixes);
    const BakeParameters parameters = recipe(target, mixes);

    QStringList reference = texts(Prediction::linesInOrder(Order::OvenThenMixing, parameters));
    QCOMPARE(reference.size(), parameters.ovenSteps() + parameters.mixSteps());
    reference.sort();
    for (const Order order : Prediction::allOrders) {
        QStringList lines = texts(Prediction::linesInOrder(order, parameters));
        lines.sort();
        QCOMPARE(lines, reference);
    }
}

void TestPrediction::edgeRecipesLeaveOutRepeatedOrders_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("mixes");
    QTest::addColumn<QList<Order>>("offered");
    QTest::addColumn<QStringList>("firstLines");

    QTest::newRow("475: four oven lines") << 475 << 3
                                          << QList<Order>{Order::OvenThenMixing, Order::TakingTurnsOvenFirst,
                                                          Order::TakingTurnsMixingFirst, Order::MixingThenOven}
                                          << QStringList{oven200, oven300, oven400, oven500, mix0, mix1, mix2};
    // With one task silent every order prints the same lines: one choice remains.
    QTest::newRow("no mixes") << 400 << 0 << QList<Order>{Order::OvenThenMixing}
                              << QStringList{oven200, oven300, oven400};
    QTest::newRow("target 100: no oven step")
        << 100 << 3 << QList<Order>{Order::OvenThenMixing} << QStringList{mix0, mix1, mix2};
    QTest::newRow("nothing at all") << 100 << 0 << QList<Order>{Order::OvenThenMixing} << QStringList{};
    // One line each: taking turns is the same as one task then the other, and the first of each pair stays.
    QTest::newRow("one step each") << 200 << 1 << QList<Order>{Order::OvenThenMixing, Order::TakingTurnsMixingFirst}
                                   << QStringList{oven200, mix0};
}

void TestPrediction::edgeRecipesLeaveOutRepeatedOrders()
{
    QFETCH(int, target);
    QFETCH(int, mixes);
    QFETCH(QList<Order>, offered);
    QFETCH(QStringList, firstLines);

    const QList<Prediction::Choice> choices = Prediction::choices(recipe(target, mixes));
    QCOMPARE(ordersOf(choices), offered);
    QCOMPARE(texts(choices.constFirst().lines), firstLines);
    for (qsizetype i = 0; i < choices.size(); ++i) {
        for (qsizetype j = i + 1; j < choices.size(); ++j)
            QVERIFY2(choices[i].lines != choices[j].lines, qPrintable(choices[j].title));
    }
    // Whatever was left out, each mode's real order is on offer.
    for (const BakeMode mode : allBakeModes)
        QVERIFY(offered.contains(Prediction::expectedOrder(mode, recipe(target, mixes))));
}

void TestPrediction::expectedOrderPerMode_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<int>("mixes");
    QTest::addColumn<BakeMode>("mode");
    QTest::addColumn<Order>("expected");
    QTest::addColumn<MixTrap>("trap");

    QTest::newRow("default sync") << 400 << 3 << BakeMode::Sync << Order::OvenThenMixing << MixTrap::None;
    QTest::newRow("default async") << 400 << 3 << BakeMode::Async << Order::TakingTurnsOvenFirst << MixTrap::None;
    QTest::newRow("default threaded") << 400 << 3 << BakeMode::Threaded << Order::TakingTurnsOvenFirst << MixTrap::None;
    QTest::newRow("475 async") << 475 << 3 << BakeMode::Async << Order::TakingTurnsOvenFirst << MixTrap::None;
    QTest::newRow("no mixes async") << 400 << 0 << BakeMode::Async << Order::OvenThenMixing << MixTrap::None;
    QTest::newRow("one step each async") << 200 << 1 << BakeMode::Async << Order::OvenThenMixing << MixTrap::None;
    QTest::newRow("target 100 threaded") << 100 << 3 << BakeMode::Threaded << Order::OvenThenMixing << MixTrap::None;
    // Under a trap the async mixing holds the loop, and every mixing line comes before the oven's first.
    QTest::newRow("stir by hand sync") << 400 << 3 << BakeMode::Sync << Order::OvenThenMixing << MixTrap::StirByHand;
    QTest::newRow("stir by hand async") << 400 << 3 << BakeMode::Async << Order::MixingThenOven << MixTrap::StirByHand;
    QTest::newRow("stir by hand async, 475")
        << 475 << 2 << BakeMode::Async << Order::MixingThenOven << MixTrap::StirByHand;
    QTest::newRow("stir by hand threaded")
        << 400 << 3 << BakeMode::Threaded << Order::TakingTurnsOvenFirst << MixTrap::StirByHand;
    QTest::newRow("forgot to await async")
        << 400 << 3 << BakeMode::Async << Order::MixingThenOven << MixTrap::ForgotToAwait;
    QTest::newRow("forgot to await async, no mixes")
        << 400 << 0 << BakeMode::Async << Order::OvenThenMixing << MixTrap::ForgotToAwait;
}

void TestPrediction::expectedOrderPerMode()
{
    QFETCH(int, target);
    QFETCH(int, mixes);
    QFETCH(BakeMode, mode);
    QFETCH(Order, expected);
    QFETCH(MixTrap, trap);

    BakeParameters trapped = recipe(target, mixes);
    trapped.mixTrap = trap;
    QCOMPARE(Prediction::expectedOrder(mode, trapped), expected);
    QVERIFY(Prediction::isRightOrder(expected, mode, trapped));
}

void TestPrediction::rightOrdersPerMode_data()
{
    QTest::addColumn<BakeMode>("mode");
    QTest::addColumn<Order>("order");
    QTest::addColumn<bool>("right");

    const std::pair<BakeMode, QList<Order>> rightOnes[] = {
        {BakeMode::Sync, {Order::OvenThenMixing}},
        {BakeMode::Async, {Order::TakingTurnsOvenFirst}},
        // Two threads race at each step: taking turns either way round is right.
        {BakeMode::Threaded, {Order::TakingTurnsOvenFirst, Order::TakingTurnsMixingFirst}},
    };
    for (const auto &[mode, right] : rightOnes) {
        for (const Order order : Prediction::allOrders) {
            const QByteArray name = bakeModeName(mode).toUtf8() + ' ' + Prediction::orderTitle(order).toUtf8();
            QTest::newRow(name.constData()) << mode << order << right.contains(order);
        }
    }
}

void TestPrediction::rightOrdersPerMode()
{
    QFETCH(BakeMode, mode);
    QFETCH(Order, order);
    QFETCH(bool, right);

    QCOMPARE(Prediction::isRightOrder(order, mode, BakeParameters{}), right);
    QCOMPARE(Prediction::tiesMayVary(mode), mode == BakeMode::Threaded);
}

void TestPrediction::threadedTiesAgreeEitherWay()
{
    const BakeParameters parameters;
    const QList<Prediction::Line> turns = Prediction::linesInOrder(Order::TakingTurnsOvenFirst, parameters);

    // Step 2's pair came mixing first: a tie the mixing thread won.
    QList<Prediction::Line> raced = turns;
    raced.swapItemsAt(2, 3);
    QCOMPARE(texts(raced), (QStringList{oven200, mix0, mix1, oven300, oven400, mix2}));
    QVERIFY(Prediction::agrees(BakeMode::Threaded, turns, raced));
    QVERIFY(!Prediction::agrees(BakeMode::Async, turns, raced));

    // A line a whole step early is not a tie: the steps themselves are out of order.
    QList<Prediction::Line> early = turns;
    early.swapItemsAt(1, 2);
    QCOMPARE(texts(early), (QStringList{oven200, oven300, mix0, mix1, oven400, mix2}));
    QVERIFY(!Prediction::agrees(BakeMode::Threaded, turns, early));

    // The same steps with another recipe's lines do not agree either.
    QList<Prediction::Line> otherLines = turns;
    otherLines[0].value = 900;
    QVERIFY(!Prediction::agrees(BakeMode::Threaded, turns, otherLines));
    QVERIFY(
        !Prediction::agrees(BakeMode::Threaded, turns, Prediction::linesInOrder(Order::OvenThenMixing, parameters)));
}

void TestPrediction::aPrefixAgreesOnlyWhenAllowed()
{
    const QList<Prediction::Line> turns = Prediction::linesInOrder(Order::TakingTurnsOvenFirst, BakeParameters{});
    const QList<Prediction::Line> firstThree = turns.first(3);

    QVERIFY(!Prediction::agrees(BakeMode::Async, turns, firstThree));
    QVERIFY(Prediction::agrees(BakeMode::Async, turns, firstThree, true));
    QVERIFY(Prediction::agrees(BakeMode::Async, turns, {}, true));
    // A cancelled threaded bake may stop between a step's two lines, whichever came first.
    const QList<Prediction::Line> mixFirstAtStepTwo{turns[0], turns[1], turns[3]};
    QVERIFY(Prediction::agrees(BakeMode::Threaded, turns, mixFirstAtStepTwo, true));
    QVERIFY(!Prediction::agrees(BakeMode::Async, turns, mixFirstAtStepTwo, true));
    // More lines than expected never agree.
    QVERIFY(!Prediction::agrees(BakeMode::Async, firstThree, turns, true));
}

void TestPrediction::lineOfAnEntryKnowsItsStep()
{
    LogEntry oven;
    oven.task = TaskId::Preheat;
    oven.value = 500;
    LogEntry mix;
    mix.task = TaskId::Mix;
    mix.value = 0;

    const Prediction::Line ovenLine = Prediction::Line::of(oven);
    QCOMPARE(ovenLine.step, 4);
    QCOMPARE(ovenLine.text(), oven.text());
    QCOMPARE(Prediction::Line::of(mix).step, 1);
    QCOMPARE(Prediction::Line::of(mix).text(), mix.text());
    QCOMPARE(Prediction::linesInOrder(Order::OvenThenMixing, recipe(475, 0)).constLast(), ovenLine);
}

QTEST_GUILESS_MAIN(TestPrediction)
#include "tst_prediction.moc"
