// SPDX-License-Identifier: MIT
#include "pendingworkview.h"

#include "taskpalette.h"

#include <QPainter>

#include <algorithm>

namespace {
constexpr qreal rowLines = 1.6;
constexpr qreal padding = 8;
constexpr qreal markerWidthEms = 4.5;
constexpr qreal pillPaddingEms = 0.6;
constexpr int visibleRowsHint = 6;
} // namespace

PendingWorkView::PendingWorkView(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Pending work"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void PendingWorkView::setPending(const QList<Item> &items, qint64 nowMs, qsizetype total, bool heldForStep)
{
    m_items = items;
    m_nowMs = nowMs;
    m_total = std::max(total, items.size());
    m_heldForStep = heldForStep && !items.isEmpty();
    setAccessibleDescription(m_items.isEmpty() ? tr("Nothing waits on the event loop") : rowText(0));
    update();
}

QString PendingWorkView::whenText(const Item &item, bool first) const
{
    if (first && m_heldForStep)
        return tr("due, held for Step");
    const qint64 left = item.wakeMs - m_nowMs;
    if (left <= 0)
        return tr("due now");
    return tr("in %1 s").arg(left / 1000.0, 0, 'f', 2);
}

QString PendingWorkView::rowText(int index) const
{
    if (index < 0 || index >= m_items.size())
        return {};
    const Item &item = m_items.at(index);
    QStringList parts;
    parts << (index == 0 ? tr("next") : QString::number(index + 1));
    parts << taskName(item.task);
    if (m_total > 1 && std::any_of(m_items.begin(), m_items.end(), [](const Item &i) { return i.cake > 0; }))
        parts << tr("cake %1").arg(item.cake + 1);
    parts << tr("wakes at %1 ms").arg(item.wakeMs);
    parts << whenText(item, index == 0);
    return parts.join(QStringLiteral(" · "));
}

QSize PendingWorkView::sizeHint() const
{
    const qreal line = QFontMetricsF(font()).height();
    return QSizeF(line * 24, line * rowLines * (visibleRowsHint + 1)).toSize();
}

QSize PendingWorkView::minimumSizeHint() const
{
    const qreal line = QFontMetricsF(font()).height();
    return QSizeF(line * 16, line * rowLines * 3).toSize();
}

void PendingWorkView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    const QFontMetricsF metrics(font());
    const qreal rowHeight = metrics.height() * rowLines;

    if (m_items.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(int(padding), 0, -int(padding), 0), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Nothing waits on the event loop. Start an async bake to see its queue of wake-ups."));
        return;
    }

    QFont bold = font();
    bold.setBold(true);
    const qreal markerWidth = metrics.height() * markerWidthEms;
    const int fit = std::max(0, int((height() - rowHeight) / rowHeight));
    const int shown = std::min(int(m_items.size()), fit);
    for (int i = 0; i < shown; ++i) {
        const Item &item = m_items.at(i);
        const QRectF row(0, i * rowHeight, width(), rowHeight);
        if (i == 0)
            painter.fillRect(row, palette().color(QPalette::AlternateBase));

        // The order the loop will run them in; the head is the one that matters.
        painter.setFont(i == 0 ? bold : font());
        painter.setPen(palette().color(QPalette::Text));
        painter.drawText(QRectF(padding, row.top(), markerWidth, row.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         i == 0 ? tr("next ▶") : QString::number(i + 1));

        // The task, as a pill in its colour, as in the log.
        const QString name = taskName(item.task);
        const qreal pillWidth = QFontMetricsF(bold).horizontalAdvance(name) + metrics.height() * pillPaddingEms * 2;
        const QRectF pill(padding + markerWidth, row.top() + row.height() * 0.15, pillWidth, row.height() * 0.7);
        painter.setPen(Qt::NoPen);
        painter.setBrush(taskColor(item.task, palette()));
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2);
        painter.setFont(bold);
        painter.setPen(taskTextColor(item.task, palette()));
        painter.drawText(pill, Qt::AlignCenter, name);

        // When it wakes, and how long it has left.
        painter.setFont(i == 0 && m_heldForStep ? bold : font());
        painter.setPen(palette().color(QPalette::Text));
        QString when = tr("wakes at %1 ms · %2").arg(item.wakeMs).arg(whenText(item, i == 0));
        if (m_total > 1 && item.cake > 0)
            when = tr("cake %1 · ").arg(item.cake + 1) + when;
        const QRectF text(pill.right() + padding, row.top(), std::max(0.0, width() - pill.right() - 2 * padding),
                          row.height());
        painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetricsF(painter.font()).elidedText(when, Qt::ElideRight, text.width()));
    }
    if (m_total > shown) {
        painter.setFont(font());
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QRectF(padding, shown * rowHeight, width() - 2 * padding, rowHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, tr("… and %n more", nullptr, int(m_total - shown)));
    }
}
