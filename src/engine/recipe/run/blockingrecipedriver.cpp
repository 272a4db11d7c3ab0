// SPDX-License-Identifier: MIT
#include "blockingrecipedriver.h"

#include <QThread>

#include <algorithm>
#include <limits>

namespace recipe {
namespace {
/// --time-limit's default: two minutes is far past any lesson, and short of a hang anyone waits out.
constexpr qint64 defaultTimeLimitNs = qint64(120) * 1000000000;
/// Sleeps are cut in slices so the time limit is checked while a recipe waits long.
constexpr qint64 sleepSliceNs = qint64(100) * 1000000;
} // namespace

BlockingRecipeDriver::BlockingRecipeDriver(const Program &program, Interpreter::Kitchen kitchen)
    : m_program(program)
    , m_kitchen(kitchen)
    , m_timeLimitNs(defaultTimeLimitNs)
{
}

Interpreter::Status BlockingRecipeDriver::run()
{
    QElapsedTimer clock;
    clock.start();
    const auto sleepNs = [](qint64 ns) {
        if (ns > 0)
            QThread::usleep(static_cast<unsigned long>((ns + 999) / 1000));
    };
    const auto timeLimitError = [this] {
        return RecipeError{QStringLiteral("TimeoutError"),
                           QStringLiteral("the recipe ran past its time limit of %1 s and was stopped")
                               .arg(double(m_timeLimitNs) / 1e9),
                           0, QString()};
    };
    Interpreter::Hooks hooks;
    hooks.nowNs = [&clock] { return clock.nsecsElapsed(); };
    // time.sleep() holds the thread, but not past the time limit.
    hooks.blockFor
        = [&](qint64 ns) { sleepNs(std::min(ns, std::max<qint64>(0, m_timeLimitNs - clock.nsecsElapsed()))); };
    hooks.write = m_write;
    // A recipe that computes for ever is stopped as one that waits for ever is.
    hooks.interruption = [&]() -> std::optional<RecipeError> {
        if (clock.nsecsElapsed() < m_timeLimitNs)
            return std::nullopt;
        return timeLimitError();
    };
    Interpreter interpreter(m_program, hooks, m_kitchen);
    interpreter.setCakes(m_cakes);
    for (;;) {
        const Interpreter::Status status = interpreter.advance();
        if (status != Interpreter::Status::Running) {
            m_error = interpreter.error();
            m_unretrieved = interpreter.unretrievedTaskErrors();
            return status;
        }
        const qint64 waitNs = interpreter.timeUntilNextNs();
        if (clock.nsecsElapsed() + std::max<qint64>(0, std::min(waitNs, sleepSliceNs)) > m_timeLimitNs
            || clock.nsecsElapsed() >= m_timeLimitNs) {
            m_error = timeLimitError();
            return Interpreter::Status::Failed;
        }
        sleepNs(std::min(waitNs, sleepSliceNs));
    }
}

} // namespace recipe
