// SPDX-License-Identifier: MIT
#pragma once

#include "twinsource.h"
#include "userfunctions.h"

#include "syntaxtree.h"

#include <QString>

#include <optional>
#include <utility>

namespace recipe {

class SourceRewriter;

/**
 * Writes the threaded twin of a recipe, as docs/recipe-language.md's
 * threaded twin (rules 1 to 10, shared with the engine's threaded kitchen) says: each task that asyncio.gather or
 * create_task would make becomes a `Task`, a thread of its own started where it is made and joined where it is awaited,
 * from a prologue put right after the imports; `print` becomes `say`, which names the thread; asyncio's Lock,
 * Semaphore and Event become threading's, its Queue (and QueueEmpty, QueueFull) queue's, `async with` is `with`
 * and the await of their methods goes. What `python3` prints for
 * it is what `--mode threaded` prints. The twin is the recipe's own text with
 * only those words changed. A recipe that gives create_task anything but a
 * direct call of one of its functions, or uses a name the prologue defines,
 * has no threaded twin.
 */
class ThreadedTwinWriter
{
public:
    static TwinSource write(const Module &module);
    /// The prologue (Task, wait, gather, say), verbatim from the contract, ending with a line break.
    static QString prologue();

private:
    explicit ThreadedTwinWriter(const Module &module);
    std::optional<QString> rewritten(const SourceRewriter &rewriter, const Expression &expression) const;
    /// A spawn site, `f(a, k=v)`, as `Task(f, a, k=v)`; anything else rewritten as usual.
    QString spawned(const SourceRewriter &rewriter, const Expression &expression) const;
    /// An argument of asyncio.gather: a spawn site, or a starred list comprehension of spawn sites.
    QString gathered(const SourceRewriter &rewriter, const Expression &argument) const;
    bool isSpawnable(const Expression &expression) const;
    /// Where the recipe uses a name the prologue defines, which would hide the prologue's (or be hidden by it).
    static std::optional<std::pair<SourceLocation, QString>> prologueNameUsed(const Block &block);

    /// The first asyncio.X the twin would leave as it is, naming what the twin, without asyncio, has not: a
    /// function of asyncio used as a value, say.
    static const Expression *asyncioLeftOver(const Module &module);
    /// What asyncio.X of one of its resources becomes: threading.Lock, queue.Queue, queue.Empty...
    QString resourceInThreads(const QString &resource) const;

    UserFunctions m_functions;
    /// The name the twin imports the queue module as: queue, or queues where the recipe has a queue of its own.
    QString m_queueModule;
};

} // namespace recipe
