// SPDX-License-Identifier: MIT
#include "freezetyper.h"

#include "actionjournal.h"
#include "freezewatchdog.h"
#include "monkeykeys.h"

#include <QKeySequence>
#include <QTest>

#include <chrono>
#include <random>

namespace {
constexpr std::chrono::milliseconds pollInterval{20};
} // namespace

FreezeTyper::FreezeTyper(QWindow *window, const FreezeWatchdog *watchdog, ActionJournal *journal, quint32 seed)
    : m_window(window)
    , m_watchdog(watchdog)
    , m_journal(journal)
    , m_seed(seed)
{
}

FreezeTyper::~FreezeTyper()
{
    m_stopping = true;
    join();
}

void FreezeTyper::start()
{
    m_thread = std::thread([this] { run(); });
}

void FreezeTyper::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

void FreezeTyper::run()
{
    // A generator of its own: the GUI thread's draws stay the same whatever the typer does.
    std::mt19937 random(m_seed ^ 0x9e3779b9u);
    const std::vector<MonkeyKey> &keys = MonkeyKeys::shortcuts();
    quint64 typedInBake = 0;
    while (!m_stopping) {
        std::this_thread::sleep_for(pollInterval);
        const quint64 bake = m_watchdog->bakesStarted();
        if (bake == typedInBake || !m_watchdog->isBlockingBakeRunning()
            || m_watchdog->silentForMs() < freezeThresholdMs)
            continue;
        // One key a freeze: the call below returns only once the freeze is over, and a second key pressed
        // then would be an ordinary one.
        typedInBake = bake;
        const MonkeyKey &key = keys[std::uniform_int_distribution<std::size_t>(0, keys.size() - 1)(random)];
        m_journal->record(QStringLiteral("typer: %1 during the freeze").arg(key.name()));
        ++m_keysPressed;
        // One event with its modifiers, stamped now: a separate Ctrl press first would carry the stamp instead.
        // From this thread the press is queued as the window system queues it, and this call returns once the
        // GUI thread has taken it.
        m_pressInFlight = true;
        qt_handleKeyEvent(m_window, QEvent::KeyPress, key.key, key.modifiers);
        m_pressInFlight = false;
        qt_handleKeyEvent(m_window, QEvent::KeyRelease, key.key, key.modifiers);
    }
    m_stopped = true;
}
