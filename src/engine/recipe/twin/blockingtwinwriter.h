// SPDX-License-Identifier: MIT
#pragma once

#include "twinsource.h"

#include "syntaxtree.h"

#include <QSet>
#include <QString>

namespace recipe {

/**
 * Writes the blocking twin of a recipe: the program `--mode sync` runs, as
 * Python that `python3` runs unmodified and that prints the same lines.
 * `async def` becomes `def`, `await x` becomes `x`, `asyncio.sleep` becomes
 * `time.sleep`, `asyncio.gather(a, b)` becomes `[a, b]` (each run to its end
 * in turn), `asyncio.create_task(c)` and `asyncio.run(c)` become `c`, and
 * `import time` is added when missing. asyncio's Lock, Semaphore, Event and
 * Queue become classes of the same names, put after the imports, that do
 * what asyncio's do for one thread: nobody contends, so what is free is
 * taken at once, and what would wait (for another task to release, set or
 * fill it) raises a RuntimeError saying why, where python3 would hang;
 * `async with` is `with`. The twin is the recipe's own text with only those
 * words changed. A recipe that asks a task done() or result() has no
 * blocking twin: it has no tasks to ask.
 */
class BlockingTwinWriter
{
public:
    static TwinSource write(const Module &module);
    /// Why a recipe asking a task done() or result() has no blocking twin (after "FILE:LINE:COL ").
    static QString taskQuestionRefusal();
    /// The classes standing in for asyncio's resources @p named (Lock, Semaphore, Event, Queue), in that order,
    /// each followed by two blank lines; empty when none is named.
    static QString resourceClasses(const QSet<QString> &named);
};

} // namespace recipe
