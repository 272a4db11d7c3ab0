// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

class RowSizeCache;

/**
 * Paints the rows of a BakeLogModel in a list view. An entry row is three
 * aligned columns: the time ("1000 ms", right-aligned), the task as a pill in
 * its taskColor(), and the message. A header row is a full-width band with
 * the run's title, a little taller and set apart from the run above.
 *
 * Every size comes from the option's font, so the rows grow with the
 * presentation font, and every colour from the option's palette. The one
 * thing it keeps is a RowSizeCache: a list view lays out all its rows again
 * whenever one is appended, and measuring each row's text every time made a
 * bake cost more with every run before it.
 */
class LogLineDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogLineDelegate)

public:
    explicit LogLineDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /// Where the task pill of an entry row drawn in @p rowRect with @p option's font sits; lets tests and
    /// tooltips find it.
    static QRectF taskPillRect(const QStyleOptionViewItem &option, const QRect &rowRect, const QString &taskName);

private:
    QSize measure(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintHeader(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintEntry(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;

    RowSizeCache *m_sizes; ///< a child; a pointer, because sizeHint() is const and still fills it
};
