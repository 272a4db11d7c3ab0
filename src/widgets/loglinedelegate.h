// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

/**
 * Paints the rows of a BakeLogModel in a list view. An entry row is three
 * aligned columns: the time ("1000 ms", right-aligned), the task as a pill in
 * its taskColor(), and the message. A header row is a full-width band with
 * the run's title, a little taller and set apart from the run above.
 *
 * It owns no state: every size comes from the option's font, so the rows
 * grow with the presentation font, and every colour from the option's palette.
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
    void paintHeader(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    void paintEntry(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
};
