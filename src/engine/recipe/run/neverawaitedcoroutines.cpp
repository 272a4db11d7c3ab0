// SPDX-License-Identifier: MIT
#include "neverawaitedcoroutines.h"

namespace recipe {

namespace {
thread_local NeverAwaitedCoroutines *listening = nullptr;
} // namespace

NeverAwaitedCoroutines::NeverAwaitedCoroutines()
    : m_previous(listening)
{
    listening = this;
}

NeverAwaitedCoroutines::~NeverAwaitedCoroutines()
{
    listening = m_previous;
}

bool NeverAwaitedCoroutines::isListening()
{
    return listening != nullptr;
}

void NeverAwaitedCoroutines::coroutineFreed(const QString &coroutine)
{
    if (listening)
        listening->freed(coroutine);
}

void NeverAwaitedCoroutines::freed(const QString &coroutine)
{
    const Place place = m_locate ? m_locate(m_context) : Place();
    // Python's "default" action: once for each text at each place (at exit all share sys:1).
    if (!m_shown.insert({place.line, coroutine}).second)
        return;
    m_warnings.push_back({coroutine, place});
}

NeverAwaitedCoroutines::Locating::Locating(Locate locate, const void *context)
    : m_previousLocate(listening ? listening->m_locate : nullptr)
    , m_previousContext(listening ? listening->m_context : nullptr)
{
    if (listening) {
        listening->m_locate = locate;
        listening->m_context = context;
    }
}

NeverAwaitedCoroutines::Locating::~Locating()
{
    if (listening) {
        listening->m_locate = m_previousLocate;
        listening->m_context = m_previousContext;
    }
}

QString NeverAwaitedCoroutines::Warning::lastLine() const
{
    return place.line == atExit
        ? QStringLiteral("sys:1: RuntimeWarning: coroutine '%1' was never awaited").arg(coroutine)
        : QStringLiteral("RuntimeWarning: Enable tracemalloc to get the object allocation traceback");
}

QString NeverAwaitedCoroutines::Warning::text(const QString &fileName, const std::vector<QString> &lines) const
{
    if (place.line == atExit)
        return lastLine() + QLatin1Char('\n');
    // The loop's own frame runs a task's step: CPython names asyncio's events.py, under its own install path,
    // which the kitchen does not know.
    QString where = QStringLiteral("asyncio/events.py:80");
    QString source = QStringLiteral("self._context.run(self._callback, *self._args)");
    if (place.line != inAsyncio) {
        where = QStringLiteral("%1:%2").arg(fileName).arg(place.line);
        source = std::size_t(place.line) <= lines.size() ? lines[std::size_t(place.line) - 1].trimmed() : QString();
    }
    QString text = QStringLiteral("%1: RuntimeWarning: coroutine '%2' was never awaited\n").arg(where, coroutine);
    if (!source.isEmpty())
        text += QStringLiteral("  %1\n").arg(source);
    return text + lastLine() + QLatin1Char('\n');
}

} // namespace recipe
