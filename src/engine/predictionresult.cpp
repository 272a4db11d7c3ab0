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

std::optional<Prediction::Order> PredictionResult::findActualOrder() const
{
    // A cancelled bake's lines are the start of some order.
    const bool partial = isCancelled();
    const auto fitsExactly = [this, partial](const QList<Prediction::Line> &lines) {
        return (partial || lines.size() == m_actualLines.size()) && lines.size() >= m_actualLines.size()
            && std::equal(m_actualLines.cbegin(), m_actualLines.cend(), lines.cbegin());
    };
    // As precisely as possible: the guess itself, then a choice that fits line for line, then one that fits as
    // the mode judges (threaded: step for step).
    const BakeParameters &recipe = m_outcome.parameters;
    if (fitsExactly(Prediction::linesInOrder(m_prediction.order(), recipe)))
        return m_prediction.order();
    const QList<Prediction::Choice> offered = Prediction::choices(recipe);
    for (const Prediction::Choice &choice : offered) {
        if (fitsExactly(choice.lines))
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
    if (oven == 0 && mix == 0)
        return QStringLiteral("Neither task had a step to wait, so the bake ended at once.");
    if (oven == 0 || mix == 0)
        return QStringLiteral("Only one task had steps to wait, so there was nothing to overlap: %1 of %2, in "
                              "every mode.")
            .arg(stepsText(oven + mix), step);
    switch (mode()) {
    case BakeMode::Sync:
        return QStringLiteral("Each blocking sleep held the one thread, so the mixing could not begin until the oven "
                              "was done and the waits added up: %1 + %2 = %3 of %4.")
            .arg(oven)
            .arg(mix)
            .arg(stepsText(oven + mix), step);
    case BakeMode::Async:
        return QStringLiteral("The two waits overlapped on one thread: while one task waited the event loop ran the "
                              "other, waking the oven first at each step because it had yielded first, so the bake "
                              "lasted as long as the longer task, %1 of %2.")
            .arg(stepsText(std::max(oven, mix)), step);
    case BakeMode::Threaded:
        return QStringLiteral("Each task slept on a thread of its own, so the waits overlapped and the bake lasted "
                              "as long as the longer task, %1 of %2.")
            .arg(stepsText(std::max(oven, mix)), step);
    }
    Q_UNREACHABLE();
    return {};
}

QString PredictionResult::lateSentence() const
{
    const qint64 ideal = m_outcome.idealMs();
    const qint64 late = actualMs() - ideal;
    if (isCancelled() || late <= toleranceMs())
        return {};
    return QStringLiteral("Ideally it takes %1; this bake ran %2 longer.").arg(secondsText(ideal), secondsText(late));
}
