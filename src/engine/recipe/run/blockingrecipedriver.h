// SPDX-License-Identifier: MIT
#pragma once

#include "cancellablesleep.h"
#include "interpreter.h"
#include "recipetimelimit.h"

#include <QElapsedTimer>

#include <functional>

namespace recipe {

/**
 * Runs a compiled recipe to its end on the calling thread, each wait of its
 * event loop a blocking sleep until the next timer is due: the async
 * kitchen without a window, as python3 runs it. A run past its time limit
 * is stopped with a message, so no recipe can hang its caller.
 */
class BlockingRecipeDriver
{
public:
    explicit BlockingRecipeDriver(const Program &program, Interpreter::Kitchen kitchen = Interpreter::Kitchen::Async);

    /// Where print() writes; nowhere until set (a quiet run builds no text), standard output is the caller's to give.
    void setOutput(std::function<void(const QString &text)> write) { m_write = std::move(write); }
    void setTimeLimit(RecipeTimeLimit limit) { m_timeLimit = limit; }
    /// --cakes: how many copies of asyncio.run's coroutine bake (Interpreter::setCakes).
    void setCakes(int cakes) { m_cakes = cakes; }
    /// Who hears of each task and print as it runs (Interpreter::setObserver); none by default.
    void setObserver(InterpreterObserver *observer) { m_observer = observer; }
    /// The recipe's clock runs at @p percent of the wall clock's (100 by default): at 200 a sleep of a second
    /// holds the thread half a second, and time.perf_counter() says a second went by.
    void setSpeedPercent(int percent) { m_speedPercent = percent; }

    /// Stops a run in progress as soon as it can: a sleep ends at once, a computation at its next check. Safe
    /// from any thread; the run then ends Failed, with wasCancelled() true. A cancel before run() stops the run
    /// before it begins, so a caller on another thread need not know whether the run has begun yet; a driver
    /// once cancelled stays so.
    void cancel() { m_sleep.cancel(); }
    bool wasCancelled() const { return m_sleep.isCancelled(); }

    /// Runs to the end; the status says how it ended, error() why it failed.
    Interpreter::Status run();
    const std::optional<RecipeError> &error() const { return m_error; }
    /// The tasks that failed with nobody asking for their error, which asyncio logs as the program ends.
    const std::vector<Interpreter::UnretrievedTaskError> &unretrievedTaskErrors() const { return m_unretrieved; }

private:
    const Program &m_program;
    Interpreter::Kitchen m_kitchen;
    std::function<void(const QString &)> m_write;
    RecipeTimeLimit m_timeLimit;
    int m_cakes = 1;
    InterpreterObserver *m_observer = nullptr;
    int m_speedPercent = 100;
    /// Every sleep of the run, so that cancel() can end it at once.
    CancellableSleep m_sleep;
    std::optional<RecipeError> m_error;
    std::vector<Interpreter::UnretrievedTaskError> m_unretrieved;
};

} // namespace recipe
