// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

class BakeLogModel;

/**
 * Writes one run of the log as a Chrome trace-event file, which Perfetto
 * (ui.perfetto.dev) and chrome://tracing open: one track for each task and
 * one for the thread the event loop runs on, each task's waits as slices
 * named after the Python that waits ("await asyncio.sleep(1)" or
 * "time.sleep(1)"), the loop's stalls as "loop blocked" slices, and each log
 * line as an instant on its task's track with the kitchen as it was then.
 *
 * It reads the run through RunTrace, so it shows what the timeline shows:
 * the first cake only, and no notes. Times are microseconds, as the format
 * wants, counted from the start of the bake.
 */
class ChromeTraceWriter
{
public:
    /// The process every track belongs to; fixed, so that two exports of one run are identical.
    static constexpr int processId = 1;
    /// The tracks' thread ids: preheat, mix_ingredients, then the event loop.
    static constexpr int preheatThreadId = 1;
    static constexpr int mixThreadId = 2;
    static constexpr int loopThreadId = 3;

    /// Reads run @p run of @p log each time it is asked, so the log must outlive the writer.
    ChromeTraceWriter(const BakeLogModel &log, int run);

    QJsonObject toJson() const;
    /// The whole file: {"traceEvents": [...], "displayTimeUnit": "ms", "otherData": {...}}.
    QByteArray toBytes() const;
    /// Writes toBytes() to @p path in full or not at all. False with @p error set to one sentence on failure.
    bool write(const QString &path, QString *error) const;

private:
    const BakeLogModel &m_log;
    int m_run;
};
