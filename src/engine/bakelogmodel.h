// SPDX-License-Identifier: MIT
#pragma once

#include "bakeoutcome.h"
#include "logentry.h"
#include "loopstall.h"

#include <QAbstractListModel>

#include <optional>
#include <vector>

/**
 * The log of every bake of the session: a header row per run, then that
 * run's entries in the order they were reported, with notes between them
 * (such as a click that waited for a frozen loop). Each entry keeps its
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
        IsNoteRole, ///< a note row: TimeMsRole and MessageRole hold its time and text
    };
    Q_ENUM(Role)

    explicit BakeLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Adds a header row for a new run and makes it the run that appendEntry() fills. Returns its number.
    int beginRun(BakeMode mode, const BakeParameters &parameters);
    void appendEntry(const LogEntry &entry);
    /// Adds a note to the current run, at @p timeMs on its clock: "your click waited 3.1 s".
    void appendNote(qint64 timeMs, const QString &text);
    /// Records how the current run ended, which its header then shows.
    void finishRun(const BakeOutcome &outcome);
    /// Records what the loop monitor measured over the current run, once the run has ended.
    void measureRun(qint64 maxStallMs, int lateHeartbeats, std::vector<LoopStall> stalls,
                    qint64 memoryGrowthBytes = -1);
    void clear();

    int runCount() const { return int(m_runs.size()); }
    int headerRow(int run) const { return m_runs.at(std::size_t(run)).headerRow; }
    BakeMode runMode(int run) const { return m_runs.at(std::size_t(run)).mode; }
    BakeParameters runParameters(int run) const { return m_runs.at(std::size_t(run)).parameters; }
    /// How the run ended; nullopt while it is still under way.
    std::optional<BakeOutcome> runOutcome(int run) const { return m_runs.at(std::size_t(run)).outcome; }
    int entryCount(int run) const { return m_runs.at(std::size_t(run)).entryCount; }
    int noteCount(int run) const { return m_runs.at(std::size_t(run)).noteCount; }
    /// The loop's longest stall over @p run in ms; -1 until the run has been measured.
    qint64 runMaxStallMs(int run) const { return m_runs.at(std::size_t(run)).maxStallMs; }
    int runLateHeartbeats(int run) const { return m_runs.at(std::size_t(run)).lateHeartbeats; }
    /// How far resident memory rose above its level at the run's start, at its highest; -1 when not measured.
    qint64 runMemoryGrowthBytes(int run) const { return m_runs.at(std::size_t(run)).memoryGrowthBytes; }
    /// The stretches in which the loop answered late during @p run, on the run's clock.
    const std::vector<LoopStall> &runStalls(int run) const { return m_runs.at(std::size_t(run)).stalls; }
    /// The entries of @p run in order, without its header and notes.
    QList<LogEntry> entries(int run) const;
    /// "Bake Async · 400 °F · 3 mixes · 1000 ms · 3.00 s"
    QString runTitle(int run) const;

    bool isHeader(int row) const { return m_rows.at(std::size_t(row)).kind == RowKind::Header; }
    bool isNote(int row) const { return m_rows.at(std::size_t(row)).kind == RowKind::Note; }
    /// For an entry row, its place in its run counted from 1 ("line 4 of 6"); 0 for other rows.
    int entryNumber(int row) const;
    int runOfRow(int row) const { return m_rows.at(std::size_t(row)).run; }
    const LogEntry &entry(int row) const { return m_rows.at(std::size_t(row)).entry; }
    /// The line of @p row as the command line prints it (a header as "# title", a note as "[  2100 ms] # text").
    QString line(int row) const;

Q_SIGNALS:
    /// A run began, ended, was measured or got a note: what a table of runs shows of it changed.
    void runChanged(int run);

private:
    enum class RowKind : quint8 { Header, Entry, Note };
    struct Run {
        BakeMode mode;
        BakeParameters parameters;
        int headerRow;
        std::optional<BakeOutcome> outcome;
        int entryCount = 0;
        int noteCount = 0;
        qint64 maxStallMs = -1;
        int lateHeartbeats = 0;
        std::vector<LoopStall> stalls;
        qint64 memoryGrowthBytes = -1;
    };
    struct Row {
        int run;
        RowKind kind;
        int number; ///< entries: place in the run from 1; notes: index into m_notes
        LogEntry entry; ///< notes use timeMs only
    };

    void appendRow(const Row &row);

    std::vector<Run> m_runs;
    std::vector<Row> m_rows;
    std::vector<QString> m_notes;
};
