// SPDX-License-Identifier: MIT
#include "blockingtwinwriter.h"
#include "parser.h"
#include "threadedtwinwriter.h"
#include "twinrules.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace recipe;

/**
 * The twins of the corpus under python3. Every recipe with a NAME.sync.out:
 * its blocking twin prints exactly that (and ends with NAME.sync.err when
 * there is one). Every recipe with a threaded twin: the twin fails exactly
 * when the recipe does, and, when it does not, prints the lines of NAME.out
 * (as a multiset, with the threads' names taken off: which thread prints
 * first where two wake together is up to the machine), unless it maps
 * asyncio's resources to threading's, which do not act alike.
 */
class TestTwinCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void blockingTwinPrintsItsOutput_data();
    void blockingTwinPrintsItsOutput();
    void threadedTwinPrintsTheRecipesLines_data();
    void threadedTwinPrintsTheRecipesLines();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString lastErrorLine;
    };
    Run runTwin(const QString &twin);

    QTemporaryDir m_dir;
};

namespace {
/// A recipe's twin runs for as long as the recipe sleeps; none of the corpus sleeps near this long.
constexpr int twinTimeoutMs = 60000;

QString corpusFile(const QString &name)
{
    return QDir(QStringLiteral(RECIPE_CORPUS)).filePath(name);
}

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

std::optional<Module> parsed(const QString &recipe)
{
    QFile file(corpusFile(recipe + QLatin1String(".py")));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    std::vector<Diagnostic> diagnostics;
    return Parser::parseBytes(file.readAll(), &diagnostics);
}

QStringList sortedLines(const QString &text)
{
    QStringList lines = text.split(u'\n');
    if (lines.constLast().isEmpty())
        lines.removeLast();
    std::sort(lines.begin(), lines.end());
    return lines;
}

QStringList recipeNames()
{
    QStringList names = QDir(QStringLiteral(RECIPE_CORPUS)).entryList({QStringLiteral("*.py")}, QDir::Files);
    for (QString &name : names)
        name.chop(3);
    return names;
}
} // namespace

void TestTwinCorpus::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
        QSKIP("python3 is not installed: the twins have nothing to run them");
    QVERIFY(m_dir.isValid());
}

TestTwinCorpus::Run TestTwinCorpus::runTwin(const QString &twin)
{
    const QString path = m_dir.filePath(QStringLiteral("twin.py"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(twin.toUtf8()) < 0)
        qFatal("cannot write %s", qPrintable(path));
    file.close();
    QProcess python;
    python.setWorkingDirectory(QStringLiteral(RECIPE_CORPUS));
    // CPython as scripts/regenerate-twin-outputs runs it: none of the caller's PYTHON* settings (PYTHONUNBUFFERED
    // would make every print a write that lets the other threads in), UTF-8 out, no bytecode beside the corpus.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : environment.keys()) {
        if (name.startsWith(QLatin1String("PYTHON")))
            environment.remove(name);
    }
    environment.insert(QStringLiteral("PYTHONIOENCODING"), QStringLiteral("utf-8"));
    environment.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    environment.insert(QStringLiteral("PYTHONHASHSEED"), QStringLiteral("0"));
    python.setProcessEnvironment(environment);
    python.start(QStringLiteral("python3"), {path});
    Run run;
    if (!python.waitForFinished(twinTimeoutMs)) {
        python.kill();
        python.waitForFinished();
        return run;
    }
    run.exitCode = python.exitStatus() == QProcess::NormalExit ? python.exitCode() : -1;
    run.out = QString::fromUtf8(python.readAllStandardOutput());
    const QStringList errors = QString::fromUtf8(python.readAllStandardError()).split(u'\n', Qt::SkipEmptyParts);
    run.lastErrorLine = errors.isEmpty()
        ? QString()
        : errors.constLast().trimmed(); // an exception group's last line is the indented bottom of its boxes
    return run;
}

void TestTwinCorpus::blockingTwinPrintsItsOutput_data()
{
    QTest::addColumn<QString>("recipe");
    int rows = 0;
    for (const QString &name : recipeNames()) {
        if (QFile::exists(corpusFile(name + QLatin1String(".sync.out")))) {
            QTest::newRow(qPrintable(name)) << name;
            ++rows;
        }
    }
    // The corpus has a twin for nearly every recipe; finding none means the test is looking in the wrong place.
    QVERIFY(rows >= 40);
}

void TestTwinCorpus::blockingTwinPrintsItsOutput()
{
    QFETCH(QString, recipe);
    const std::optional<Module> module = parsed(recipe);
    QVERIFY(module);
    const TwinSource twin = BlockingTwinWriter::write(*module);
    QVERIFY2(twin.exists(), qPrintable(twin.refusal));
    const Run run = runTwin(twin.text);
    QCOMPARE(run.out, readText(corpusFile(recipe + QLatin1String(".sync.out"))));
    const QString errorFile = corpusFile(recipe + QLatin1String(".sync.err"));
    if (QFile::exists(errorFile)) {
        QVERIFY(run.exitCode != 0);
        QCOMPARE(run.lastErrorLine, readText(errorFile).trimmed());
    } else {
        QCOMPARE(run.exitCode, 0);
    }
}

void TestTwinCorpus::threadedTwinPrintsTheRecipesLines_data()
{
    QTest::addColumn<QString>("recipe");
    QTest::addColumn<bool>("sameLines"); ///< false: only whether it fails is compared
    QTest::addColumn<bool>("racy"); ///< true: only that it runs to an end is checked
    // Threads start when they are made, tasks a loop turn later: these recipes ask a task done() at a moment
    // when its thread has run already and its task has not, so they print True where asyncio prints False. In
    // the twin that moment is a race between the threads: on a busy machine result() can find the thread
    // still running, so whether the twin fails is not a property of the recipe either.
    const QStringList askTooEarly{QStringLiteral("create_task_order"), QStringLiteral("finish_during_sleep_zero"),
                                  QStringLiteral("tasks_create_tasks")};
    // The twins drop what asyncio.sleep(x, result) gives: time.sleep gives None, so these print None there.
    const QStringList dropSleepResults{QStringLiteral("sleep_keywords")};
    int rows = 0;
    for (const QString &name : recipeNames()) {
        const std::optional<Module> module = parsed(name);
        if (!module || !ThreadedTwinWriter::write(*module).exists())
            continue;
        // A twin without NAME.threaded.out hangs under python3 (its threads wait for each other) or prints what
        // no two runs share (an address, a race): regenerate-twin-outputs says which; none is run here.
        if (!QFile::exists(corpusFile(name + QLatin1String(".threaded.out"))))
            continue;
        // threading's lock, semaphore, event and queue are not asyncio's: their twins print what they print
        // (NAME.threaded.out, which tst_recipecorpus holds the kitchen to), not the recipe's lines.
        const bool mapsResources = !TwinRules::resourcesNamed(*module).isEmpty();
        // A recipe that fails stops its loop, while the twin's other threads run on to their ends: only the
        // failing is compared.
        const bool fails = QFile::exists(corpusFile(name + QLatin1String(".err")))
            || QFile::exists(corpusFile(name + QLatin1String(".threaded.err")));
        QTest::newRow(qPrintable(name)) << name
                                        << !(fails || mapsResources || askTooEarly.contains(name)
                                             || dropSleepResults.contains(name))
                                        << askTooEarly.contains(name);
        ++rows;
    }
    QVERIFY(rows >= 40);
}

void TestTwinCorpus::threadedTwinPrintsTheRecipesLines()
{
    QFETCH(QString, recipe);
    QFETCH(bool, sameLines);
    QFETCH(bool, racy);
    const TwinSource twin = ThreadedTwinWriter::write(*parsed(recipe));
    // Plain python3, as a learner runs it: the prologue's say() writes each line whole, so threads never cut
    // into each other's lines.
    Run run = runTwin(twin.text);
    QVERIFY2(run.exitCode >= 0, "python3 did not end");
    if (racy)
        return;
    static const QRegularExpression threadName(QStringLiteral("^\\[Thread-\\d+ \\([A-Za-z_0-9]+\\)\\] "),
                                               QRegularExpression::MultilineOption);
    const auto linesOf = [](QString out) {
        out.remove(threadName);
        return sortedLines(out);
    };
    const QStringList expected = sortedLines(readText(corpusFile(recipe + QLatin1String(".out"))));
    // python3 itself keeps a recipe's whole steps only on a machine that lets its threads run on time: on a loaded
    // one a step can come 25 ms late, and a time printed in steps is one more. Two more runs, before the twin is
    // held to have printed other lines.
    for (int retry = 0; retry < 2 && sameLines && run.exitCode == 0 && linesOf(run.out) != expected; ++retry)
        run = runTwin(twin.text);
    // The twin fails where its corpus file says, which is mostly where the recipe fails; not always: time.sleep(-1)
    // raises where the recipe's asyncio.sleep(-1) yields, and a thread recurses deeper than a task.
    const bool twinFails = QFile::exists(corpusFile(recipe + QLatin1String(".threaded.err")));
    QVERIFY2((run.exitCode != 0) == twinFails, qPrintable(run.lastErrorLine));
    if (!sameLines)
        return;
    QCOMPARE(linesOf(run.out), expected);
}

QTEST_GUILESS_MAIN(TestTwinCorpus)
#include "tst_twincorpus.moc"
