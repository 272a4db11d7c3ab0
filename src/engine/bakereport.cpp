// SPDX-License-Identifier: MIT
#include "bakereport.h"

#include "outputfile.h"

#include <cmath>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cerrno>
#include <cstring>

#include <cstdio>

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
    const QByteArray json = QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
    if (path == QLatin1String("-")) {
        // A full disk or a closed pipe behind standard output must not pass for a report delivered.
        errno = 0;
        if (std::fwrite(json.constData(), 1, std::size_t(json.size()), stdout) == std::size_t(json.size())
            && std::fflush(stdout) == 0)
            return true;
        if (error)
            *error = QStringLiteral("cannot write the report to standard output: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(errno ? errno : EIO)));
        return false;
    }
    QString why;
    if (!OutputFile(path).write(json, &why)) {
        if (error)
            *error = QStringLiteral("cannot write the report to %1: %2").arg(path, why);
        return false;
    }
    return true;
}
