// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QPointer>

class BakeLogModel;

/**
 * Every run of the session side by side, one row per run in the order they
 * began: the mode, the recipe, total against ideal, the loop's largest
 * stall and how many inputs waited for a frozen loop. It reads the runs
 * from a BakeLogModel it does not own and follows it live: a row appears
 * as a run begins and changes as the run ends, is measured or gets a note.
 *
 * DisplayRole gives text with units ("6.00 s"); SortRole gives the number
 * behind it, so a QSortFilterProxyModel given setSortRole(SortRole) sorts
 * 10.00 s after 9.00 s. RunRole maps any row back to its run in the log.
 */
class RunsTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsTableModel)

public:
    enum Column {
        RunColumn, ///< the run's number, from 1
        ModeColumn,
        TargetColumn,
        MixesColumn,
        StepColumn,
        TotalColumn, ///< "baking…" until the run ends; "cancelled after 1.23 s" for a cancelled run
        IdealColumn,
        LargestStallColumn, ///< "—" until the loop monitor has measured the run
        InputsWaitedColumn, ///< the run's notes: clicks and key presses that waited for a frozen loop
        ThreadsColumn, ///< worker threads the run started: two a cake when threaded
        MemoryColumn, ///< how far the process's resident memory rose above where it stood as the run began
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        /// The number behind the text (ms for times), the mode's title for the mode; invalid while not yet known.
        SortRole = Qt::UserRole + 1,
        RunRole, ///< the run's index in the log, counted from 0, in every column
    };
    Q_ENUM(Role)

    /// Follows @p log, which must outlive this model or be destroyed first (the table then empties).
    explicit RunsTableModel(const BakeLogModel *log, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void onRunChanged(int run);
    void onLogAboutToBeReset();
    void onLogReset();
    void onLogDestroyed();

    QString displayText(int run, int column) const;
    QVariant sortValue(int run, int column) const;

    QPointer<const BakeLogModel> m_log;
    int m_rows = 0; ///< runs shown; may trail the log's count between its change and our signal
};
