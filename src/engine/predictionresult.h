// SPDX-License-Identifier: MIT
#pragma once

#include "bakeoutcome.h"
#include "logentry.h"
#include "prediction.h"

#include <QList>
#include <QString>

#include <optional>

/**
 * A Prediction set against the bake it was made for: whether the lines came
 * in the guessed order, how far the guessed total was from the real one,
 * and a verdict that says why the bake went as it did.
 *
 * It reads only what it is given, the run's outcome and its entries (as
 * BakeLogModel::entries() returns them); the first cake's lines are judged.
 */
class PredictionResult
{
public:
    /// A guess is close when it is within this share of the real total, or within half a step if that is more.
    static constexpr double closeShare = 0.1;

    PredictionResult(const Prediction &prediction, const BakeOutcome &outcome, const QList<LogEntry> &entries);

    const Prediction &prediction() const { return m_prediction; }
    const BakeOutcome &outcome() const { return m_outcome; }
    BakeMode mode() const { return m_outcome.mode; }
    /// A cancelled bake is judged on the lines that came; its total is not judged.
    bool isCancelled() const { return m_outcome.cancelled; }

    /// The first cake's lines as they came.
    const QList<Prediction::Line> &actualLines() const { return m_actualLines; }
    /// Whether the lines came in the guessed order; in threaded mode the two lines of a step may come either way.
    bool isOrderRight() const { return m_orderRight; }
    /// The offered choice the lines came in, judged as isOrderRight() is; nullopt when they fit none.
    std::optional<Prediction::Order> actualOrder() const { return m_actualOrder; }
    /// The steps (from 1) at which both tasks reported and the mixing line came first: ties a thread won.
    QList<int> stepsMixingCameFirst() const;

    qint64 guessedMs() const { return m_prediction.totalMs(); }
    qint64 actualMs() const { return m_outcome.totalMs; }
    /// Guessed minus actual: positive when the guess was too long.
    qint64 errorMs() const { return guessedMs() - actualMs(); }
    /// errorMs() over actualMs(): 1.0 means twice as long as it took; nullopt when the bake took no time.
    std::optional<double> relativeError() const;
    /// How far a guess may be from the real total and still count as close.
    qint64 toleranceMs() const;
    /// Whether the guess was within toleranceMs() of the real total; never for a cancelled bake.
    bool isTotalClose() const;

    /// "Right order, and close on time."
    QString headline() const;
    /// What came and what was guessed, with one sentence on why the mode behaves so; starts after the headline.
    QString details() const;
    /// headline() and details() as one paragraph.
    QString verdict() const;

    /// "3.0 s", "2.55 s", "50 ms": a time as the verdict writes it.
    static QString secondsText(qint64 ms);

private:
    /// The offered choice that names the lines that came, most exactly first.
    std::optional<Prediction::Order> findActualOrder() const;
    /// Whether the lines that came are @p lines, or their start for a cancelled bake.
    bool fitsLineForLine(const QList<Prediction::Line> &lines) const;
    bool fitsLineForLine(Prediction::Order order) const;
    QString orderSentences() const;
    QString totalSentence() const;
    QString whySentence() const;
    /// Why an async bake whose mixing held the loop (a trap) took as long as it did.
    QString heldLoopSentence() const;
    /// Empty unless the bake ran well past what the analogy promises, as a trap or a busy machine makes it.
    QString lateSentence() const;

    Prediction m_prediction;
    BakeOutcome m_outcome;
    QList<Prediction::Line> m_actualLines;
    bool m_orderRight = false;
    std::optional<Prediction::Order> m_actualOrder;
};
