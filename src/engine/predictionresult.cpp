// SPDX-License-Identifier: MIT
#include "predictionresult.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace {
/// Below this a time reads better in milliseconds than as "0.05 s".
constexpr qint64 millisecondsBelowMs = 100;
/// A relative error under half a percent rounds to 0 % and reads as "spot on".
constexpr double spotOnShare = 0.005;

QString lowerFirst(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toLower();
    return text;
}

QString quoted(const QString &text)
{
    return QStringLiteral("“%1”").arg(lowerFirst(text));
}

QString stepsText(int steps)
{
    return steps == 1 ? QStringLiteral("1 step") : QStringLiteral("%1 steps").arg(steps);
}
} // namespace

PredictionResult::PredictionResult(const Prediction &prediction, const BakeOutcome &outcome,
                                   const QList<LogEntry> &entries)
    : m_prediction(prediction)
    , m_outcome(outcome)
{
    // With many cakes every cake prints the same lines; the first cake's stand for all.
    for (const LogEntry &entry : entries) {
        if (entry.cake == 0)
            m_actualLines << Prediction::Line::of(entry);
    }
    m_orderRight = Prediction::agrees(mode(), Prediction::linesInOrder(prediction.order(), outcome.parameters),
                                      m_actualLines, isCancelled());
    m_actualOrder = findActualOrder();
}

bool PredictionResult::fitsLineForLine(const QList<Prediction::Line> &lines) const
{
    // A cancelled bake's lines are the start of some order.
    return (isCancelled() || lines.size() == m_actualLines.size()) && lines.size() >= m_actualLines.size()
        && std::equal(m_actualLines.cbegin(), m_actualLines.cend(), lines.cbegin());
}

bool PredictionResult::fitsLineForLine(Prediction::Order order) const
{
    return fitsLineForLine(Prediction::linesInOrder(order, m_outcome.parameters));
}

std::optional<Prediction::Order> PredictionResult::findActualOrder() const
{
    const bool partial = isCancelled();
    // As precisely as possible: the guess itself, then a choice that fits line for line, then one that fits as
    // the mode judges (threaded: step for step).
    const BakeParameters &recipe = m_outcome.parameters;
    if (fitsLineForLine(m_prediction.order()))
        return m_prediction.order();
    const QList<Prediction::Choice> offered = Prediction::choices(recipe);
    for (const Prediction::Choice &choice : offered) {
        if (fitsLineForLine(choice.lines))
            return choice.order;
    }
    for (const Prediction::Choice &choice : offered) {
        if (Prediction::agrees(mode(), choice.lines, m_actualLines, partial))
            return choice.order;
    }
    return std::nullopt;
}

QList<int> PredictionResult::stepsMixingCameFirst() const
{
    QList<int> steps;
    for (qsizetype i = 0; i + 1 < m_actualLines.size(); ++i) {
        const Prediction::Line &line = m_actualLines[i];
        const Prediction::Line &next = m_actualLines[i + 1];
        if (line.task == TaskId::Mix && next.task == TaskId::Preheat && line.step == next.step)
            steps << line.step;
    }
    return steps;
}

std::optional<double> PredictionResult::relativeError() const
{
    if (actualMs() <= 0)
        return std::nullopt;
    return double(errorMs()) / double(actualMs());
}

qint64 PredictionResult::toleranceMs() const
{
    const auto share = qint64(std::llround(closeShare * double(actualMs())));
    return std::max(share, qint64(m_outcome.parameters.stepMs) / 2);
}

bool PredictionResult::isTotalClose() const
{
    return !isCancelled() && std::abs(errorMs()) <= toleranceMs();
}

QString PredictionResult::headline() const
{
    if (isCancelled()) {
        return m_orderRight ? QStringLiteral("Cancelled before the end; the order so far was right.")
                            : QStringLiteral("Cancelled before the end; the order so far was different.");
    }
    if (m_orderRight)
        return isTotalClose() ? QStringLiteral("Right order, and close on time.")
                              : QStringLiteral("Right order, but the time was off.");
    return isTotalClose() ? QStringLiteral("Close on time, but a different order.")
                          : QStringLiteral("A different order, and the time was off.");
}

QString PredictionResult::details() const
{
    QStringList sentences{orderSentences(), totalSentence(), whySentence(), lateSentence()};
    sentences.removeAll(QString());
    return sentences.join(QLatin1Char(' '));
}

QString PredictionResult::verdict() const
{
    return headline() + QLatin1Char(' ') + details();
}

QString PredictionResult::secondsText(qint64 ms)
{
    if (ms == 0)
        return QStringLiteral("0 s");
    if (std::abs(ms) < millisecondsBelowMs)
        return QStringLiteral("%1 ms").arg(ms);
    // Two decimals where the second says something, one otherwise: "3.0 s", "2.55 s".
    QString number = QString::number(double(ms) / 1000.0, 'f', 2);
    if (number.endsWith(QLatin1Char('0')))
        number.chop(1);
    return number + QStringLiteral(" s");
}

QString PredictionResult::orderSentences() const
{
    const BakeParameters &recipe = m_outcome.parameters;
    const QString guessed = quoted(Prediction::orderTitle(m_prediction.order()));
    QString text;
    if (isCancelled()) {
        if (m_actualLines.isEmpty())
            text = QStringLiteral("No line came before the bake was cancelled.");
        else if (m_orderRight)
            text = QStringLiteral("The lines that came before it was cancelled fit %1, as you said.").arg(guessed);
        else
            text = QStringLiteral("You picked %1, but the lines that came before it was cancelled do not fit it.")
                       .arg(guessed);
    } else if (m_orderRight) {
        if (Prediction::choices(recipe).size() == 1)
            text = QStringLiteral("With this recipe the lines can come in only one order, and they did.");
        else if (Prediction::tiesMayVary(mode()))
            text = QStringLiteral("The lines came as you said, step for step.");
        else
            text = QStringLiteral("The lines came as you said: %1.")
                       .arg(lowerFirst(Prediction::orderTitle(m_prediction.order())));
    } else if (m_actualOrder && !fitsLineForLine(*m_actualOrder)) {
        // Threads that raced at a tie: a line of each task per step, but not always the same one first.
        text = QStringLiteral("You picked %1, but the lines came a step at a time, a line of each task per step.")
                   .arg(guessed);
    } else if (m_actualOrder) {
        text = QStringLiteral("You picked %1, but the lines came as %2.")
                   .arg(guessed, quoted(Prediction::orderTitle(*m_actualOrder)));
    } else {
        text = QStringLiteral("You picked %1, but the lines came in none of the offered orders.").arg(guessed);
    }

    const bool bothReportAtOneStep = std::min(recipe.ovenSteps(), recipe.mixSteps()) > 0;
    if (!Prediction::tiesMayVary(mode()) || !bothReportAtOneStep)
        return text;
    const QList<int> won = stepsMixingCameFirst();
    QString tie = QStringLiteral("Where both tasks report at one step, two threads race, so which line comes first "
                                 "can vary from run to run");
    if (won.size() == 1)
        tie += QStringLiteral("; this time the mixing line won at step %1.").arg(won.constFirst());
    else if (won.size() > 1)
        tie += QStringLiteral("; this time the mixing line won at %1 steps.").arg(won.size());
    else
        tie += QLatin1Char('.');
    return text + QLatin1Char(' ') + tie;
}

QString PredictionResult::totalSentence() const
{
    const QString guessed = secondsText(guessedMs());
    if (isCancelled()) {
        return QStringLiteral("It was cancelled after %1, so there is no total to set against your %2; a whole "
                              "bake takes %3 in this mode.")
            .arg(secondsText(actualMs()), guessed, secondsText(m_outcome.idealMs()));
    }
    QString off;
    if (const std::optional<double> relative = relativeError()) {
        const auto percent = std::llround(std::abs(*relative) * 100.0);
        if (std::abs(*relative) < spotOnShare)
            off = QStringLiteral(" (spot on)");
        else
            off = *relative > 0 ? QStringLiteral(" (%1 % over)").arg(percent)
                                : QStringLiteral(" (%1 % under)").arg(percent);
    }
    return QStringLiteral("You guessed %1; it took %2%3.").arg(guessed, secondsText(actualMs()), off);
}

QString PredictionResult::whySentence() const
{
    const BakeParameters &recipe = m_outcome.parameters;
    const int oven = recipe.ovenSteps();
    const int mix = recipe.mixSteps();
    const QString step = secondsText(recipe.stepMs);
    const bool stirred = recipe.trapIn(mode()) == MixTrap::StirByHand;
    if (oven == 0 && mix == 0)
        return QStringLiteral("Neither task had a step to wait, so the bake ended at once.");
    if (recipe.mixingHoldsTheLoop(mode()) && mix > 0)
        return heldLoopSentence();
    if (oven == 0 || mix == 0)
        return QStringLiteral("Only one task had steps to take, so there was nothing to overlap: %1 of %2, in "
                              "every mode.")
            .arg(stepsText(oven + mix), step);
    switch (mode()) {
    case BakeMode::Sync:
        if (stirred)
            return QStringLiteral("The one thread took every step in turn: the oven's blocking sleeps, then the "
                                  "mixing steps stirred by hand, which to a blocking bake is all the same, so the "
                                  "mixing could not begin until the oven was done and the steps added up: %1 + %2 = "
                                  "%3 of %4.")
                .arg(oven)
                .arg(mix)
                .arg(stepsText(oven + mix), step);
        return QStringLiteral("Each blocking sleep held the one thread, so the mixing could not begin until the oven "
                              "was done and the waits added up: %1 + %2 = %3 of %4.")
            .arg(oven)
            .arg(mix)
            .arg(stepsText(oven + mix), step);
    case BakeMode::Async:
        if (recipe.cakes > 1)
            return QStringLiteral("The waits of all %1 cakes overlapped on one thread: while tasks waited the event "
                                  "loop ran the others, each cake's oven first at each step because it had yielded "
                                  "first, so the bake lasted as long as one cake's longer task, %2 of %3.")
                .arg(recipe.cakes)
                .arg(stepsText(std::max(oven, mix)), step);
        return QStringLiteral("The two waits overlapped on one thread: while one task waited the event loop ran the "
                              "other, waking the oven first at each step because it had yielded first, so the bake "
                              "lasted as long as the longer task, %1 of %2.")
            .arg(stepsText(std::max(oven, mix)), step);
    case BakeMode::Threaded:
        if (stirred)
            return QStringLiteral("Each task ran on a thread of its own: stirring by hand kept the mixing thread's "
                                  "core busy instead of sleeping, but it held neither the oven's thread nor the event "
                                  "loop, so the steps overlapped and the bake lasted as long as the longer task, %1 of "
                                  "%2.")
                .arg(stepsText(std::max(oven, mix)), step);
        return QStringLiteral("Each task slept on a thread of its own, so the waits overlapped and the bake lasted "
                              "as long as the longer task, %1 of %2.")
            .arg(stepsText(std::max(oven, mix)), step);
    }
    Q_UNREACHABLE();
    return {};
}

QString PredictionResult::heldLoopSentence() const
{
    const BakeParameters &recipe = m_outcome.parameters;
    const int oven = recipe.ovenSteps();
    const int mix = recipe.mixSteps();
    const int cakes = recipe.cakes;
    const qint64 held = qint64(cakes) * mix;
    const QString step = secondsText(recipe.stepMs);
    const bool stirred = recipe.trapIn(mode()) == MixTrap::StirByHand;

    QString text = stirred ? QStringLiteral("Stirring by hand computed each mixing step on the event loop's only "
                                            "thread instead of awaiting, so the loop stalled a step at a time")
                           : QStringLiteral("The mixing called time.sleep() in async code instead of awaiting, so it "
                                            "never gave the loop back and ran to its end with the loop frozen");
    if (cakes > 1) {
        text += stirred ? QStringLiteral("; the %1 cakes' stirs took turns on that one thread: %1 × %2 = %3 of mixing")
                        : QStringLiteral("; the %1 cakes' mixing ran one cake after another: %1 × %2 = %3 of mixing");
        text = text.arg(cakes).arg(mix).arg(stepsText(int(held)));
    }
    BakeParameters awaitedRecipe = recipe;
    awaitedRecipe.mixTrap = MixTrap::None;
    const qint64 awaited = awaitedRecipe.idealSteps(mode());
    if (oven == 0) {
        return text
            + QStringLiteral(". With no oven to fall behind the bake lasted %1 of %2, where awaiting takes %3.")
                  .arg(stepsText(int(held)), step, stepsText(int(awaited)));
    }
    const QString ovenWaited = stirred
        ? QStringLiteral("The oven's timer came due during the first stir, but a stir was always ahead of "
                         "it in the loop's queue, so")
        : QStringLiteral("The oven's timer came due after one step, but the loop could not run it, so");
    const QString sum = cakes > 1 ? QStringLiteral("%1 × %2 + %3 − 1").arg(cakes).arg(mix).arg(oven)
                                  : QStringLiteral("%1 + %2 − 1").arg(mix).arg(oven);
    return text
        + QStringLiteral(". %1 its first line came only after the last mixing line, and its other steps followed: "
                         "%2 = %3 of %4, where awaiting takes %5.")
              .arg(ovenWaited, sum, stepsText(int(recipe.idealSteps(mode()))), step, stepsText(int(awaited)));
}

QString PredictionResult::lateSentence() const
{
    const qint64 ideal = m_outcome.idealMs();
    const qint64 late = actualMs() - ideal;
    if (isCancelled() || late <= toleranceMs())
        return {};
    return QStringLiteral("Ideally it takes %1; this bake ran %2 longer.").arg(secondsText(ideal), secondsText(late));
}
