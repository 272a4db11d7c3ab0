// SPDX-License-Identifier: MIT
#include "columnfitter.h"

#include <QHeaderView>
#include <QTableView>

ColumnFitter::ColumnFitter(QTableView *view)
    : QObject(view)
    , m_view(view)
{
    QHeaderView *header = view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    const QAbstractItemModel *model = view->model();
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        if (!parent.isValid())
            fitRows(first, last);
    });
    connect(model, &QAbstractItemModel::dataChanged, this, &ColumnFitter::onDataChanged);
    connect(model, &QAbstractItemModel::modelReset, this, &ColumnFitter::onModelReset);
    onModelReset();
}

void ColumnFitter::fitHeader()
{
    QHeaderView *header = m_view->horizontalHeader();
    for (int column = 0; column < header->count(); ++column)
        header->resizeSection(column, header->sectionSizeHint(column));
}

void ColumnFitter::fitRows(int first, int last)
{
    if (!m_view || first > last)
        return;
    const QAbstractItemModel *model = m_view->model();
    QHeaderView *header = m_view->horizontalHeader();
    // As QTableView::sizeHintForColumn() counts it: the grid line takes a pixel of the cell.
    const int grid = m_view->showGrid() ? 1 : 0;
    for (int column = 0; column < model->columnCount(); ++column) {
        int widest = header->sectionSize(column);
        for (int row = first; row <= last; ++row)
            widest = std::max(widest, m_view->sizeHintForIndex(model->index(row, column)).width() + grid);
        if (widest > header->sectionSize(column))
            header->resizeSection(column, widest);
    }
}

void ColumnFitter::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (!topLeft.parent().isValid())
        fitRows(topLeft.row(), bottomRight.row());
}

void ColumnFitter::onModelReset()
{
    // Starting over, after a reset, is the one time every row is measured; a reset log has next to none.
    if (!m_view)
        return;
    fitHeader();
    fitRows(0, m_view->model()->rowCount() - 1);
}
