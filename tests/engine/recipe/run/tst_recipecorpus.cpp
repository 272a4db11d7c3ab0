// SPDX-License-Identifier: MIT
#include "blockingrecipedriver.h"
#include "compiler.h"
#include "parser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <QTest>

using namespace recipe;

/**
 * The recipe corpus (tests/recipes), run by the engine's async kitchen and
 * by its blocking twin, and compared with what CPython 3.11 printed for each
 * recipe and for its twin (bakeloop --show-source sync): stdout byte for byte,
 * and for a recipe that fails, stderr's last line. Recipes the engine does
 * not run yet are listed in tests/recipes/not-yet.txt (NAME:sync for a twin): each of those must
 * still fail (so the list shrinks as the engine grows), every other must pass.
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

private:
    /// Every recipe of the corpus with whether it is expected to pass in @p kitchen; @p suffix marks its outputs.
    static void addRecipes(const QString &suffix);
    static void compareWithCPython(const QString &suffix, Interpreter::Kitchen kitchen, int cakes = 1);
    /// What two runs of the threaded twin must share: the same lines, each thread's in the same order. Threads
    /// that wake at the same moment print in either order under CPython too.
    static QMap<QString, QStringList> linesOfEachThread(const QString &out);
};

namespace {
QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Recipes that print what the clock measured, in whole steps: right on a quiet machine, a step off on a busy one.
const QStringList &timedRecipes()
{
    static const QStringList names{QStringLiteral("sequential_vs_concurrent"), QStringLiteral("monotonic_clock"),
                                   QStringLiteral("busy_loop_perf_counter"), QStringLiteral("time_sleep_blocks_loop")};
    return names;
}

/// What the engine printed, and the last line of its error, or why it could not run.
struct Outcome {
    QString out;
    QString errorLine;
};

/// What --cakes the NAME.cakes outputs were written for by scripts/regenerate-cakes-outputs.
constexpr int corpusCakes = 3;

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
    BlockingRecipeDriver driver(*program, kitchen);
    driver.setOutput([&outcome](const QString &text) { outcome.out += text; });
    driver.setTimeLimit(RecipeTimeLimit(qint64(20) * 1000000000));
    driver.setCakes(cakes);
    if (driver.run() == Interpreter::Status::Failed)
        outcome.errorLine = driver.error()->text();
    // asyncio's log of a failed task nobody asked comes last on stderr when it is written at exit.
    for (const Interpreter::UnretrievedTaskError &task : driver.unretrievedTaskErrors()) {
        if (task.atExit || outcome.errorLine.isEmpty())
            outcome.errorLine = task.error.text();
    }
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
    Outcome outcome = runRecipe(recipe, kitchen, cakes);
    bool passes = same(outcome.out, expectedOut) && outcome.errorLine == expectedError;
    // A recipe that prints what it measured on the clock can miss by a step on a loaded machine, as python3
    // itself would: it gets two more tries. Every other recipe's output depends only on the order of events.
    const QString name = QFileInfo(recipe).completeBaseName();
    for (int retry = 0; expectedToPass && !passes && timedRecipes().contains(name) && retry < 2; ++retry) {
        outcome = runRecipe(recipe, kitchen, cakes);
        passes = same(outcome.out, expectedOut) && outcome.errorLine == expectedError;
    }
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
    static const QRegularExpression threadName(QStringLiteral("^\\[Thread-\\d+ \\([A-Za-z_0-9]+\\)\\] "));
    QMap<QString, QStringList> lines;
    for (const QString &line : out.split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch name = threadName.match(line);
        lines[name.hasMatch() ? name.captured() : QStringLiteral("MainThread")] << line;
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

QTEST_GUILESS_MAIN(TestRecipeCorpus)
#include "tst_recipecorpus.moc"
