// SPDX-License-Identifier: MIT
#include "recipereport.h"

#include "reportoutput.h"

#include <QJsonValue>

#include <cmath>

RecipeReport::RecipeReport(const QString &recipe, BakeMode mode, int cakes)
    : m_recipe(recipe)
    , m_mode(mode)
    , m_cakes(cakes)
{
}

void RecipeReport::setEnd(const std::optional<recipe::RecipeError> &error, qint64 wallMs)
{
    m_error = error;
    m_wallMs = wallMs;
}

void RecipeReport::setLoopFigures(qint64 maxStallMs, int lateHeartbeats)
{
    m_maxStallMs = maxStallMs;
    m_lateHeartbeats = lateHeartbeats;
}

QJsonObject RecipeReport::toJson() const
{
    QJsonObject json{
        {QStringLiteral("recipe"), m_recipe},
        {QStringLiteral("mode"), bakeModeName(m_mode)},
        {QStringLiteral("cakes"), m_cakes},
        {QStringLiteral("status"), m_error ? QStringLiteral("failed") : QStringLiteral("finished")},
        {QStringLiteral("wall_ms"), m_wallMs},
        // null where the kitchen holds its thread by design: there was no loop to answer.
        {QStringLiteral("max_loop_stall_ms"), m_maxStallMs ? QJsonValue(*m_maxStallMs) : QJsonValue()},
        {QStringLiteral("late_heartbeats"), m_maxStallMs ? QJsonValue(m_lateHeartbeats) : QJsonValue()},
    };
    if (m_error) {
        json.insert(QStringLiteral("error"), m_error->text());
        if (m_error->line > 0)
            json.insert(QStringLiteral("error_line"), m_error->line);
    }
    if (m_peakMemoryBytes >= 0)
        json.insert(QStringLiteral("peak_rss_mb"), std::round(m_peakMemoryBytes / 1e5) / 10); // MB of 10^6 bytes
    return json;
}

bool RecipeReport::write(const QString &path, QString *error) const
{
    return ReportOutput::write(toJson(), path, error);
}
