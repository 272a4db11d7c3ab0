// SPDX-License-Identifier: MIT
#include "blockingrecipedriver.h"

#include <QThread>

#include <algorithm>

namespace recipe {
namespace {
/// Sleeps are cut in slices so the time limit is checked while a recipe waits long.
constexpr qint64 sleepSliceNs = qint64(100) * 1000000;
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
    const auto sleepNs = [](qint64 ns) {
        if (ns > 0)
            QThread::usleep(static_cast<unsigned long>((ns + 999) / 1000));
    };
    Interpreter::Hooks hooks;
    hooks.nowNs = [&clock] { return clock.nsecsElapsed(); };
    // time.sleep() holds the thread, but not past the time limit.
    hooks.blockFor = [&](qint64 ns) { sleepNs(std::min(ns, m_timeLimit.leftAfter(clock.nsecsElapsed()))); };
    hooks.write = m_write;
    // A recipe that computes for ever is stopped as one that waits for ever is.
    hooks.interruption = [&]() -> std::optional<RecipeError> {
        if (!m_timeLimit.isReachedAt(clock.nsecsElapsed()))
            return std::nullopt;
        return m_timeLimit.error();
    };
    Interpreter interpreter(m_program, hooks, m_kitchen);
    interpreter.setCakes(m_cakes);
    interpreter.setObserver(m_observer);
    for (;;) {
        const Interpreter::Status status = interpreter.advance();
        if (status != Interpreter::Status::Running) {
            m_error = interpreter.error();
            m_unretrieved = interpreter.unretrievedTaskErrors();
            return status;
        }
        const qint64 waitNs = interpreter.timeUntilNextNs();
        const qint64 sliceNs = std::max<qint64>(0, std::min(waitNs, sleepSliceNs));
        if (m_timeLimit.isReachedAt(clock.nsecsElapsed() + sliceNs) || m_timeLimit.isReachedAt(clock.nsecsElapsed())) {
            m_error = m_timeLimit.error();
            return Interpreter::Status::Failed;
        }
        sleepNs(sliceNs);
    }
}

} // namespace recipe
