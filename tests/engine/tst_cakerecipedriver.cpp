// SPDX-License-Identifier: MIT
#include "cakerecipedriver.h"
#include "cakestorybook.h"
#include "enginetestsupport.h"
#include "loopmonitor.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <ctime>
#include <map>
#include <memory>
#include <thread>

namespace {
/// Long enough for any bake here to finish on a loaded machine, short enough to fail fast when one hangs.
int finishTimeout(const BakeParameters &p, BakeMode mode)
{
    return int(p.idealMs(mode)) * 5 + 5000;
}

QString describeTask(const Kitchen &kitchen, TaskId task)
{
    const int value = task == TaskId::Preheat ? kitchen.oven().temperature() : kitchen.bowl().mixesDone();
    return QStringLiteral("%1 %2 %3%4")
        .arg(taskName(task), taskStateName(kitchen.state(task)))
        .arg(value)
        .arg(kitchen.wakeMs(task) >= 0 ? QStringLiteral(" (wakes)") : QString());
}

/// A kitchen as words, its wake times left out (they are compared apart, with a tolerance).
QString describeKitchen(const Kitchen &kitchen)
{
    return describeTask(kitchen, TaskId::Preheat) + QStringLiteral(", ") + describeTask(kitchen, TaskId::Mix);
}

/// Everything one bake emitted, in order: each entry and each kitchen change as words, and the times apart.
struct Story {
    QStringList events;
    /**
     * The same, told job by job: for each cake's oven and bowl, each report it made (on which thread) and each
     * state it went into, with their times. Two threads race to the driver's thread whenever their lines fall due
     * together, so a threaded bake is compared job by job, each in its own order, as python3's threads would be.
     */
    std::map<QString, QStringList> jobs;
    std::map<QString, QList<std::pair<QString, qint64>>> jobTimes;
    /// What each job was last told as, with its wake time: a kitchen change tells the jobs that changed.
    std::map<QString, QString> lastJobStates;
    /// Each entry's time, and the wake time of each task (-1 when it is not waiting) at each entry and change, in
    /// order.
    QList<std::pair<QString, qint64>> times;
    std::unique_ptr<BakeRecorder> recorder;
    QString error;
    /// The processor time the process took while the bake ran: a bowl stirred by hand takes its steps' worth.
    qint64 cpuMs = 0;
    /// On the wall clock, from the bake's start: when it was cancelled, if it was (by a canceller thread, read
    /// once it has been joined), and when it finished.
    qint64 cancelledAtMs = -1;
    qint64 finishedAtMs = -1;
    /// Read off the driver once the bake is over (see settle()): each cake's kitchen as words, and the outcome.
    QStringList kitchens;
    int entryCount = 0;
    int resumptions = 0;
    int reports = 0;
    int threadsStarted = 0;
    qint64 totalMs = 0;
    bool cancelled = false;
    /// A threaded bake that stirs by hand told a bowl's line later than differentTime() allows (see stirredLate()).
    bool stirredLate = false;
};

void addWakes(Story &story, const Kitchen &kitchen)
{
    for (const TaskId task : {TaskId::Preheat, TaskId::Mix})
        story.times << std::pair(QStringLiteral("event %1's %2 wake").arg(story.events.size() - 1).arg(taskName(task)),
                                 kitchen.wakeMs(task));
}

QString jobName(int cake, TaskId task)
{
    return QStringLiteral("cake %1 %2").arg(cake).arg(taskName(task));
}

/// Adds to each job's story of @p cake what it went into in @p kitchen, and @p entry's report to its job's.
void addJobEvents(Story &story, int cake, const Kitchen &kitchen, const LogEntry *entry = nullptr)
{
    for (const TaskId task : {TaskId::Preheat, TaskId::Mix}) {
        const QString job = jobName(cake, task);
        const QString state = describeTask(kitchen, task) + QStringLiteral(" at %1").arg(kitchen.wakeMs(task));
        const bool reports = entry && entry->task == task;
        if (!reports && story.lastJobStates[job] == state)
            continue;
        story.lastJobStates[job] = state;
        QList<std::pair<QString, qint64>> &times = story.jobTimes[job];
        if (reports) {
            story.jobs[job] << QStringLiteral("reports %1 on thread %2: %3")
                                   .arg(entry->value)
                                   .arg(entry->thread)
                                   .arg(describeTask(kitchen, task));
            times << std::pair(QStringLiteral("%1's report %2's time").arg(job).arg(story.jobs[job].size() - 1),
                               entry->timeMs);
        } else {
            story.jobs[job] << describeTask(kitchen, task);
        }
        times << std::pair(QStringLiteral("%1's event %2's wake").arg(job).arg(story.jobs[job].size() - 1),
                           kitchen.wakeMs(task));
    }
}

/// Fills in what @p story's bake left in @p driver once it is over.
void settle(Story &story, const BakeDriver &driver, const BakeParameters &p);

/**
 * Bakes @p p with @p driver, cancelling it from the slot that hears entry number @p cancelAtEntry (from 1) if
 * asked, or from another thread @p cancelAtMs into the bake on the wall clock: the driver's thread may be held by
 * a trap then.
 */
Story bake(BakeDriver &driver, const BakeParameters &p, int cancelAtEntry = 0, int cancelAtMs = -1)
{
    Story story;
    // A job's story tells what changes: each begins as a kitchen of these parameters has it.
    const Kitchen untouched(p.targetTemperature, p.mixCount);
    for (int cake = 0; cake < p.cakes; ++cake) {
        for (const TaskId task : {TaskId::Preheat, TaskId::Mix})
            story.lastJobStates[jobName(cake, task)]
                = describeTask(untouched, task) + QStringLiteral(" at %1").arg(untouched.wakeMs(task));
    }
    story.recorder = std::make_unique<BakeRecorder>(&driver);
    QElapsedTimer wall;
    QObject::connect(&driver, &BakeDriver::entryAppended, story.recorder.get(),
                     [&story, &driver, &wall, cancelAtEntry] {
                         if (story.recorder->entries.size() == cancelAtEntry) {
                             story.cancelledAtMs = wall.elapsed();
                             driver.cancel();
                         }
                     });
    QObject::connect(&driver, &BakeDriver::finished, story.recorder.get(),
                     [&story, &wall] { story.finishedAtMs = wall.elapsed(); });
    QObject::connect(&driver, &BakeDriver::entryAppended, story.recorder.get(), [&story](const LogEntry &entry) {
        story.events << QStringLiteral("cake %1 %2 reports %3: %4")
                            .arg(entry.cake)
                            .arg(taskName(entry.task))
                            .arg(entry.value)
                            .arg(describeKitchen(entry.kitchen));
        story.times << std::pair(QStringLiteral("entry %1's time").arg(story.events.size() - 1), entry.timeMs);
        addWakes(story, entry.kitchen);
        addJobEvents(story, entry.cake, entry.kitchen, &entry);
    });
    QObject::connect(&driver, &BakeDriver::kitchenChanged, story.recorder.get(), [&story, &driver](int cake) {
        story.events << QStringLiteral("cake %1 changed: %2").arg(cake).arg(describeKitchen(driver.kitchen(cake)));
        addWakes(story, driver.kitchen(cake));
        addJobEvents(story, cake, driver.kitchen(cake));
    });
    std::unique_ptr<QThread> canceller;
    if (cancelAtMs >= 0) {
        canceller.reset(QThread::create([&story, &driver, &wall, cancelAtMs] {
            QThread::msleep(qMax<qint64>(0, cancelAtMs - wall.elapsed()));
            story.cancelledAtMs = wall.elapsed();
            driver.cancel();
        }));
    }
    const std::clock_t cpuAtStart = std::clock();
    wall.start();
    if (canceller)
        canceller->start();
    if (!driver.start(p))
        story.error = driver.errorString();
    else if (!story.recorder->waitForFinished(finishTimeout(p, driver.mode())))
        story.error = QStringLiteral("did not finish");
    story.cpuMs = qint64(std::clock() - cpuAtStart) * 1000 / CLOCKS_PER_SEC;
    if (canceller && !canceller->wait(finishTimeout(p, driver.mode())))
        story.error = QStringLiteral("the canceller did not return");
    if (story.error.isEmpty())
        settle(story, driver, p);
    return story;
}

/**
 * Empty when @p engine's times match @p reference's; else the first that does not. Each may stray by half a step
 * (a timer late on a loaded machine; a wrong wake is a whole step off) and a tenth of its time more, as the blocking
 * twin's sleeps are counted from each other, as time.sleep's are, and their overshoots add up.
 */
QString differentTime(const QList<std::pair<QString, qint64>> &engine,
                      const QList<std::pair<QString, qint64>> &reference, int stepMs)
{
    if (engine.size() != reference.size())
        return QStringLiteral("%1 times, not %2").arg(engine.size()).arg(reference.size());
    for (qsizetype i = 0; i < engine.size(); ++i) {
        const auto &[what, a] = engine.at(i);
        const qint64 b = reference.at(i).second;
        if ((a < 0) != (b < 0) || std::abs(a - b) > stepMs / 2 + b / 10)
            return QStringLiteral("%1 is %2 ms, not %3 ms").arg(what).arg(a).arg(b);
    }
    return {};
}

QString differentTime(const Story &engine, const Story &reference, int stepMs)
{
    return differentTime(engine.times, reference.times, stepMs);
}

/// differentTime() job by job, for a threaded bake, whose jobs race each other.
QString differentJobTimes(const Story &engine, const Story &reference, int stepMs)
{
    for (const auto &[job, times] : reference.jobTimes) {
        const auto told = engine.jobTimes.find(job);
        const QString different = differentTime(
            told == engine.jobTimes.end() ? QList<std::pair<QString, qint64>>() : told->second, times, stepMs);
        if (!different.isEmpty())
            return job + QStringLiteral(": ") + different;
    }
    return {};
}

/// @p parameters with the mixing's @p trap.
BakeParameters withTrap(BakeParameters parameters, MixTrap trap)
{
    parameters.mixTrap = trap;
    return parameters;
}

/// The text of the recipe file @p name in recipes/, beside cake.py.
QByteArray recipeFileText(const QString &name)
{
    QFile file(QFileInfo(QStringLiteral(CAKE_RECIPE)).dir().filePath(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// A recipe of the cake without what a trap may change: its summary, its imports, the mixing and the stirring.
QStringList theRestOfTheCake(const QByteArray &source)
{
    QStringList rest;
    // Top-level definitions stand two blank lines apart.
    for (const QString &part : QString::fromUtf8(source).split(QStringLiteral("\n\n\n"))) {
        if (part.startsWith(QLatin1String("async def mix_ingredients("))
            || part.startsWith(QLatin1String("def stir_by_hand(")))
            continue;
        QStringList lines = part.split(QLatin1Char('\n'));
        lines.removeIf([](const QString &line) {
            return line.startsWith(QLatin1String("# Summary:")) || line.startsWith(QLatin1String("import "));
        });
        rest << lines.join(QLatin1Char('\n'));
    }
    return rest;
}

QString outOfRatio(qint64 actualMs, qint64 referenceMs)
{
    // Two noisy cores: the engine's total may stray from the hand-written driver's, but not by half.
    const double ratio = referenceMs > 0 ? double(actualMs) / double(referenceMs) : 1.0;
    if (ratio >= 0.67 && ratio <= 1.5)
        return {};
    return QStringLiteral("%1 ms against %2 ms (ratio %3)").arg(actualMs).arg(referenceMs).arg(ratio, 0, 'f', 2);
}

/// Whether a threaded bake of @p p that stirs by hand told a line of its bowl later than differentTime() allows.
bool stirredLate(const Story &story, const BakeParameters &p)
{
    if (story.recorder->outcome().mode != BakeMode::Threaded || p.trapIn(BakeMode::Threaded) != MixTrap::StirByHand)
        return false;
    for (const LogEntry &entry : std::as_const(story.recorder->entries)) {
        const qint64 dueMs = qint64(entry.value + 1) * p.stepMs; // mix i is the bowl's (i + 1)th step
        if (entry.task == TaskId::Mix && entry.timeMs > dueMs + p.stepMs / 2 + dueMs / 10)
            return true;
    }
    return false;
}

/**
 * Empty when a bake of @p p in @p mode kept a core as busy as its recipe asks; else how much it took. A bowl
 * stirred by hand computes through each of its steps (every cake's one after another on the loop's one thread, or
 * side by side on the threaded twin's threads, which take turns on one core), where a sleeping bake takes next to
 * nothing: the hand-written driver's recorded time, twice over, and 20 ms more. A busy loop shares its core with
 * whatever else runs, so on a loaded machine it may get an eighth of its steps' wall time; never more than half
 * again, and 20 ms.
 */
QString differentWork(const Story &engine, const Story &reference, const BakeParameters &p, BakeMode mode)
{
    constexpr qint64 slackMs = 20;
    if (p.trapIn(mode) != MixTrap::StirByHand) {
        if (engine.cpuMs <= reference.cpuMs * 2 + slackMs)
            return {};
        return QStringLiteral("the engine took %1 ms of processor time, the hand-written driver %2 ms")
            .arg(engine.cpuMs)
            .arg(reference.cpuMs);
    }
    const qint64 stirringMs
        = p.wallMs(qint64(p.mixSteps()) * p.stepMs) * (mode == BakeMode::Threaded ? 1 : qint64(p.cakes));
    if (engine.cpuMs * 8 >= stirringMs && engine.cpuMs * 2 <= stirringMs * 3 + 2 * slackMs)
        return {};
    return QStringLiteral("the engine took %1 ms of processor time to stir for %2 ms")
        .arg(engine.cpuMs)
        .arg(stirringMs);
}
void settle(Story &story, const BakeDriver &driver, const BakeParameters &p)
{
    for (int cake = 0; cake < p.cakes; ++cake)
        story.kitchens << describeKitchen(driver.kitchen(cake));
    const BakeOutcome &outcome = story.recorder->outcome();
    story.entryCount = int(story.recorder->entries.size());
    story.resumptions = int(outcome.resumptions);
    story.reports = int(outcome.reports);
    story.threadsStarted = outcome.threadsStarted;
    story.totalMs = outcome.totalMs;
    story.cancelled = outcome.cancelled;
    story.stirredLate = stirredLate(story, p);
}

/// The book of the hand-written drivers' stories, read once.
const CakeStoryBook &storyBook()
{
    static const CakeStoryBook book(QStringLiteral(CAKE_STORIES));
    return book;
}

/// The story of the running test function's data row in the book.
QString storyKey()
{
    const char *tag = QTest::currentDataTag();
    return QString::fromUtf8(QTest::currentTestFunction()) + QLatin1Char('/') + QString::fromUtf8(tag ? tag : "");
}

/// Each kind of record of a story: a list of words, and a list of named times.
void readRecord(const CakeStoryBook::Record &record, QStringList &words, QList<std::pair<QString, qint64>> &times)
{
    if (record.size() == 2)
        words << record.at(1);
    else if (record.size() == 3)
        times << std::pair(record.at(1), record.at(2).toLongLong());
}

/**
 * The story the hand-written driver told for the running test's row, as the book keeps it; its error says so
 * when the book has none.
 */
Story recordedStory()
{
    Story story;
    const CakeStoryBook &book = storyBook();
    const QString key = storyKey();
    if (!book.errorString().isEmpty() || !book.contains(key)) {
        story.error = book.errorString().isEmpty() ? QStringLiteral("no story for %1 in the book").arg(key)
                                                   : book.errorString();
        return story;
    }
    QList<std::pair<QString, qint64>> unused;
    for (const CakeStoryBook::Record &record : book.section(key)) {
        const QString &kind = record.constFirst();
        if (kind == QLatin1String("event") || kind == QLatin1String("time")) {
            readRecord(record, story.events, story.times);
        } else if (kind == QLatin1String("kitchen")) {
            readRecord(record, story.kitchens, unused);
        } else if (kind == QLatin1String("job") && record.size() == 3) {
            story.jobs[record.at(1)] << record.at(2);
        } else if (kind == QLatin1String("jobtime") && record.size() == 4) {
            story.jobTimes[record.at(1)] << std::pair(record.at(2), record.at(3).toLongLong());
        } else if (kind == QLatin1String("outcome") && record.size() == 11) {
            story.entryCount = record.at(1).toInt();
            story.resumptions = record.at(2).toInt();
            story.reports = record.at(3).toInt();
            story.threadsStarted = record.at(4).toInt();
            story.totalMs = record.at(5).toLongLong();
            story.cancelled = record.at(6) == QLatin1String("1");
            story.stirredLate = record.at(7) == QLatin1String("1");
            story.cpuMs = record.at(8).toLongLong();
            story.cancelledAtMs = record.at(9).toLongLong();
            story.finishedAtMs = record.at(10).toLongLong();
        } else {
            story.error = QStringLiteral("%1: a record the book should not hold: %2").arg(key, record.join(u'|'));
        }
    }
    return story;
}

/// What a bake in step mode showed at each pause: the wakes pending and the log so far; then how it ended.
struct SteppedStory {
    QStringList pauses;
    /// The wake time of each task pending at each pause, in order, compared apart with a tolerance.
    QList<std::pair<QString, qint64>> times;
    QStringList finalLog;
    int steps = 0;
    QString error;
};

/// Waits until @p driver pauses for a step or its bake ends; false if neither comes within @p timeoutMs.
template<typename Driver>
bool waitForPauseOrEnd(Driver &driver, int timeoutMs)
{
    if (!driver.isRunning() || driver.isPausedForStep())
        return true;
    QEventLoop loop;
    QObject::connect(&driver, &Driver::pausedForStep, &loop, &QEventLoop::quit);
    QObject::connect(&driver, &BakeDriver::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return !driver.isRunning() || driver.isPausedForStep();
}

/// Bakes @p p with @p driver in step mode, a step at each pause, and tells what each pause showed.
template<typename Driver>
SteppedStory bakeStepping(Driver &driver, const BakeParameters &p)
{
    // More steps than any bake here has resumptions: a driver that never stops pausing fails rather than hangs.
    constexpr int mostSteps = 200;
    SteppedStory story;
    BakeRecorder recorder(&driver);
    driver.setStepping(true);
    if (!driver.start(p)) {
        story.error = driver.errorString();
        return story;
    }
    while (story.steps < mostSteps) {
        if (!waitForPauseOrEnd(driver, finishTimeout(p, BakeMode::Async))) {
            story.error = QStringLiteral("neither paused nor ended after %1 steps").arg(story.steps);
            return story;
        }
        if (!driver.isRunning())
            break;
        QStringList pending;
        for (const WakeQueue::Wake &wake : driver.pendingWakes().pending()) {
            pending << QStringLiteral("cake %1 %2").arg(wake.cake).arg(taskName(wake.task));
            story.times << std::pair(QStringLiteral("pause %1, %2").arg(story.pauses.size()).arg(pending.constLast()),
                                     wake.timeNs / 1000000);
        }
        story.pauses << QStringLiteral("pending: %1; logged: %2")
                            .arg(pending.join(QStringLiteral(", ")), recorder.texts().join(QStringLiteral(" | ")));
        if (!driver.step()) {
            story.error = QStringLiteral("a step was refused at pause %1").arg(story.pauses.size() - 1);
            return story;
        }
        ++story.steps;
    }
    if (driver.isRunning())
        story.error = QStringLiteral("still running after %1 steps").arg(story.steps);
    else if (recorder.outcomes.isEmpty() || recorder.outcomes.constLast().cancelled)
        story.error = QStringLiteral("ended without finishing");
    else if (driver.step() || !driver.pendingWakes().isEmpty() || driver.isPausedForStep())
        story.error = QStringLiteral("steps on, or has wakes pending, once it has ended");
    story.finalLog = recorder.texts();
    driver.setStepping(false);
    return story;
}

/// The stepped story AsyncDriver told for the running test's row, as the book keeps it.
SteppedStory recordedSteppedStory()
{
    SteppedStory story;
    const CakeStoryBook &book = storyBook();
    if (!book.contains(storyKey())) {
        story.error = QStringLiteral("no story for %1 in the book").arg(storyKey());
        return story;
    }
    for (const CakeStoryBook::Record &record : book.section(storyKey())) {
        const QString &kind = record.constFirst();
        if (kind == QLatin1String("pause") || kind == QLatin1String("time"))
            readRecord(record, story.pauses, story.times);
        else if (kind == QLatin1String("log") && record.size() == 2)
            story.finalLog << record.at(1);
        else if (kind == QLatin1String("steps") && record.size() == 2)
            story.steps = record.at(1).toInt();
        else
            story.error = QStringLiteral("a record the book should not hold: %1").arg(record.join(u'|'));
    }
    return story;
}
} // namespace

/**
 * CakeRecipeDriver: recipes/cake.py run by the recipe engine tells a bake
 * exactly as the hand-written drivers do (the same entries with the same
 * kitchens, the same kitchen changes, the same outcome), so the window can
 * switch to it without noticing.
 */
class TestCakeRecipeDriver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void theEngineBakesTheBundledCake_data();
    void theEngineBakesTheBundledCake();
    void theCakesBudgetGrowsWithTheCakes();
    void theTrapsChangeTheMixingAlone_data();
    void theTrapsChangeTheMixingAlone();
    void tellsWhatTheHandWrittenDriverTells_data();
    void tellsWhatTheHandWrittenDriverTells();
    void whatTheHandWrittenDriversRefuseIsRefused_data();
    void whatTheHandWrittenDriversRefuseIsRefused();
    void cancelFromEntryAppendedEndsAsAsyncDriverEnds_data();
    void cancelFromEntryAppendedEndsAsAsyncDriverEnds();
    void aCancelCutsATrapShortAsAsyncDriverEnds_data();
    void aCancelCutsATrapShortAsAsyncDriverEnds();
    void cancelFromATimerEndsEveryKitchen();
    void aSyncBakeCancelledFromEntryAppendedSaysNoMore();
    void cancelFromAnotherThread();
    void aThreadedBakeTellsOnTheDriversThreadAndLeavesItFree_data();
    void aThreadedBakeTellsOnTheDriversThreadAndLeavesItFree();
    void cancelStopsAThreadedBakePromptly_data();
    void cancelStopsAThreadedBakePromptly();
    void aThreadedBakeCancelledFromEntryAppendedSaysNoMore();
    void cancelAThreadedBakeFromAnotherThread();
    void deletingARunningThreadedDriverStopsItsWorker();
    void bakesThreadedAgainAfterFinishing();
    void bakesAgainAfterFinishing();
    void bakesAgainFromASlotOfFinished();
    void steppingPausesAsAsyncDriverPauses_data();
    void steppingPausesAsAsyncDriverPauses();
    void steppingHoldsEveryResumptionWithoutSpinning();
    void aBowlStirredByHandStepsToTheEnd();
    void aViewAsksForTheFirstFewWakes();
    void leavingStepModeCatchesUpInOrder();
    void cancelWhilePausedForAStep();
    void stepModeIsForAsyncBakesAlone();
    void anAsyncBakeIsFasterThanASyncOneWithTheSameLines();
    void aTimerCannotCancelABlockingBake();
    void speedScalesTheWallClockNotTheRecipe();
    void deletingARunningAsyncDriverIsSafe();
    void eachThreadedLineNamesItsThread();

private:
    static void compareStories(BakeDriver &engineDriver, const Story &reference, const BakeParameters &p);
};

void TestCakeRecipeDriver::initTestCase()
{
    // The engine is QtCore only: the whole bake must run with no GUI application at all.
    QVERIFY(QCoreApplication::instance());
    QVERIFY(!QCoreApplication::instance()->inherits("QGuiApplication"));
}

void TestCakeRecipeDriver::theEngineBakesTheBundledCake_data()
{
    QTest::addColumn<MixTrap>("trap");
    QTest::addColumn<QString>("file");
    QTest::newRow("no trap") << MixTrap::None << QStringLiteral("cake.py");
    QTest::newRow("stirring by hand") << MixTrap::StirByHand << QStringLiteral("cake_stir_by_hand.py");
    QTest::newRow("forgetting to await") << MixTrap::ForgotToAwait << QStringLiteral("cake_forgot_to_await.py");
}

void TestCakeRecipeDriver::theEngineBakesTheBundledCake()
{
    QFETCH(MixTrap, trap);
    QFETCH(QString, file);
    const QByteArray text = recipeFileText(file);
    QVERIFY2(!text.isEmpty(), qPrintable(file));
    QCOMPARE(CakeRecipeDriver::recipeSource(trap), text);
    QString error;
    QVERIFY2(CakeRecipeDriver::compiledRecipe(withTrap(bakeParameters(475, 1, 250), trap), &error), qPrintable(error));
}

void TestCakeRecipeDriver::theCakesBudgetGrowsWithTheCakes()
{
    // A million cakes of our own recipe hold more than a stranger's recipe may: the budget gives each cake room.
    QString error;
    const std::optional<recipe::Program> one = CakeRecipeDriver::compiledRecipe(bakeParameters(400, 3, 20, 1), &error);
    const std::optional<recipe::Program> million
        = CakeRecipeDriver::compiledRecipe(bakeParameters(400, 3, 20, 1000000), &error);
    QVERIFY2(one && million, qPrintable(error));
    QCOMPARE_GE(one->memoryLimitBytes, recipe::MemoryBudget::defaultLimitBytes);
    QCOMPARE_GE(million->memoryLimitBytes - one->memoryLimitBytes, qint64(1000) * 1000000);
}

void TestCakeRecipeDriver::theTrapsChangeTheMixingAlone_data()
{
    QTest::addColumn<MixTrap>("trap");
    QTest::newRow("stirring by hand") << MixTrap::StirByHand;
    QTest::newRow("forgetting to await") << MixTrap::ForgotToAwait;
}

void TestCakeRecipeDriver::theTrapsChangeTheMixingAlone()
{
    // A recipe is a whole file python3 runs, so each trap's is a copy of cake.py: one cake all the same, its oven,
    // knobs and main() as cake.py has them, its mixing (and the helper that stirs) its own.
    QFETCH(MixTrap, trap);
    const QByteArray cake = CakeRecipeDriver::recipeSource();
    const QByteArray trapped = CakeRecipeDriver::recipeSource(trap);
    QCOMPARE(theRestOfTheCake(trapped), theRestOfTheCake(cake));
    QCOMPARE_GE(theRestOfTheCake(cake).size(), 4); // the knobs, the oven, main() and asyncio.run()
    QVERIFY(trapped != cake);
}

void TestCakeRecipeDriver::compareStories(BakeDriver &engineDriver, const Story &reference, const BakeParameters &p)
{
    QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
    const Story engine = bake(engineDriver, p);
    QVERIFY2(engine.error.isEmpty(), qPrintable(engine.error));

    // ThreadedDriver's bowl stirred on CPU time nobody else wanted: on a loaded machine it got next to none, and its
    // lines came late. Its times are then no measure, and the engine's are held to the recipe's instead.
    if (reference.stirredLate)
        qInfo("ThreadedDriver's stirring was starved when it was recorded; the engine's times are held to the ideal");
    if (engineDriver.mode() == BakeMode::Threaded) {
        // The threads race at every tie: each job's story in its own order, and as many events in all.
        QCOMPARE(engine.jobs, reference.jobs);
        QCOMPARE(engine.events.size(), reference.events.size());
        const QString time = reference.stirredLate ? QString() : differentJobTimes(engine, reference, p.stepMs);
        QVERIFY2(time.isEmpty(), qPrintable(time));
        QVERIFY2(!engine.stirredLate, "the engine's stirring bowl told a line late");
    } else {
        QCOMPARE(engine.events, reference.events);
        const QString time = differentTime(engine, reference, p.stepMs);
        QVERIFY2(time.isEmpty(), qPrintable(time));
    }
    const QString work = differentWork(engine, reference, p, engineDriver.mode());
    QVERIFY2(work.isEmpty(), qPrintable(work));
    QCOMPARE(engine.kitchens, reference.kitchens);

    const BakeOutcome &outcome = engine.recorder->outcome();
    QCOMPARE(outcome.mode, engineDriver.mode());
    QVERIFY(outcome.parameters == p);
    QCOMPARE(engine.resumptions, reference.resumptions);
    QCOMPARE(engine.reports, reference.reports);
    QCOMPARE(engine.cancelled, false);
    QCOMPARE(engine.threadsStarted, reference.threadsStarted);
    QVERIFY2(outcome.totalMs >= outcome.idealMs(), qPrintable(QString::number(outcome.totalMs)));
    const QString total = outOfRatio(outcome.totalMs, reference.stirredLate ? outcome.idealMs() : reference.totalMs);
    QVERIFY2(total.isEmpty(), qPrintable(total));
    QCOMPARE(engine.recorder->signalsAfterFinished, 0);
    QCOMPARE(engineDriver.errorString(), QString());
}

void TestCakeRecipeDriver::tellsWhatTheHandWrittenDriverTells_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<BakeParameters>("parameters");
    const int async = int(BakeMode::Async);
    QTest::newRow("async default") << async << bakeParameters(400, 3, 60);
    QTest::newRow("async 475 °F, one mix") << async << bakeParameters(475, 1, 60);
    QTest::newRow("async three cakes") << async << bakeParameters(400, 3, 60, 3);
    QTest::newRow("async no mixing") << async << bakeParameters(400, 0, 60);
    QTest::newRow("async no preheating") << async << bakeParameters(100, 2, 60);
    QTest::newRow("async short steps") << async << bakeParameters(400, 4, 20);
    QTest::newRow("async a step of whole seconds") << async << bakeParameters(200, 1, 1000);
    BakeParameters faster = bakeParameters(400, 3, 80, 2);
    faster.speedPercent = 200;
    QTest::newRow("async at 2x") << async << faster;
    BakeParameters slower = bakeParameters(300, 2, 30);
    slower.speedPercent = 50;
    QTest::newRow("async at 0.5x") << async << slower;
    const int sync = int(BakeMode::Sync);
    QTest::newRow("sync default") << sync << bakeParameters(400, 3, 40);
    QTest::newRow("sync 475 °F, one mix") << sync << bakeParameters(475, 1, 40);
    QTest::newRow("sync no mixing") << sync << bakeParameters(400, 0, 40);
    QTest::newRow("sync no preheating") << sync << bakeParameters(0, 2, 40);
    QTest::newRow("sync nothing at all") << sync << bakeParameters(100, 0, 40);
    QTest::newRow("sync short steps") << sync << bakeParameters(300, 3, 20);
    BakeParameters syncFaster = bakeParameters(400, 2, 60);
    syncFaster.speedPercent = 200;
    QTest::newRow("sync at 2x") << sync << syncFaster;

    // The traps: the mixing holds the thread, computing or in a blocking sleep, wherever the hand-written drivers
    // bake them (forgetting to await is async's alone).
    const MixTrap stir = MixTrap::StirByHand;
    QTest::newRow("async stirring by hand") << async << withTrap(bakeParameters(400, 3, 60), stir);
    QTest::newRow("async stirring by hand, three cakes") << async << withTrap(bakeParameters(400, 3, 60, 3), stir);
    QTest::newRow("async stirring by hand, one mix") << async << withTrap(bakeParameters(475, 1, 60), stir);
    QTest::newRow("async stirring by hand, no mixing") << async << withTrap(bakeParameters(400, 0, 60), stir);
    QTest::newRow("async stirring by hand at 0.5x") << async << withTrap(slower, stir);
    const MixTrap forgot = MixTrap::ForgotToAwait;
    QTest::newRow("async forgetting to await") << async << withTrap(bakeParameters(400, 3, 60), forgot);
    QTest::newRow("async forgetting to await, two cakes") << async << withTrap(bakeParameters(300, 2, 60, 2), forgot);
    QTest::newRow("async forgetting to await, no mixing") << async << withTrap(bakeParameters(400, 0, 60), forgot);
    QTest::newRow("async forgetting to await at 2x") << async << withTrap(faster, forgot);
    QTest::newRow("sync stirring by hand") << sync << withTrap(bakeParameters(400, 3, 40), stir);
    QTest::newRow("sync stirring by hand, no preheating") << sync << withTrap(bakeParameters(0, 2, 40), stir);
    QTest::newRow("sync stirring by hand, no mixing") << sync << withTrap(bakeParameters(400, 0, 40), stir);
    QTest::newRow("sync stirring by hand at 2x") << sync << withTrap(syncFaster, stir);

    // Threaded: the traps as ThreadedDriver bakes them (stirring by hand keeps a worker's core busy, forgetting to
    // await is async's alone). Several cakes are the twin's, a thread a cake starting its oven and bowl.
    const int threaded = int(BakeMode::Threaded);
    QTest::newRow("threaded default") << threaded << bakeParameters(400, 3, 60);
    QTest::newRow("threaded two cakes") << threaded << bakeParameters(400, 3, 60, 2);
    QTest::newRow("threaded three cakes") << threaded << bakeParameters(400, 3, 60, 3);
    QTest::newRow("threaded three cakes, uneven jobs") << threaded << bakeParameters(700, 2, 60, 3);
    QTest::newRow("threaded 475 °F, one mix") << threaded << bakeParameters(475, 1, 60);
    QTest::newRow("threaded no mixing") << threaded << bakeParameters(400, 0, 60);
    QTest::newRow("threaded no preheating") << threaded << bakeParameters(100, 2, 60);
    QTest::newRow("threaded uneven jobs") << threaded << bakeParameters(700, 2, 60);
    QTest::newRow("threaded short steps") << threaded << bakeParameters(400, 4, 20);
    QTest::newRow("threaded a step of whole seconds") << threaded << bakeParameters(200, 1, 1000);
    BakeParameters threadedFaster = bakeParameters(400, 3, 80);
    threadedFaster.speedPercent = 200;
    QTest::newRow("threaded at 2x") << threaded << threadedFaster;
    BakeParameters threadedSlower = bakeParameters(300, 2, 30);
    threadedSlower.speedPercent = 50;
    QTest::newRow("threaded at 0.5x") << threaded << threadedSlower;
    QTest::newRow("threaded stirring by hand") << threaded << withTrap(bakeParameters(400, 3, 60), stir);
    QTest::newRow("threaded stirring by hand, one mix") << threaded << withTrap(bakeParameters(475, 1, 60), stir);
    QTest::newRow("threaded stirring by hand, no mixing") << threaded << withTrap(bakeParameters(400, 0, 60), stir);
    QTest::newRow("threaded stirring by hand, no preheating") << threaded << withTrap(bakeParameters(100, 2, 60), stir);
    QTest::newRow("threaded stirring by hand at 0.5x") << threaded << withTrap(threadedSlower, stir);
    QTest::newRow("threaded stirring by hand, two cakes") << threaded << withTrap(bakeParameters(400, 3, 60, 2), stir);
}

void TestCakeRecipeDriver::tellsWhatTheHandWrittenDriverTells()
{
    QFETCH(int, mode);
    QFETCH(BakeParameters, parameters);
    CakeRecipeDriver engine{BakeMode(mode)};
    QCOMPARE(engine.mode(), BakeMode(mode));
    compareStories(engine, recordedStory(), parameters);
}

void TestCakeRecipeDriver::whatTheHandWrittenDriversRefuseIsRefused_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<BakeParameters>("parameters");
    QTest::addColumn<QString>("error");
    // As ThreadedDriver refuses them: the parameters' own check.
    QTest::newRow("threaded, more cakes than two threads each allow")
        << int(BakeMode::Threaded) << bakeParameters(400, 3, 20, BakeParameters::maxThreadedCakes + 1)
        << QStringLiteral("a threaded bake starts two threads a cake: at most %1 cakes, not %2")
               .arg(BakeParameters::maxThreadedCakes)
               .arg(BakeParameters::maxThreadedCakes + 1);
    QTest::newRow("threaded, forgetting to await")
        << int(BakeMode::Threaded) << withTrap(bakeParameters(400, 3, 20), MixTrap::ForgotToAwait)
        << QStringLiteral("forgetting to await is a trap of async code; it needs async mode");
    // As SyncDriver refuses it: the parameters' own check.
    QTest::newRow("sync, forgetting to await")
        << int(BakeMode::Sync) << withTrap(bakeParameters(400, 3, 20), MixTrap::ForgotToAwait)
        << QStringLiteral("forgetting to await is a trap of async code; it needs async mode");
}

void TestCakeRecipeDriver::whatTheHandWrittenDriversRefuseIsRefused()
{
    QFETCH(int, mode);
    QFETCH(BakeParameters, parameters);
    QFETCH(QString, error);
    CakeRecipeDriver engine{BakeMode(mode)};
    BakeRecorder recorder(&engine);
    QVERIFY(!engine.start(parameters));
    QCOMPARE(engine.errorString(), error);
    QCOMPARE(recorder.startedCount, 0);
    QVERIFY(recorder.outcomes.isEmpty());
    QVERIFY(!engine.isRunning());
}

void TestCakeRecipeDriver::cancelFromEntryAppendedEndsAsAsyncDriverEnds_data()
{
    QTest::addColumn<int>("cancelAtEntry");
    QTest::newRow("the first oven line") << 1;
    // The first mix: the oven has just yielded again, the bowl still runs.
    QTest::newRow("the first mix") << 2;
    QTest::newRow("the last line") << 6;
}

void TestCakeRecipeDriver::cancelFromEntryAppendedEndsAsAsyncDriverEnds()
{
    QFETCH(int, cancelAtEntry);
    const BakeParameters p = bakeParameters(400, 3, 30);
    CakeRecipeDriver engine(BakeMode::Async);
    const Story expected = recordedStory();
    QVERIFY2(expected.error.isEmpty(), qPrintable(expected.error));
    const Story told = bake(engine, p, cancelAtEntry);
    spinEventLoop(3 * p.stepMs); // nothing more may come
    QCOMPARE(told.events, expected.events);
    QCOMPARE(told.recorder->entries.size(), cancelAtEntry);
    QCOMPARE(told.recorder->outcome().cancelled, true);
    QCOMPARE(told.reports, expected.reports);
    QCOMPARE(told.recorder->signalsAfterFinished, 0);
    QVERIFY(told.events.last().contains(taskStateName(TaskState::Cancelled)));
}

void TestCakeRecipeDriver::aCancelCutsATrapShortAsAsyncDriverEnds_data()
{
    QTest::addColumn<MixTrap>("trap");
    QTest::addColumn<int>("cancelAtEntry");
    QTest::addColumn<int>("cancelAtMs");
    // Steps of 800 ms: the bowl holds the loop's one thread all through each, so a cancel from another thread
    // lands inside one; one from a slot of the bowl's line comes just before the next.
    const MixTrap stir = MixTrap::StirByHand;
    const MixTrap forgot = MixTrap::ForgotToAwait;
    QTest::newRow("stirring, from another thread in the second step") << stir << 0 << 1200;
    QTest::newRow("stirring, from another thread in the third step") << stir << 0 << 2000;
    QTest::newRow("stirring, at the bowl's first line") << stir << 1 << -1;
    QTest::newRow("a time.sleep(), from another thread in the second step") << forgot << 0 << 1200;
    QTest::newRow("a time.sleep(), at the bowl's first line") << forgot << 1 << -1;
}

void TestCakeRecipeDriver::aCancelCutsATrapShortAsAsyncDriverEnds()
{
    // The bake ends within a few milliseconds of the cancel, not when the step the bowl holds the thread with is
    // over, and its log is the one AsyncDriver leaves.
    QFETCH(MixTrap, trap);
    QFETCH(int, cancelAtEntry);
    QFETCH(int, cancelAtMs);
    const BakeParameters p = withTrap(bakeParameters(400, 3, 800), trap);
    const Story expected = recordedStory();
    QVERIFY2(expected.error.isEmpty(), qPrintable(expected.error));
    CakeRecipeDriver engine(BakeMode::Async);
    const Story told = bake(engine, p, cancelAtEntry, cancelAtMs);
    QVERIFY2(told.error.isEmpty(), qPrintable(told.error));
    spinEventLoop(100); // nothing more may come
    QCOMPARE(told.events, expected.events);
    const QString time = differentTime(told, expected, p.stepMs);
    QVERIFY2(time.isEmpty(), qPrintable(time));
    QVERIFY(told.recorder->outcome().cancelled);
    QCOMPARE(told.reports, expected.reports);
    QCOMPARE(told.recorder->signalsAfterFinished, 0);
    QVERIFY(told.events.last().contains(taskStateName(TaskState::Cancelled)));
    // A quarter of a step, for a loaded machine: the step held when the cancel came had half a step or more to go.
    QVERIFY(told.cancelledAtMs >= 0);
    const qint64 cancelToFinishMs = told.finishedAtMs - told.cancelledAtMs;
    qInfo("cancelled at %lld ms, finished %lld ms later (AsyncDriver: %lld ms)", told.cancelledAtMs, cancelToFinishMs,
          expected.finishedAtMs - expected.cancelledAtMs);
    QVERIFY2(cancelToFinishMs < p.stepMs / 4, qPrintable(QString::number(cancelToFinishMs)));
}

void TestCakeRecipeDriver::cancelFromATimerEndsEveryKitchen()
{
    const BakeParameters p = bakeParameters(400, 3, 60, 4);
    CakeRecipeDriver engine(BakeMode::Async);
    BakeRecorder recorder(&engine);
    QVERIFY(engine.start(p));
    // Between the first round of reports and the second.
    QTimer::singleShot(int(p.stepMs * 1.5), &engine, &BakeDriver::cancel);
    QVERIFY(recorder.waitForFinished(finishTimeout(p, BakeMode::Async)));
    spinEventLoop(3 * p.stepMs);
    QVERIFY(recorder.outcome().cancelled);
    QCOMPARE(recorder.signalsAfterFinished, 0);
    QCOMPARE(recorder.entries.size(), 2 * p.cakes);
    for (int cake = 0; cake < p.cakes; ++cake) {
        QCOMPARE(engine.kitchen(cake).state(TaskId::Preheat), TaskState::Cancelled);
        QCOMPARE(engine.kitchen(cake).state(TaskId::Mix), TaskState::Cancelled);
    }
}

void TestCakeRecipeDriver::aSyncBakeCancelledFromEntryAppendedSaysNoMore()
{
    // The blocking twin's sleep is cut short, as SyncDriver's is, and nothing after the cancel is told.
    const BakeParameters p = bakeParameters(400, 3, 500);
    CakeRecipeDriver engine(BakeMode::Sync);
    QElapsedTimer wall;
    wall.start();
    const Story told = bake(engine, p, 1);
    // Cancelled at the first line, half a second in: not the three seconds the whole twin would take.
    QVERIFY2(wall.elapsed() < 2000, qPrintable(QString::number(wall.elapsed())));
    QVERIFY2(told.error.isEmpty(), qPrintable(told.error));
    QCOMPARE(told.recorder->entries.size(), 1);
    QVERIFY(told.recorder->outcome().cancelled);
    QCOMPARE(told.recorder->signalsAfterFinished, 0);
    QCOMPARE(engine.kitchen(0).state(TaskId::Preheat), TaskState::Cancelled);
    QCOMPARE(engine.kitchen(0).state(TaskId::Mix), TaskState::Cancelled);
}

void TestCakeRecipeDriver::cancelFromAnotherThread()
{
    // Once the first round's two lines are out the loop sleeps for most of a step, so the cancel lands in between.
    const BakeParameters p = bakeParameters(400, 3, 100);
    CakeRecipeDriver engine(BakeMode::Async);
    BakeRecorder recorder(&engine);
    std::atomic<int> entries = 0;
    std::atomic<bool> giveUp = false;
    connect(&engine, &BakeDriver::entryAppended, this, [&] { ++entries; });
    bool finishedOnDriverThread = false;
    connect(&engine, &BakeDriver::finished, this,
            [&] { finishedOnDriverThread = QThread::currentThread() == engine.thread(); });
    QVERIFY(engine.start(p));
    std::unique_ptr<QThread> canceller(QThread::create([&] {
        while (!giveUp && entries < 2)
            QThread::msleep(1);
        engine.cancel();
    }));
    canceller->start();
    const bool finished = recorder.waitForFinished(finishTimeout(p, BakeMode::Async));
    giveUp = true;
    QVERIFY(canceller->wait(5000));
    QVERIFY(finished);
    spinEventLoop(2 * p.stepMs);
    QVERIFY(recorder.outcome().cancelled);
    QVERIFY(finishedOnDriverThread);
    QCOMPARE(recorder.entries.size(), 2);
    QCOMPARE(recorder.signalsAfterFinished, 0);
}

void TestCakeRecipeDriver::aThreadedBakeTellsOnTheDriversThreadAndLeavesItFree_data()
{
    QTest::addColumn<MixTrap>("trap");
    QTest::addColumn<int>("cakes");
    QTest::addColumn<int>("mostStallMs");
    // As ThreadedDriver's own tests allow: the waits, or the stirring, hold the worker, never this thread.
    QTest::newRow("sleeping") << MixTrap::None << 1 << 50;
    QTest::newRow("stirring by hand") << MixTrap::StirByHand << 1 << 75;
    // As many cakes as ThreadedDriver bakes: six thousand reports and as many waits handed over in three steps.
    QTest::newRow("sleeping, the most cakes") << MixTrap::None << BakeParameters::maxThreadedCakes << 50;
}

void TestCakeRecipeDriver::aThreadedBakeTellsOnTheDriversThreadAndLeavesItFree()
{
    QFETCH(MixTrap, trap);
    QFETCH(int, cakes);
    QFETCH(int, mostStallMs);
    const BakeParameters p = withTrap(bakeParameters(400, 3, 150, cakes), trap);
    CakeRecipeDriver engine(BakeMode::Threaded);
    BakeRecorder recorder(&engine);
    int offThread = 0;
    const auto countOffThread = [&offThread] {
        if (QThread::currentThread() != QCoreApplication::instance()->thread())
            ++offThread;
    };
    connect(&engine, &BakeDriver::entryAppended, this, countOffThread, Qt::DirectConnection);
    connect(&engine, &BakeDriver::kitchenChanged, this, countOffThread, Qt::DirectConnection);
    connect(&engine, &BakeDriver::finished, this, countOffThread, Qt::DirectConnection);
    LoopMonitor monitor;
    QSignalSpy measured(&monitor, &LoopMonitor::finished);
    monitor.start();
    QVERIFY(engine.start(p));
    QVERIFY(engine.isRunning()); // start() returns at once: the twin runs on the worker
    QVERIFY(recorder.waitForFinished(finishTimeout(p, BakeMode::Threaded)));
    monitor.finish();
    QVERIFY(measured.wait(2000));
    QCOMPARE(recorder.entries.size(), 6 * cakes);
    QCOMPARE(offThread, 0);
    qInfo("the driver's loop stalled %lld ms at most over %d heartbeats", monitor.maxStallMs(), monitor.heartbeats());
    QVERIFY2(monitor.maxStallMs() < mostStallMs, qPrintable(QString::number(monitor.maxStallMs())));
    QVERIFY(monitor.heartbeats() > 10);
    QVERIFY(!recorder.outcome().cancelled);
}

void TestCakeRecipeDriver::cancelStopsAThreadedBakePromptly_data()
{
    QTest::addColumn<MixTrap>("trap");
    QTest::addColumn<int>("cakes");
    QTest::newRow("both jobs asleep") << MixTrap::None << 1;
    // The bowl computes on the worker: the cancel stops it at the interpreter's next check, not at the step's end.
    QTest::newRow("the bowl stirring by hand") << MixTrap::StirByHand << 1;
    QTest::newRow("three cakes asleep") << MixTrap::None << 3;
}

void TestCakeRecipeDriver::cancelStopsAThreadedBakePromptly()
{
    QFETCH(MixTrap, trap);
    QFETCH(int, cakes);
    const BakeParameters p = withTrap(bakeParameters(400, 3, 2000, cakes), trap);
    CakeRecipeDriver engine(BakeMode::Threaded);
    BakeRecorder recorder(&engine);
    QVERIFY(engine.start(p));
    QTest::qWait(50);
    QElapsedTimer clock;
    clock.start();
    engine.cancel();
    QVERIFY(recorder.waitForFinished(p.stepMs / 2));
    // Asleep, or stirring, for two seconds; the cancel ended it long before.
    qInfo("finished %lld ms after the cancel", clock.elapsed());
    QVERIFY2(clock.elapsed() < p.stepMs / 4, qPrintable(QString::number(clock.elapsed())));
    spinEventLoop(100); // nothing more may come
    QVERIFY(recorder.outcome().cancelled);
    QCOMPARE(recorder.signalsAfterFinished, 0);
    QVERIFY(recorder.entries.isEmpty());
    for (int cake = 0; cake < cakes; ++cake) {
        QCOMPARE(engine.kitchen(cake).state(TaskId::Preheat), TaskState::Cancelled);
        QCOMPARE(engine.kitchen(cake).state(TaskId::Mix), TaskState::Cancelled);
    }
    QCOMPARE(recorder.outcome().threadsStarted, 2 * cakes);
}

void TestCakeRecipeDriver::aThreadedBakeCancelledFromEntryAppendedSaysNoMore()
{
    const BakeParameters p = bakeParameters(400, 3, 100);
    CakeRecipeDriver engine(BakeMode::Threaded);
    const Story told = bake(engine, p, 1);
    QVERIFY2(told.error.isEmpty(), qPrintable(told.error));
    spinEventLoop(3 * p.stepMs); // nothing more may come
    QCOMPARE(told.recorder->entries.size(), 1);
    QVERIFY(told.recorder->outcome().cancelled);
    QCOMPARE(told.recorder->outcome().reports, 1u);
    QCOMPARE(told.recorder->signalsAfterFinished, 0);
    QVERIFY(told.events.last().contains(taskStateName(TaskState::Cancelled)));
    QVERIFY2(told.recorder->outcome().totalMs < 2 * p.stepMs,
             qPrintable(QString::number(told.recorder->outcome().totalMs)));
}

void TestCakeRecipeDriver::cancelAThreadedBakeFromAnotherThread()
{
    const BakeParameters p = bakeParameters(400, 3, 1000);
    CakeRecipeDriver engine(BakeMode::Threaded);
    BakeRecorder recorder(&engine);
    bool finishedOnDriverThread = false;
    connect(&engine, &BakeDriver::finished, this,
            [&] { finishedOnDriverThread = QThread::currentThread() == engine.thread(); });
    QVERIFY(engine.start(p));
    std::unique_ptr<QThread> canceller(QThread::create([&engine] {
        QThread::msleep(30);
        engine.cancel();
    }));
    canceller->start();
    const bool finished = recorder.waitForFinished(800);
    QVERIFY(canceller->wait(5000));
    QVERIFY(finished);
    QVERIFY(recorder.outcome().cancelled);
    QVERIFY(finishedOnDriverThread);
    QVERIFY(recorder.entries.isEmpty());
}

void TestCakeRecipeDriver::deletingARunningThreadedDriverStopsItsWorker()
{
    // Asleep for five seconds on the worker, or stirring: deleting the driver stops and joins it at once, and
    // nothing it queued reaches the deleted driver.
    for (const MixTrap trap : {MixTrap::None, MixTrap::StirByHand}) {
        auto engine = std::make_unique<CakeRecipeDriver>(BakeMode::Threaded);
        QVERIFY(engine->start(withTrap(bakeParameters(400, 3, 5000), trap)));
        QTest::qWait(30);
        QElapsedTimer clock;
        clock.start();
        engine.reset();
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QTest::qWait(50);
    }
}

void TestCakeRecipeDriver::bakesThreadedAgainAfterFinishing()
{
    const BakeParameters p = bakeParameters(300, 1, 20);
    CakeRecipeDriver engine(BakeMode::Threaded);
    for (int round = 0; round < 2; ++round) {
        BakeRecorder recorder(&engine);
        QVERIFY(engine.start(p));
        QVERIFY(!engine.start(p));
        QVERIFY(recorder.waitForFinished(finishTimeout(p, BakeMode::Threaded)));
        QStringList lines = recorder.texts();
        lines.sort(); // the two threads race at each tie
        QCOMPARE(
            lines,
            QStringList({QStringLiteral("mix_ingredients:: mixing things 0"),
                         QStringLiteral("preheat:: temp is now 200"), QStringLiteral("preheat:: temp is now 300")}));
        QVERIFY(!recorder.outcome().cancelled);
        QCOMPARE(recorder.outcome().threadsStarted, 2);
    }
}

void TestCakeRecipeDriver::bakesAgainAfterFinishing()
{
    const BakeParameters p = bakeParameters(300, 1, 20);
    CakeRecipeDriver engine(BakeMode::Async);
    for (int round = 0; round < 2; ++round) {
        BakeRecorder recorder(&engine);
        QVERIFY(engine.start(p));
        QVERIFY(!engine.start(p));
        QVERIFY(recorder.waitForFinished(finishTimeout(p, BakeMode::Async)));
        QCOMPARE(recorder.texts(),
                 QStringList({QStringLiteral("preheat:: temp is now 200"),
                              QStringLiteral("mix_ingredients:: mixing things 0"),
                              QStringLiteral("preheat:: temp is now 300")}));
        QVERIFY(!recorder.outcome().cancelled);
    }
}

void TestCakeRecipeDriver::bakesAgainFromASlotOfFinished()
{
    // finished() comes from inside the engine's timer kitchen, which the next bake replaces: it must still run.
    const BakeParameters p = bakeParameters(300, 1, 20);
    CakeRecipeDriver engine(BakeMode::Async);
    int finishedBakes = 0;
    connect(&engine, &BakeDriver::finished, this, [&] {
        if (++finishedBakes == 1)
            QVERIFY(engine.start(p));
    });
    BakeRecorder recorder(&engine);
    QVERIFY(engine.start(p));
    QTRY_COMPARE_WITH_TIMEOUT(finishedBakes, 2, finishTimeout(p, BakeMode::Async) * 2);
    QCOMPARE(recorder.entries.size(), 6);
    QCOMPARE(recorder.outcomes.size(), 2);
    QVERIFY(!recorder.outcomes.at(1).cancelled);
}

void TestCakeRecipeDriver::steppingPausesAsAsyncDriverPauses_data()
{
    QTest::addColumn<BakeParameters>("parameters");
    QTest::newRow("default") << bakeParameters(400, 3, 60);
    QTest::newRow("475 °F, one mix") << bakeParameters(475, 1, 60);
    QTest::newRow("three cakes") << bakeParameters(400, 3, 60, 3);
    QTest::newRow("no mixing") << bakeParameters(400, 0, 60);
    QTest::newRow("no preheating") << bakeParameters(100, 2, 60);
    QTest::newRow("nothing at all") << bakeParameters(100, 0, 60);
    BakeParameters faster = bakeParameters(400, 3, 80, 2);
    faster.speedPercent = 200;
    QTest::newRow("at 2x") << faster;
    QTest::newRow("forgetting to await") << withTrap(bakeParameters(400, 3, 60), MixTrap::ForgotToAwait);
    QTest::newRow("forgetting to await, two cakes") << withTrap(bakeParameters(300, 2, 60, 2), MixTrap::ForgotToAwait);
}

void TestCakeRecipeDriver::steppingPausesAsAsyncDriverPauses()
{
    // A class stepping through a bake sees the same: each pause on the same task with the same wakes pending in the
    // same order, the same lines logged after each step, and as many steps to the end.
    QFETCH(BakeParameters, parameters);
    const SteppedStory expected = recordedSteppedStory();
    QVERIFY2(expected.error.isEmpty(), qPrintable(expected.error));
    CakeRecipeDriver engine(BakeMode::Async);
    const SteppedStory told = bakeStepping(engine, parameters);
    QVERIFY2(told.error.isEmpty(), qPrintable(told.error));
    QCOMPARE(told.pauses, expected.pauses);
    QCOMPARE(told.steps, expected.steps);
    QCOMPARE(told.finalLog, expected.finalLog);
    const QString different = differentTime(told.times, expected.times, parameters.stepMs);
    QVERIFY2(different.isEmpty(), qPrintable(different));
    if (parameters.ovenSteps() + parameters.mixSteps() > 0)
        QCOMPARE_GT(told.steps, 0);
}

void TestCakeRecipeDriver::aViewAsksForTheFirstFewWakes()
{
    // The Pending panel shows a few rows of a million and the count beside them; neither sorts the million.
    CakeRecipeDriver driver(BakeMode::Async);
    BakeRecorder recorder(&driver);
    QSignalSpy paused(&driver, &CakeRecipeDriver::pausedForStep);
    QCOMPARE(driver.pendingWakeCount(), 0); // no bake
    driver.setStepping(true);
    QVERIFY(driver.start(bakeParameters(400, 3, 20, 3)));
    for (int pause = 0; pause < 4; ++pause) {
        QTRY_VERIFY_WITH_TIMEOUT(driver.isPausedForStep(), 2000);
        QCOMPARE(driver.pendingWakeCount(), 6);
        QCOMPARE(driver.pendingWakes().size(), 6);
        const QList<WakeQueue::Wake> all = driver.pendingWakes().pending();
        const QList<WakeQueue::Wake> few = driver.firstPendingWakes(4);
        QCOMPARE(few.size(), 4);
        for (qsizetype i = 0; i < few.size(); ++i) {
            QCOMPARE(few[i].cake, all[i].cake);
            QCOMPARE(few[i].task, all[i].task);
            QCOMPARE(few[i].timeNs, all[i].timeNs);
        }
        QVERIFY(driver.step());
        QVERIFY(!driver.isPausedForStep());
    }
    driver.cancel();
    QVERIFY(recorder.waitForFinished(2000));
    QCOMPARE(driver.pendingWakeCount(), 0);
    QVERIFY(driver.firstPendingWakes(4).isEmpty());
}

void TestCakeRecipeDriver::aBowlStirredByHandStepsToTheEnd()
{
    // Between its steps the bowl yields with nothing to wait for: ready, not on a timer, it is pending all the same,
    // and a step lets it stir on. (AsyncDriver lists no ready task, and refuses a step with only one pending.)
    const BakeParameters p = withTrap(bakeParameters(400, 3, 60), MixTrap::StirByHand);
    CakeRecipeDriver engine(BakeMode::Async);
    const SteppedStory told = bakeStepping(engine, p);
    QVERIFY2(told.error.isEmpty(), qPrintable(told.error));
    // Its first step stirred at once, as AsyncDriver starts it; it stands ready before the oven's timer, due since.
    QVERIFY(!told.pauses.isEmpty());
    QVERIFY2(told.pauses.constFirst().startsWith(QStringLiteral("pending: cake 0 mix_ingredients, cake 0 preheat;")),
             qPrintable(told.pauses.constFirst()));
    QCOMPARE(told.finalLog.size(), p.ovenSteps() + p.mixSteps());
    QCOMPARE(told.finalLog.filter(QStringLiteral("mix_ingredients::")).size(), p.mixSteps());
}

void TestCakeRecipeDriver::steppingHoldsEveryResumptionWithoutSpinning()
{
    CakeRecipeDriver driver(BakeMode::Async);
    BakeRecorder recorder(&driver);
    QSignalSpy paused(&driver, &CakeRecipeDriver::pausedForStep);
    QSignalSpy queueChanged(&driver, &CakeRecipeDriver::queueChanged);
    driver.setStepping(true);
    QVERIFY(driver.isStepping());
    QVERIFY(driver.start(bakeParameters(400, 3, 20)));
    QVERIFY(paused.wait(2000));
    QVERIFY(driver.isPausedForStep());
    QVERIFY(queueChanged.count() >= 1);
    QTest::qWait(100); // the clock runs on: both jobs are long due, and held
    QVERIFY(recorder.entries.isEmpty());
    QCOMPARE(paused.count(), 1); // held without spinning: one pause, not one per loop turn
    const QList<WakeQueue::Wake> pending = driver.pendingWakes().pending();
    QCOMPARE(pending.size(), 2);
    QCOMPARE(pending[0].task, TaskId::Preheat);
    QCOMPARE(pending[1].task, TaskId::Mix);
    QVERIFY(driver.step());
    QTRY_COMPARE_WITH_TIMEOUT(recorder.entries.size(), 1, 2000);
    QCOMPARE(recorder.entries.constFirst().task, TaskId::Preheat);
    QTRY_COMPARE_WITH_TIMEOUT(paused.count(), 2, 2000); // the bowl was due all along
    QVERIFY(driver.isPausedForStep());
    QCOMPARE(driver.pendingWakes().pending().constFirst().task, TaskId::Mix);
    QTest::qWait(60);
    QCOMPARE(recorder.entries.size(), 1);
    driver.cancel();
    QVERIFY(recorder.waitForFinished(2000));
}

void TestCakeRecipeDriver::leavingStepModeCatchesUpInOrder()
{
    CakeRecipeDriver driver(BakeMode::Async);
    BakeRecorder recorder(&driver);
    QSignalSpy paused(&driver, &CakeRecipeDriver::pausedForStep);
    driver.setStepping(true);
    QVERIFY(driver.start(bakeParameters(400, 3, 20)));
    QVERIFY(paused.wait(2000));
    QTest::qWait(100);
    driver.setStepping(false);
    QVERIFY(!driver.isStepping());
    QVERIFY(recorder.waitForFinished(finishTimeout(bakeParameters(400, 3, 20), BakeMode::Async)));
    QVERIFY(!recorder.outcomes.constLast().cancelled);
    // The lines of an async bake that never paused: the gist's order.
    QCOMPARE(recorder.texts(),
             (QStringList{"preheat:: temp is now 200", "mix_ingredients:: mixing things 0", "preheat:: temp is now 300",
                          "mix_ingredients:: mixing things 1", "preheat:: temp is now 400",
                          "mix_ingredients:: mixing things 2"}));
}

void TestCakeRecipeDriver::cancelWhilePausedForAStep()
{
    CakeRecipeDriver driver(BakeMode::Async);
    BakeRecorder recorder(&driver);
    QSignalSpy paused(&driver, &CakeRecipeDriver::pausedForStep);
    driver.setStepping(true);
    QVERIFY(driver.start(bakeParameters(400, 3, 20)));
    QVERIFY(paused.wait(2000));
    QVERIFY(!driver.pendingWakes().isEmpty());
    driver.cancel();
    QVERIFY(recorder.waitForFinished(1000));
    QVERIFY(recorder.outcomes.constLast().cancelled);
    QVERIFY(driver.pendingWakes().isEmpty());
    QVERIFY(!driver.isPausedForStep());
    QVERIFY(!driver.step());
    driver.setStepping(false);
}

void TestCakeRecipeDriver::stepModeIsForAsyncBakesAlone()
{
    // A sync bake ends within start(), a threaded one on its worker: nothing waits on a loop, nothing steps.
    CakeRecipeDriver driver(BakeMode::Sync);
    BakeRecorder recorder(&driver);
    QVERIFY(!driver.step()); // no bake
    driver.setStepping(true);
    QVERIFY(driver.start(bakeParameters(300, 2, 20)));
    QVERIFY(recorder.waitForFinished(2000));
    QCOMPARE(recorder.entries.size(), 4);
    QVERIFY(!driver.isPausedForStep());
    QVERIFY(driver.pendingWakes().isEmpty());
    QVERIFY(!driver.step());
}

void TestCakeRecipeDriver::anAsyncBakeIsFasterThanASyncOneWithTheSameLines()
{
    // The comparison the app is about, measured rather than computed.
    const BakeParameters p = bakeParameters(400, 3, 50);
    CakeRecipeDriver sync(BakeMode::Sync);
    BakeRecorder syncRecorder(&sync);
    QVERIFY(sync.start(p));
    QVERIFY(syncRecorder.waitForFinished(finishTimeout(p, BakeMode::Sync)));
    CakeRecipeDriver async(BakeMode::Async);
    BakeRecorder asyncRecorder(&async);
    QVERIFY(async.start(p));
    QVERIFY(asyncRecorder.waitForFinished(finishTimeout(p, BakeMode::Async)));

    const qint64 syncMs = syncRecorder.outcome().totalMs;
    const qint64 asyncMs = asyncRecorder.outcome().totalMs;
    QVERIFY2(asyncMs < syncMs * 8 / 10, qPrintable(QStringLiteral("async %1 ms, sync %2 ms").arg(asyncMs).arg(syncMs)));
    QStringList syncLines = syncRecorder.texts();
    QStringList asyncLines = asyncRecorder.texts();
    QVERIFY(syncLines != asyncLines);
    syncLines.sort();
    asyncLines.sort();
    QCOMPARE(asyncLines, syncLines);
}

void TestCakeRecipeDriver::aTimerCannotCancelABlockingBake()
{
    // The lesson itself: a timer due mid-bake cannot fire while a sync bake's start() holds the thread's loop.
    CakeRecipeDriver driver(BakeMode::Sync);
    BakeRecorder recorder(&driver);
    bool timerFiredDuringBake = false;
    QTimer::singleShot(10, &driver, [&] {
        timerFiredDuringBake = driver.isRunning();
        driver.cancel();
    });
    QTimer::singleShot(0, &driver, [&] { QVERIFY(driver.start(bakeParameters(400, 3, 30))); });
    QVERIFY(recorder.waitForFinished(5000));
    spinEventLoop(20); // the overdue timer fires now, after the bake
    QVERIFY(!timerFiredDuringBake);
    QVERIFY(!recorder.outcome().cancelled);
    QCOMPARE(recorder.entries.size(), 6);
}

void TestCakeRecipeDriver::speedScalesTheWallClockNotTheRecipe()
{
    // At half speed a 60 ms step of the recipe takes 120 ms of wall time; the log keeps the recipe's clock.
    BakeParameters p = bakeParameters(400, 3, 60);
    p.speedPercent = 50;
    CakeRecipeDriver driver(BakeMode::Async);
    BakeRecorder recorder(&driver);
    QVERIFY(driver.start(p));
    QVERIFY(recorder.waitForFinished(finishTimeout(p, BakeMode::Async) * 2));
    const BakeOutcome outcome = recorder.outcome();
    QVERIFY2(outcome.totalMs >= 180 && outcome.totalMs < 180 * 1.6, qPrintable(QString::number(outcome.totalMs)));
    QVERIFY2(outcome.wallMs >= 360 && outcome.wallMs < 360 * 1.6, qPrintable(QString::number(outcome.wallMs)));
    QVERIFY(qAbs(recorder.entries.at(0).timeMs - 60) < 30);
}

void TestCakeRecipeDriver::deletingARunningAsyncDriverIsSafe()
{
    // A window closed mid-bake deletes its driver; no timer or queued call may reach the dead object.
    auto *driver = new CakeRecipeDriver(BakeMode::Async);
    QPointer<CakeRecipeDriver> guard(driver);
    int entries = 0;
    connect(driver, &BakeDriver::entryAppended, this, [&] { ++entries; });
    const BakeParameters p = bakeParameters(400, 3, 20);
    QVERIFY(driver->start(p));
    spinEventLoop(p.stepMs * 3 / 2);
    const int entriesAtDeletion = entries;
    QVERIFY(entriesAtDeletion >= 1);
    // A cancel from another thread, whatever it queued still pending when the driver goes away.
    std::thread([driver] { driver->cancel(); }).join();
    delete driver;
    QVERIFY(guard.isNull());
    spinEventLoop(3 * p.stepMs);
    QCOMPARE(entries, entriesAtDeletion);
}

void TestCakeRecipeDriver::eachThreadedLineNamesItsThread()
{
    CakeRecipeDriver driver(BakeMode::Threaded);
    BakeRecorder recorder(&driver);
    QVERIFY(driver.start(bakeParameters(400, 3, 20)));
    QVERIFY(recorder.waitForFinished(5000));
    QCOMPARE(recorder.entries.size(), 6);
    for (const LogEntry &entry : std::as_const(recorder.entries)) {
        // Python names them in the order they were made: Thread-1 (preheat), Thread-2 (mix_ingredients).
        QCOMPARE(entry.thread, entry.task == TaskId::Preheat ? 1 : 2);
        QCOMPARE(entry.threadName(),
                 entry.task == TaskId::Preheat ? QStringLiteral("Thread-1 (preheat)")
                                               : QStringLiteral("Thread-2 (mix_ingredients)"));
        QVERIFY(entry.line({}).startsWith(QStringLiteral("[%1] ").arg(entry.threadName())));
    }
}

QTEST_GUILESS_MAIN(TestCakeRecipeDriver)
#include "tst_cakerecipedriver.moc"
