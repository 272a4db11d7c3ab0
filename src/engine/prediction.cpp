// SPDX-License-Identifier: MIT
#include "prediction.h"

#include "bowl.h"
#include "oven.h"

#include <algorithm>

namespace {
Prediction::Line ovenLine(int step)
{
    return {TaskId::Preheat, Oven::startTemperature + step * Oven::temperatureStep, step};
}

// Mix index i is reported after the wait of step i + 1.
Prediction::Line mixLine(int step)
{
    return {TaskId::Mix, step - 1, step};
}

void appendOvenLines(QList<Prediction::Line> &lines, int steps)
{
    for (int step = 1; step <= steps; ++step)
        lines << ovenLine(step);
}

void appendMixLines(QList<Prediction::Line> &lines, int steps)
{
    for (int step = 1; step <= steps; ++step)
        lines << mixLine(step);
}

/// A line of each task per step while both have steps left, then the longer task's lines alone.
void appendTakingTurns(QList<Prediction::Line> &lines, int ovenSteps, int mixSteps, bool ovenFirst)
{
    for (int step = 1; step <= std::max(ovenSteps, mixSteps); ++step) {
        const bool oven = step <= ovenSteps;
        const bool mix = step <= mixSteps;
        if (oven && ovenFirst)
            lines << ovenLine(step);
        if (mix)
            lines << mixLine(step);
        if (oven && !ovenFirst)
            lines << ovenLine(step);
    }
}
} // namespace

QString Prediction::Line::text() const
{
    LogEntry entry;
    entry.task = task;
    entry.value = value;
    return entry.text();
}

Prediction::Line Prediction::Line::of(const LogEntry &entry)
{
    const int step = entry.task == TaskId::Preheat ? (entry.value - Oven::startTemperature) / Oven::temperatureStep
                                                   : entry.value + 1;
    return {entry.task, entry.value, step};
}

Prediction::Prediction(Order order, qint64 totalMs)
    : m_order(order)
    , m_totalMs(totalMs)
{
}

QString Prediction::orderTitle(Order order)
{
    switch (order) {
    case Order::OvenThenMixing:
        return QStringLiteral("All oven lines, then all mixing lines");
    case Order::TakingTurnsOvenFirst:
        return QStringLiteral("Oven and mixing take turns, oven first at each step");
    case Order::TakingTurnsMixingFirst:
        return QStringLiteral("Oven and mixing take turns, mixing first at each step");
    case Order::MixingThenOven:
        return QStringLiteral("All mixing lines, then all oven lines");
    }
    Q_UNREACHABLE();
    return {};
}

QList<Prediction::Line> Prediction::linesInOrder(Order order, const BakeParameters &recipe)
{
    const int ovenSteps = recipe.ovenSteps();
    const int mixSteps = recipe.mixSteps();
    QList<Line> lines;
    lines.reserve(ovenSteps + mixSteps);
    switch (order) {
    case Order::OvenThenMixing:
        appendOvenLines(lines, ovenSteps);
        appendMixLines(lines, mixSteps);
        break;
    case Order::TakingTurnsOvenFirst:
        appendTakingTurns(lines, ovenSteps, mixSteps, true);
        break;
    case Order::TakingTurnsMixingFirst:
        appendTakingTurns(lines, ovenSteps, mixSteps, false);
        break;
    case Order::MixingThenOven:
        appendMixLines(lines, mixSteps);
        appendOvenLines(lines, ovenSteps);
        break;
    }
    return lines;
}

QList<Prediction::Choice> Prediction::choices(const BakeParameters &recipe)
{
    QList<Choice> offered;
    for (const Order order : allOrders) {
        QList<Line> lines = linesInOrder(order, recipe);
        const bool repeats
            = std::any_of(offered.cbegin(), offered.cend(), [&lines](const Choice &c) { return c.lines == lines; });
        if (!repeats)
            offered.append({order, orderTitle(order), std::move(lines)});
    }
    return offered;
}

Prediction::Order Prediction::expectedOrder(BakeMode mode, const BakeParameters &recipe)
{
    // A threaded bake is expected to print what an async one does; only its ties are loose. Async code whose
    // mixing holds the loop (a trap) prints every mixing line before the oven gets the thread.
    const Order order = runsTasksInTurn(mode) ? Order::OvenThenMixing
        : recipe.mixingHoldsTheLoop(mode)     ? Order::MixingThenOven
                                              : Order::TakingTurnsOvenFirst;
    const QList<Line> printed = linesInOrder(order, recipe);
    for (const Choice &choice : choices(recipe)) {
        if (choice.lines == printed)
            return choice.order;
    }
    Q_UNREACHABLE();
    return Order::OvenThenMixing;
}

bool Prediction::isRightOrder(Order order, BakeMode mode, const BakeParameters &recipe)
{
    return agrees(mode, linesInOrder(expectedOrder(mode, recipe), recipe), linesInOrder(order, recipe));
}

bool Prediction::agrees(BakeMode mode, const QList<Line> &expected, const QList<Line> &actual, bool allowPrefix)
{
    if (actual.size() > expected.size() || (!allowPrefix && actual.size() != expected.size()))
        return false;
    for (qsizetype i = 0; i < actual.size(); ++i) {
        if (!tiesMayVary(mode)) {
            if (actual[i] != expected[i])
                return false;
            continue;
        }
        // Same step at every place, and each line one that step prints: the lines of each step agree as sets.
        if (actual[i].step != expected[i].step || !expected.contains(actual[i]))
            return false;
    }
    return true;
}
