// SPDX-License-Identifier: MIT
#include "bakelogmodel.h"
#include "csvlogwriter.h"
#include "enginetestsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

/// CsvLogWriter on a log built by hand: the header, one row per line with its kitchen, quoting, and failed writes.
class TestCsvLogWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void field_data();
    void field();
    void headerThenOneRowPerLine();
    void anEmptyRunIsTheHeaderAlone();
    void onlyTheRunsOwnFirstCakeLines();
    void writesTheFile();
    void unwritablePathFailsAndLeavesNoFile();
};

namespace {
constexpr TaskId P = TaskId::Preheat;
constexpr TaskId M = TaskId::Mix;

/// The first two lines of the default async bake, each with the kitchen as the driver leaves it.
int twoAsyncLines(BakeLogModel &log)
{
    const int run = log.beginRun(BakeMode::Async, BakeParameters());
    Kitchen kitchen(400, 3);
    playTurn(kitchen, P);
    kitchen.setWakeMs(P, 1000);
    playTurn(kitchen, M);
    kitchen.setWakeMs(M, 1000);
    playTurn(kitchen, P); // reports 200
    log.appendEntry(LogEntry{1000, 0, P, 200, kitchen});
    playTurn(kitchen, P);
    kitchen.setWakeMs(P, 2000);
    playTurn(kitchen, M); // reports mix 0
    log.appendEntry(LogEntry{1001, 0, M, 0, kitchen});
    return run;
}

QStringList recordsOf(const QByteArray &csv)
{
    QStringList records = QString::fromUtf8(csv).split(QStringLiteral("\r\n"));
    // The last record ends with CRLF too, which leaves one empty piece after it.
    if (!records.isEmpty() && records.constLast().isEmpty())
        records.removeLast();
    return records;
}
} // namespace

void TestCsvLogWriter::field_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << "temp is now 200"
                           << "temp is now 200";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("comma") << "200, then 300"
                           << "\"200, then 300\"";
    QTest::newRow("quote") << "the \"hot\" oven"
                           << "\"the \"\"hot\"\" oven\"";
    QTest::newRow("only a quote") << "\""
                                  << "\"\"\"\"";
    QTest::newRow("line feed") << "two\nlines"
                               << "\"two\nlines\"";
    QTest::newRow("carriage return") << "two\rlines"
                                     << "\"two\rlines\"";
    QTest::newRow("not ascii") << "400 °F; ok"
                               << "400 °F; ok";
}

void TestCsvLogWriter::field()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(CsvLogWriter::field(text), expected);
}

void TestCsvLogWriter::headerThenOneRowPerLine()
{
    BakeLogModel log;
    const int run = twoAsyncLines(log);
    const QByteArray csv = CsvLogWriter(log, run).toBytes();

    QVERIFY(csv.endsWith("\r\n"));
    QCOMPARE(recordsOf(csv),
             QStringList({
                 "t_ms,task,message,oven_temp,mixes_done,preheat_state,mix_state",
                 "1000,preheat,temp is now 200,200,0,running,waiting",
                 "1001,mix_ingredients,mixing things 0,200,1,waiting,running",
             }));
    QCOMPARE(recordsOf(csv).constFirst(), QLatin1String(CsvLogWriter::header));
}

void TestCsvLogWriter::anEmptyRunIsTheHeaderAlone()
{
    BakeLogModel log;
    const int run = log.beginRun(BakeMode::Sync, BakeParameters());
    QCOMPARE(CsvLogWriter(log, run).toBytes(), QByteArray(CsvLogWriter::header) + "\r\n");
}

void TestCsvLogWriter::onlyTheRunsOwnFirstCakeLines()
{
    BakeLogModel log;
    twoAsyncLines(log);
    const int run = log.beginRun(BakeMode::Sync, BakeParameters());
    log.appendEntry(LogEntry{1000, 0, P, 200, Kitchen(400, 3)});
    log.appendNote(1500, QStringLiteral("your click waited 0.5 s, then \"Bake Sync\""));
    log.appendEntry(LogEntry{1000, 1, P, 200, Kitchen(400, 3)});

    const QStringList records = recordsOf(CsvLogWriter(log, run).toBytes());
    QCOMPARE(records.size(), 2);
    QVERIFY2(records[1].startsWith(QStringLiteral("1000,preheat,temp is now 200,")), qPrintable(records[1]));
    QCOMPARE(recordsOf(CsvLogWriter(log, 0).toBytes()).size(), 3);
}

void TestCsvLogWriter::writesTheFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    BakeLogModel log;
    const int run = twoAsyncLines(log);
    const QString path = dir.filePath(QStringLiteral("bake.csv"));
    QString error;
    QVERIFY(CsvLogWriter(log, run).write(path, &error));
    QVERIFY(error.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), CsvLogWriter(log, run).toBytes());
}

void TestCsvLogWriter::unwritablePathFailsAndLeavesNoFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    BakeLogModel log;
    const CsvLogWriter writer(log, twoAsyncLines(log));

    const QString inMissingFolder = dir.filePath(QStringLiteral("gone/bake.csv"));
    QString error;
    QVERIFY(!writer.write(inMissingFolder, &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot write %1: ").arg(inMissingFolder)), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    QVERIFY(!QFile::exists(inMissingFolder));

    const QString folder = dir.filePath(QStringLiteral("taken"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("taken")));
    QVERIFY(!writer.write(folder, nullptr));
    QVERIFY(QFileInfo(folder).isDir());
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("taken")});
}

QTEST_GUILESS_MAIN(TestCsvLogWriter)
#include "tst_csvlogwriter.moc"
