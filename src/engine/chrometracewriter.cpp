// SPDX-License-Identifier: MIT
#include "chrometracewriter.h"

#include "outputfile.h"

#include "bakelogmodel.h"
#include "runtrace.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
constexpr qint64 usPerMs = 1000;
constexpr double msPerSecond = 1000.0;
/// Enough digits for any step from 1 ms to 10 s, so Python's spelling comes out exact ("0.001", "10").
constexpr int secondsPrecision = 10;

int threadIdOf(RunTrace::Lane lane)
{
    switch (lane) {
    case RunTrace::Lane::Preheat:
        return ChromeTraceWriter::preheatThreadId;
    case RunTrace::Lane::Mix:
        return ChromeTraceWriter::mixThreadId;
    case RunTrace::Lane::Loop:
        return ChromeTraceWriter::loopThreadId;
    }
    Q_UNREACHABLE();
    return 0;
}

/// The Python line that waits one step: "await asyncio.sleep(0.05)" or "time.sleep(1)".
QString waitName(BakeMode mode, int stepMs)
{
    const QString seconds = QString::number(stepMs / msPerSecond, 'g', secondsPrecision);
    return mode == BakeMode::Async ? QStringLiteral("await asyncio.sleep(%1)").arg(seconds)
                                   : QStringLiteral("time.sleep(%1)").arg(seconds);
}

/// A metadata event: names a track or orders it.
QJsonObject threadMetadata(const QString &name, int threadId, const QJsonObject &args)
{
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("ph"), QStringLiteral("M")},
        {QStringLiteral("pid"), ChromeTraceWriter::processId},
        {QStringLiteral("tid"), threadId},
        {QStringLiteral("args"), args},
    };
}

QJsonObject completeSlice(const QString &name, const QString &category, const RunTrace::Span &span)
{
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("cat"), category},
        {QStringLiteral("ph"), QStringLiteral("X")},
        {QStringLiteral("pid"), ChromeTraceWriter::processId},
        {QStringLiteral("tid"), threadIdOf(span.lane)},
        {QStringLiteral("ts"), span.startMs * usPerMs},
        {QStringLiteral("dur"), (span.endMs - span.startMs) * usPerMs},
    };
}

/// A log line as an instant on its task's track ("s": "t" keeps it there), with the kitchen at that line.
QJsonObject lineInstant(const BakeLogModel &log, const RunTrace::Mark &mark)
{
    const LogEntry &entry = log.entry(mark.row);
    const QJsonObject kitchen{
        {QStringLiteral("line"), log.entryNumber(mark.row)},
        {QStringLiteral("oven_temp"), entry.kitchen.oven().temperature()},
        {QStringLiteral("mixes_done"), entry.kitchen.bowl().mixesDone()},
        {QStringLiteral("preheat_state"), taskStateName(entry.kitchen.state(TaskId::Preheat))},
        {QStringLiteral("mix_state"), taskStateName(entry.kitchen.state(TaskId::Mix))},
    };
    return QJsonObject{
        {QStringLiteral("name"), entry.text()},
        {QStringLiteral("cat"), QStringLiteral("log")},
        {QStringLiteral("ph"), QStringLiteral("i")},
        {QStringLiteral("s"), QStringLiteral("t")},
        {QStringLiteral("pid"), ChromeTraceWriter::processId},
        {QStringLiteral("tid"), threadIdOf(RunTrace::laneOf(mark.task))},
        {QStringLiteral("ts"), mark.timeMs * usPerMs},
        {QStringLiteral("args"), kitchen},
    };
}
} // namespace

ChromeTraceWriter::ChromeTraceWriter(const BakeLogModel &log, int run)
    : m_log(log)
    , m_run(run)
{
}

QJsonObject ChromeTraceWriter::toJson() const
{
    const RunTrace trace = RunTrace::fromLog(m_log, m_run);
    QJsonArray events;
    events.append(QJsonObject{
        {QStringLiteral("name"), QStringLiteral("process_name")},
        {QStringLiteral("ph"), QStringLiteral("M")},
        {QStringLiteral("pid"), processId},
        {QStringLiteral("args"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Bakeloop")}}},
    });
    // Viewers sort tracks by thread id or name unless told: keep the recipe's order, the loop last.
    for (int index = 0; index < RunTrace::laneCount; ++index) {
        const auto lane = RunTrace::Lane(index);
        events.append(threadMetadata(QStringLiteral("thread_name"), threadIdOf(lane),
                                     QJsonObject{{QStringLiteral("name"), RunTrace::laneName(lane)}}));
        events.append(threadMetadata(QStringLiteral("thread_sort_index"), threadIdOf(lane),
                                     QJsonObject{{QStringLiteral("sort_index"), index}}));
    }

    const QString wait = waitName(trace.mode(), trace.parameters().stepMs);
    for (const RunTrace::Span &span : trace.waits())
        events.append(completeSlice(wait, QStringLiteral("wait"), span));
    const QString seconds = QString::number(trace.parameters().stepMs / msPerSecond, 'g', secondsPrecision);
    const QString held = trace.parameters().mixTrap == MixTrap::StirByHand
        ? QStringLiteral("stir_by_hand(%1)").arg(seconds)
        : QStringLiteral("time.sleep(%1) (forgot to await)").arg(seconds);
    for (const RunTrace::Span &span : trace.runs())
        events.append(completeSlice(held, QStringLiteral("run"), span));
    for (const RunTrace::Span &span : trace.blocks())
        events.append(completeSlice(QStringLiteral("loop blocked"), QStringLiteral("stall"), span));
    for (const RunTrace::Mark &mark : trace.marks())
        events.append(lineInstant(m_log, mark));

    const BakeParameters &p = trace.parameters();
    const QJsonObject run{
        {QStringLiteral("mode"), bakeModeName(trace.mode())},
        {QStringLiteral("target_temp"), p.targetTemperature},
        {QStringLiteral("mix_count"), p.mixCount},
        {QStringLiteral("step_ms"), p.stepMs},
        {QStringLiteral("cakes"), p.cakes},
        // The trace's times are the recipe's; at another speed the wall clock ran slower or faster.
        {QStringLiteral("speed"), p.speedPercent / 100.0},
        {QStringLiteral("total_ms"), trace.totalMs()},
        {QStringLiteral("ideal_ms"), trace.idealMs()},
        {QStringLiteral("cancelled"), trace.isCancelled()},
    };
    return QJsonObject{
        {QStringLiteral("traceEvents"), events},
        {QStringLiteral("displayTimeUnit"), QStringLiteral("ms")},
        {QStringLiteral("otherData"), run},
    };
}

QByteArray ChromeTraceWriter::toBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
}

bool ChromeTraceWriter::write(const QString &path, QString *error) const
{
    const QByteArray bytes = toBytes();
    // OutputFile writes only regular files, and only whole: a failed write leaves what was there.
    QString why;
    if (!OutputFile(path).write(bytes, &why)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, why);
        return false;
    }
    return true;
}
