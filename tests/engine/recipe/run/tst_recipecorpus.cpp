// SPDX-License-Identifier: MIT
#include "compiler.h"
#include "interpreter.h"
#include "neverawaitedcoroutines.h"
#include "parser.h"
#include "recipetestsupport.h"
#include "recipetimelimit.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QTest>

using namespace recipe;

/**
 * The recipe corpus (tests/recipes), run by the engine's three kitchens (and
 * with --cakes), and compared with what CPython 3.11 printed for each recipe
 * and for its twins (bakeloop --show-source sync|threaded): stdout byte for
 * byte (the threaded twin's thread by thread), and for a recipe that fails,
 * stderr's last line. The recipes run on a clock the test owns, so what the
 * test sees does not hang on the machine's load. Recipes the engine does not
 * run as CPython yet are listed in tests/recipes/not-yet.txt (NAME:sync,
 * NAME:threaded for a twin): each of those must still fail (so the list
 * shrinks as the engine grows), every other must pass.
 */
class TestRecipeCorpus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void asyncKitchenPrintsWhatCPythonPrints_data();
    void asyncKitchenPrintsWhatCPythonPrints();
    void blockingTwinPrintsWhatCPythonPrintsForIt_data();
    void blockingTwinPrintsWhatCPythonPrintsForIt();
    void gatheredCakesPrintWhatCPythonPrints_data();
    void gatheredCakesPrintWhatCPythonPrints();
    void cakesOneAfterAnotherPrintWhatCPythonPrints_data();
    void cakesOneAfterAnotherPrintWhatCPythonPrints();
    void threadedTwinPrintsWhatCPythonPrintsForIt_data();
    void threadedTwinPrintsWhatCPythonPrintsForIt();
    void cakesOnThreadsPrintWhatCPythonPrints_data();
    void cakesOnThreadsPrintWhatCPythonPrints();

private:
    /// Every recipe of the corpus with whether it is expected to pass in @p kitchen; @p suffix marks its outputs.
    static void addRecipes(const QString &suffix);
    static void compareWithCPython(const QString &suffix, Interpreter::Kitchen kitchen, int cakes = 1);
    /// What two runs of the threaded twin must share: the same lines, each thread's in the same order. Threads
    /// that wake at the same moment print in either order under CPython too. A cake's thread is known by its cake,
    /// its function and its place among that cake's threads of the function, not by its number: which of two
    /// cakes' threads starts first is a race in CPython, and threading numbers them as they start.
    static QMap<QString, QStringList> linesOfEachThread(const QString &out);
};

namespace {
QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// What the engine printed, and the last line of its error, or why it could not run.
struct Outcome {
    QString out;
    QString errorLine;
};

/// What --cakes the NAME.cakes outputs were written for by scripts/regenerate-cakes-outputs.
constexpr int corpusCakes = 3;
/// How far the test's clock moves at each reading of it.
constexpr qint64 clockTickNs = 1000;
/// Computing past this on the test's clock, a recipe is taken to hang; the corpus's longest runs a few seconds.
constexpr qint64 virtualTimeLimitNs = qint64(600) * 1000000000;

Outcome runRecipe(const QString &path, Interpreter::Kitchen kitchen, int cakes)
{
    Outcome outcome;
    std::vector<Diagnostic> diagnostics;
    const std::optional<Module> module = Parser::parseBytes(readFile(path), &diagnostics);
    if (!module)
        return {QString(), QStringLiteral("parse: ") + diagnostics.front().toString(path)};
    const std::optional<Program> program = Compiler::compile(*module, &diagnostics);
    if (!program)
        return {QString(), QStringLiteral("compile: ") + diagnostics.front().toString(path)};
    // On a clock the test owns: a wait jumps it to the next timer, and every reading moves it a microsecond, so a
    // busy loop on time.perf_counter() ends too. The order of events is then the ideal machine's, which is
    // CPython's for every recipe whose order does not hang on its own speed, however loaded the machine running
    // the test (a sanitizer's build is many times slower, and the CI machine is shared).
    qint64 now = 0;
    Interpreter::Hooks hooks = testClockHooks(now, clockTickNs);
    hooks.write = [&outcome](const QString &text) { outcome.out += text; };
    hooks.interruption = [&now]() -> std::optional<RecipeError> {
        if (now < virtualTimeLimitNs)
            return std::nullopt;
        return RecipeTimeLimit(virtualTimeLimitNs).error();
    };
    // The async kitchen's coroutines freed unawaited are warned of on stderr, the last of them at exit: after the
    // interpreter has gone.
    std::optional<NeverAwaitedCoroutines> neverAwaited;
    if (kitchen == Interpreter::Kitchen::Async)
        neverAwaited.emplace();
    auto interpreter = std::make_unique<Interpreter>(*program, hooks, kitchen);
    interpreter->setCakes(cakes);
    QString errorText;
    switch (runOnTestClock(*interpreter, now)) {
    case Interpreter::Status::Running:
        errorText = QStringLiteral("waits for ever");
        break;
    case Interpreter::Status::Failed:
        errorText = interpreter->error() ? interpreter->error()->lastLine() : QStringLiteral("failed");
        break;
    case Interpreter::Status::Finished:
        break;
    }
    const std::vector<Interpreter::UnretrievedTaskError> taskLogs = interpreter->unretrievedTaskErrors();
    interpreter.reset();
    // Stderr, as RecipeCommand writes it: what was logged while the recipe ran (asyncio's "Task exception was never
    // retrieved" and the warnings, in turn), the traceback, then what is freed at exit, warnings before task logs.
    QString lastWhileRunning, lastAtExit;
    std::size_t logsWhileRunning = 0;
    for (const Interpreter::UnretrievedTaskError &task : taskLogs) {
        if (!task.atExit) {
            lastWhileRunning = task.error.text();
            ++logsWhileRunning;
        }
    }
    const auto &warnings = neverAwaited ? neverAwaited->warnings() : std::vector<NeverAwaitedCoroutines::Warning>();
    for (const NeverAwaitedCoroutines::Warning &warning : warnings) {
        if (warning.place.line == NeverAwaitedCoroutines::atExit)
            lastAtExit = warning.lastLine();
        else if (warning.place.taskLogsBefore >= logsWhileRunning)
            lastWhileRunning = warning.lastLine();
    }
    for (const Interpreter::UnretrievedTaskError &task : taskLogs) {
        if (task.atExit)
            lastAtExit = task.error.text();
    }
    outcome.errorLine = !lastAtExit.isEmpty() ? lastAtExit : !errorText.isEmpty() ? errorText : lastWhileRunning;
    return outcome;
}
} // namespace

void TestRecipeCorpus::addRecipes(const QString &suffix)
{
    QTest::addColumn<QString>("recipe");
    QTest::addColumn<bool>("expectedToPass");
    const QDir corpus(QStringLiteral(RECIPE_CORPUS));
    QStringList notYet;
    for (const QString &line :
         QString::fromUtf8(readFile(corpus.filePath(QStringLiteral("not-yet.txt")))).split('\n')) {
        const QString name = line.section(QLatin1Char('#'), 0, 0).trimmed();
        if (!name.isEmpty())
            notYet << name;
    }
    const QStringList recipes = corpus.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name);
    QVERIFY(recipes.size() >= 40);
    for (const QString &recipe : recipes) {
        const QString name = recipe.chopped(3);
        // A recipe with no twin (it asks a task done() or result()) has no sync outputs: nothing to compare.
        if (!QFile::exists(corpus.filePath(name + suffix + QStringLiteral(".out"))))
            continue;
        const QString listed = suffix.isEmpty() ? name : name + QLatin1Char(':') + suffix.mid(1);
        QTest::newRow(qPrintable(name)) << corpus.filePath(recipe) << !notYet.contains(listed);
    }
}

void TestRecipeCorpus::compareWithCPython(const QString &suffix, Interpreter::Kitchen kitchen, int cakes)
{
    QFETCH(QString, recipe);
    QFETCH(bool, expectedToPass);
    const QString base = recipe.chopped(3) + suffix;
    const QString expectedOut = QString::fromUtf8(readFile(base + QStringLiteral(".out")));
    const QString expectedError = QString::fromUtf8(readFile(base + QStringLiteral(".err"))).trimmed();
    // The threaded kitchen's lines are compared thread by thread; every other kitchen's byte for byte.
    const auto same = [kitchen](const QString &out, const QString &expected) {
        return kitchen == Interpreter::Kitchen::ThreadedTwin ? linesOfEachThread(out) == linesOfEachThread(expected)
                                                             : out == expected;
    };
    const Outcome outcome = runRecipe(recipe, kitchen, cakes);
    const bool passes = same(outcome.out, expectedOut) && outcome.errorLine == expectedError;
    if (!expectedToPass) {
        QVERIFY2(!passes, "passes now: take it off tests/recipes/not-yet.txt");
        return;
    }
    if (kitchen == Interpreter::Kitchen::ThreadedTwin)
        QCOMPARE(linesOfEachThread(outcome.out), linesOfEachThread(expectedOut));
    else
        QCOMPARE(outcome.out, expectedOut);
    QCOMPARE(outcome.errorLine, expectedError);
}

QMap<QString, QStringList> TestRecipeCorpus::linesOfEachThread(const QString &out)
{
    static const QRegularExpression threadName(
        QStringLiteral("^(cake \\d+: )?\\[Thread-(\\d+) \\(([A-Za-z_0-9]+)\\)\\] "));
    const QStringList all = out.split(QLatin1Char('\n'));
    // Each cake's threads of each function, by number.
    QMap<QString, QList<int>> cakeThreads;
    for (const QString &line : all) {
        const QRegularExpressionMatch name = threadName.match(line);
        if (!name.hasCaptured(1))
            continue;
        QList<int> &numbers = cakeThreads[name.captured(1) + name.captured(3)];
        if (!numbers.contains(name.captured(2).toInt()))
            numbers << name.captured(2).toInt();
    }
    QMap<QString, QStringList> lines;
    for (const QString &line : all) {
        const QRegularExpressionMatch name = threadName.match(line);
        if (!name.hasMatch()) {
            lines[QStringLiteral("MainThread")] << line;
        } else if (!name.hasCaptured(1)) {
            lines[name.captured()] << line;
        } else {
            QList<int> numbers = cakeThreads[name.captured(1) + name.captured(3)];
            std::sort(numbers.begin(), numbers.end());
            const QString thread = QStringLiteral("%1%2 #%3")
                                       .arg(name.captured(1), name.captured(3))
                                       .arg(numbers.indexOf(name.captured(2).toInt()));
            lines[thread] << line.mid(name.capturedEnd());
        }
    }
    return lines;
}

void TestRecipeCorpus::asyncKitchenPrintsWhatCPythonPrints_data()
{
    addRecipes(QString());
}

void TestRecipeCorpus::asyncKitchenPrintsWhatCPythonPrints()
{
    compareWithCPython(QString(), Interpreter::Kitchen::Async);
}

void TestRecipeCorpus::blockingTwinPrintsWhatCPythonPrintsForIt_data()
{
    // NAME.sync.out is what python3 printed for the twin `bakeloop --show-source sync` writes of NAME.py.
    addRecipes(QStringLiteral(".sync"));
}

void TestRecipeCorpus::blockingTwinPrintsWhatCPythonPrintsForIt()
{
    compareWithCPython(QStringLiteral(".sync"), Interpreter::Kitchen::BlockingTwin);
}

void TestRecipeCorpus::gatheredCakesPrintWhatCPythonPrints_data()
{
    // NAME.cakes.out is what python3 printed for N copies of the recipe's asyncio.run coroutine gathered by hand.
    addRecipes(QStringLiteral(".cakes"));
}

void TestRecipeCorpus::gatheredCakesPrintWhatCPythonPrints()
{
    compareWithCPython(QStringLiteral(".cakes"), Interpreter::Kitchen::Async, corpusCakes);
}

void TestRecipeCorpus::cakesOneAfterAnotherPrintWhatCPythonPrints_data()
{
    addRecipes(QStringLiteral(".cakes.sync"));
}

void TestRecipeCorpus::cakesOneAfterAnotherPrintWhatCPythonPrints()
{
    compareWithCPython(QStringLiteral(".cakes.sync"), Interpreter::Kitchen::BlockingTwin, corpusCakes);
}

void TestRecipeCorpus::threadedTwinPrintsWhatCPythonPrintsForIt_data()
{
    // NAME.threaded.out is what python3 printed for the twin `bakeloop --show-source threaded` writes of NAME.py.
    addRecipes(QStringLiteral(".threaded"));
}

void TestRecipeCorpus::threadedTwinPrintsWhatCPythonPrintsForIt()
{
    compareWithCPython(QStringLiteral(".threaded"), Interpreter::Kitchen::ThreadedTwin);
}

void TestRecipeCorpus::cakesOnThreadsPrintWhatCPythonPrints_data()
{
    // NAME.cakes.threaded.out is what python3 printed for the threaded twin of N copies gathered.
    addRecipes(QStringLiteral(".cakes.threaded"));
}

void TestRecipeCorpus::cakesOnThreadsPrintWhatCPythonPrints()
{
    compareWithCPython(QStringLiteral(".cakes.threaded"), Interpreter::Kitchen::ThreadedTwin, corpusCakes);
}

QTEST_GUILESS_MAIN(TestRecipeCorpus)
#include "tst_recipecorpus.moc"
