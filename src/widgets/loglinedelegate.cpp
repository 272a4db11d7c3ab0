// SPDX-License-Identifier: MIT
#include "loglinedelegate.h"

#include "bakelogmodel.h"
#include "rowsizecache.h"
#include "taskpalette.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace {

// Every size is in lines (the font's height) or ems, so a 1.5x presentation font makes 1.5x rows.
constexpr qreal entryRowLines = 1.5;
constexpr qreal headerBandLines = 1.8;
constexpr qreal headerGapLines = 0.7; // space above a header, so runs read as separate blocks
constexpr qreal pillLines = 1.2;
constexpr qreal paddingEms = 0.6; // left and right of the row, and between columns
constexpr qreal pillPaddingEms = 0.5;
constexpr qreal accentWidthEms = 0.3; // the stripe at the left of a header band

// The widest time the column is sized for; the command line pads to six digits too.
const QLatin1String widestTime("000000 ms");

// The band and the muted time column are blends of the palette's own text and base.
constexpr qreal headerBandTint = 0.09;
constexpr qreal mutedTextTint = 0.35;
constexpr double mutedTextContrast = 4.5;

QColor blend(const QColor &from, const QColor &to, qreal t)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
                            float(from.greenF() + (to.greenF() - from.greenF()) * t),
                            float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

qreal em(const QFontMetricsF &metrics)
{
    return metrics.horizontalAdvance(QLatin1Char('M'));
}

QFont boldFont(const QFont &font)
{
    QFont bold = font;
    bold.setBold(true);
    return bold;
}

/// The x positions of an entry row's columns, from the option's font alone.
struct Columns {
    qreal padding;
    qreal timeRight; ///< the time is right-aligned here
    qreal taskLeft;
    qreal taskWidth; ///< wide enough for the widest task name
    qreal messageLeft;

    explicit Columns(const QStyleOptionViewItem &option)
    {
        const QFontMetricsF metrics(option.font);
        const QFontMetricsF bold(boldFont(option.font));
        padding = em(metrics) * paddingEms;
        timeRight = padding + metrics.horizontalAdvance(widestTime);
        taskLeft = timeRight + padding;
        const qreal widestName = std::max(bold.horizontalAdvance(taskName(TaskId::Preheat)),
                                          bold.horizontalAdvance(taskName(TaskId::Mix)));
        taskWidth = widestName + 2 * em(metrics) * pillPaddingEms;
        messageLeft = taskLeft + taskWidth + padding;
    }
};

bool isSelected(const QStyleOptionViewItem &option)
{
    return option.state.testFlag(QStyle::State_Selected);
}

QPalette::ColorGroup colorGroup(const QStyleOptionViewItem &option)
{
    if (!option.state.testFlag(QStyle::State_Enabled))
        return QPalette::Disabled;
    return option.state.testFlag(QStyle::State_Active) ? QPalette::Active : QPalette::Inactive;
}

/// The message column: the message, preceded by the cake when the run bakes more than one.
QString messageText(const QModelIndex &index)
{
    QString message = index.data(BakeLogModel::MessageRole).toString();
    // A worker thread's line says which thread printed it. The command line's "[Thread-2 (mix_ingredients)]" names
    // the task too, which the pill already shows; "Thread-2" alone keeps the line inside a narrow log pane.
    if (const QVariant entry = index.data(BakeLogModel::EntryRole); entry.isValid()) {
        const int thread = entry.value<LogEntry>().thread;
        if (thread > 0)
            message += QStringLiteral("  ·  Thread-%1").arg(thread);
    }
    // The model's printed line names the cake only when its run bakes several; follow it.
    const QString cake = QStringLiteral("cake %1: ").arg(index.data(BakeLogModel::CakeRole).toInt() + 1);
    if (index.data(BakeLogModel::LineRole).toString().contains(cake))
        return QStringLiteral("cake %1 · %2").arg(index.data(BakeLogModel::CakeRole).toInt() + 1).arg(message);
    return message;
}

} // namespace

LogLineDelegate::LogLineDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_sizes(new RowSizeCache(this))
{
}

QSize LogLineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (const QSize known = m_sizes->find(index, option.font); known.isValid())
        return known;
    const QSize measured = measure(option, index);
    m_sizes->store(index, measured);
    return measured;
}

QSize LogLineDelegate::measure(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetricsF metrics(option.font);
    const qreal line = metrics.height();
    if (index.data(BakeLogModel::IsHeaderRole).toBool()) {
        const qreal gap = index.row() > 0 ? line * headerGapLines : 0;
        const qreal width = em(metrics) * (accentWidthEms + 2 * paddingEms)
            + QFontMetricsF(boldFont(option.font)).horizontalAdvance(index.data(Qt::DisplayRole).toString());
        return QSizeF(width, gap + line * headerBandLines).toSize();
    }
    const Columns columns(option);
    const qreal width = columns.messageLeft + metrics.horizontalAdvance(messageText(index)) + columns.padding;
    return QSizeF(width, line * entryRowLines).toSize();
}

void LogLineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (index.data(BakeLogModel::IsHeaderRole).toBool())
        paintHeader(painter, option, index);
    else
        paintEntry(painter, option, index);
    painter->restore();
}

QRectF LogLineDelegate::taskPillRect(const QStyleOptionViewItem &option, const QRect &rowRect, const QString &taskName)
{
    const QFontMetricsF metrics(option.font);
    const Columns columns(option);
    const qreal height = metrics.height() * pillLines;
    const qreal width
        = QFontMetricsF(boldFont(option.font)).horizontalAdvance(taskName) + 2 * em(metrics) * pillPaddingEms;
    return QRectF(rowRect.left() + columns.taskLeft, rowRect.top() + (rowRect.height() - height) / 2, width, height);
}

void LogLineDelegate::paintHeader(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetricsF metrics(option.font);
    const qreal line = metrics.height();
    const qreal gap = index.row() > 0 ? line * headerGapLines : 0;
    const QRectF band = QRectF(option.rect).adjusted(0, gap, 0, 0);
    const QPalette::ColorGroup group = colorGroup(option);
    const QPalette &palette = option.palette;

    const bool selected = isSelected(option);
    const QColor fill = selected
        ? palette.color(group, QPalette::Highlight)
        : blend(palette.color(group, QPalette::Base), palette.color(group, QPalette::Text), headerBandTint);
    const QColor ink = palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    painter->fillRect(band, fill);
    // A stripe in the text colour anchors the band, so it reads as a heading even when the tint is faint.
    const qreal accent = em(metrics) * accentWidthEms;
    painter->fillRect(QRectF(band.left(), band.top(), accent, band.height()), ink);

    const qreal padding = em(metrics) * paddingEms;
    const QRectF textRect = band.adjusted(accent + padding, 0, -padding, 0);
    const QFont bold = boldFont(option.font);
    painter->setFont(bold);
    painter->setPen(ink);
    const QString title
        = QFontMetricsF(bold).elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, textRect.width());
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, title);
}

void LogLineDelegate::paintEntry(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // The style draws the row background: selection, hover and alternate rows look native.
    QStyleOptionViewItem panel = option;
    initStyleOption(&panel, index);
    panel.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &panel, painter, widget);

    const QPalette::ColorGroup group = colorGroup(option);
    const QPalette &palette = option.palette;
    const bool selected = isSelected(option);
    const QColor background = palette.color(group, selected ? QPalette::Highlight : QPalette::Base);
    const QColor ink = palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QFontMetricsF metrics(option.font);
    const Columns columns(option);
    const QRectF row = option.rect;

    // The time: muted, so the coloured task and the message carry the row.
    QPalette mutedPalette = palette;
    mutedPalette.setColor(QPalette::Base, background);
    mutedPalette.setColor(QPalette::Window, background);
    const QColor muted = readableColor(blend(ink, background, mutedTextTint), mutedPalette, mutedTextContrast);
    painter->setFont(option.font);
    painter->setPen(muted);
    const QString time = QStringLiteral("%1 ms").arg(index.data(BakeLogModel::TimeMsRole).toLongLong());
    painter->drawText(QRectF(row.left(), row.top(), columns.timeRight, row.height()), Qt::AlignRight | Qt::AlignVCenter,
                      time);

    // The task: a pill in its colour, the same colour the gauges use. A note belongs to no task and gets none.
    if (!index.data(BakeLogModel::IsNoteRole).toBool()) {
        const auto task = TaskId(index.data(BakeLogModel::TaskRole).toInt());
        const QString name = index.data(BakeLogModel::TaskNameRole).toString();
        const QRectF pill = taskPillRect(option, option.rect, name);
        const qreal radius = pill.height() / 2;
        painter->setPen(selected ? QPen(palette.color(group, QPalette::HighlightedText), 1.5) : QPen(Qt::NoPen));
        painter->setBrush(taskColor(task, palette));
        painter->drawRoundedRect(pill, radius, radius);
        painter->setFont(boldFont(option.font));
        painter->setPen(taskTextColor(task, palette));
        painter->drawText(pill, Qt::AlignCenter, name);
    }

    // The message takes the rest of the row, elided rather than clipped mid-letter.
    const QRectF messageRect(row.left() + columns.messageLeft, row.top(),
                             std::max(0.0, row.width() - columns.messageLeft - columns.padding), row.height());
    painter->setFont(option.font);
    painter->setPen(ink);
    painter->drawText(messageRect, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(messageText(index), Qt::ElideRight, messageRect.width()));
}
