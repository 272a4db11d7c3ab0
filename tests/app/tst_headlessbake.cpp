// SPDX-License-Identifier: MIT
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

/// `bakeloop --headless` end to end, through QProcess: the lines, their timing and the report.
class TestHeadlessBake : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void printsTheAnalogysLines_data();
    void printsTheAnalogysLines();
    void timestampsPrefixEachLine();
    void printsEachLineWhenItHappens();
    void reportFollowsTheLinesOnStandardOutput();
    void reportFileHasEveryField();
    void syncReportShowsTheLoopBlocked();
    void manyCakesArePrefixedAndReportHasNoEntries();
    void quietPrintsNothingButReports();
    void bakeWithNoStepsEndsAtOnce();
    void exportsMatchThePrintedLines_data();
    void exportsMatchThePrintedLines();
    void exportThatCannotBeWrittenAtTheEndFails();
    void specialFileTakingAnOutputsNameMeanwhileIsLeftAlone();
    void failedWriteToStandardOutputFails_data();
    void failedWriteToStandardOutputFails();
    void speedKeepsTheRecipesTimesAndScalesTheWall();
    void threadedLinesNameTheirThreads();
    void aPredictionIsJudgedAfterTheLines();

private:
    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run bake(const QStringList &flags, int timeoutMs = 30000);
    static QJsonObject parseReport(const QByteArray &json);
};

namespace {
constexpr int shortStepMs = 40;

const QStringList syncLines{
    "preheat:: temp is now 200",         "preheat:: temp is now 300",         "preheat:: temp is now 400",
    "mix_ingredients:: mixing things 0", "mix_ingredients:: mixing things 1", "mix_ingredients:: mixing things 2",
};
const QStringList asyncLines{
    "preheat:: temp is now 200",         "mix_ingredients:: mixing things 0", "preheat:: temp is now 300",
    "mix_ingredients:: mixing things 1", "preheat:: temp is now 400",         "mix_ingredients:: mixing things 2",
};

QStringList linesOf(const QByteArray &out)
{
    return QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QStringList stepFlags(int stepMs)
{
    return {"--headless", "--step-ms", QString::number(stepMs)};
}
} // namespace

TestHeadlessBake::Run TestHeadlessBake::bake(const QStringList &flags, int timeoutMs)
{
    QProcess process;
    process.start(QStringLiteral(BAKELOOP_BINARY), flags);
    Run run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QJsonObject TestHeadlessBake::parseReport(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "report is not JSON:" << error.errorString() << json;
    return document.object();
}

void TestHeadlessBake::printsTheAnalogysLines_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("async by default") << QStringList{} << asyncLines;
    QTest::newRow("async") << QStringList{"--mode", "async"} << asyncLines;
    QTest::newRow("sync") << QStringList{"--mode", "sync"} << syncLines;
    QTest::newRow("475 overshoots to 500") << QStringList{"--target-temp", "475", "--mix-count", "0"}
                                           << QStringList{"preheat:: temp is now 200", "preheat:: temp is now 300",
                                                          "preheat:: temp is now 400", "preheat:: temp is now 500"};
    QTest::newRow("cold oven, no mixes") << QStringList{"--target-temp", "100", "--mix-count", "0"} << QStringList{};
    QTest::newRow("mixing outlasts the oven")
        << QStringList{"--target-temp", "200", "--mix-count", "3"}
        << QStringList{"preheat:: temp is now 200", "mix_ingredients:: mixing things 0",
                       "mix_ingredients:: mixing things 1", "mix_ingredients:: mixing things 2"};
}

void TestHeadlessBake::printsTheAnalogysLines()
{
    QFETCH(QStringList, flags);
    QFETCH(QStringList, expected);
    const Run run = bake(stepFlags(shortStepMs) + flags);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(linesOf(run.out), expected);
    QCOMPARE(run.err, QByteArray());
}

void TestHeadlessBake::timestampsPrefixEachLine()
{
    const Run run = bake(stepFlags(shortStepMs) + QStringList{"--timestamps"});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = linesOf(run.out);
    QCOMPARE(lines.size(), asyncLines.size());
    static const QRegularExpression stamped(QStringLiteral("^\\[ *(\\d+) ms\\] (.*)$"));
    qint64 previous = 0;
    for (int i = 0; i < lines.size(); ++i) {
        const QRegularExpressionMatch match = stamped.match(lines[i]);
        QVERIFY2(match.hasMatch(), qPrintable(lines[i]));
        // "[  1000 ms] ": the number right-aligned in six places, so columns line up.
        QCOMPARE(lines[i].indexOf(QStringLiteral(" ms] ")), 7);
        QCOMPARE(match.captured(2), asyncLines[i]);
        const qint64 ms = match.captured(1).toLongLong();
        QVERIFY(ms >= previous);
        // The k-th tick of the async bake comes at k steps; allow a loaded machine its lateness.
        const int tick = i / 2 + 1;
        QVERIFY2(ms >= tick * shortStepMs && ms < tick * shortStepMs + 3 * shortStepMs, qPrintable(lines[i]));
        previous = ms;
    }
}

void TestHeadlessBake::printsEachLineWhenItHappens()
{
    // With long steps the first line must arrive through the pipe while the bake still runs.
    QProcess process;
    process.start(QStringLiteral(BAKELOOP_BINARY), stepFlags(400));
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 5000);
    QCOMPARE(process.state(), QProcess::Running);
    QCOMPARE(QString::fromUtf8(process.readLine()).trimmed(), asyncLines.first());
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
}

void TestHeadlessBake::reportFollowsTheLinesOnStandardOutput()
{
    const Run run = bake(stepFlags(shortStepMs) + QStringList{"--mode", "sync", "--report", "-"});
    QCOMPARE(run.exitCode, 0);
    const qsizetype jsonStart = run.out.indexOf('{');
    QVERIFY(jsonStart > 0);
    QCOMPARE(linesOf(run.out.left(jsonStart)), syncLines);
    const QJsonObject report = parseReport(run.out.mid(jsonStart));
    QCOMPARE(report.value("mode").toString(), QStringLiteral("sync"));
    QCOMPARE(report.value("entries").toArray().size(), syncLines.size());
}

void TestHeadlessBake::reportFileHasEveryField()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("report.json");
    const Run run = bake(stepFlags(shortStepMs) + QStringList{"--report", path, "--target-temp", "475"});
    QCOMPARE(run.exitCode, 0);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject report = parseReport(file.readAll());

    QCOMPARE(report.value("mode").toString(), QStringLiteral("async"));
    QCOMPARE(report.value("target_temp").toInt(), 475);
    QCOMPARE(report.value("mix_count").toInt(), 3);
    QCOMPARE(report.value("step_ms").toInt(), shortStepMs);
    QCOMPARE(report.value("cakes").toInt(), 1);
    QCOMPARE(report.value("ideal_ms").toInt(), 4 * shortStepMs);
    QCOMPARE(report.value("resumptions").toInt(), 2 + 4 + 3);
    const int total = report.value("total_ms").toInt();
    QVERIFY2(total >= 4 * shortStepMs && total < 4 * shortStepMs * 2, qPrintable(QString::number(total)));
    QVERIFY(report.contains("max_loop_stall_ms"));
    QVERIFY(report.contains("late_heartbeats"));

    const QJsonArray entries = report.value("entries").toArray();
    QCOMPARE(entries.size(), 7);
    const QJsonObject first = entries.first().toObject();
    QCOMPARE(first.value("task").toString(), QStringLiteral("preheat"));
    QCOMPARE(first.value("message").toString(), QStringLiteral("temp is now 200"));
    QVERIFY(first.value("t_ms").toInt() >= shortStepMs);
    const QJsonObject last = entries.last().toObject();
    QCOMPARE(last.value("message").toString(), QStringLiteral("temp is now 500"));
}

void TestHeadlessBake::syncReportShowsTheLoopBlocked()
{
    constexpr int stepMs = 100;
    const Run sync = bake(stepFlags(stepMs) + QStringList{"--mode", "sync", "--quiet", "--report", "-"});
    QCOMPARE(sync.exitCode, 0);
    const QJsonObject syncReport = parseReport(sync.out);
    const double syncTotal = syncReport.value("total_ms").toDouble();
    QVERIFY(syncTotal >= 6 * stepMs);
    // The whole blocking bake is one stall of about its length.
    QVERIFY2(syncReport.value("max_loop_stall_ms").toDouble() >= 0.8 * syncTotal, sync.out.constData());
    QVERIFY(syncReport.value("late_heartbeats").toInt() >= 1);

    const Run async = bake(stepFlags(stepMs) + QStringList{"--quiet", "--report", "-"});
    QCOMPARE(async.exitCode, 0);
    const QJsonObject asyncReport = parseReport(async.out);
    QVERIFY(asyncReport.value("total_ms").toDouble() < 0.8 * syncTotal);
    QVERIFY2(asyncReport.value("max_loop_stall_ms").toDouble() < 0.5 * stepMs, async.out.constData());
}

void TestHeadlessBake::manyCakesArePrefixedAndReportHasNoEntries()
{
    const Run run = bake(stepFlags(shortStepMs) + QStringList{"--cakes", "3", "--report", "-"});
    QCOMPARE(run.exitCode, 0);
    const qsizetype jsonStart = run.out.indexOf('{');
    const QStringList lines = linesOf(run.out.left(jsonStart));
    QCOMPARE(lines.size(), 3 * asyncLines.size());
    // Each tick: every cake's oven and bowl in the order they yielded, cake by cake.
    QCOMPARE(lines.mid(0, 6),
             QStringList({"cake 1: preheat:: temp is now 200", "cake 1: mix_ingredients:: mixing things 0",
                          "cake 2: preheat:: temp is now 200", "cake 2: mix_ingredients:: mixing things 0",
                          "cake 3: preheat:: temp is now 200", "cake 3: mix_ingredients:: mixing things 0"}));
    QCOMPARE(lines.last(), QStringLiteral("cake 3: mix_ingredients:: mixing things 2"));
    const QJsonObject report = parseReport(run.out.mid(jsonStart));
    QCOMPARE(report.value("cakes").toInt(), 3);
    QVERIFY(!report.contains("entries"));
    QCOMPARE(report.value("resumptions").toInt(), 3 * 8);
}

void TestHeadlessBake::quietPrintsNothingButReports()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("quiet.json");
    const Run run = bake(stepFlags(shortStepMs) + QStringList{"--cakes", "1000", "--quiet", "--report", path});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject report = parseReport(file.readAll());
    QCOMPARE(report.value("cakes").toInt(), 1000);
    QCOMPARE(report.value("reports").toInt(), 6000);
    QCOMPARE(report.value("resumptions").toInt(), 8000);
}

void TestHeadlessBake::speedKeepsTheRecipesTimesAndScalesTheWall()
{
    QElapsedTimer clock;
    clock.start();
    const Run run = bake({"--headless", "--speed", "2", "--step-ms", "100", "--timestamps", "--report", "-"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject report = parseReport(run.out.mid(run.out.indexOf('{')));
    QCOMPARE(report.value("speed").toDouble(), 2.0);
    const qint64 total = report.value("total_ms").toInteger();
    const qint64 wall = report.value("wall_ms").toInteger();
    // The recipe's 300 ms of async bake took about 150 ms of wall time.
    QVERIFY2(total >= 300 && total < 300 * 1.5, qPrintable(QString::number(total)));
    QVERIFY2(wall >= 150 && wall < 150 * 1.6, qPrintable(QString::number(wall)));
    // The first line is stamped on the recipe's clock: about 100 ms, not the 50 ms of wall time it took.
    static const QRegularExpression firstLine(QStringLiteral("^\\[ *1[0-4]\\d ms\\] preheat:: temp is now 200\n"));
    QVERIFY2(firstLine.match(QString::fromUtf8(run.out)).hasMatch(), run.out.constData());
}

void TestHeadlessBake::threadedLinesNameTheirThreads()
{
    const Run run = bake({"--headless", "--mode", "threaded", "--step-ms", "50", "--report", "-"});
    QCOMPARE(run.exitCode, 0);
    const QString out = QString::fromUtf8(run.out);
    QStringList lines = out.left(out.indexOf(QLatin1Char('{'))).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    // Each line names the thread that printed it, as Python names threads; at a tie the two threads may race,
    // so the lines are compared as a set, and each thread's own lines in order.
    QStringList oven, bowl;
    for (const QString &line : std::as_const(lines)) {
        if (line.startsWith(QStringLiteral("[Thread-1 (preheat)] ")))
            oven << line.mid(21);
        else if (line.startsWith(QStringLiteral("[Thread-2 (mix_ingredients)] ")))
            bowl << line.mid(29);
    }
    QCOMPARE(oven, syncLines.mid(0, 3));
    QCOMPARE(bowl, syncLines.mid(3, 3));
    const QJsonObject report = parseReport(run.out.mid(run.out.indexOf('{')));
    QCOMPARE(report.value("mode").toString(), QStringLiteral("threaded"));
    QCOMPARE(report.value("ideal_ms").toInt(), 150);
    QVERIFY(report.value("total_ms").toInt() < 250);
}

void TestHeadlessBake::aPredictionIsJudgedAfterTheLines()
{
    // The sync order guessed for an async bake: the six lines as ever, then the verdict as two comment lines.
    const Run run = bake({"--headless", "--step-ms", "50", "--predict", "oven-first:0.3"});
    QCOMPARE(run.exitCode, 0);
    const QStringList lines = QString::fromUtf8(run.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 8);
    QCOMPARE(lines.mid(0, 6), asyncLines);
    QVERIFY2(lines.at(6).startsWith(QStringLiteral("# ")), qPrintable(lines.at(6)));
    QVERIFY2(lines.at(6).contains(QStringLiteral("order")), qPrintable(lines.at(6)));
    QVERIFY2(lines.at(7).contains(QStringLiteral("one thread")), qPrintable(lines.at(7)));
}

void TestHeadlessBake::bakeWithNoStepsEndsAtOnce()
{
    QElapsedTimer clock;
    clock.start();
    const Run run = bake({"--headless", "--target-temp", "100", "--mix-count", "0", "--report", "-"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject report = parseReport(run.out);
    // The recipe still runs main() and its gather, a millisecond or two on a loaded machine; never a step.
    QVERIFY2(report.value("total_ms").toInt() < 50, qPrintable(QString::number(report.value("total_ms").toInt())));
    QCOMPARE(report.value("ideal_ms").toInt(), 0);
    QCOMPARE(report.value("entries").toArray().size(), 0);
    // Generous: this only catches a bake that waits for a step it does not have.
    QVERIFY(clock.elapsed() < 800);
}

void TestHeadlessBake::exportsMatchThePrintedLines_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("waitName");

    QTest::newRow("sync") << "sync"
                          << "time.sleep(0.04)";
    QTest::newRow("async") << "async"
                           << "await asyncio.sleep(0.04)";
    QTest::newRow("threaded") << "threaded"
                              << "time.sleep(0.04)";
}

void TestHeadlessBake::exportsMatchThePrintedLines()
{
    QFETCH(QString, mode);
    QFETCH(QString, waitName);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString tracePath = dir.filePath("bake.json");
    const QString csvPath = dir.filePath("bake.csv");
    const QStringList exports{"--export-trace", tracePath, "--export-csv", csvPath};
    const Run run = bake(stepFlags(shortStepMs) + QStringList{"--mode", mode, "--timestamps"} + exports);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QByteArray());

    // What was printed: "[    40 ms] preheat:: temp is now 200".
    static const QRegularExpression stamped(QStringLiteral("^\\[ *(\\d+) ms\\] (.*)$"));
    QList<qint64> printedMs;
    QStringList printedTexts;
    for (const QString &line : linesOf(run.out)) {
        const QRegularExpressionMatch match = stamped.match(line);
        QVERIFY2(match.hasMatch(), qPrintable(line));
        printedMs << match.captured(1).toLongLong();
        // A worker's line names its thread first; the trace and the CSV keep the line itself.
        static const QRegularExpression thread(QStringLiteral("^\\[Thread-\\d+ \\([a-z_]+\\)\\] "));
        printedTexts << match.captured(2).remove(thread);
    }
    if (mode == QLatin1String("threaded")) {
        // Two threads race at each tie: the same lines as async, in an order that may vary.
        QStringList sorted = printedTexts;
        QStringList expected = asyncLines;
        sorted.sort();
        expected.sort();
        QCOMPARE(sorted, expected);
    } else {
        QCOMPARE(printedTexts, mode == QLatin1String("sync") ? syncLines : asyncLines);
    }

    QFile traceFile(tracePath);
    QVERIFY(traceFile.open(QIODevice::ReadOnly));
    const QJsonObject trace = parseReport(traceFile.readAll());
    QCOMPARE(trace.value("otherData").toObject().value("mode").toString(), mode);
    QMap<int, QString> trackNames;
    QList<QJsonObject> instants;
    int waits = 0;
    int blocks = 0;
    for (const QJsonValue &value : trace.value("traceEvents").toArray()) {
        const QJsonObject event = value.toObject();
        const QString phase = event.value("ph").toString();
        if (phase == QLatin1String("M") && event.value("name").toString() == QLatin1String("thread_name"))
            trackNames.insert(event.value("tid").toInt(), event.value("args").toObject().value("name").toString());
        else if (phase == QLatin1String("i"))
            instants << event;
        else if (phase == QLatin1String("X") && event.value("cat").toString() == QLatin1String("wait"))
            waits += event.value("name").toString() == waitName ? 1 : 0;
        else if (phase == QLatin1String("X") && event.value("cat").toString() == QLatin1String("stall"))
            ++blocks;
    }
    QCOMPARE(trackNames.values(), QStringList({"preheat", "mix_ingredients", "event loop"}));
    QCOMPARE(waits, 6); // every one named after the mode's sleep
    // A blocking bake holds the loop; the monitor sees it and the trace shows it.
    if (mode == QLatin1String("sync"))
        QVERIFY(blocks >= 1);
    QCOMPARE(instants.size(), printedTexts.size());
    for (int i = 0; i < instants.size(); ++i) {
        QCOMPARE(instants[i].value("name").toString(), printedTexts[i]);
        QCOMPARE(instants[i].value("ts").toInteger(), printedMs[i] * 1000);
        const QString task = printedTexts[i].section(QStringLiteral("::"), 0, 0);
        QCOMPARE(trackNames.value(instants[i].value("tid").toInt()), task);
    }

    QFile csvFile(csvPath);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QStringList records = QString::fromUtf8(csvFile.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(records.size(), 1 + printedTexts.size());
    QCOMPARE(records.first(), QStringLiteral("t_ms,task,message,oven_temp,mixes_done,preheat_state,mix_state"));
    for (int i = 0; i < printedTexts.size(); ++i) {
        const QStringList fields = records[i + 1].split(QLatin1Char(','));
        QCOMPARE(fields.size(), 7);
        QCOMPARE(fields[0].toLongLong(), printedMs[i]);
        QCOMPARE(fields[1] + QStringLiteral(":: ") + fields[2], printedTexts[i]);
    }
}

void TestHeadlessBake::exportThatCannotBeWrittenAtTheEndFails()
{
    // The folder is there when the flags are checked and gone when the bake ends.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir("out"));
    const QString tracePath = dir.filePath("out/bake.json");
    QProcess process;
    process.start(QStringLiteral(BAKELOOP_BINARY), stepFlags(300) + QStringList{"--export-trace", tracePath});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 5000);
    QVERIFY(QDir(dir.path()).rmdir("out"));
    QVERIFY(process.waitForFinished(10000));

    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2); // a path that cannot be written, found late: the same status as found early
    QCOMPARE(linesOf(process.readAllStandardOutput()), asyncLines);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.startsWith(QStringLiteral("bakeloop: cannot write %1: ").arg(tracePath)), qPrintable(error));
    QCOMPARE(error.count(QLatin1Char('\n')), 1);
    QVERIFY(!QFile::exists(tracePath));
}

void TestHeadlessBake::specialFileTakingAnOutputsNameMeanwhileIsLeftAlone()
{
    // The path is a plain new file when the flags are checked; a FIFO takes its name before the bake ends.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString csvPath = dir.filePath("bake.csv");
    QProcess process;
    process.start(QStringLiteral(BAKELOOP_BINARY), stepFlags(300) + QStringList{"--export-csv", csvPath});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 5000);
    QCOMPARE(::mkfifo(QFile::encodeName(csvPath).constData(), 0600), 0);
    QVERIFY(process.waitForFinished(10000));

    QCOMPARE(process.exitCode(), 2);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(QStringLiteral("FIFO")), qPrintable(error));
    struct stat info {
    };
    QCOMPARE(::lstat(QFile::encodeName(csvPath).constData(), &info), 0);
    QVERIFY2(S_ISFIFO(info.st_mode), "the FIFO was replaced by the export");
}

void TestHeadlessBake::failedWriteToStandardOutputFails_data()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("expected");
    QTest::newRow("lines") << QStringList{} << "cannot write to standard output: No space left on device";
    QTest::newRow("report after quiet lines") << QStringList{"--quiet", "--report", "-"}
                                              << "cannot write the report to standard output: No space left on device";
    QTest::newRow("sync lines") << QStringList{"--mode", "sync"}
                                << "cannot write to standard output: No space left on device";
    QTest::newRow("help") << QStringList{"--help"} << "cannot write to standard output";
}

void TestHeadlessBake::failedWriteToStandardOutputFails()
{
    QFETCH(QStringList, flags);
    QFETCH(QString, expected);
    if (!QFileInfo::exists(QStringLiteral("/dev/full")))
        QSKIP("needs /dev/full, a device whose every write fails with ENOSPC");
    QProcess process;
    process.setStandardOutputFile(QStringLiteral("/dev/full"));
    process.start(QStringLiteral(BAKELOOP_BINARY), stepFlags(20) + flags);
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    const QString error = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(error.contains(expected), qPrintable(error));
    // Said once, not once a line.
    QCOMPARE(error.count(QStringLiteral("standard output")), 1);
}

QTEST_GUILESS_MAIN(TestHeadlessBake)
#include "tst_headlessbake.moc"
