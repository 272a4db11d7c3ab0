// SPDX-License-Identifier: MIT
#include "columnfitter.h"
#include "widgettestsupport.h"

#include <QHeaderView>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

/**
 * ColumnFitter: a table's columns fit what they show, measured a row at a
 * time as rows arrive and change, never the whole table again; they widen
 * and never shrink. The view is left hidden: that is where resizing to the
 * contents measured every row, up to a thousand, on each change.
 */
class TestColumnFitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void aColumnWidensToItsWidestCell();
    void aColumnNeverShrinks();
    void onlyTheRowsThatChangeAreMeasured();
    void theUserMayStillResize();

private:
    QStandardItemModel *m_model = nullptr;
    QTableView *m_view = nullptr;
};

namespace {
constexpr int columns = 3;

QList<QStandardItem *> rowOf(const QString &text)
{
    QList<QStandardItem *> row;
    for (int column = 0; column < columns; ++column)
        row << new QStandardItem(column == 1 ? text : QStringLiteral("%1").arg(column));
    return row;
}

int textWidth(const QTableView &view, const QString &text)
{
    return QFontMetrics(view.font()).horizontalAdvance(text);
}
} // namespace

void TestColumnFitter::init()
{
    m_model = new QStandardItemModel(0, columns);
    m_model->setHorizontalHeaderLabels({QStringLiteral("Run"), QStringLiteral("Mode"), QStringLiteral("Total")});
    m_view = new QTableView;
    m_view->setModel(m_model);
    new ColumnFitter(m_view);
}

void TestColumnFitter::cleanup()
{
    delete m_view;
    delete m_model;
}

void TestColumnFitter::aColumnWidensToItsWidestCell()
{
    const QString longText = QStringLiteral("cancelled after 12.34 s, a long cell");
    QVERIFY(m_view->horizontalHeader()->sectionSize(1) < textWidth(*m_view, longText));
    m_model->appendRow(rowOf(QStringLiteral("short")));
    m_model->appendRow(rowOf(longText));
    QVERIFY2(m_view->horizontalHeader()->sectionSize(1) >= textWidth(*m_view, longText),
             qPrintable(QString::number(m_view->horizontalHeader()->sectionSize(1))));

    // A cell that grows when its row changes widens its column too.
    const QString longer = longText + QStringLiteral(" and then some");
    m_model->item(0, 1)->setText(longer);
    QVERIFY(m_view->horizontalHeader()->sectionSize(1) >= textWidth(*m_view, longer));
}

void TestColumnFitter::aColumnNeverShrinks()
{
    m_model->appendRow(rowOf(QStringLiteral("a rather long cell in the middle column")));
    const int wide = m_view->horizontalHeader()->sectionSize(1);
    m_model->appendRow(rowOf(QStringLiteral("x")));
    m_model->item(0, 1)->setText(QStringLiteral("y"));
    QCOMPARE(m_view->horizontalHeader()->sectionSize(1), wide);
}

void TestColumnFitter::onlyTheRowsThatChangeAreMeasured()
{
    auto *delegate = new SizeHintCounter(m_view);
    m_view->setItemDelegate(delegate);
    constexpr int history = 300;
    for (int row = 0; row < history; ++row)
        m_model->appendRow(rowOf(QStringLiteral("run %1").arg(row)));
    QCoreApplication::processEvents(); // anything a view or header put off until the loop's next turn

    delegate->measured = 0;
    m_model->appendRow(rowOf(QStringLiteral("one more run")));
    m_model->item(history, 2)->setText(QStringLiteral("done"));
    QCoreApplication::processEvents();
    // A row's cells, once as it arrives and once as it changes; resizing to contents measured the whole history.
    QVERIFY2(delegate->measured <= 2 * columns, qPrintable(QString::number(delegate->measured)));
    QVERIFY(delegate->measured > 0);
}

void TestColumnFitter::theUserMayStillResize()
{
    QCOMPARE(m_view->horizontalHeader()->sectionResizeMode(0), QHeaderView::Interactive);
}

QTEST_MAIN(TestColumnFitter)
#include "tst_columnfitter.moc"
