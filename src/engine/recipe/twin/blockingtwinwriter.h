// SPDX-License-Identifier: MIT
#pragma once

#include "twinsource.h"

#include "syntaxtree.h"

namespace recipe {

/**
 * Writes the blocking twin of a recipe: the program `--mode sync` runs, as
 * Python that `python3` runs unmodified and that prints the same lines.
 * `async def` becomes `def`, `await x` becomes `x`, `asyncio.sleep` becomes
 * `time.sleep`, `asyncio.gather(a, b)` becomes `[a, b]` (each run to its end
 * in turn), `asyncio.create_task(c)` and `asyncio.run(c)` become `c`, and
 * `import time` is added when missing. The twin is the recipe's own text
 * with only those words changed. A recipe that asks a task done() or
 * result() has no blocking twin: it has no tasks to ask.
 */
class BlockingTwinWriter
{
public:
    static TwinSource write(const Module &module);
    /// Why a recipe asking a task done() or result() has no blocking twin (after "FILE:LINE:COL ").
    static QString taskQuestionRefusal();
};

} // namespace recipe
