// SPDX-License-Identifier: MIT
#include "blockingrecipedriver.h"

#include <algorithm>

namespace recipe {
namespace {
/// Sleeps are cut in slices so the time limit is checked while a recipe waits long.
constexpr qint64 sleepSliceNs = qint64(100) * 1000000;
/// A wait shorter than this is not slept but run up to: a sleep overshoots by about this much (Linux's timer slack),
/// and the threaded twin's thousands of threads, started microseconds apart, wake as far apart each round; slept one
/// by one, their overshoots would add up to a lag that grows every round.
constexpr qint64 shortestSleepNs = qint64(50) * 1000;
} // namespace

BlockingRecipeDriver::BlockingRecipeDriver(const Program &program, Interpreter::Kitchen kitchen)
    : m_program(program)
    , m_kitchen(kitchen)
{
}

Interpreter::Status BlockingRecipeDriver::run()
{
    QElapsedTimer clock;
    clock.start();
    // The recipe's clock runs at its speed; the time limit and the sleeps are on the wall clock.
    const auto recipeNs = [&clock, this] { return clock.nsecsElapsed() * m_speedPercent / 100; };
    const auto wallNs = [this](qint64 ns) { return ns * 100 / m_speedPercent; };
    const RecipeError cancelled = CancellableSleep::cancelledError();
    Interpreter::Hooks hooks;
    hooks.nowNs = recipeNs;
    // time.sleep() holds the thread, but not past the time limit, nor past a cancel.
    hooks.blockFor
        = [&](qint64 ns) { m_sleep.sleepFor(std::min(wallNs(ns), m_timeLimit.leftAfter(clock.nsecsElapsed()))); };
    hooks.write = m_write;
    // A recipe that computes for ever is stopped as one that waits for ever is; a cancel stops either.
    hooks.interruption = [&]() -> std::optional<RecipeError> {
        if (wasCancelled())
            return cancelled;
        return m_timeLimit.stopAt(clock.nsecsElapsed());
    };
    Interpreter interpreter(m_program, hooks, m_kitchen);
    interpreter.setCakes(m_cakes);
    interpreter.setObserver(m_observer);
    // A cancel that came before the run stops it before its first instruction.
    if (wasCancelled()) {
        m_error = cancelled;
        return Interpreter::Status::Failed;
    }
    for (;;) {
        const Interpreter::Status status = interpreter.advance();
        if (wasCancelled()) {
            m_error = cancelled;
            return Interpreter::Status::Failed;
        }
        if (status != Interpreter::Status::Running) {
            m_error = interpreter.error();
            m_unretrieved = interpreter.unretrievedTaskErrors();
            return status;
        }
        // A loop with nothing left to wait for says "for ever": bounded first, so the speed's scaling cannot overflow.
        const qint64 waitNs = wallNs(std::min(interpreter.timeUntilNextNs(), sleepSliceNs * 100));
        const qint64 sliceNs = std::max<qint64>(0, std::min(waitNs, sleepSliceNs));
        if (m_timeLimit.isReachedAt(clock.nsecsElapsed() + sliceNs)) {
            m_error = m_timeLimit.error();
            return Interpreter::Status::Failed;
        }
        if (sliceNs >= shortestSleepNs)
            m_sleep.sleepFor(sliceNs);
    }
}

} // namespace recipe
