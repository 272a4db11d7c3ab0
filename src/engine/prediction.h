// SPDX-License-Identifier: MIT
#pragma once

#include "bakemode.h"
#include "bakeparameters.h"
#include "logentry.h"
#include "taskstate.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <array>

/**
 * What a student guessed before a bake: the order the lines will come in,
 * picked from a few choices made for the recipe, and the total time.
 *
 * It also knows, from ANALOGY.md, which choice each mode really prints, so
 * a dialog can offer the question and PredictionResult can mark the answer.
 * It runs nothing and keeps no recipe: the choices are made again from the
 * recipe whenever they are needed.
 */
class Prediction
{
public:
    /// The orders a student can pick from; each names a pattern, the recipe fills in the lines.
    enum class Order : quint8 {
        OvenThenMixing, ///< every oven line, then every mixing line: what a sync bake prints
        TakingTurnsOvenFirst, ///< a line of each task per step, the oven's first: what an async bake prints
        TakingTurnsMixingFirst, ///< a line of each task per step, the mixing line first
        MixingThenOven, ///< every mixing line, then every oven line
    };
    static constexpr std::array<Order, 4> allOrders{Order::OvenThenMixing, Order::TakingTurnsOvenFirst,
                                                    Order::TakingTurnsMixingFirst, Order::MixingThenOven};

    /// One line a bake of the recipe prints, and the step (counted from 1) at whose end it comes.
    struct Line {
        TaskId task = TaskId::Preheat;
        int value = 0; ///< the temperature or the mix index
        int step = 0;

        /// "preheat:: temp is now 200", made by LogEntry like every other line Bakeloop prints.
        QString text() const;
        /// The line @p entry printed.
        static Line of(const LogEntry &entry);
        friend bool operator==(const Line &, const Line &) = default;
    };

    /// One answer to "in which order will the lines come?": what to call it and the lines it stands for.
    struct Choice {
        Order order = Order::OvenThenMixing;
        QString title; ///< "All oven lines, then all mixing lines"
        QList<Line> lines;
    };

    Prediction() = default;
    Prediction(Order order, qint64 totalMs);

    Order order() const { return m_order; }
    /// The guessed total in ms, on the recipe's clock (as BakeOutcome::totalMs).
    qint64 totalMs() const { return m_totalMs; }

    /// "All oven lines, then all mixing lines", and so on.
    static QString orderTitle(Order order);
    /// The lines a bake of @p recipe prints if they come in @p order.
    static QList<Line> linesInOrder(Order order, const BakeParameters &recipe);
    /**
     * The choices to offer for @p recipe, in the order of allOrders. An order
     * whose lines are the same as an earlier one's is left out: without
     * mixing, for instance, every order is the same and one choice remains.
     */
    static QList<Choice> choices(const BakeParameters &recipe);
    /// The one of choices(@p recipe) whose lines a bake in @p mode prints (for threaded: with the oven first at
    /// ties), the recipe's trap included: under either trap an async bake prints all its mixing lines first.
    static Order expectedOrder(BakeMode mode, const BakeParameters &recipe);
    /// Whether @p order is a right answer for @p mode: for threaded, taking turns either way round is.
    static bool isRightOrder(Order order, BakeMode mode, const BakeParameters &recipe);
    /// Whether the two lines of one step may come in either order in @p mode: in threaded mode two threads race.
    static bool tiesMayVary(BakeMode mode) { return mode == BakeMode::Threaded; }
    /**
     * Whether @p actual came in the order @p expected says, for @p mode: line
     * for line, or in threaded mode step for step with the lines of one step
     * in either order. With @p allowPrefix, @p actual may stop early, as the
     * lines of a cancelled bake do.
     */
    static bool agrees(BakeMode mode, const QList<Line> &expected, const QList<Line> &actual, bool allowPrefix = false);

    friend bool operator==(const Prediction &, const Prediction &) = default;

private:
    Order m_order = Order::TakingTurnsOvenFirst;
    qint64 m_totalMs = 0;
};

Q_DECLARE_METATYPE(Prediction)
