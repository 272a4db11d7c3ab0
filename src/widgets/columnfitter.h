// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>

class QModelIndex;
class QTableView;

/**
 * Keeps a table's columns wide enough for what they show without measuring
 * the whole table: each row is measured as it arrives and again when it
 * changes, and a column widens to fit it but never shrinks, so the reader's
 * eye does not have to follow columns that jump. QHeaderView::ResizeToContents
 * measures every row (up to a thousand) on every change instead, which made
 * each run of a long session cost more than the one before.
 *
 * The columns stay Interactive: the user may still drag them wider or narrower.
 */
class ColumnFitter : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnFitter)

public:
    /// Fits @p view's columns from now on; a child of the view. Call it after the view has its model.
    explicit ColumnFitter(QTableView *view);

private:
    void fitHeader();
    void fitRows(int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void onModelReset();

    QPointer<QTableView> m_view;
};
