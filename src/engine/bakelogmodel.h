// SPDX-License-Identifier: MIT
#pragma once

#include "bakeoutcome.h"
#include "logentry.h"

#include <QAbstractListModel>

#include <optional>
#include <vector>

/**
 * The log of every bake of the session: a header row per run, then that
 * run's entries in the order they were reported. Each entry keeps its
 * kitchen snapshot, exposed through roles so a view can replay any line.
 * The model only stores; whoever drives the bake feeds it.
 */
class BakeLogModel : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BakeLogModel)

public:
    enum Role {
        IsHeaderRole = Qt::UserRole + 1,
        RunRole,
        TimeMsRole,
        CakeRole,
        TaskRole, ///< TaskId as int
        TaskNameRole,
        MessageRole,
        LineRole, ///< the line as the command line prints it
        OvenTemperatureRole,
        MixesDoneRole,
        PreheatStateRole, ///< TaskState as int
        MixStateRole,
        PreheatWakeMsRole, ///< -1 when not waiting
        MixWakeMsRole,
        EntryRole, ///< the whole LogEntry
    };
    Q_ENUM(Role)

    explicit BakeLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Adds a header row for a new run and makes it the run that appendEntry() fills. Returns its number.
    int beginRun(BakeMode mode, const BakeParameters &parameters);
    void appendEntry(const LogEntry &entry);
    /// Records how the current run ended, which its header then shows.
    void finishRun(const BakeOutcome &outcome);
    void clear();

    int runCount() const { return int(m_runs.size()); }
    int headerRow(int run) const { return m_runs.at(std::size_t(run)).headerRow; }
    /// "Bake Async · 400 °F · 3 mixes · 1000 ms · 3.00 s"
    QString runTitle(int run) const;

    bool isHeader(int row) const { return m_rows.at(std::size_t(row)).isHeader; }
    int runOfRow(int row) const { return m_rows.at(std::size_t(row)).run; }
    const LogEntry &entry(int row) const { return m_rows.at(std::size_t(row)).entry; }
    /// The line of @p row as the command line prints it (a header as "# title").
    QString line(int row) const;

private:
    struct Run {
        BakeMode mode;
        BakeParameters parameters;
        int headerRow;
        std::optional<BakeOutcome> outcome;
    };
    struct Row {
        int run;
        bool isHeader;
        LogEntry entry;
    };

    std::vector<Run> m_runs;
    std::vector<Row> m_rows;
};
