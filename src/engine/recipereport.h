// SPDX-License-Identifier: MIT
#pragma once

#include "bakemode.h"
#include "recipeerror.h"

#include <QJsonObject>
#include <QString>

#include <optional>

/**
 * The machine-readable account of one recipe run, as `--report` writes it
 * with `--recipe`: which recipe in which kitchen, how it ended, how long it
 * took, and in the async kitchen how late the thread's event loop answered
 * while the recipe ran (the twins hold their thread by design, so they have
 * no such figure).
 */
class RecipeReport
{
public:
    RecipeReport(const QString &recipe, BakeMode mode, int cakes);

    /// How the run ended: finished, or failed with @p error (a time limit is a failure too).
    void setEnd(const std::optional<recipe::RecipeError> &error, qint64 wallMs);
    void setLoopFigures(qint64 maxStallMs, int lateHeartbeats);
    /// The process's peak resident memory in bytes, written as peak_rss_mb; left out when unknown.
    void setPeakMemory(qint64 bytes) { m_peakMemoryBytes = bytes; }

    QJsonObject toJson() const;
    /// Writes the JSON to @p path, or to standard output for "-". False with @p error set on failure.
    bool write(const QString &path, QString *error) const;

private:
    QString m_recipe;
    BakeMode m_mode;
    int m_cakes;
    std::optional<recipe::RecipeError> m_error;
    qint64 m_wallMs = 0;
    std::optional<qint64> m_maxStallMs;
    int m_lateHeartbeats = 0;
    qint64 m_peakMemoryBytes = -1;
};
