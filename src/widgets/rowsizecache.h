// SPDX-License-Identifier: MIT
#pragma once

#include <QFont>
#include <QObject>
#include <QPointer>
#include <QSize>

#include <vector>

class QAbstractItemModel;
class QModelIndex;

/**
 * The size hints a delegate has already measured for the rows of a list
 * model, so a view that lays out every row again each time one is appended
 * measures only the new one. It follows the model it was last asked about:
 * a changed row is measured again, an append keeps every earlier size, and a
 * reset, a move or an insertion or removal before the end forgets them all.
 * A change of font forgets them too, since every size comes from the font.
 */
class RowSizeCache : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RowSizeCache)

public:
    explicit RowSizeCache(QObject *parent = nullptr);

    /// The size stored for @p index measured in @p font; invalid when it must be measured.
    QSize find(const QModelIndex &index, const QFont &font);
    /// Keeps @p size for @p index, as measured in the font find() was last given.
    void store(const QModelIndex &index, QSize size);
    /// How many rows have a size stored.
    std::size_t storedRows() const;

private:
    void follow(const QAbstractItemModel *model);
    void forgetAll();
    void onRowsInserted(const QModelIndex &parent, int first);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    QPointer<const QAbstractItemModel> m_model;
    QFont m_font;
    std::vector<QSize> m_sizes; ///< by row; an invalid size is a row not measured yet
};
