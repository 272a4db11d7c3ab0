// SPDX-License-Identifier: MIT
#include "compiler.h"
#include "interpreter.h"
#include "parser.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <ctime>

using namespace recipe;

/**
 * The whole engine against recipes nobody meant: every corpus recipe
 * mutated many ways (lines cut, doubled or swapped, numbers and names
 * changed, tasks made to wait on each other), parsed, compiled and run on a
 * clock of its own. Each must end with diagnostics, a result or a Python
 * error, within its budget, under ASan and UBSan too: no crash, no hang.
 */
class TestEngineFuzz : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mutatedRecipesEndCleanly();
};

namespace {
constexpr quint32 seed = 20261129;
#if defined(__SANITIZE_ADDRESS__)
// The sanitizers slow every run several times over: fewer mutants, the same kinds.
constexpr int mutationsPerRecipe = 15;
#else
constexpr int mutationsPerRecipe = 30;
#endif
/// A mutant that runs longer than this on its own clock, or asks this often to go on, is stopped: a hang found.
constexpr qint64 virtualTimeLimitNs = qint64(30) * 1000000000;
constexpr int interruptionChecks = 100;
constexpr qint64 cpuLimitPerMutantMs = 5000;

QString mutate(const QString &source, QRandomGenerator &random)
{
    QStringList lines = source.split(QLatin1Char('\n'));
    const int i = random.bounded(int(lines.size()));
    const int j = random.bounded(int(lines.size()));
    static const QRegularExpression number(QStringLiteral("\\b\\d+(\\.\\d+)?\\b"));
    static const QRegularExpression name(QStringLiteral("\\b[a-z_][a-z_0-9]*\\b"));
    static const QStringList numbers{"0", "-1", "1", "9223372036854775807", "0.0", "1e308", "3"};
    switch (random.bounded(7)) {
    case 0:
        lines.removeAt(i);
        break;
    case 1:
        lines.insert(i, lines.at(j));
        break;
    case 2:
        lines.swapItemsAt(i, j);
        break;
    case 3:
        lines[i].replace(number, numbers.at(random.bounded(int(numbers.size()))));
        break;
    case 4: {
        // One name becomes another of the same recipe: calls, awaits and loops get tangled.
        QStringList names;
        for (auto it = name.globalMatch(source); it.hasNext();)
            names << it.next().captured();
        if (!names.isEmpty())
            lines[i].replace(name, names.at(random.bounded(int(names.size()))));
        break;
    }
    case 5:
        lines[i] = lines[i].left(random.bounded(int(lines[i].size()) + 1));
        break;
    default:
        lines.insert(i, lines[i].left(lines[i].size() - lines[i].trimmed().size()) + QStringLiteral("await main()"));
        break;
    }
    return lines.join(QLatin1Char('\n'));
}

/// The CPU time this thread has used: a hang shows in it as in wall time, and the load of other processes on a
/// shared machine does not.
qint64 threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

/// Parses, compiles and runs @p source (baking @p cakes) on a clock that jumps to each timer; false if it did not end
/// in time.
bool endsCleanly(const QString &source, Interpreter::Kitchen kitchen, int cakes)
{
    std::vector<Diagnostic> diagnostics;
    const std::optional<Module> module = Parser::parse(source, &diagnostics);
    if (!module)
        return !diagnostics.empty();
    const std::optional<Program> program = Compiler::compile(*module, &diagnostics);
    if (!program)
        return !diagnostics.empty();
    qint64 now = 0;
    int checks = 0;
    Interpreter::Hooks hooks;
    hooks.nowNs = [&now] { return now; };
    hooks.blockFor = [&now](qint64 ns) { now += ns; };
    hooks.write = [](const QString &) {};
    hooks.interruption = [&]() -> std::optional<RecipeError> {
        if (++checks < interruptionChecks && now < virtualTimeLimitNs)
            return std::nullopt;
        return RecipeError{QStringLiteral("TimeoutError"), QStringLiteral("budget"), 0, QString()};
    };
    Interpreter interpreter(*program, hooks, kitchen);
    interpreter.setCakes(cakes);
    const qint64 startMs = threadCpuMs();
    while (interpreter.advance() == Interpreter::Status::Running) {
        const qint64 wait = interpreter.timeUntilNextNs();
        // A loop with nothing left to do but its task still waiting is stuck as asyncio would be: that ends too.
        if (wait == std::numeric_limits<qint64>::max() || now > virtualTimeLimitNs)
            return true;
        if (threadCpuMs() - startMs > cpuLimitPerMutantMs)
            return false;
        now += wait;
    }
    return threadCpuMs() - startMs <= cpuLimitPerMutantMs;
}
} // namespace

void TestEngineFuzz::mutatedRecipesEndCleanly()
{
    QRandomGenerator random(seed);
    const QDir corpus(QStringLiteral(RECIPE_CORPUS));
    int mutants = 0;
    // The slowest mutant, told at the end: how near the budget the engine runs, under ASan on CI too.
    qint64 slowestMs = -1;
    QString slowest;
    for (const QString &name : corpus.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name)) {
        QFile file(corpus.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString source = QString::fromUtf8(file.readAll());
        for (int i = 0; i < mutationsPerRecipe; ++i) {
            QString mutant = mutate(source, random);
            if (random.bounded(2) == 0)
                mutant = mutate(mutant, random);
            // Every other mutant runs as the threaded twin too: its threads take turns on the same frames. Every
            // other of those bakes two cakes, a thread a cake.
            for (const Interpreter::Kitchen kitchen :
                 {Interpreter::Kitchen::Async, Interpreter::Kitchen::ThreadedTwin}) {
                if (kitchen == Interpreter::Kitchen::ThreadedTwin && i % 2 == 1)
                    continue;
                const int cakes = kitchen == Interpreter::Kitchen::ThreadedTwin && i % 4 == 0 ? 2 : 1;
                const qint64 startMs = threadCpuMs();
                const bool ended = endsCleanly(mutant, kitchen, cakes);
                if (const qint64 tookMs = threadCpuMs() - startMs; tookMs > slowestMs) {
                    slowestMs = tookMs;
                    slowest = QStringLiteral("%1 mutant %2 (kitchen %3)").arg(name).arg(i).arg(int(kitchen));
                }
                QVERIFY2(ended,
                         qPrintable(QStringLiteral("seed %1, %2, mutant %3 (kitchen %4, %5 cakes) did not end:\n%6")
                                        .arg(seed)
                                        .arg(name)
                                        .arg(i)
                                        .arg(int(kitchen))
                                        .arg(cakes)
                                        .arg(mutant)));
            }
            ++mutants;
        }
    }
    QVERIFY(mutants >= 1000);
    qInfo("slowest: %s, %lld ms of CPU time (budget %lld ms)", qPrintable(slowest), slowestMs, cpuLimitPerMutantMs);
}

QTEST_GUILESS_MAIN(TestEngineFuzz)
#include "tst_enginefuzz.moc"
