// SPDX-License-Identifier: MIT
#include "runtrace.h"

#include "bakelogmodel.h"

#include <algorithm>
#include <optional>

namespace {
int stepsOf(const BakeParameters &parameters, TaskId task)
{
    return task == TaskId::Preheat ? parameters.ovenSteps() : parameters.mixSteps();
}
} // namespace

QString RunTrace::laneName(Lane lane)
{
    switch (lane) {
    case Lane::Preheat:
        return taskName(TaskId::Preheat);
    case Lane::Mix:
        return taskName(TaskId::Mix);
    case Lane::Loop:
        return QStringLiteral("event loop");
    }
    Q_UNREACHABLE();
    return {};
}

RunTrace RunTrace::fromLog(const BakeLogModel &log, int run, qint64 nowMs)
{
    RunTrace trace;
    trace.m_run = run;
    trace.m_mode = log.runMode(run);
    trace.m_parameters = log.runParameters(run);
    const std::optional<BakeOutcome> outcome = log.runOutcome(run);
    trace.m_finished = outcome.has_value();
    trace.m_cancelled = outcome && outcome->cancelled;

    // When each task last gave up the thread, and how many lines it has reported.
    std::array<std::optional<qint64>, 2> yieldedAt;
    std::array<int, 2> reported{0, 0};
    const auto slot = [](TaskId task) { return std::size_t(task); };
    // Both async tasks start at once; a sync bake starts mixing only when the oven is done.
    // A task with no step never waits: it starts and ends at once.
    const bool ovenWaits = trace.m_parameters.ovenSteps() > 0;
    const bool mixWaits = trace.m_parameters.mixSteps() > 0;
    if (ovenWaits)
        yieldedAt[slot(TaskId::Preheat)] = 0;
    const bool mixStartsAtOnce = !runsTasksInTurn(trace.m_mode) || !ovenWaits;
    if (mixStartsAtOnce && mixWaits)
        yieldedAt[slot(TaskId::Mix)] = 0;

    qint64 lastLineMs = 0;
    const int firstRow = log.headerRow(run) + 1;
    for (int row = firstRow; row < log.rowCount() && log.runOfRow(row) == run; ++row) {
        if (log.isNote(row))
            continue;
        const LogEntry &entry = log.entry(row);
        if (entry.cake != 0)
            continue;
        const std::size_t task = slot(entry.task);
        if (yieldedAt[task]) {
            if (entry.task == TaskId::Mix && trace.mixStepHoldsTheThread()) {
                // The step was computed (or slept) on the thread, not awaited: it ran for the step before its line.
                const qint64 start = std::max(*yieldedAt[task], entry.timeMs - trace.m_parameters.stepMs);
                trace.m_runs.push_back({Lane::Mix, start, entry.timeMs});
            } else {
                trace.m_waits.push_back({laneOf(entry.task), *yieldedAt[task], entry.timeMs});
            }
        }
        trace.m_marks.push_back({entry.timeMs, entry.task, row});
        lastLineMs = std::max(lastLineMs, entry.timeMs);
        ++reported[task];
        const bool taskDone = reported[task] >= stepsOf(trace.m_parameters, entry.task);
        yieldedAt[task] = taskDone ? std::nullopt : std::optional<qint64>(entry.timeMs);
        if (entry.task == TaskId::Preheat && taskDone && !mixStartsAtOnce && mixWaits)
            yieldedAt[slot(TaskId::Mix)] = entry.timeMs;
    }

    if (outcome)
        trace.m_totalMs = outcome->totalMs;
    else
        trace.m_totalMs = std::max(lastLineMs, nowMs);

    // A task still waiting when the run was cancelled, or now, waited until then.
    if (!outcome || outcome->cancelled) {
        for (TaskId task : {TaskId::Preheat, TaskId::Mix}) {
            const std::optional<qint64> since = yieldedAt[slot(task)];
            if (since && *since < trace.m_totalMs)
                trace.m_waits.push_back({laneOf(task), *since, trace.m_totalMs});
        }
    }
    std::stable_sort(trace.m_waits.begin(), trace.m_waits.end(),
                     [](const Span &a, const Span &b) { return a.startMs < b.startMs; });

    // The monitor measures on the wall clock; the trace runs on the recipe's, which the speed scales.
    const auto recipeMs = [&trace](qint64 wallMs) { return wallMs * trace.m_parameters.speedPercent / 100; };
    for (const LoopStall &stall : log.runStalls(run))
        trace.m_blocks.push_back({Lane::Loop, recipeMs(stall.startMs), recipeMs(stall.endMs)});
    return trace;
}
