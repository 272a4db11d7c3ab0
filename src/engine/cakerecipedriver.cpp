// SPDX-License-Identifier: MIT
#include "cakerecipedriver.h"

#include "blockingrecipedriver.h"
#include "enginelogging.h"
#include "memorybudget.h"
#include "parser.h"

#include <QFile>
#include <QThread>

#include <algorithm>
#include <limits>
#include <system_error>

namespace {
constexpr qint64 nsPerMs = 1000000;
constexpr int msPerSecond = 1000;
/// How long the driver's thread tells a threaded bake's hand-overs in one go: a thousand cakes' reports falling due
/// together are told over several turns of its loop, which stays free to paint in between.
constexpr int handOverSliceMs = 5;
/// What the engine holds for each cake of the bundled recipe, about a kilobyte, with room to spare (the threaded
/// twin's threads included).
constexpr qint64 bytesPerCake = 2048;

/// The file of the cake's recipe with @p trap: cake.py itself, or its variant named for the trap, which differs in
/// the mixing alone.
QString recipeFile(MixTrap trap)
{
    if (trap == MixTrap::None)
        return QStringLiteral("cake.py");
    return QStringLiteral("cake_%1.py").arg(mixTrapName(trap));
}

/// STEP in seconds as cake.py writes it: a whole number stays an int (1, as bundled), else a float.
recipe::Value stepSeconds(int stepMs)
{
    if (stepMs % msPerSecond == 0)
        return recipe::Value(stepMs / msPerSecond);
    return recipe::Value(double(stepMs) / msPerSecond);
}
} // namespace

CakeRecipeDriver::CakeRecipeDriver(BakeMode mode, QObject *parent)
    : BakeDriver(parent)
    , m_mode(mode)
    , m_handOvers(handOverSliceMs, this)
{
}

CakeRecipeDriver::~CakeRecipeDriver()
{
    // A cancel here tells nothing: a threaded bake ends only once its worker has returned, on a call queued to
    // this driver, which goes with it.
    if (m_mode == BakeMode::Threaded && isRunning())
        cancel();
    joinWorker();
}

QByteArray CakeRecipeDriver::recipeSource(MixTrap trap)
{
    QFile file(QStringLiteral(":/engine/recipes/") + recipeFile(trap));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString CakeRecipeDriver::recipeFileName(MixTrap trap)
{
    return recipeFile(trap);
}

std::optional<recipe::Program> CakeRecipeDriver::compiledRecipe(const BakeParameters &parameters, QString *error)
{
    recipe::Compiler::Constants constants;
    constants.insert(QStringLiteral("TARGET_TEMP"), recipe::Value(parameters.targetTemperature));
    constants.insert(QStringLiteral("MIX_COUNT"), recipe::Value(parameters.mixCount));
    constants.insert(QStringLiteral("STEP"), stepSeconds(parameters.stepMs));
    std::vector<recipe::Diagnostic> diagnostics;
    std::optional<recipe::Program> program;
    const QString file = recipeFile(parameters.mixTrap);
    if (const std::optional<recipe::Module> module
        = recipe::Parser::parseBytes(recipeSource(parameters.mixTrap), &diagnostics))
        program = recipe::Compiler::compile(*module, &diagnostics, constants);
    // Our own recipe, not a stranger's: its memory grows with the cakes the parameters allow, up to a million, and
    // the budget only guards against a fault of the engine, so it gives each cake room on top of a stranger's budget.
    if (program)
        program->memoryLimitBytes = recipe::MemoryBudget::defaultLimitBytes + qint64(parameters.cakes) * bytesPerCake;
    if (!program && error)
        *error = diagnostics.empty() ? QStringLiteral("the bundled %1 is missing").arg(file)
                                     : diagnostics.front().toString(file);
    return program;
}

recipe::RecipeTimeLimit CakeRecipeDriver::timeLimit() const
{
    // Our own recipe, not a stranger's: the limit only guards against a fault of the engine, so it leaves the
    // longest bake the parameters allow (a hundred mixes of ten seconds) room twice over.
    return recipe::RecipeTimeLimit(recipe::RecipeTimeLimit::defaultNs
                                   + 2 * wallNs(parameters().idealMs(m_mode) * nsPerMs));
}

QString CakeRecipeDriver::prepare(const BakeParameters &parameters)
{
    QString error;
    retireTimerKitchen();
    std::optional<recipe::Program> program = compiledRecipe(parameters, &error);
    m_program = program ? std::make_shared<const recipe::Program>(std::move(*program)) : nullptr;
    return error;
}

void CakeRecipeDriver::run()
{
    ++m_generation;
    m_tasks.clear();
    switch (m_mode) {
    case BakeMode::Sync:
        runBlockingTwin();
        break;
    case BakeMode::Async:
        runOnTimers();
        break;
    case BakeMode::Threaded:
        runOnAWorker();
        break;
    }
}

void CakeRecipeDriver::runBlockingTwin()
{
    recipe::BlockingRecipeDriver twin(*m_program, recipe::Interpreter::Kitchen::BlockingTwin);
    twin.setObserver(this);
    twin.setTimeLimit(timeLimit());
    twin.setSpeedPercent(parameters().speedPercent);
    {
        const QMutexLocker locker(&m_runningLock);
        m_twin = &twin;
    }
    m_recipeRunning = true;
    // A cancel that came before the twin could hear it (the bake's first report, say) stops it at its first check.
    if (cancelRequested())
        twin.cancel();
    const recipe::Interpreter::Status status = twin.run();
    m_recipeRunning = false;
    {
        const QMutexLocker locker(&m_runningLock);
        m_twin = nullptr;
    }
    if (twin.wasCancelled()) {
        finish();
        return;
    }
    if (status == recipe::Interpreter::Status::Failed) {
        failWith(twin.error() ? twin.error()->text() : QString());
        return;
    }
    if (!cancelRequested())
        endTasksBefore(0, std::nullopt);
    finish();
}

void CakeRecipeDriver::runOnTimers()
{
    auto kitchen = std::make_unique<recipe::TimerRecipeDriver>(*m_program);
    kitchen->setObserver(this);
    kitchen->setCakes(parameters().cakes);
    kitchen->setSpeedPercent(parameters().speedPercent);
    kitchen->setTimeLimit(timeLimit());
    kitchen->setTracksPendingTasks(true);
    kitchen->setStepFilter([this](int task) { return stepsAt(task); });
    kitchen->setStepping(m_stepping);
    connect(kitchen.get(), &recipe::TimerRecipeDriver::finished, this, &CakeRecipeDriver::recipeEnded);
    connect(kitchen.get(), &recipe::TimerRecipeDriver::advanced, this,
            [this] { tellFromTheKitchen(&CakeRecipeDriver::queueChanged); });
    connect(kitchen.get(), &recipe::TimerRecipeDriver::pausedForStep, this,
            [this] { tellFromTheKitchen(&CakeRecipeDriver::pausedForStep); });
    {
        const QMutexLocker locker(&m_runningLock);
        m_timerKitchen = std::move(kitchen);
    }
    m_recipeRunning = true;
    m_pendingWakesStale = true;
    m_timerKitchen->start();
}

const WakeQueue &CakeRecipeDriver::pendingWakes() const
{
    if (m_pendingWakesStale) {
        fillWakes(m_pendingWakes, std::numeric_limits<std::size_t>::max());
        m_pendingWakesStale = false;
    }
    return m_pendingWakes;
}

QList<WakeQueue::Wake> CakeRecipeDriver::firstPendingWakes(qsizetype limit) const
{
    // Asked for a few more: main() and the gathers are pending too, though only at their first steps.
    constexpr std::size_t besidesTheJobs = 8;
    WakeQueue wakes;
    fillWakes(wakes, std::size_t(std::max<qsizetype>(0, limit)) + besidesTheJobs);
    return wakes.pending(limit);
}

qsizetype CakeRecipeDriver::pendingWakeCount() const
{
    if (m_mode != BakeMode::Async || !m_timerKitchen || !isRunning())
        return 0;
    return qsizetype(m_timerKitchen->pendingTaskCount());
}

void CakeRecipeDriver::fillWakes(WakeQueue &wakes, std::size_t limit) const
{
    wakes.clear();
    if (m_mode != BakeMode::Async || !m_timerKitchen || !isRunning())
        return;
    std::vector<recipe::PendingTask> pending = m_timerKitchen->pendingTasks(limit);
    // A wake queue lists by time, then by order of pushing; the loop resumes its ready tasks first, though one made
    // ready now (a bowl stirring by hand) may stand before a timer due a moment earlier. Each task is given at most
    // the time of the one after it, so the queue keeps the loop's order; a ready task was due by then anyway.
    for (std::size_t i = pending.size(); i-- > 1;)
        pending[i - 1].wakeNs = std::min(pending[i - 1].wakeNs, pending[i].wakeNs);
    for (const recipe::PendingTask &task : pending) {
        const std::optional<CakeJob> job
            = std::size_t(task.task) < m_tasks.size() ? m_tasks[std::size_t(task.task)] : std::nullopt;
        if (job)
            wakes.push(task.wakeNs, quint32(job->cake), job->task);
    }
}

void CakeRecipeDriver::setStepping(bool on)
{
    m_stepping = on;
    if (m_mode == BakeMode::Async && m_timerKitchen)
        m_timerKitchen->setStepping(on);
}

bool CakeRecipeDriver::isPausedForStep() const
{
    return m_mode == BakeMode::Async && m_timerKitchen && isRunning() && m_timerKitchen->isPausedForStep();
}

bool CakeRecipeDriver::step()
{
    if (m_mode != BakeMode::Async || !m_timerKitchen || !isRunning() || pendingWakes().isEmpty())
        return false;
    return m_timerKitchen->step();
}

bool CakeRecipeDriver::stepsAt(int task) const
{
    // gather starts every task to its first await at once: a job's first step is no step.
    const std::optional<CakeJob> job = std::size_t(task) < m_tasks.size() ? m_tasks[std::size_t(task)] : std::nullopt;
    return job && kitchen(job->cake).state(job->task) != TaskState::NotStarted;
}

void CakeRecipeDriver::tellFromTheKitchen(void (CakeRecipeDriver::*signal)())
{
    m_pendingWakesStale = true;
    if (!isRunning())
        return;
    m_telling = true;
    Q_EMIT(this->*signal)();
    m_telling = false;
}

void CakeRecipeDriver::runOnAWorker()
{
    joinWorker();
    m_threadsStarted = 0;
    // Every hand-over runs on this driver's thread, after what the worker handed over before, a slice at a time.
    // Nothing after a cancel is told, as the other kitchens tell nothing after it.
    ThreadedCakeObserver::Report report
        = [this](const CakeJob &job, const Kitchen &kitchen, int value, qint64 timeMs, int thread) {
              m_handOvers.handOver([this, job, kitchen, value, timeMs, thread] {
                  if (!cancelRequested())
                      adoptReport(job.cake, job.task, kitchen, value, timeMs, thread);
              });
          };
    ThreadedCakeObserver::Change change = [this](const CakeJob &job, const Kitchen &kitchen) {
        m_handOvers.handOver([this, job, kitchen] {
            if (!cancelRequested())
                adoptResumption(job.cake, job.task, kitchen);
        });
    };
    // The worker reads nothing the driver's thread writes: what it needs is copied to it here.
    auto observer = std::make_shared<ThreadedCakeObserver>(parameters(), clock(), std::move(report), std::move(change));
    m_recipeRunning = true;
    try {
        m_worker = std::thread(
            [this, program = m_program, observer, limit = timeLimit(), speedPercent = parameters().speedPercent,
             cakes = parameters().cakes] { runThreadedTwin(program, *observer, limit, speedPercent, cakes); });
    } catch (const std::system_error &error) {
        m_recipeRunning = false;
        failWith(QStringLiteral("the recipe engine could not start its thread (%1)")
                     .arg(QString::fromLocal8Bit(error.what())));
    }
}

void CakeRecipeDriver::runThreadedTwin(const std::shared_ptr<const recipe::Program> &program,
                                       ThreadedCakeObserver &observer, recipe::RecipeTimeLimit limit, int speedPercent,
                                       int cakes)
{
    recipe::Interpreter::Status status = recipe::Interpreter::Status::Running;
    bool cancelled = false;
    QString error;
    {
        recipe::BlockingRecipeDriver twin(*program, recipe::Interpreter::Kitchen::ThreadedTwin);
        twin.setObserver(&observer);
        twin.setTimeLimit(limit);
        twin.setSpeedPercent(speedPercent);
        twin.setCakes(cakes);
        {
            const QMutexLocker locker(&m_runningLock);
            m_twin = &twin;
        }
        // A cancel that came before the twin could be reached stops it before it begins.
        if (cancelRequested())
            twin.cancel();
        status = twin.run();
        {
            const QMutexLocker locker(&m_runningLock);
            m_twin = nullptr;
        }
        cancelled = twin.wasCancelled();
        if (twin.error())
            error = twin.error()->text();
    }
    // The last hand-over: the driver joins this thread when it hears it, once it has told all before it.
    m_handOvers.handOver([this, status, cancelled, error, threads = observer.threadsStarted()] {
        workerReturned(status, cancelled, error, threads);
    });
}

void CakeRecipeDriver::workerReturned(recipe::Interpreter::Status status, bool cancelled, const QString &error,
                                      int threads)
{
    joinWorker();
    m_recipeRunning = false;
    m_threadsStarted = threads;
    if (status == recipe::Interpreter::Status::Failed && !cancelled && !cancelRequested()) {
        failWith(error);
        return;
    }
    finish();
}

void CakeRecipeDriver::joinWorker()
{
    if (m_worker.joinable())
        m_worker.join();
}

void CakeRecipeDriver::recipeEnded(recipe::Interpreter::Status status)
{
    m_recipeRunning = false;
    m_pendingWakesStale = true;
    if (status == recipe::Interpreter::Status::Failed && !cancelRequested()) {
        failWith(m_timerKitchen->error() ? m_timerKitchen->error()->text() : QString());
        return;
    }
    finish();
    Q_EMIT queueChanged();
}

void CakeRecipeDriver::retireTimerKitchen()
{
    if (!m_timerKitchen)
        return;
    // A bake started from a slot of finished() comes here from inside the old kitchen's own signal: it is deleted
    // once that has returned, and the program it runs is kept until its interpreter has gone.
    recipe::TimerRecipeDriver *old = nullptr;
    {
        const QMutexLocker locker(&m_runningLock);
        old = m_timerKitchen.release();
    }
    old->disconnect(this);
    connect(old, &QObject::destroyed, [program = m_program] { Q_UNUSED(program) });
    old->deleteLater();
}

void CakeRecipeDriver::failWith(const QString &error)
{
    qCWarning(lcEngine) << "the recipe engine's cake could not bake:" << error;
    setErrorString(error);
    // A bake that cannot go on ends cancelled; the recipe, if any, has ended, so this only finishes.
    cancel();
}

void CakeRecipeDriver::interruptWait()
{
    if (m_mode != BakeMode::Async) {
        // The twin wakes from its sleep at once and stops at its next check; then the blocking twin's run(), or the
        // worker's last call, finishes the bake. Once the twin has ended (it failed), this only finishes; a threaded
        // twin not running yet sees the cancel as it begins.
        {
            const QMutexLocker locker(&m_runningLock);
            if (m_twin) {
                m_twin->cancel();
                return;
            }
        }
        if (QThread::currentThread() == thread() && !m_recipeRunning)
            stopRecipe(m_generation);
        return;
    }
    if (QThread::currentThread() != thread() || m_telling) {
        // From another thread, or from a receiver of our signal deep inside the interpreter, which may be holding
        // this thread in a trap: the kitchen's own cancel cuts a time.sleep() short at once and stops stirring at
        // the interpreter's next check, and its finished() ends the bake. The stop queued as well ends it if the
        // kitchen is between two turns, or gone.
        {
            const QMutexLocker locker(&m_runningLock);
            if (m_timerKitchen)
                m_timerKitchen->cancel();
        }
        QMetaObject::invokeMethod(
            this, [this, generation = m_generation.load()] { stopRecipe(generation); }, Qt::QueuedConnection);
        return;
    }
    stopRecipe(m_generation);
}

void CakeRecipeDriver::stopRecipe(quint64 generation)
{
    if (generation != m_generation || !isRunning())
        return;
    if (m_recipeRunning) {
        m_recipeRunning = false;
        // Let go of under the lock, deleted past it: the locker goes first.
        std::unique_ptr<recipe::TimerRecipeDriver> stopped;
        const QMutexLocker locker(&m_runningLock);
        stopped = std::move(m_timerKitchen);
    }
    m_pendingWakesStale = true;
    finish();
    if (m_mode == BakeMode::Async)
        Q_EMIT queueChanged();
}

std::optional<CakeJob> CakeRecipeDriver::cakeTask(int task, int cake, const QString &function) const
{
    if (task > 0)
        return std::size_t(task) < m_tasks.size() ? m_tasks[std::size_t(task)] : std::nullopt;
    // The blocking twin runs no tasks: the function says which job it is.
    return CakeJob::of(function, cake);
}

void CakeRecipeDriver::taskMade(int task, const QString &coroutine, int cake)
{
    if (std::size_t(task) >= m_tasks.size())
        m_tasks.resize(std::size_t(task) + 1);
    m_tasks[std::size_t(task)] = CakeJob::of(coroutine, cake);
}

void CakeRecipeDriver::taskSuspended(int task, qint64 wakeNs)
{
    const std::optional<CakeJob> which = cakeTask(task, 0, QString());
    if (!which || cancelRequested())
        return;
    if (stirsByHand(*which))
        stirringYielded(*which, wakeNs);
    else
        changeTask(*which, TaskState::Waiting, wakeNs == awaitsAnother ? -1 : wakeNs / nsPerMs);
}

void CakeRecipeDriver::taskFinished(int task, bool failed)
{
    Q_UNUSED(failed)
    const std::optional<CakeJob> which = cakeTask(task, 0, QString());
    // A bowl that stirs by hand was done at its last line already (stirringYielded).
    if (which && !cancelRequested() && kitchen(which->cake).state(which->task) != TaskState::Done)
        changeTask(*which, TaskState::Done);
}

void CakeRecipeDriver::printed(const QString &text, int task, int cake, const QString &function)
{
    const std::optional<CakeJob> which = cakeTask(task, cake, function);
    if (!which || cancelRequested())
        return;
    const std::optional<int> value = CakeJob::reportedValue(text);
    if (!value) {
        qCWarning(lcEngine) << "cake.py printed a line that reports nothing:" << text;
        return;
    }
    if (m_mode == BakeMode::Sync)
        endTasksBefore(which->cake, which->task);
    if (stirsByHand(*which) && kitchen(which->cake).state(TaskId::Mix) != TaskState::Waiting) {
        // The step before this line was computed, and the engine hears nothing of computing: its first, and in the
        // blocking twin, which tells no one of its asyncio.sleep(0), every one. The window shows each step as a wait
        // before its line, so it is told now, as it has just ended.
        changeTask(*which, TaskState::Waiting, elapsedMs());
    }
    report(*which, *value);
}

void CakeRecipeDriver::blockingSleep(qint64 ns, int task, int cake, const QString &function)
{
    const std::optional<CakeJob> which = cakeTask(task, cake, function);
    if (!which || cancelRequested())
        return;
    if (m_mode == BakeMode::Sync)
        endTasksBefore(which->cake, which->task);
    // As asyncio.sleep counts it: the wait from the moment the task yields.
    changeTask(*which, TaskState::Waiting, (elapsedNs() + ns) / nsPerMs);
}

bool CakeRecipeDriver::stirsByHand(const CakeJob &which) const
{
    return which.task == TaskId::Mix && parameters().trapIn(m_mode) == MixTrap::StirByHand;
}

void CakeRecipeDriver::stirringYielded(const CakeJob &which, qint64 yieldNs)
{
    // The step stirred next is told as the bowl's wait, from the moment it yields. After its last line the bowl is
    // done there, as the window shows it, while the recipe's task ends a turn later, printing nothing.
    const Bowl &bowl = kitchen(which.cake).bowl();
    if (bowl.mixesDone() >= bowl.mixCount())
        changeTask(which, TaskState::Done);
    else
        changeTask(which, TaskState::Waiting, (yieldNs + stepNs()) / nsPerMs);
}

void CakeRecipeDriver::endTasksBefore(int cake, std::optional<TaskId> task)
{
    for (const TaskId earlier : {TaskId::Preheat, TaskId::Mix}) {
        if (task && earlier == *task)
            return;
        if (kitchen(cake).state(earlier) != TaskState::Done)
            changeTask({cake, earlier}, TaskState::Done);
    }
}

void CakeRecipeDriver::changeTask(const CakeJob &which, TaskState state, qint64 wakeMs)
{
    Kitchen changed = kitchen(which.cake);
    changed.setState(which.task, state);
    if (wakeMs >= 0)
        changed.setWakeMs(which.task, wakeMs);
    m_telling = true;
    adoptResumption(which.cake, which.task, changed);
    m_telling = false;
}

void CakeRecipeDriver::report(const CakeJob &which, int value)
{
    Kitchen changed = kitchen(which.cake);
    changed.recordReport(which.task, value);
    m_telling = true;
    adoptReport(which.cake, which.task, changed, value, elapsedMs(), 0);
    m_telling = false;
}
