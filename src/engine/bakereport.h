// SPDX-License-Identifier: MIT
#pragma once

#include "bakeoutcome.h"
#include "logentry.h"

#include <QJsonObject>
#include <QList>

#include <optional>

/**
 * The machine-readable account of one bake, as `--report` writes it: the
 * mode and parameters, total against ideal, what the loop monitor saw and,
 * for a single cake, every entry. The headless run and the window both fill
 * one in, so their reports cannot drift apart.
 */
class BakeReport
{
public:
    explicit BakeReport(const BakeOutcome &outcome);

    void setLoopFigures(qint64 maxStallMs, int lateHeartbeats);
    /// The process's peak resident memory in bytes, written as peak_rss_mb; left out when never set or unknown.
    void setPeakMemory(qint64 bytes) { m_peakMemoryBytes = bytes; }
    /// Entries are written only for a single cake and only when set; a quiet bake keeps none.
    void setEntries(const QList<LogEntry> &entries);

    QJsonObject toJson() const;
    /// Writes the JSON to @p path, or to standard output for "-". False with @p error set on failure.
    bool write(const QString &path, QString *error) const;

private:
    qint64 m_peakMemoryBytes = -1;
    BakeOutcome m_outcome;
    std::optional<QList<LogEntry>> m_entries;
    qint64 m_maxStallMs = 0;
    int m_lateHeartbeats = 0;
};
