// SPDX-License-Identifier: MIT
#include "timerrecipedriver.h"

#include <limits>

namespace recipe {
namespace {
constexpr qint64 nsPerMs = 1000000;
} // namespace

TimerRecipeDriver::TimerRecipeDriver(const Program &program, QObject *parent)
    : QObject(parent)
    , m_program(program)
{
    // A recipe's sleep asks for its time to the nanosecond; a coarse timer would wake it up to 5 % late.
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &TimerRecipeDriver::turn);
}

TimerRecipeDriver::~TimerRecipeDriver() = default;

void TimerRecipeDriver::start()
{
    m_clock.start();
    Interpreter::Hooks hooks;
    hooks.nowNs = [this] { return m_clock.nsecsElapsed() * m_speedPercent / 100; };
    // time.sleep() in an async recipe holds the loop's thread: that is what it does in asyncio too, until a cancel.
    hooks.blockFor
        = [this](qint64 ns) { m_sleep.sleepFor(std::min(wallNs(ns), m_timeLimit.leftAfter(limitClockNs()))); };
    hooks.write = m_write;
    // A cancel stops a computing recipe here, as the time limit does.
    hooks.interruption = [this]() -> std::optional<RecipeError> {
        if (wasCancelled())
            return CancellableSleep::cancelledError();
        return m_timeLimit.stopAt(limitClockNs());
    };
    m_status = Interpreter::Status::Running;
    m_error.reset();
    m_interpreter = std::make_unique<Interpreter>(m_program, hooks);
    m_interpreter->setCakes(m_cakes);
    m_interpreter->setObserver(m_observer);
    m_interpreter->setTracksPendingTasks(m_tracksPendingTasks);
    m_interpreter->setPausesBeforeResumptions(m_stepping);
    m_pausedForStep = false;
    m_stepsAllowed = 0;
    m_pausedNs = 0;
    m_timer.start(0);
}

void TimerRecipeDriver::setStepping(bool on)
{
    if (on == m_stepping)
        return;
    m_stepping = on;
    m_stepsAllowed = 0;
    if (!isRunning())
        return;
    m_interpreter->setPausesBeforeResumptions(on);
    if (!on && m_pausedForStep)
        endPause();
}

bool TimerRecipeDriver::step()
{
    if (!isRunning())
        return false;
    if (m_interpreter->heldTask() == 0 && m_interpreter->timeUntilNextNs() == std::numeric_limits<qint64>::max())
        return false;
    ++m_stepsAllowed;
    if (m_pausedForStep)
        endPause();
    return true;
}

void TimerRecipeDriver::endPause()
{
    m_pausedForStep = false;
    m_pausedNs += m_clock.nsecsElapsed() - m_pausedSinceNs;
    // Queued, not run here: a step may come from a slot of pausedForStep(), inside a turn.
    m_timer.start(0);
}

qint64 TimerRecipeDriver::limitClockNs() const
{
    const qint64 elapsedNs = m_clock.nsecsElapsed();
    return elapsedNs - m_pausedNs - (m_pausedForStep ? elapsedNs - m_pausedSinceNs : 0);
}

std::vector<PendingTask> TimerRecipeDriver::pendingTasks(std::size_t limit) const
{
    return isRunning() ? m_interpreter->pendingTasks(limit) : std::vector<PendingTask>();
}

bool TimerRecipeDriver::keepsHeldTask()
{
    const int held = m_interpreter->heldTask();
    if (held == 0)
        return false;
    if (m_stepping && (!m_stepFilter || m_stepFilter(held))) {
        if (m_stepsAllowed == 0)
            return true;
        --m_stepsAllowed;
    }
    m_interpreter->releaseHeldTask();
    return false;
}

void TimerRecipeDriver::cancel()
{
    m_sleep.cancel();
    // Between two turns nothing runs the recipe to see the cancel: a turn queued now ends it.
    QMetaObject::invokeMethod(this, &TimerRecipeDriver::turn, Qt::QueuedConnection);
}

void TimerRecipeDriver::turn()
{
    if (!isRunning())
        return;
    QElapsedTimer slice;
    slice.start();
    for (;;) {
        // Asked before each advance: a cancel that came while the recipe ran only a few instructions, or none,
        // met no check of the interpreter's.
        if (wasCancelled()) {
            end(Interpreter::Status::Failed, CancellableSleep::cancelledError());
            return;
        }
        const Interpreter::Status status = m_interpreter->advance(callbacksPerLook);
        if (status != Interpreter::Status::Running) {
            end(status, m_interpreter->error());
            return;
        }
        if (keepsHeldTask()) {
            // Held without a timer, or the loop would spin until the step comes.
            m_pausedForStep = true;
            m_pausedSinceNs = m_clock.nsecsElapsed();
            Q_EMIT advanced();
            Q_EMIT pausedForStep();
            return;
        }
        const qint64 waitNs = m_interpreter->timeUntilNextNs();
        if (waitNs > 0) {
            const qint64 elapsedNs = limitClockNs();
            if (m_timeLimit.isReachedAt(elapsedNs)) {
                end(Interpreter::Status::Failed, m_timeLimit.error());
                return;
            }
            // Rounded up: a timer that fires a fraction of a millisecond early would only be set again.
            const qint64 sleepNs = std::min(wallNs(waitNs), m_timeLimit.leftAfter(elapsedNs));
            m_timer.start(int(std::min<qint64>((sleepNs + nsPerMs - 1) / nsPerMs, std::numeric_limits<int>::max())));
            Q_EMIT advanced();
            return;
        }
        if (slice.nsecsElapsed() >= sliceNs) {
            // More is due at once, but the thread has been held long enough: the event loop turns first.
            m_timer.start(0);
            Q_EMIT advanced();
            return;
        }
    }
}

void TimerRecipeDriver::end(Interpreter::Status status, std::optional<RecipeError> error)
{
    m_status = status;
    m_error = std::move(error);
    m_unretrieved = m_interpreter->unretrievedTaskErrors();
    m_timer.stop();
    m_pausedForStep = false;
    Q_EMIT finished(status);
}

} // namespace recipe
