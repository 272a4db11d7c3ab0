// SPDX-License-Identifier: MIT
#include "bakereport.h"

#include "reportoutput.h"

#include <QJsonArray>

#include <cmath>

BakeReport::BakeReport(const BakeOutcome &outcome)
    : m_outcome(outcome)
{
}

void BakeReport::setLoopFigures(qint64 maxStallMs, int lateHeartbeats)
{
    m_maxStallMs = maxStallMs;
    m_lateHeartbeats = lateHeartbeats;
}

void BakeReport::setEntries(const QList<LogEntry> &entries)
{
    m_entries = entries;
}

QJsonObject BakeReport::toJson() const
{
    const BakeParameters &p = m_outcome.parameters;
    QJsonObject json{
        {QStringLiteral("mode"), bakeModeName(m_outcome.mode)},
        {QStringLiteral("target_temp"), p.targetTemperature},
        {QStringLiteral("mix_count"), p.mixCount},
        {QStringLiteral("step_ms"), p.stepMs},
        {QStringLiteral("cakes"), p.cakes},
        {QStringLiteral("speed"), p.speedPercent / 100.0},
        {QStringLiteral("mix_trap"), mixTrapName(p.mixTrap)},
        {QStringLiteral("threads_started"), m_outcome.threadsStarted},
        {QStringLiteral("total_ms"), m_outcome.totalMs},
        {QStringLiteral("wall_ms"), m_outcome.wallMs},
        {QStringLiteral("ideal_ms"), m_outcome.idealMs()},
        {QStringLiteral("max_loop_stall_ms"), m_maxStallMs},
        {QStringLiteral("late_heartbeats"), m_lateHeartbeats},
        {QStringLiteral("resumptions"), qint64(m_outcome.resumptions)},
        {QStringLiteral("reports"), qint64(m_outcome.reports)},
        {QStringLiteral("cancelled"), m_outcome.cancelled},
    };
    if (m_peakMemoryBytes >= 0)
        json.insert(QStringLiteral("peak_rss_mb"), std::round(m_peakMemoryBytes / 1e5) / 10); // MB of 10^6 bytes
    if (p.cakes == 1 && m_entries) {
        QJsonArray entries;
        for (const LogEntry &entry : *m_entries)
            entries.append(QJsonObject{{QStringLiteral("t_ms"), entry.timeMs},
                                       {QStringLiteral("task"), taskName(entry.task)},
                                       {QStringLiteral("message"), entry.message()}});
        json.insert(QStringLiteral("entries"), entries);
    }
    return json;
}

bool BakeReport::write(const QString &path, QString *error) const
{
    return ReportOutput::write(toJson(), path, error);
}
