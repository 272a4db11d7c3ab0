// SPDX-License-Identifier: MIT
#include "bakelogmodel.h"
#include "bakesession.h"
#include "enginetestsupport.h"
#include "runstablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <memory>

/**
 * RunsTableModel: one row per run of a BakeLogModel, following it live. Every
 * test keeps a QAbstractItemModelTester attached in Fatal mode from before the
 * first change to the end, so any breach of the model contract aborts it.
 */
class TestRunsTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsEmptyWithNamedColumns();
    void showsTheRunsALogAlreadyHas();
    void rowsAppearAsRunsBegin();
    void valuesFollowTheRun();
    void cancelledRunSaysHowLongItRan();
    void onlyTheChangedRunIsUpdated();
    void entriesLeaveTheTableAlone();
    void numbersAreRightAligned();
    void clearResetsTheTable();
    void destroyedLogEmptiesTheTable();
    void sortsNumerically_data();
    void sortsNumerically();
    void runRoleMapsASortedRowBackToItsRun();
    void followsARealBake_data();
    void followsARealBake();
};

namespace {
using Column = RunsTableModel::Column;

BakeParameters recipe(int target, int mixes, int stepMs)
{
    BakeParameters p;
    p.targetTemperature = target;
    p.mixCount = mixes;
    p.stepMs = stepMs;
    return p;
}

BakeParameters defaultRecipe()
{
    return {};
}

BakeOutcome outcome(BakeMode mode, const BakeParameters &p, qint64 totalMs, bool cancelled = false)
{
    BakeOutcome o;
    o.mode = mode;
    o.parameters = p;
    o.totalMs = totalMs;
    o.cancelled = cancelled;
    return o;
}

QString text(const QAbstractItemModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

QVariant sortValue(const QAbstractItemModel &model, int row, int column)
{
    return model.data(model.index(row, column), RunsTableModel::SortRole);
}

/// Every cell of @p row as it reads, for a comparison that shows the whole row when it fails.
QStringList rowTexts(const QAbstractItemModel &model, int row)
{
    QStringList texts;
    for (int column = 0; column < model.columnCount(); ++column)
        texts << text(model, row, column);
    return texts;
}

/// A dataChanged() signal caught by @p spy covers every column of @p row and that row alone.
bool coversWholeRow(const QList<QVariant> &signal, int row)
{
    const auto topLeft = signal.at(0).value<QModelIndex>();
    const auto bottomRight = signal.at(1).value<QModelIndex>();
    return topLeft.row() == row && bottomRight.row() == row && topLeft.column() == 0
        && bottomRight.column() == RunsTableModel::ColumnCount - 1;
}

/// A log of one finished, measured run per total (ms) and stall (ms; -1 for not measured), all async.
void fillWithRuns(BakeLogModel &log, const QList<qint64> &totalsMs, const QList<qint64> &stallsMs)
{
    for (qsizetype i = 0; i < totalsMs.size(); ++i) {
        const BakeParameters p = recipe(400, 3, 1000 + int(i));
        log.beginRun(BakeMode::Async, p);
        log.finishRun(outcome(BakeMode::Async, p, totalsMs.at(i)));
        if (stallsMs.at(i) >= 0)
            log.measureRun(stallsMs.at(i), 0, {});
    }
}
} // namespace

void TestRunsTableModel::startsEmptyWithNamedColumns()
{
    BakeLogModel log;
    RunsTableModel table(&log);
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);

    QCOMPARE(table.rowCount(), 0);
    QCOMPARE(table.columnCount(), 11);
    QStringList headers;
    for (int column = 0; column < table.columnCount(); ++column)
        headers << table.headerData(column, Qt::Horizontal).toString();
    QCOMPARE(headers,
             (QStringList{"Run", "Mode", "Oven target", "Mixes", "Step", "Total", "Ideal", "Largest stall",
                          "Inputs that waited", "Threads", "Extra memory"}));
    QVERIFY(!table.headerData(Column::InputsWaitedColumn, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    QVERIFY(!table.headerData(Column::ColumnCount, Qt::Horizontal).isValid());
    // A table has no children under its cells.
    QCOMPARE(table.rowCount(table.index(0, 0)), 0);
    QCOMPARE(table.roleNames().value(RunsTableModel::SortRole), QByteArray("sortValue"));
    QCOMPARE(table.roleNames().value(RunsTableModel::RunRole), QByteArray("run"));
}

void TestRunsTableModel::showsTheRunsALogAlreadyHas()
{
    BakeLogModel log;
    log.beginRun(BakeMode::Sync, defaultRecipe());
    log.finishRun(outcome(BakeMode::Sync, defaultRecipe(), 6001));
    log.beginRun(BakeMode::Async, defaultRecipe());

    RunsTableModel table(&log);
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(table.rowCount(), 2);
    QCOMPARE(text(table, 0, Column::TotalColumn), QStringLiteral("6.00 s"));
    QCOMPARE(text(table, 1, Column::TotalColumn), QStringLiteral("baking…"));
}

void TestRunsTableModel::rowsAppearAsRunsBegin()
{
    BakeLogModel log;
    RunsTableModel table(&log);
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy inserted(&table, &QAbstractItemModel::rowsInserted);

    log.beginRun(BakeMode::Sync, defaultRecipe());
    QCOMPARE(table.rowCount(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 0);
    QCOMPARE(rowTexts(table, 0),
             (QStringList{"1", "Bake Sync", "400 °F", "3", "1000 ms", "baking…", "6.00 s", "—", "0", "—", "—"}));

    log.beginRun(BakeMode::Async, recipe(475, 0, 250));
    QCOMPARE(table.rowCount(), 2);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 1);
    // 475 °F takes four oven steps of 250 ms; with no mixing, the oven alone sets the ideal.
    QCOMPARE(rowTexts(table, 1),
             (QStringList{"2", "Bake Async", "475 °F", "0", "250 ms", "baking…", "1.00 s", "—", "0", "—", "—"}));
    QCOMPARE(table.data(table.index(1, Column::ModeColumn), RunsTableModel::RunRole).toInt(), 1);
    QCOMPARE(sortValue(table, 1, Column::TargetColumn).toInt(), 475);
    QCOMPARE(sortValue(table, 1, Column::IdealColumn).toLongLong(), 1000);
    // What is not known yet has no number either.
    QVERIFY(!sortValue(table, 1, Column::TotalColumn).isValid());
    QVERIFY(!sortValue(table, 1, Column::LargestStallColumn).isValid());
}

void TestRunsTableModel::valuesFollowTheRun()
{
    BakeLogModel log;
    RunsTableModel table(&log);
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy changed(&table, &QAbstractItemModel::dataChanged);

    log.beginRun(BakeMode::Sync, defaultRecipe());
    QCOMPARE(changed.size(), 0); // a new run is an inserted row, not a change

    log.appendNote(2100, QStringLiteral("your click on Bake Async waited 3.90 s"));
    QCOMPARE(changed.size(), 1);
    QVERIFY(coversWholeRow(changed.at(0), 0));
    QCOMPARE(text(table, 0, Column::InputsWaitedColumn), QStringLiteral("1"));
    QCOMPARE(sortValue(table, 0, Column::InputsWaitedColumn).toInt(), 1);

    log.finishRun(outcome(BakeMode::Sync, defaultRecipe(), 6004));
    QCOMPARE(changed.size(), 2);
    QVERIFY(coversWholeRow(changed.at(1), 0));
    QCOMPARE(text(table, 0, Column::TotalColumn), QStringLiteral("6.00 s"));
    QCOMPARE(sortValue(table, 0, Column::TotalColumn).toLongLong(), 6004);
    QCOMPARE(text(table, 0, Column::LargestStallColumn), QStringLiteral("—"));

    log.measureRun(5991, 3, {{10, 6001}});
    QCOMPARE(changed.size(), 3);
    QVERIFY(coversWholeRow(changed.at(2), 0));
    QCOMPARE(text(table, 0, Column::LargestStallColumn), QStringLiteral("5991 ms"));
    QCOMPARE(sortValue(table, 0, Column::LargestStallColumn).toLongLong(), 5991);

    // A note after the bake (a click drained once the loop ran again) still counts for its run.
    log.appendNote(6010, QStringLiteral("your key press (Space) waited 1.20 s"));
    QCOMPARE(changed.size(), 4);
    QCOMPARE(text(table, 0, Column::InputsWaitedColumn), QStringLiteral("2"));
    QCOMPARE(rowTexts(table, 0),
             (QStringList{"1", "Bake Sync", "400 °F", "3", "1000 ms", "6.00 s", "6.00 s", "5991 ms", "2", "0", "—"}));
}

void TestRunsTableModel::cancelledRunSaysHowLongItRan()
{
    BakeLogModel log;
    RunsTableModel table(&log);
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);

    log.beginRun(BakeMode::Async, defaultRecipe());
    log.finishRun(outcome(BakeMode::Async, defaultRecipe(), 1234, true));
    QCOMPARE(text(table, 0, Column::TotalColumn), QStringLiteral("cancelled after 1.23 s"));
    QCOMPARE(sortValue(table, 0, Column::TotalColumn).toLongLong(), 1234);
    // The ideal is what the whole recipe would have taken.
    QCOMPARE(text(table, 0, Column::IdealColumn), QStringLiteral("3.00 s"));
}

void TestRunsTableModel::onlyTheChangedRunIsUpdated()
{
    BakeLogModel log;
    RunsTableModel table(&log);
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    log.beginRun(BakeMode::Sync, defaultRecipe());
    log.finishRun(outcome(BakeMode::Sync, defaultRecipe(), 6000));
    log.measureRun(5990, 3, {});
    log.beginRun(BakeMode::Async, defaultRecipe());

    QSignalSpy changed(&table, &QAbstractItemModel::dataChanged);
    log.finishRun(outcome(BakeMode::Async, defaultRecipe(), 3001));
    QCOMPARE(changed.size(), 1);
    QVERIFY(coversWholeRow(changed.at(0), 1));
    QCOMPARE(text(table, 0, Column::TotalColumn), QStringLiteral("6.00 s"));
    QCOMPARE(text(table, 1, Column::TotalColumn), QStringLiteral("3.00 s"));
    QCOMPARE(text(table, 0, Column::LargestStallColumn), QStringLiteral("5990 ms"));
    QCOMPARE(text(table, 1, Column::LargestStallColumn), QStringLiteral("—"));
}

void TestRunsTableModel::entriesLeaveTheTableAlone()
{
    BakeLogModel log;
    RunsTableModel table(&log);
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    log.beginRun(BakeMode::Async, defaultRecipe());

    QSignalSpy changed(&table, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&table, &QAbstractItemModel::rowsInserted);
    LogEntry entry;
    entry.timeMs = 1000;
    entry.value = 200;
    log.appendEntry(entry);
    log.appendEntry(entry);
    QCOMPARE(log.rowCount(), 3);
    // Lines of the log are not runs: no row, and nothing shown in the table changed.
    QCOMPARE(table.rowCount(), 1);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(changed.size(), 0);
}

void TestRunsTableModel::numbersAreRightAligned()
{
    BakeLogModel log;
    RunsTableModel table(&log);
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    log.beginRun(BakeMode::Async, defaultRecipe());

    for (int column = 0; column < table.columnCount(); ++column) {
        const auto alignment = Qt::Alignment(table.data(table.index(0, column), Qt::TextAlignmentRole).toInt());
        const auto header = Qt::Alignment(table.headerData(column, Qt::Horizontal, Qt::TextAlignmentRole).toInt());
        const Qt::Alignment expected = column == Column::ModeColumn ? Qt::AlignLeft : Qt::AlignRight;
        QCOMPARE(alignment & Qt::AlignHorizontal_Mask, expected);
        QCOMPARE(header & Qt::AlignHorizontal_Mask, expected);
    }
}

void TestRunsTableModel::clearResetsTheTable()
{
    BakeLogModel log;
    RunsTableModel table(&log);
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    fillWithRuns(log, {6000, 3000}, {5990, 3});
    QCOMPARE(table.rowCount(), 2);

    QSignalSpy aboutToReset(&table, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy reset(&table, &QAbstractItemModel::modelReset);
    log.clear();
    QCOMPARE(aboutToReset.size(), 1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(table.rowCount(), 0);

    // The next run is run 1 again, and the table still follows the log.
    log.beginRun(BakeMode::Async, defaultRecipe());
    QCOMPARE(table.rowCount(), 1);
    QCOMPARE(text(table, 0, Column::RunColumn), QStringLiteral("1"));
    QCOMPARE(text(table, 0, Column::TotalColumn), QStringLiteral("baking…"));
}

void TestRunsTableModel::destroyedLogEmptiesTheTable()
{
    auto log = std::make_unique<BakeLogModel>();
    RunsTableModel table(log.get());
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    fillWithRuns(*log, {6000}, {5990});
    QCOMPARE(table.rowCount(), 1);

    QSignalSpy reset(&table, &QAbstractItemModel::modelReset);
    log.reset();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(table.rowCount(), 0);
    QVERIFY(!table.data(table.index(0, 0)).isValid());
}

void TestRunsTableModel::sortsNumerically_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QList<qint64>>("totalsMs");
    QTest::addColumn<QList<qint64>>("stallsMs");
    QTest::addColumn<QStringList>("ascending");

    // As text, "10.00 s" would come before "9.00 s" and "1000 ms" before "40 ms".
    QTest::newRow("total") << int(Column::TotalColumn) << QList<qint64>{9000, 10000, 2500, 6000}
                           << QList<qint64>{3, 3, 3, 3} << QStringList{"2.50 s", "6.00 s", "9.00 s", "10.00 s"};
    QTest::newRow("largest stall") << int(Column::LargestStallColumn) << QList<qint64>{3000, 3000, 3000, 3000}
                                   << QList<qint64>{1000, 40, -1, 6000}
                                   << QStringList{"40 ms", "1000 ms", "6000 ms", "—"};
}

void TestRunsTableModel::sortsNumerically()
{
    QFETCH(int, column);
    QFETCH(QList<qint64>, totalsMs);
    QFETCH(QList<qint64>, stallsMs);
    QFETCH(QStringList, ascending);

    BakeLogModel log;
    RunsTableModel table(&log);
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(&table);
    QAbstractItemModelTester proxyTester(&sorted, QAbstractItemModelTester::FailureReportingMode::Fatal);
    sorted.setSortRole(RunsTableModel::SortRole);
    sorted.sort(column, Qt::AscendingOrder);

    fillWithRuns(log, totalsMs, stallsMs);
    QStringList order;
    for (int row = 0; row < sorted.rowCount(); ++row)
        order << text(sorted, row, column);
    QCOMPARE(order, ascending);

    sorted.sort(column, Qt::DescendingOrder);
    QStringList descending;
    for (int row = sorted.rowCount() - 1; row >= 0; --row)
        descending << text(sorted, row, column);
    QCOMPARE(descending, ascending);

    // The same sort by the text alone gets it wrong: the sort role is what makes it numeric.
    sorted.setSortRole(Qt::DisplayRole);
    sorted.sort(column, Qt::AscendingOrder);
    QStringList byText;
    for (int row = 0; row < sorted.rowCount(); ++row)
        byText << text(sorted, row, column);
    QVERIFY(byText != ascending);
}

void TestRunsTableModel::runRoleMapsASortedRowBackToItsRun()
{
    BakeLogModel log;
    RunsTableModel table(&log);
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(&table);
    sorted.setSortRole(RunsTableModel::SortRole);
    sorted.sort(Column::TotalColumn, Qt::AscendingOrder);
    fillWithRuns(log, {6000, 3000, 9000}, {3, 3, 3});

    // The quickest run, the second, sorts first; RunRole names it so a view can select its header in the log.
    const int run = sorted.data(sorted.index(0, Column::IdealColumn), RunsTableModel::RunRole).toInt();
    QCOMPARE(run, 1);
    QCOMPARE(log.runOutcome(run)->totalMs, 3000);
    QVERIFY(log.isHeader(log.headerRow(run)));
    QCOMPARE(sorted.data(sorted.index(2, Column::RunColumn), RunsTableModel::RunRole).toInt(), 2);
}

void TestRunsTableModel::followsARealBake_data()
{
    QTest::addColumn<BakeMode>("mode");
    QTest::newRow("sync") << BakeMode::Sync;
    QTest::newRow("async") << BakeMode::Async;
}

void TestRunsTableModel::followsARealBake()
{
    QFETCH(BakeMode, mode);
    constexpr int stepMs = 20;
    BakeSession session;
    RunsTableModel table(session.log());
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy measured(&session, &BakeSession::bakeMeasured);
    QSignalSpy changed(&table, &QAbstractItemModel::dataChanged);

    QVERIFY(session.bake(mode, recipe(400, 3, stepMs)));
    QCOMPARE(table.rowCount(), 1);
    if (mode == BakeMode::Async) {
        QCOMPARE(text(table, 0, Column::TotalColumn), QStringLiteral("baking…"));
    } else {
        // A sync bake has ended when bake() returns; the loop has not been measured yet.
        QVERIFY(sortValue(table, 0, Column::TotalColumn).isValid());
        QCOMPARE(text(table, 0, Column::LargestStallColumn), QStringLiteral("—"));
    }
    QVERIFY(measured.wait(5000));
    QVERIFY(changed.size() >= 2); // finished, then measured

    QCOMPARE(text(table, 0, Column::ModeColumn), bakeModeTitle(mode));
    QCOMPARE(text(table, 0, Column::StepColumn), QStringLiteral("20 ms"));
    QCOMPARE(text(table, 0, Column::InputsWaitedColumn), QStringLiteral("0"));
    const qint64 total = sortValue(table, 0, Column::TotalColumn).toLongLong();
    const qint64 ideal = sortValue(table, 0, Column::IdealColumn).toLongLong();
    QCOMPARE(ideal, (mode == BakeMode::Sync ? 6 : 3) * stepMs);
    QVERIFY2(total >= ideal * 9 / 10 && total <= ideal * 16 / 10, timingMessage(total, ideal).constData());
    QVERIFY(text(table, 0, Column::TotalColumn).endsWith(QStringLiteral(" s")));

    const QVariant stall = sortValue(table, 0, Column::LargestStallColumn);
    QVERIFY(stall.isValid());
    QCOMPARE(text(table, 0, Column::LargestStallColumn), QStringLiteral("%1 ms").arg(stall.toLongLong()));
    if (mode == BakeMode::Sync)
        QVERIFY2(stall.toLongLong() >= total * 7 / 10, timingMessage(stall.toLongLong(), total).constData());
    else
        QVERIFY2(stall.toLongLong() < ideal / 2, timingMessage(stall.toLongLong(), ideal).constData());
}

QTEST_GUILESS_MAIN(TestRunsTableModel)
#include "tst_runstablemodel.moc"
