// SPDX-License-Identifier: MIT
#include "bakelogmodel.h"
#include "loglinedelegate.h"
#include "taskpalette.h"
#include "widgettestsupport.h"

#include <QApplication>
#include <QIdentityProxyModel>
#include <QPainter>
#include <QStyleOptionViewItem>
#include <QTest>

/**
 * LogLineDelegate: the log's rows. Sizes come from the font alone (so the
 * rows grow with presentation mode), a header is a taller band set apart from
 * the run above, an entry shows its task as a pill in the task's own colour,
 * and the message names the cake only when the run bakes several.
 */
class TestLogLineDelegate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void headersAreTallerThanEntries();
    void rowsGrowWithTheFont_data();
    void rowsGrowWithTheFont();
    void entryIsAsWideAsItsMessage();
    void cakeIsNamedOnlyWhenSeveralBake();
    void aWorkersLineNamesItsThread();
    void taskPillSitsInTheTaskColumn();
    void eachTaskIsPaintedInItsColour_data();
    void eachTaskIsPaintedInItsColour();
    void headerIsABandWithAStripe();
    void selectionChangesTheRow();
    void noteRowShowsNoTaskPill();
    void eachRowIsMeasuredOnce();
    void aChangedRowIsMeasuredAgain();

private:
    BakeLogModel m_log;
    int m_firstHeader = -1;
    int m_preheatRow = -1;
    int m_mixRow = -1;
    int m_noteRow = -1;
    int m_secondHeader = -1;
    int m_manyCakesRow = -1;
};

namespace {

constexpr int rowWidth = 600;

LogEntry entryOf(TaskId task, int value, int cake = 0)
{
    LogEntry entry;
    entry.timeMs = 1000;
    entry.task = task;
    entry.value = value;
    entry.cake = cake;
    return entry;
}

QStyleOptionViewItem optionFor(const QFont &font = QApplication::font())
{
    QStyleOptionViewItem option;
    option.font = font;
    option.fontMetrics = QFontMetrics(font);
    option.palette = lightPalette();
    option.state = QStyle::State_Enabled | QStyle::State_Active;
    return option;
}

/// @p index painted by a delegate as a view would, into a white row @p rowWidth wide.
QImage paintedRow(const QModelIndex &index, QStyleOptionViewItem option = optionFor())
{
    const LogLineDelegate delegate;
    const QSize size(rowWidth, delegate.sizeHint(option, index).height());
    option.rect = QRect(QPoint(0, 0), size);
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    delegate.paint(&painter, option, index);
    painter.end();
    return image;
}

/// The log as a view sees it, counting every read of its data: a measurement reads, a stored size does not.
class CountingProxy : public QIdentityProxyModel
{
public:
    QVariant data(const QModelIndex &index, int role) const override
    {
        ++reads;
        return QIdentityProxyModel::data(index, role);
    }
    mutable int reads = 0;
};

/// Every row's size hint, in order.
QList<QSize> sizeHints(const LogLineDelegate &delegate, const QAbstractItemModel &model,
                       const QStyleOptionViewItem &option = optionFor())
{
    QList<QSize> sizes;
    for (int row = 0; row < model.rowCount(); ++row)
        sizes << delegate.sizeHint(option, model.index(row, 0));
    return sizes;
}

/// A point inside the task pill, left of its text: only the pill's fill is there.
QPoint insidePill(const QModelIndex &index, const QStyleOptionViewItem &option = optionFor())
{
    const LogLineDelegate delegate;
    const QRect row(0, 0, rowWidth, delegate.sizeHint(option, index).height());
    const QRectF pill = LogLineDelegate::taskPillRect(option, row, index.data(BakeLogModel::TaskNameRole).toString());
    return QPoint(qRound(pill.left() + 3), qRound(pill.center().y()));
}

} // namespace

void TestLogLineDelegate::init()
{
    m_log.clear();
    m_firstHeader = m_log.headerRow(m_log.beginRun(BakeMode::Async, BakeParameters{}));
    m_log.appendEntry(entryOf(TaskId::Preheat, 200));
    m_preheatRow = m_log.rowCount() - 1;
    m_log.appendEntry(entryOf(TaskId::Mix, 0));
    m_mixRow = m_log.rowCount() - 1;
    m_log.appendNote(2100, QStringLiteral("your click waited 3.1 s"));
    m_noteRow = m_log.rowCount() - 1;

    BakeParameters twoCakes;
    twoCakes.cakes = 2;
    m_secondHeader = m_log.headerRow(m_log.beginRun(BakeMode::Async, twoCakes));
    m_log.appendEntry(entryOf(TaskId::Mix, 0, 1));
    m_manyCakesRow = m_log.rowCount() - 1;
}

void TestLogLineDelegate::headersAreTallerThanEntries()
{
    const LogLineDelegate delegate;
    const QStyleOptionViewItem option = optionFor();
    const int line = QFontMetrics(option.font).height();
    const QSize entry = delegate.sizeHint(option, m_log.index(m_preheatRow));
    const QSize firstHeader = delegate.sizeHint(option, m_log.index(m_firstHeader));
    const QSize laterHeader = delegate.sizeHint(option, m_log.index(m_secondHeader));

    // An entry has room above and below its text; a header is a taller band; a later one also keeps a gap
    // from the run above it.
    QVERIFY2(entry.height() > line, qPrintable(QString::number(entry.height())));
    QVERIFY(firstHeader.height() > entry.height());
    QVERIFY(laterHeader.height() > firstHeader.height());
    QCOMPARE(delegate.sizeHint(option, m_log.index(m_mixRow)).height(), entry.height());
}

void TestLogLineDelegate::rowsGrowWithTheFont_data()
{
    QTest::addColumn<int>("row");
    QTest::newRow("entry") << 1;
    QTest::newRow("header") << 0;
}

void TestLogLineDelegate::rowsGrowWithTheFont()
{
    // Presentation mode's 1.5x font must make 1.5x rows, or its text would be clipped.
    QFETCH(int, row);

    const LogLineDelegate delegate;
    QFont font = QApplication::font();
    font.setPixelSize(12);
    const QSize normal = delegate.sizeHint(optionFor(font), m_log.index(row));
    font.setPixelSize(18);
    const QSize presentation = delegate.sizeHint(optionFor(font), m_log.index(row));

    const qreal heightRatio = qreal(presentation.height()) / normal.height();
    const qreal widthRatio = qreal(presentation.width()) / normal.width();
    QVERIFY2(heightRatio > 1.3 && heightRatio < 1.7, qPrintable(QString::number(heightRatio)));
    QVERIFY2(widthRatio > 1.3 && widthRatio < 1.7, qPrintable(QString::number(widthRatio)));
}

void TestLogLineDelegate::entryIsAsWideAsItsMessage()
{
    // The message is the last column, so a longer message makes a wider row and the list can scroll to it.
    BakeLogModel log;
    log.beginRun(BakeMode::Async, BakeParameters{});
    log.appendEntry(entryOf(TaskId::Preheat, 5));
    log.appendEntry(entryOf(TaskId::Preheat, 123456789));

    const LogLineDelegate delegate;
    const QStyleOptionViewItem option = optionFor();
    const int shortRow = delegate.sizeHint(option, log.index(1)).width();
    const int longRow = delegate.sizeHint(option, log.index(2)).width();
    const QFontMetricsF metrics(option.font);
    const qreal longer = metrics.horizontalAdvance(QStringLiteral("temp is now 123456789"))
        - metrics.horizontalAdvance(QStringLiteral("temp is now 5"));
    QVERIFY2(qAbs(longRow - shortRow - longer) <= 2,
             qPrintable(QStringLiteral("%1 against %2").arg(longRow).arg(shortRow)));
}

void TestLogLineDelegate::aWorkersLineNamesItsThread()
{
    // In a threaded run each line says which thread printed it: "mixing things 0  ·  Thread-2", the task's name
    // being the pill's.
    BakeLogModel log;
    log.beginRun(BakeMode::Threaded, BakeParameters{});
    log.appendEntry(entryOf(TaskId::Mix, 0));
    LogEntry threaded = entryOf(TaskId::Mix, 0);
    threaded.thread = 2;
    log.appendEntry(threaded);
    const LogLineDelegate delegate;
    const QStyleOptionViewItem option = optionFor();
    const int plain = delegate.sizeHint(option, log.index(1)).width();
    const int named = delegate.sizeHint(option, log.index(2)).width();
    const qreal suffix = QFontMetricsF(option.font).horizontalAdvance(QStringLiteral("  ·  Thread-2"));
    QVERIFY2(qAbs(named - plain - suffix) <= 2, qPrintable(QStringLiteral("%1 against %2").arg(named).arg(plain)));
}

void TestLogLineDelegate::cakeIsNamedOnlyWhenSeveralBake()
{
    // "cake 2 · mixing things 0" in a run of two cakes, the same entry without the cake in a run of one.
    const LogLineDelegate delegate;
    const QStyleOptionViewItem option = optionFor();
    const int oneCake = delegate.sizeHint(option, m_log.index(m_mixRow)).width();
    const int twoCakes = delegate.sizeHint(option, m_log.index(m_manyCakesRow)).width();
    const qreal prefix = QFontMetricsF(option.font).horizontalAdvance(QStringLiteral("cake 2 · "));
    QVERIFY2(qAbs(twoCakes - oneCake - prefix) <= 2,
             qPrintable(QStringLiteral("%1 against %2").arg(twoCakes).arg(oneCake)));
}

void TestLogLineDelegate::taskPillSitsInTheTaskColumn()
{
    const QStyleOptionViewItem option = optionFor();
    const QRect row(10, 40, rowWidth, 30);
    const QRectF preheat = LogLineDelegate::taskPillRect(option, row, taskName(TaskId::Preheat));
    const QRectF mix = LogLineDelegate::taskPillRect(option, row, taskName(TaskId::Mix));

    // Both start at the same column, after the widest time, and are centred in the row.
    QCOMPARE(preheat.left(), mix.left());
    QVERIFY(preheat.left() > row.left() + QFontMetricsF(option.font).horizontalAdvance(QStringLiteral("000000 ms")));
    QCOMPARE(preheat.center().y(), QRectF(row).center().y());
    QVERIFY(preheat.height() < row.height());
    // Each fits its own name.
    QVERIFY(mix.width() > preheat.width());
    QFont bold = option.font;
    bold.setBold(true);
    QVERIFY(preheat.width() > QFontMetricsF(bold).horizontalAdvance(taskName(TaskId::Preheat)));
}

void TestLogLineDelegate::eachTaskIsPaintedInItsColour_data()
{
    QTest::addColumn<int>("taskId");
    QTest::newRow("preheat") << int(TaskId::Preheat);
    QTest::newRow("mix") << int(TaskId::Mix);
}

void TestLogLineDelegate::eachTaskIsPaintedInItsColour()
{
    QFETCH(int, taskId);
    const auto task = TaskId(taskId);
    const TaskId other = task == TaskId::Preheat ? TaskId::Mix : TaskId::Preheat;
    const QModelIndex index = m_log.index(task == TaskId::Preheat ? m_preheatRow : m_mixRow);

    const QColor pill = paintedRow(index).pixelColor(insidePill(index));
    const QColor expected = taskColor(task, lightPalette());
    QVERIFY2(sameColor(pill, expected), colorMessage(pill, expected).constData());
    QVERIFY(!sameColor(pill, taskColor(other, lightPalette()), 30));
}

void TestLogLineDelegate::headerIsABandWithAStripe()
{
    const QModelIndex header = m_log.index(m_firstHeader);
    const QImage image = paintedRow(header);
    const QPoint middleRight(rowWidth - 5, image.height() / 2);
    const QColor band = image.pixelColor(middleRight);
    const QColor stripe = image.pixelColor(1, image.height() / 2);

    // A faint tint of the text over the base: visibly a band, far from the text itself.
    QVERIFY2(band != QColor(Qt::white), qPrintable(band.name()));
    QVERIFY2(band.lightness() > 200, qPrintable(band.name()));
    QVERIFY2(stripe.lightness() < 50, qPrintable(stripe.name()));

    // Selected, the band takes the selection colour.
    QStyleOptionViewItem selected = optionFor();
    selected.state |= QStyle::State_Selected;
    const QColor highlight = selected.palette.color(QPalette::Active, QPalette::Highlight);
    const QColor selectedBand = paintedRow(header, selected).pixelColor(middleRight);
    QVERIFY2(sameColor(selectedBand, highlight), colorMessage(selectedBand, highlight).constData());
}

void TestLogLineDelegate::selectionChangesTheRow()
{
    const QModelIndex entry = m_log.index(m_preheatRow);
    QStyleOptionViewItem selected = optionFor();
    selected.state |= QStyle::State_Selected;
    const QImage plain = paintedRow(entry);
    const QImage chosen = paintedRow(entry, selected);
    QVERIFY(differingPixels(plain, chosen) > 0);
    // The task keeps its colour when selected.
    const QColor pill = chosen.pixelColor(insidePill(entry, selected));
    const QColor expected = taskColor(TaskId::Preheat, lightPalette());
    QVERIFY2(sameColor(pill, expected), colorMessage(pill, expected).constData());
}

void TestLogLineDelegate::noteRowShowsNoTaskPill()
{
    // A note ("your click waited 3.1 s") belongs to no task; showing it in the oven's colour would blame the oven.
    const QModelIndex note = m_log.index(m_noteRow);
    QVERIFY(note.data(BakeLogModel::IsNoteRole).toBool());
    const QImage image = paintedRow(note);
    const QColor oven = taskColor(TaskId::Preheat, lightPalette());
    const int ovenPixels
        = countPixels(image, image.rect(), [&oven](const QColor &pixel) { return sameColor(pixel, oven, 8); });
    QCOMPARE(ovenPixels, 0);
}

void TestLogLineDelegate::eachRowIsMeasuredOnce()
{
    // A list view lays out every row again whenever one is appended. Measuring each row's text each time made
    // a bake cost more with every run before it; only the new row may cost a measurement.
    CountingProxy log;
    log.setSourceModel(&m_log);
    const LogLineDelegate delegate;
    const QList<QSize> measured = sizeHints(delegate, log);
    QVERIFY(log.reads > 0);

    log.reads = 0;
    QCOMPARE(sizeHints(delegate, log), measured);
    QCOMPARE(log.reads, 0);

    m_log.appendEntry(entryOf(TaskId::Preheat, 300, 1));
    const QModelIndex appended = log.index(log.rowCount() - 1, 0);
    log.reads = 0;
    const QSize fresh = LogLineDelegate().sizeHint(optionFor(), appended);
    const int readsForOneRow = log.reads;
    log.reads = 0;
    const QList<QSize> afterAppend = sizeHints(delegate, log);
    QCOMPARE(log.reads, readsForOneRow);
    QCOMPARE(afterAppend.mid(0, measured.size()), measured);
    QCOMPARE(afterAppend.constLast(), fresh);
}

void TestLogLineDelegate::aChangedRowIsMeasuredAgain()
{
    // A stored size must never outlive what it measured: a header whose title grows, a new font, a cleared log.
    const LogLineDelegate delegate;
    const QModelIndex header = m_log.index(m_secondHeader);
    const QSize baking = delegate.sizeHint(optionFor(), header);
    BakeOutcome outcome;
    outcome.cancelled = true;
    outcome.totalMs = 1234;
    m_log.finishRun(outcome); // "… · baking" becomes "… · cancelled at 1.23 s"
    const QSize cancelled = delegate.sizeHint(optionFor(), header);
    QVERIFY(cancelled.width() > baking.width());
    QCOMPARE(cancelled, LogLineDelegate().sizeHint(optionFor(), header));

    QFont larger = QApplication::font();
    larger.setPixelSize(QFontInfo(larger).pixelSize() * 2);
    QCOMPARE(sizeHints(delegate, m_log, optionFor(larger)), sizeHints(LogLineDelegate(), m_log, optionFor(larger)));

    // After a reset, row 1 is an entry of another length than before.
    m_log.clear();
    m_log.beginRun(BakeMode::Async, BakeParameters{});
    LogEntry threaded = entryOf(TaskId::Mix, 2);
    threaded.thread = 2;
    m_log.appendEntry(threaded);
    QCOMPARE(sizeHints(delegate, m_log), sizeHints(LogLineDelegate(), m_log));
}

QTEST_MAIN(TestLogLineDelegate)
#include "tst_loglinedelegate.moc"
