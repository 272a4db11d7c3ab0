// SPDX-License-Identifier: MIT
#include "commandline.h"
#include "exitstatus.h"
#include "mainwindow.h"
#include "windowautomation.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

/**
 * WindowAutomation: what the command line asks the window to do by itself.
 * A scripted bake whose window is closed midway still writes its cancelled
 * report and exports, in every mode, and exits saying it was cut short; the
 * recipe flags given without --autostart become the window's recipe.
 */
class TestWindowAutomation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void closingMidBakeWritesTheCancelledOutputsAndSaysCutShort_data();
    void closingMidBakeWritesTheCancelledOutputsAndSaysCutShort();
    void aBakeRunToItsEndExitsZero();
    void closingBeforeTheScreenshotIsCutShort();
    void recipeFlagsWithoutAutostartBecomeTheWindowsRecipe();

private:
    static CommandLineOptions parsed(const QStringList &flags);
};

namespace {
constexpr int slowStepMs = 400;
constexpr int quickStepMs = 30;
constexpr int doneTimeoutMs = 15000;

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
}
} // namespace

void TestWindowAutomation::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("BakeloopTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_windowautomation"));
}

CommandLineOptions TestWindowAutomation::parsed(const QStringList &flags)
{
    const CommandLine commandLine = CommandLine::parse(QStringList{QStringLiteral("bakeloop")} + flags);
    if (commandLine.action() != CommandLine::Action::Run)
        qFatal("refused: %s", qPrintable(commandLine.error()));
    return commandLine.options();
}

void TestWindowAutomation::closingMidBakeWritesTheCancelledOutputsAndSaysCutShort_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("async") << QStringLiteral("async");
    // The case: the threaded bake's report was lost, 5 of 5 tries, and the exit status was 0.
    QTest::newRow("threaded") << QStringLiteral("threaded");
}

void TestWindowAutomation::closingMidBakeWritesTheCancelledOutputsAndSaysCutShort()
{
    QFETCH(QString, mode);
    QTemporaryDir dir;
    const QString report = dir.filePath(QStringLiteral("report.json"));
    const QString csv = dir.filePath(QStringLiteral("bake.csv"));
    MainWindow window;
    WindowAutomation automation(&window,
                                parsed({"--autostart", "--mode", mode, "--step-ms", QString::number(slowStepMs),
                                        "--report", report, "--export-csv", csv}));
    window.setRemembersSettings(false);
    QSignalSpy done(&automation, &WindowAutomation::done);
    automation.start();
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.session()->isBaking(), doneTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(window.session()->log()->rowCount() > 1, doneTimeoutMs); // a line or more

    window.close();
    QVERIFY(done.wait(doneTimeoutMs));
    QCOMPARE(done.size(), 1);
    QCOMPARE(done.first().first().toInt(), ExitStatus::cutShort);
    QTRY_VERIFY(!window.isVisible()); // closed, once the cancelled bake was measured
    const QJsonObject json = readJson(report);
    QCOMPARE(json.value(QStringLiteral("mode")).toString(), mode);
    QCOMPARE(json.value(QStringLiteral("cancelled")).toBool(), true);
    QVERIFY(QFile::exists(csv));
}

void TestWindowAutomation::aBakeRunToItsEndExitsZero()
{
    QTemporaryDir dir;
    const QString report = dir.filePath(QStringLiteral("report.json"));
    MainWindow window;
    WindowAutomation automation(
        &window,
        parsed({"--autostart", "--mode", "threaded", "--step-ms", QString::number(quickStepMs), "--report", report}));
    window.setRemembersSettings(false);
    QSignalSpy done(&automation, &WindowAutomation::done);
    automation.start();
    window.show();
    QVERIFY(done.wait(doneTimeoutMs));
    QCOMPARE(done.first().first().toInt(), ExitStatus::success);
    QCOMPARE(readJson(report).value(QStringLiteral("cancelled")).toBool(), false);
}

void TestWindowAutomation::closingBeforeTheScreenshotIsCutShort()
{
    QTemporaryDir dir;
    const QString shot = dir.filePath(QStringLiteral("shot.png"));
    MainWindow window;
    WindowAutomation automation(&window, parsed({"--screenshot", shot, "--screenshot-at", "60000"}));
    window.setRemembersSettings(false);
    QSignalSpy done(&automation, &WindowAutomation::done);
    automation.start();
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.close();
    QTRY_COMPARE(done.size(), 1);
    QCOMPARE(done.first().first().toInt(), ExitStatus::cutShort);
    QVERIFY(!QFile::exists(shot));
}

void TestWindowAutomation::recipeFlagsWithoutAutostartBecomeTheWindowsRecipe()
{
    MainWindow window;
    window.setRemembersSettings(false);
    BakeParameters before = window.parameters();
    before.mixCount = 3;
    window.setParameters(before);
    const WindowAutomation automation(&window, parsed({"--step-ms", "250", "--target-temp", "475", "--stir-by-hand"}));
    const BakeParameters recipe = window.parameters();
    QCOMPARE(recipe.stepMs, 250);
    QCOMPARE(recipe.targetTemperature, 475);
    QCOMPARE(recipe.mixTrap, MixTrap::StirByHand);
    // What was not given stays as the window had it.
    QCOMPARE(recipe.mixCount, 3);
    QVERIFY(!automation.hasWork());
}

QTEST_MAIN(TestWindowAutomation)
#include "tst_windowautomation.moc"
