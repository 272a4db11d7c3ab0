// SPDX-License-Identifier: MIT
#include "bakelogmodel.h"
#include "cakerecipedriver.h"
#include "enginetestsupport.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

/**
 * BakeLogModel: a header row per run, then the run's entries, each exposing
 * its kitchen snapshot through roles. Every test keeps a
 * QAbstractItemModelTester attached in Fatal mode, so any breach of the
 * model contract while rows come and go aborts the test.
 */
class TestBakeLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsEmpty();
    void beginRunAddsAHeaderRow();
    void appendEntryAddsToTheCurrentRun();
    void entryBeforeAnyRunIsDropped();
    void entryRolesReturnTheSnapshot();
    void headerRowsHaveOnlyTheirOwnRoles();
    void runTitle_data();
    void runTitle();
    void finishRunUpdatesOnlyItsHeader();
    void finishRunWithoutARunDoesNothing();
    void lineShowsCakeNumbersOnlyForManyCakes();
    void clearResetsEverything();
    void roleNamesNameEveryRole();
    void invalidIndexGivesNothing();
    void followsARealBake_data();
    void followsARealBake();
};

namespace {
BakeOutcome outcome(BakeMode mode, const BakeParameters &p, qint64 totalMs, bool cancelled = false)
{
    BakeOutcome o;
    o.mode = mode;
    o.parameters = p;
    o.totalMs = totalMs;
    o.cancelled = cancelled;
    return o;
}

/// The default kitchen one step in: both tasks slept until 1000 ms, and the oven has just reported 200.
LogEntry ovenAt200()
{
    Kitchen kitchen;
    playTurn(kitchen, TaskId::Preheat);
    kitchen.setWakeMs(TaskId::Preheat, 1000);
    playTurn(kitchen, TaskId::Mix);
    kitchen.setWakeMs(TaskId::Mix, 1001);
    playTurn(kitchen, TaskId::Preheat);
    return LogEntry{1000, 0, TaskId::Preheat, 200, kitchen};
}

/// The same kitchen a moment later: the oven sleeps until 2000 ms and the bowl reports its first mix.
LogEntry mixAt0()
{
    Kitchen kitchen = ovenAt200().kitchen;
    playTurn(kitchen, TaskId::Preheat);
    kitchen.setWakeMs(TaskId::Preheat, 2000);
    playTurn(kitchen, TaskId::Mix);
    return LogEntry{1001, 0, TaskId::Mix, 0, kitchen};
}

QVariant roleOf(const BakeLogModel &model, int row, int role)
{
    return model.data(model.index(row), role);
}
} // namespace

void TestBakeLogModel::startsEmpty()
{
    BakeLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.runCount(), 0);
}

void TestBakeLogModel::beginRunAddsAHeaderRow()
{
    BakeLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    QCOMPARE(model.beginRun(BakeMode::Sync, BakeParameters()), 0);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.runCount(), 1);
    QCOMPARE(model.headerRow(0), 0);
    QVERIFY(model.isHeader(0));
    QCOMPARE(model.runOfRow(0), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 0);

    model.appendEntry(ovenAt200());
    QCOMPARE(model.beginRun(BakeMode::Async, BakeParameters()), 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.headerRow(1), 2);
    QVERIFY(model.isHeader(2));
    QCOMPARE(model.runOfRow(2), 1);
    QCOMPARE(inserted.count(), 3);
    QCOMPARE(inserted.at(2).at(1).toInt(), 2);
}

void TestBakeLogModel::appendEntryAddsToTheCurrentRun()
{
    BakeLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.beginRun(BakeMode::Async, BakeParameters());
    model.appendEntry(ovenAt200());
    model.appendEntry(mixAt0());
    model.beginRun(BakeMode::Sync, BakeParameters());
    model.appendEntry(ovenAt200());

    QCOMPARE(model.rowCount(), 5);
    const QList<bool> headers{true, false, false, true, false};
    const QList<int> runs{0, 0, 0, 1, 1};
    for (int row = 0; row < model.rowCount(); ++row) {
        QCOMPARE(model.isHeader(row), headers.at(row));
        QCOMPARE(model.runOfRow(row), runs.at(row));
        QCOMPARE(roleOf(model, row, BakeLogModel::IsHeaderRole).toBool(), headers.at(row));
        QCOMPARE(roleOf(model, row, BakeLogModel::RunRole).toInt(), runs.at(row));
    }
    QCOMPARE(model.entry(2).text(), QStringLiteral("mix_ingredients:: mixing things 0"));
    QCOMPARE(model.entry(4).text(), QStringLiteral("preheat:: temp is now 200"));
}

void TestBakeLogModel::entryBeforeAnyRunIsDropped()
{
    BakeLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QTest::ignoreMessage(QtWarningMsg, "BakeLogModel: an entry came before any run began; it is dropped");
    model.appendEntry(ovenAt200());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(inserted.isEmpty());
}

void TestBakeLogModel::entryRolesReturnTheSnapshot()
{
    BakeLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.beginRun(BakeMode::Async, BakeParameters());
    model.appendEntry(ovenAt200());
    model.appendEntry(mixAt0());

    // Row 1: the oven's line; it holds the thread, the bowl sleeps until 1001 ms.
    QCOMPARE(roleOf(model, 1, BakeLogModel::TimeMsRole).toLongLong(), qint64(1000));
    QCOMPARE(roleOf(model, 1, BakeLogModel::CakeRole).toInt(), 0);
    QCOMPARE(roleOf(model, 1, BakeLogModel::TaskRole).toInt(), int(TaskId::Preheat));
    QCOMPARE(roleOf(model, 1, BakeLogModel::TaskNameRole).toString(), QStringLiteral("preheat"));
    QCOMPARE(roleOf(model, 1, BakeLogModel::MessageRole).toString(), QStringLiteral("temp is now 200"));
    QCOMPARE(roleOf(model, 1, BakeLogModel::LineRole).toString(),
             QStringLiteral("[  1000 ms] preheat:: temp is now 200"));
    QCOMPARE(roleOf(model, 1, Qt::DisplayRole).toString(), QStringLiteral("[  1000 ms] preheat:: temp is now 200"));
    QCOMPARE(roleOf(model, 1, BakeLogModel::OvenTemperatureRole).toInt(), 200);
    QCOMPARE(roleOf(model, 1, BakeLogModel::MixesDoneRole).toInt(), 0);
    QCOMPARE(roleOf(model, 1, BakeLogModel::PreheatStateRole).toInt(), int(TaskState::Running));
    QCOMPARE(roleOf(model, 1, BakeLogModel::MixStateRole).toInt(), int(TaskState::Waiting));
    QCOMPARE(roleOf(model, 1, BakeLogModel::PreheatWakeMsRole).toLongLong(), qint64(-1));
    QCOMPARE(roleOf(model, 1, BakeLogModel::MixWakeMsRole).toLongLong(), qint64(1001));

    // Row 2: the bowl's line; now the oven sleeps until 2000 ms.
    QCOMPARE(roleOf(model, 2, BakeLogModel::TaskRole).toInt(), int(TaskId::Mix));
    QCOMPARE(roleOf(model, 2, BakeLogModel::TaskNameRole).toString(), QStringLiteral("mix_ingredients"));
    QCOMPARE(roleOf(model, 2, BakeLogModel::MessageRole).toString(), QStringLiteral("mixing things 0"));
    QCOMPARE(roleOf(model, 2, BakeLogModel::MixesDoneRole).toInt(), 1);
    QCOMPARE(roleOf(model, 2, BakeLogModel::PreheatStateRole).toInt(), int(TaskState::Waiting));
    QCOMPARE(roleOf(model, 2, BakeLogModel::MixStateRole).toInt(), int(TaskState::Running));
    QCOMPARE(roleOf(model, 2, BakeLogModel::PreheatWakeMsRole).toLongLong(), qint64(2000));
    QCOMPARE(roleOf(model, 2, BakeLogModel::MixWakeMsRole).toLongLong(), qint64(-1));

    const QVariant whole = roleOf(model, 2, BakeLogModel::EntryRole);
    QVERIFY(whole.canConvert<LogEntry>());
    QCOMPARE(whole.value<LogEntry>().timeMs, qint64(1001));
    QCOMPARE(whole.value<LogEntry>().kitchen.wakeMs(TaskId::Preheat), qint64(2000));
    // Roles the model does not have give nothing.
    QVERIFY(!roleOf(model, 2, Qt::DecorationRole).isValid());
}

void TestBakeLogModel::headerRowsHaveOnlyTheirOwnRoles()
{
    BakeLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.beginRun(BakeMode::Async, bakeParameters(400, 3, 1000));
    const QString title = QStringLiteral("Bake Async · 400 °F · 3 mixes · 1000 ms · baking");

    QCOMPARE(roleOf(model, 0, BakeLogModel::IsHeaderRole).toBool(), true);
    QCOMPARE(roleOf(model, 0, BakeLogModel::RunRole).toInt(), 0);
    QCOMPARE(roleOf(model, 0, Qt::DisplayRole).toString(), title);
    QCOMPARE(roleOf(model, 0, BakeLogModel::LineRole).toString(), QStringLiteral("# ") + title);
    QCOMPARE(model.line(0), QStringLiteral("# ") + title);
    // A header has no entry, so no entry role may pretend it has one.
    for (const int role : {BakeLogModel::TimeMsRole, BakeLogModel::TaskRole, BakeLogModel::MessageRole,
                           BakeLogModel::OvenTemperatureRole, BakeLogModel::PreheatWakeMsRole, BakeLogModel::EntryRole})
        QVERIFY2(!roleOf(model, 0, role).isValid(), qPrintable(QString::number(role)));
}

void TestBakeLogModel::runTitle_data()
{
    QTest::addColumn<BakeMode>("mode");
    QTest::addColumn<BakeParameters>("parameters");
    QTest::addColumn<qint64>("totalMs"); // -1: not finished
    QTest::addColumn<bool>("cancelled");
    QTest::addColumn<QString>("title");

    QTest::newRow("async default, finished") << BakeMode::Async << bakeParameters(400, 3, 1000) << qint64(3000) << false
                                             << QStringLiteral("Bake Async · 400 °F · 3 mixes · 1000 ms · 3.00 s");
    QTest::newRow("sync default, still baking") << BakeMode::Sync << bakeParameters(400, 3, 1000) << qint64(-1) << false
                                                << QStringLiteral("Bake Sync · 400 °F · 3 mixes · 1000 ms · baking");
    QTest::newRow("sync, cancelled") << BakeMode::Sync << bakeParameters(400, 3, 1000) << qint64(1504) << true
                                     << QStringLiteral("Bake Sync · 400 °F · 3 mixes · 1000 ms · cancelled at 1.50 s");
    QTest::newRow("one mix, short step, rounded")
        << BakeMode::Sync << bakeParameters(475, 1, 50) << qint64(251) << false
        << QStringLiteral("Bake Sync · 475 °F · 1 mix · 50 ms · 0.25 s");
    QTest::newRow("no mix") << BakeMode::Async << bakeParameters(100, 0, 20) << qint64(0) << false
                            << QStringLiteral("Bake Async · 100 °F · 0 mixes · 20 ms · 0.00 s");
    // The cake count comes right after the mode, and only when there is more than one.
    QTest::newRow("many cakes") << BakeMode::Async << bakeParameters(400, 3, 30, 1000) << qint64(96) << false
                                << QStringLiteral("Bake Async · 1000 cakes · 400 °F · 3 mixes · 30 ms · 0.10 s");
}

void TestBakeLogModel::runTitle()
{
    QFETCH(BakeMode, mode);
    QFETCH(BakeParameters, parameters);
    QFETCH(qint64, totalMs);
    QFETCH(bool, cancelled);
    QFETCH(QString, title);

    BakeLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const int run = model.beginRun(mode, parameters);
    if (totalMs >= 0)
        model.finishRun(outcome(mode, parameters, totalMs, cancelled));
    QCOMPARE(model.runTitle(run), title);
    QCOMPARE(model.line(model.headerRow(run)), QStringLiteral("# ") + title);
}

void TestBakeLogModel::finishRunUpdatesOnlyItsHeader()
{
    BakeLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const BakeParameters p = bakeParameters(400, 3, 1000);
    model.beginRun(BakeMode::Sync, p);
    model.appendEntry(ovenAt200());
    model.finishRun(outcome(BakeMode::Sync, p, 6000));
    model.beginRun(BakeMode::Async, p);
    model.appendEntry(ovenAt200());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QCOMPARE(model.runTitle(1), QStringLiteral("Bake Async · 400 °F · 3 mixes · 1000 ms · baking"));
    model.finishRun(outcome(BakeMode::Async, p, 3000));

    // Only the current run's header changed, and only in what it shows.
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(2));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(2));
    const auto roles = changed.at(0).at(2).value<QList<int>>();
    QVERIFY(roles.contains(Qt::DisplayRole));
    QVERIFY(roles.contains(BakeLogModel::LineRole));
    QCOMPARE(roleOf(model, 2, Qt::DisplayRole).toString(),
             QStringLiteral("Bake Async · 400 °F · 3 mixes · 1000 ms · 3.00 s"));
    QCOMPARE(model.runTitle(0), QStringLiteral("Bake Sync · 400 °F · 3 mixes · 1000 ms · 6.00 s"));
}

void TestBakeLogModel::finishRunWithoutARunDoesNothing()
{
    BakeLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.finishRun(outcome(BakeMode::Async, BakeParameters(), 3000));
    QVERIFY(changed.isEmpty());
    QCOMPARE(model.rowCount(), 0);
}

void TestBakeLogModel::lineShowsCakeNumbersOnlyForManyCakes()
{
    BakeLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.beginRun(BakeMode::Async, bakeParameters(400, 3, 30));
    model.appendEntry(LogEntry{30, 0, TaskId::Preheat, 200, {}});
    model.beginRun(BakeMode::Async, bakeParameters(400, 3, 30, 2));
    model.appendEntry(LogEntry{30, 1, TaskId::Mix, 0, {}});

    QCOMPARE(model.line(1), QStringLiteral("[    30 ms] preheat:: temp is now 200"));
    QCOMPARE(model.line(3), QStringLiteral("[    30 ms] cake 2: mix_ingredients:: mixing things 0"));
    QCOMPARE(roleOf(model, 3, BakeLogModel::CakeRole).toInt(), 1);
}

void TestBakeLogModel::clearResetsEverything()
{
    BakeLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.beginRun(BakeMode::Async, BakeParameters());
    model.appendEntry(ovenAt200());
    model.appendEntry(mixAt0());

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.clear();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.runCount(), 0);

    // Runs are counted afresh after a clear.
    QCOMPARE(model.beginRun(BakeMode::Sync, BakeParameters()), 0);
    QCOMPARE(model.headerRow(0), 0);
    QCOMPARE(model.rowCount(), 1);
}

void TestBakeLogModel::roleNamesNameEveryRole()
{
    BakeLogModel model;
    const QHash<int, QByteArray> names = model.roleNames();
    // The names a QML view binds to; renaming one silently breaks the view.
    const QList<std::pair<int, QByteArray>> expected{
        {Qt::DisplayRole, "display"},
        {BakeLogModel::IsHeaderRole, "isHeader"},
        {BakeLogModel::RunRole, "run"},
        {BakeLogModel::TimeMsRole, "timeMs"},
        {BakeLogModel::CakeRole, "cake"},
        {BakeLogModel::TaskRole, "task"},
        {BakeLogModel::TaskNameRole, "taskName"},
        {BakeLogModel::MessageRole, "message"},
        {BakeLogModel::LineRole, "line"},
        {BakeLogModel::OvenTemperatureRole, "ovenTemperature"},
        {BakeLogModel::MixesDoneRole, "mixesDone"},
        {BakeLogModel::PreheatStateRole, "preheatState"},
        {BakeLogModel::MixStateRole, "mixState"},
        {BakeLogModel::PreheatWakeMsRole, "preheatWakeMs"},
        {BakeLogModel::MixWakeMsRole, "mixWakeMs"},
        {BakeLogModel::EntryRole, "entry"},
    };
    for (const auto &[role, name] : expected)
        QCOMPARE(names.value(role), name);
    // Every custom role is named, and no two roles share a name.
    QCOMPARE(QSet<QByteArray>(names.cbegin(), names.cend()).size(), names.size());
}

void TestBakeLogModel::invalidIndexGivesNothing()
{
    // Views ask for the invalid index when nothing is current (QAbstractItemView's own Ctrl+C does, after a
    // Reset): nothing is there, and that is no cause for a warning.
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    BakeLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QVERIFY(!model.data(QModelIndex(), Qt::DisplayRole).isValid());
    model.beginRun(BakeMode::Async, BakeParameters());
    QVERIFY(!model.data(QModelIndex(), Qt::DisplayRole).isValid());
    QVERIFY(!model.index(5).isValid());
    // A list has no children.
    QCOMPARE(model.rowCount(model.index(0)), 0);
}

void TestBakeLogModel::followsARealBake_data()
{
    QTest::addColumn<BakeMode>("mode");

    QTest::newRow("sync") << BakeMode::Sync;
    QTest::newRow("async") << BakeMode::Async;
}

void TestBakeLogModel::followsARealBake()
{
    QFETCH(BakeMode, mode);

    // Wired as the window wires it: the driver feeds the model while the tester watches every change.
    BakeLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto driver = std::make_unique<CakeRecipeDriver>(mode);
    BakeRecorder recorder(driver.get());
    connect(driver.get(), &BakeDriver::entryAppended, &model, &BakeLogModel::appendEntry);
    connect(driver.get(), &BakeDriver::finished, &model, &BakeLogModel::finishRun);

    const BakeParameters p = bakeParameters(400, 3, 20);
    model.beginRun(mode, p);
    QVERIFY(driver->start(p));
    QVERIFY(recorder.waitForFinished(5000));

    QCOMPARE(model.rowCount(), 7);
    QVERIFY(model.runTitle(0).startsWith(bakeModeTitle(mode) + QStringLiteral(" · 400 °F · 3 mixes · 20 ms · ")));
    QVERIFY(!model.runTitle(0).endsWith(QLatin1String("baking")));
    for (int row = 1; row < model.rowCount(); ++row) {
        const LogEntry &entry = recorder.entries.at(row - 1);
        QCOMPARE(model.entry(row).text(), entry.text());
        QCOMPARE(roleOf(model, row, BakeLogModel::TimeMsRole).toLongLong(), entry.timeMs);
        // The reporting task shows as running in its own row's snapshot.
        const int stateRole
            = entry.task == TaskId::Preheat ? BakeLogModel::PreheatStateRole : BakeLogModel::MixStateRole;
        QCOMPARE(roleOf(model, row, stateRole).toInt(), int(TaskState::Running));
        if (entry.task == TaskId::Preheat)
            QCOMPARE(roleOf(model, row, BakeLogModel::OvenTemperatureRole).toInt(), entry.value);
        else
            QCOMPARE(roleOf(model, row, BakeLogModel::MixesDoneRole).toInt(), entry.value + 1);
    }
}

QTEST_GUILESS_MAIN(TestBakeLogModel)
#include "tst_bakelogmodel.moc"
