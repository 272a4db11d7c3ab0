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
        = [this](qint64 ns) { m_sleep.sleepFor(std::min(wallNs(ns), m_timeLimit.leftAfter(m_clock.nsecsElapsed()))); };
    hooks.write = m_write;
    // A cancel stops a computing recipe here, as the time limit does.
    hooks.interruption = [this]() -> std::optional<RecipeError> {
        if (wasCancelled())
            return CancellableSleep::cancelledError();
        return m_timeLimit.stopAt(m_clock.nsecsElapsed());
    };
    m_status = Interpreter::Status::Running;
    m_error.reset();
    m_interpreter = std::make_unique<Interpreter>(m_program, hooks);
    m_interpreter->setCakes(m_cakes);
    m_interpreter->setObserver(m_observer);
    m_timer.start(0);
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
        const qint64 waitNs = m_interpreter->timeUntilNextNs();
        if (waitNs > 0) {
            const qint64 elapsedNs = m_clock.nsecsElapsed();
            if (m_timeLimit.isReachedAt(elapsedNs)) {
                end(Interpreter::Status::Failed, m_timeLimit.error());
                return;
            }
            // Rounded up: a timer that fires a fraction of a millisecond early would only be set again.
            const qint64 sleepNs = std::min(wallNs(waitNs), m_timeLimit.leftAfter(elapsedNs));
            m_timer.start(int(std::min<qint64>((sleepNs + nsPerMs - 1) / nsPerMs, std::numeric_limits<int>::max())));
            return;
        }
        if (slice.nsecsElapsed() >= sliceNs) {
            // More is due at once, but the thread has been held long enough: the event loop turns first.
            m_timer.start(0);
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
    Q_EMIT finished(status);
}

} // namespace recipe
