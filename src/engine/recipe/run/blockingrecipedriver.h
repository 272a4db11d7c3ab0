// SPDX-License-Identifier: MIT
#pragma once

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

    /// Where print() writes; standard output by default is the caller's to choose.
    void setOutput(std::function<void(const QString &text)> write) { m_write = std::move(write); }
    void setTimeLimit(RecipeTimeLimit limit) { m_timeLimit = limit; }

    /// Runs to the end; the status says how it ended, error() why it failed.
    Interpreter::Status run();
    const std::optional<RecipeError> &error() const { return m_error; }

private:
    const Program &m_program;
    Interpreter::Kitchen m_kitchen;
    std::function<void(const QString &)> m_write;
    RecipeTimeLimit m_timeLimit;
    std::optional<RecipeError> m_error;
};

} // namespace recipe
