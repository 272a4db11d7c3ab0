// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <cstddef>
#include <set>
#include <utility>
#include <vector>

namespace recipe {

/**
 * CPython's RuntimeWarning "coroutine 'f' was never awaited": asyncio's most
 * common mistake, a coroutine freed before anything awaited it or made a task
 * of it. Whoever runs a recipe in the async kitchen keeps one of these on the
 * thread while the recipe and its interpreter live; a Coroutine freed unawaited
 * tells it, and the interpreter running at that moment says where it stands.
 * A coroutine freed while an error unwinds, or still held when the run ends,
 * is warned of at exit ("sys:1"), as CPython's traceback keeps the failing
 * frames until then. Python's default filter shows a warning once per place
 * and text, so a loop that forgets a thousand awaits shows one.
 */
class NeverAwaitedCoroutines
{
public:
    /// Where the interpreter stood as a coroutine was freed.
    struct Place {
        /// The recipe's line that ran; inAsyncio when asyncio's loop ran (a task's last frame had ended); atExit
        /// while an error unwound.
        int line = atExit;
        /// How many "Task exception was never retrieved" logs the run had written before it.
        std::size_t taskLogsBefore = 0;
    };
    static constexpr int inAsyncio = 0;
    static constexpr int atExit = -1;
    using Locate = Place (*)(const void *context);

    struct Warning {
        QString coroutine;
        Place place;
        /// What CPython writes on stderr for it: the place, the warning, and then the line's source and the note
        /// on tracemalloc, or at exit the one line. @p fileName and @p lines are the recipe's.
        QString text(const QString &fileName, const std::vector<QString> &lines) const;
        /// The last line of text().
        QString lastLine() const;
    };

    /// Listens on this thread, until destroyed (another one listening already comes back then).
    NeverAwaitedCoroutines();
    ~NeverAwaitedCoroutines();
    NeverAwaitedCoroutines(const NeverAwaitedCoroutines &) = delete;
    NeverAwaitedCoroutines &operator=(const NeverAwaitedCoroutines &) = delete;

    /// In the order they came, each place and text once.
    const std::vector<Warning> &warnings() const { return m_warnings; }

    /// Told by a Coroutine freed unawaited; nothing happens when no one listens on this thread.
    static void coroutineFreed(const QString &coroutine);
    /// Whether someone listens on this thread: a coroutine asks before it makes its name.
    static bool isListening();

    /// While one lives, @p locate (with @p context) says where the recipe stands on this thread.
    class Locating
    {
    public:
        Locating(Locate locate, const void *context);
        ~Locating();
        Locating(const Locating &) = delete;
        Locating &operator=(const Locating &) = delete;

    private:
        Locate m_previousLocate;
        const void *m_previousContext;
    };

private:
    void freed(const QString &coroutine);

    NeverAwaitedCoroutines *m_previous;
    Locate m_locate = nullptr;
    const void *m_context = nullptr;
    std::vector<Warning> m_warnings;
    std::set<std::pair<int, QString>> m_shown;
};

} // namespace recipe
