// SPDX-License-Identifier: MIT
#pragma once

#include "bakeoutcome.h"
#include "taskstate.h"

#include <QString>
#include <QtGlobal>

#include <array>
#include <vector>

class BakeLogModel;

/**
 * What one run of the log looked like over time, lane by lane: when each
 * task waited on its timer or sleep, when it reported, and when the thread
 * that runs the event loop was blocked. The timeline draws it and the trace
 * export writes it; both read it from the log, so a finished run, a run
 * under way and a replayed run all look the same.
 *
 * Only the first cake is traced: the gauges show the first cake, and a thousand
 * lanes would show nothing.
 */
class RunTrace
{
public:
    enum class Lane : quint8 {
        Preheat,
        Mix,
        Loop, ///< the thread the event loop runs on: in Bakeloop, the GUI thread
    };
    static constexpr int laneCount = 3;
    static Lane laneOf(TaskId task) { return task == TaskId::Preheat ? Lane::Preheat : Lane::Mix; }
    /// "preheat", "mix_ingredients" or "event loop": what the timeline and the trace call each lane.
    static QString laneName(Lane lane);

    /// A stretch of one lane: a task waiting, or the loop blocked.
    struct Span {
        Lane lane;
        qint64 startMs;
        qint64 endMs;
        friend bool operator==(const Span &, const Span &) = default;
    };

    /// A report: the moment a task held the thread and printed its line.
    struct Mark {
        qint64 timeMs;
        TaskId task;
        int row; ///< the line's row in the log model
        friend bool operator==(const Mark &, const Mark &) = default;
    };

    /**
     * The trace of @p run in @p log. For a run still under way, @p nowMs is
     * the run's clock now: a task that is waiting waits until then.
     */
    static RunTrace fromLog(const BakeLogModel &log, int run, qint64 nowMs = -1);

    int run() const { return m_run; }
    BakeMode mode() const { return m_mode; }
    const BakeParameters &parameters() const { return m_parameters; }
    bool isFinished() const { return m_finished; }
    bool isCancelled() const { return m_cancelled; }
    /// The run's length: its total once finished, @p nowMs (or its last line) while under way.
    qint64 totalMs() const { return m_totalMs; }
    qint64 idealMs() const { return m_parameters.idealMs(m_mode); }

    /// Every wait of both tasks, in the order the waits began.
    const std::vector<Span> &waits() const { return m_waits; }
    /// The stretches in which a task held its thread through a step instead of waiting: a mixing step stirred by
    /// hand, or slept in async code that forgot to await.
    const std::vector<Span> &runs() const { return m_runs; }
    /// Whether this run's mixing steps hold the thread (a trap) rather than wait.
    bool mixStepHoldsTheThread() const
    {
        return m_parameters.mixTrap == MixTrap::StirByHand
            || (m_parameters.mixTrap == MixTrap::ForgotToAwait && m_mode == BakeMode::Async);
    }
    /// The stretches in which the loop's thread answered late (Lane::Loop).
    const std::vector<Span> &blocks() const { return m_blocks; }
    const std::vector<Mark> &marks() const { return m_marks; }

private:
    int m_run = -1;
    BakeMode m_mode = BakeMode::Async;
    BakeParameters m_parameters;
    bool m_finished = false;
    bool m_cancelled = false;
    qint64 m_totalMs = 0;
    std::vector<Span> m_waits;
    std::vector<Span> m_runs;
    std::vector<Span> m_blocks;
    std::vector<Mark> m_marks;
};
