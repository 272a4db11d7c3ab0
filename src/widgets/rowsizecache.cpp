// SPDX-License-Identifier: MIT
#include "rowsizecache.h"

#include <QAbstractItemModel>

#include <algorithm>

RowSizeCache::RowSizeCache(QObject *parent)
    : QObject(parent)
{
}

QSize RowSizeCache::find(const QModelIndex &index, const QFont &font)
{
    if (index.model() != m_model)
        follow(index.model());
    if (font != m_font) {
        m_font = font;
        forgetAll();
    }
    // Only the top level of a list is kept: a tree's rows under other parents would share row numbers.
    if (index.parent().isValid() || index.row() < 0 || std::size_t(index.row()) >= m_sizes.size())
        return {};
    return m_sizes[std::size_t(index.row())];
}

void RowSizeCache::store(const QModelIndex &index, QSize size)
{
    if (index.model() != m_model || index.parent().isValid() || index.row() < 0)
        return;
    const auto row = std::size_t(index.row());
    if (row >= m_sizes.size())
        m_sizes.resize(row + 1);
    m_sizes[row] = size;
}

std::size_t RowSizeCache::storedRows() const
{
    return std::size_t(std::count_if(m_sizes.begin(), m_sizes.end(), [](const QSize &size) { return size.isValid(); }));
}

void RowSizeCache::follow(const QAbstractItemModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    forgetAll();
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int) { onRowsInserted(parent, first); });
    connect(model, &QAbstractItemModel::dataChanged, this, &RowSizeCache::onDataChanged);
    // Anything that moves rows already measured: rare, so forgetting them all is simpler than shifting.
    connect(model, &QAbstractItemModel::rowsRemoved, this, &RowSizeCache::forgetAll);
    connect(model, &QAbstractItemModel::rowsMoved, this, &RowSizeCache::forgetAll);
    connect(model, &QAbstractItemModel::modelReset, this, &RowSizeCache::forgetAll);
    connect(model, &QAbstractItemModel::layoutChanged, this, &RowSizeCache::forgetAll);
}

void RowSizeCache::forgetAll()
{
    m_sizes.clear();
}

void RowSizeCache::onRowsInserted(const QModelIndex &parent, int first)
{
    // Appending, the log's only way to grow, leaves every stored row where it was.
    if (!parent.isValid() && std::size_t(first) < m_sizes.size())
        forgetAll();
}

void RowSizeCache::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (topLeft.parent().isValid())
        return;
    const auto end = std::min(m_sizes.size(), std::size_t(std::max(0, bottomRight.row() + 1)));
    for (auto row = std::size_t(std::max(0, topLeft.row())); row < end; ++row)
        m_sizes[row] = QSize();
}
