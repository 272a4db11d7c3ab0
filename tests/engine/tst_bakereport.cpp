// SPDX-License-Identifier: MIT
#include "bakereport.h"
#include "enginetestsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

/**
 * BakeReport: every field of the JSON `--report` writes, entries only for a
 * single cake, and writing to standard output ("-"), to a file and to a path
 * that cannot be written. Standard output is checked in a child: this test's
 * own executable started again with childFlag, so the bytes are read through
 * a real pipe.
 */
class TestBakeReport : public QObject
{
    Q_OBJECT

public:
    /// Makes the executable write the sample report to "-" and exit, instead of running the tests.
    static constexpr const char *childFlag = "--write-sample-report-to-stdout";
    static int writeSampleToStandardOutput();

private Q_SLOTS:
    void hasEveryField();
    void valuesAreNumbersOfTheRightKind();
    void loopFiguresDefaultToZero();
    void entriesOnlyWhenSet();
    void entriesLeftOutForManyCakes_data();
    void entriesLeftOutForManyCakes();
    void cancelledBakeSaysSo();
    void writesToAFile();
    void replacesAnEarlierFile();
    void refusesAnUnwritablePath_data();
    void refusesAnUnwritablePath();
    void dashWritesToStandardOutput();
};

namespace {
BakeOutcome outcome(BakeMode mode, const BakeParameters &p, qint64 totalMs)
{
    BakeOutcome o;
    o.mode = mode;
    o.parameters = p;
    o.totalMs = totalMs;
    o.resumptions = 9;
    o.reports = 6;
    return o;
}

LogEntry entry(qint64 timeMs, TaskId task, int value)
{
    LogEntry e;
    e.timeMs = timeMs;
    e.task = task;
    e.value = value;
    return e;
}

/// A sync bake of 475 °F and two mixes, 50 ms a step: four oven steps and two mixes, 300 ms ideal.
BakeReport sampleReport()
{
    BakeParameters halfSpeed = bakeParameters(475, 2, 50);
    halfSpeed.speedPercent = 50;
    BakeOutcome sample = outcome(BakeMode::Sync, halfSpeed, 303);
    sample.wallMs = 606;
    BakeReport report(sample);
    report.setLoopFigures(296, 2);
    report.setEntries({entry(50, TaskId::Preheat, 200), entry(250, TaskId::Mix, 0)});
    return report;
}

QStringList sortedKeys(const QJsonObject &json)
{
    QStringList keys = json.keys();
    keys.sort();
    return keys;
}

const QStringList fieldsWithoutEntries{"cakes",     "cancelled", "ideal_ms",    "late_heartbeats", "max_loop_stall_ms",
                                       "mix_count", "mix_trap",  "mode",        "reports",         "resumptions",
                                       "speed",     "step_ms",   "target_temp", "threads_started", "total_ms",
                                       "wall_ms"};

QJsonObject readJsonFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}
} // namespace

int TestBakeReport::writeSampleToStandardOutput()
{
    QString error;
    return sampleReport().write(QStringLiteral("-"), &error) ? 0 : 1;
}

void TestBakeReport::hasEveryField()
{
    const QJsonObject json = sampleReport().toJson();
    QStringList expected = fieldsWithoutEntries;
    expected << QStringLiteral("entries");
    expected.sort();
    QCOMPARE(sortedKeys(json), expected);

    QCOMPARE(json.value("mode").toString(), QStringLiteral("sync"));
    QCOMPARE(json.value("target_temp").toInt(), 475);
    QCOMPARE(json.value("mix_count").toInt(), 2);
    QCOMPARE(json.value("step_ms").toInt(), 50);
    QCOMPARE(json.value("cakes").toInt(), 1);
    QCOMPARE(json.value("total_ms").toInteger(), 303);
    // At half speed the recipe's 303 ms took twice as long on the wall clock.
    QCOMPARE(json.value("speed").toDouble(), 0.5);
    QCOMPARE(json.value("wall_ms").toInteger(), 606);
    QCOMPARE(json.value("mix_trap").toString(), QStringLiteral("none"));
    QCOMPARE(json.value("threads_started").toInt(), 0);
    QVERIFY(!json.contains("peak_rss_mb")); // only when the caller measured it
    BakeReport measured = sampleReport();
    measured.setPeakMemory(17'650'000);
    QCOMPARE(measured.toJson().value("peak_rss_mb").toDouble(), 17.7);
    QCOMPARE(json.value("ideal_ms").toInteger(), 300);
    QCOMPARE(json.value("max_loop_stall_ms").toInteger(), 296);
    QCOMPARE(json.value("late_heartbeats").toInt(), 2);
    QCOMPARE(json.value("resumptions").toInteger(), 9);
    QCOMPARE(json.value("reports").toInteger(), 6);
    QCOMPARE(json.value("cancelled").toBool(true), false);

    const QJsonArray entries = json.value("entries").toArray();
    QCOMPARE(entries.size(), 2);
    const QJsonObject first = entries.at(0).toObject();
    QCOMPARE(sortedKeys(first), (QStringList{"message", "t_ms", "task"}));
    QCOMPARE(first.value("t_ms").toInteger(), 50);
    QCOMPARE(first.value("task").toString(), QStringLiteral("preheat"));
    QCOMPARE(first.value("message").toString(), QStringLiteral("temp is now 200"));
    const QJsonObject second = entries.at(1).toObject();
    QCOMPARE(second.value("t_ms").toInteger(), 250);
    QCOMPARE(second.value("task").toString(), QStringLiteral("mix_ingredients"));
    QCOMPARE(second.value("message").toString(), QStringLiteral("mixing things 0"));
}

void TestBakeReport::valuesAreNumbersOfTheRightKind()
{
    BakeOutcome big = outcome(BakeMode::Async, bakeParameters(400, 3, 1000, 1000000), 3128);
    // A million cakes over a long bake: counters past 32 bits must come through exactly.
    big.resumptions = 5'000'000'001ULL;
    big.reports = 6'000'000'000ULL;
    BakeReport report(big);
    report.setLoopFigures(81, 0);
    const QJsonObject json = report.toJson();
    QCOMPARE(json.value("mode").toString(), QStringLiteral("async"));
    QCOMPARE(json.value("cakes").toInt(), 1000000);
    QCOMPARE(json.value("ideal_ms").toInteger(), 3000);
    QVERIFY(json.value("resumptions").isDouble());
    QCOMPARE(json.value("resumptions").toInteger(), 5'000'000'001LL);
    QCOMPARE(json.value("reports").toInteger(), 6'000'000'000LL);
    QVERIFY(json.value("cancelled").isBool());
    QVERIFY(json.value("mode").isString());
}

void TestBakeReport::loopFiguresDefaultToZero()
{
    const QJsonObject json = BakeReport(outcome(BakeMode::Async, bakeParameters(400, 3, 1000), 3001)).toJson();
    QCOMPARE(sortedKeys(json), fieldsWithoutEntries);
    QCOMPARE(json.value("max_loop_stall_ms").toInteger(-1), 0);
    QCOMPARE(json.value("late_heartbeats").toInt(-1), 0);
}

void TestBakeReport::entriesOnlyWhenSet()
{
    BakeReport report(outcome(BakeMode::Async, bakeParameters(400, 3, 1000), 3001));
    QVERIFY(!report.toJson().contains("entries"));
    // A bake that reported nothing still says so with an empty list, unlike a quiet bake that kept none.
    report.setEntries({});
    QVERIFY(report.toJson().value("entries").isArray());
    QCOMPARE(report.toJson().value("entries").toArray().size(), 0);
}

void TestBakeReport::entriesLeftOutForManyCakes_data()
{
    QTest::addColumn<int>("cakes");
    QTest::newRow("2 cakes") << 2;
    QTest::newRow("100000 cakes") << 100000;
}

void TestBakeReport::entriesLeftOutForManyCakes()
{
    QFETCH(int, cakes);
    BakeReport report(outcome(BakeMode::Async, bakeParameters(400, 3, 1000, cakes), 3001));
    report.setEntries({entry(1000, TaskId::Preheat, 200), entry(1000, TaskId::Mix, 0)});
    const QJsonObject json = report.toJson();
    QCOMPARE(sortedKeys(json), fieldsWithoutEntries);
    QCOMPARE(json.value("cakes").toInt(), cakes);
}

void TestBakeReport::cancelledBakeSaysSo()
{
    BakeOutcome cancelled = outcome(BakeMode::Async, bakeParameters(400, 3, 1000), 1234);
    cancelled.cancelled = true;
    const QJsonObject json = BakeReport(cancelled).toJson();
    QCOMPARE(json.value("cancelled").toBool(false), true);
    QCOMPARE(json.value("total_ms").toInteger(), 1234);
    // The ideal stays what the whole recipe would have taken.
    QCOMPARE(json.value("ideal_ms").toInteger(), 3000);
}

void TestBakeReport::writesToAFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("report.json"));
    QString error = QStringLiteral("untouched");
    QVERIFY(sampleReport().write(path, &error));
    QCOMPARE(error, QStringLiteral("untouched"));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(document.object(), sampleReport().toJson());
    // Indented for people to read, one field a line.
    QVERIFY(bytes.count('\n') > fieldsWithoutEntries.size());
    // Nothing is left beside it (QSaveFile's temporary file is gone).
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"report.json"});
}

void TestBakeReport::replacesAnEarlierFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("report.json"));
    {
        QFile earlier(path);
        QVERIFY(earlier.open(QIODevice::WriteOnly));
        earlier.write(QByteArray(10000, 'x')); // longer than the report: nothing of it may remain
    }
    QVERIFY(sampleReport().write(path, nullptr));
    QCOMPARE(readJsonFile(path), sampleReport().toJson());
}

void TestBakeReport::refusesAnUnwritablePath_data()
{
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<bool>("isFolder");
    QTest::newRow("missing folder") << QStringLiteral("missing/report.json") << false;
    QTest::newRow("a file as folder") << QStringLiteral("plain.txt/report.json") << false;
    QTest::newRow("a folder") << QStringLiteral("folder") << true;
}

void TestBakeReport::refusesAnUnwritablePath()
{
    QFETCH(QString, relativePath);
    QFETCH(bool, isFolder);
    // These fail for root as well, where a read-only folder would not.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("folder")));
    {
        QFile plain(dir.filePath(QStringLiteral("plain.txt")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.write("kept");
    }
    const QString path = dir.filePath(relativePath);

    QString error;
    QVERIFY(!sampleReport().write(path, &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot write the report to ") + path), qPrintable(error));
    // The reason follows the path, from the file system.
    QVERIFY2(error.size() > QStringLiteral("cannot write the report to : ").size() + path.size(), qPrintable(error));
    // Without a place for the message, the failure is still reported.
    QVERIFY(!sampleReport().write(path, nullptr));

    QCOMPARE(QFileInfo(path).isDir(), isFolder);
    QFile plain(dir.filePath(QStringLiteral("plain.txt")));
    QVERIFY(plain.open(QIODevice::ReadOnly));
    QCOMPARE(plain.readAll(), QByteArray("kept"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             (QStringList{"folder", "plain.txt"}));
}

void TestBakeReport::dashWritesToStandardOutput()
{
    QTemporaryDir workingDir;
    QVERIFY(workingDir.isValid());
    QProcess child;
    child.setWorkingDirectory(workingDir.path());
    child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(childFlag)});
    QVERIFY(child.waitForFinished(30000));
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QCOMPARE(child.exitCode(), 0);

    const QByteArray out = child.readAllStandardOutput();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(out, &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, out.constData());
    QCOMPARE(document.object(), sampleReport().toJson());
    QCOMPARE(child.readAllStandardError(), QByteArray());
    // "-" names standard output, not a file called "-".
    QCOMPARE(QDir(workingDir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
}

int main(int argc, char *argv[])
{
    if (argc == 2 && std::strcmp(argv[1], TestBakeReport::childFlag) == 0)
        return TestBakeReport::writeSampleToStandardOutput();
    QCoreApplication app(argc, argv);
    TestBakeReport test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_bakereport.moc"
