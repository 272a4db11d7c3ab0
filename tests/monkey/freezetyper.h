// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <atomic>
#include <thread>

class ActionJournal;
class FreezeWatchdog;
class QWindow;

/**
 * The impatient user: while a bake blocks the GUI thread, presses the
 * window's shortcuts from another thread, as the window system would queue
 * them, stamped with the moment they were made. Those presses are to be
 * swallowed and reported by the window once the freeze ends; whether any of
 * them ran anyway is for the monkey to see (keyPressInFlight()).
 */
class FreezeTyper
{
public:
    /// The GUI thread must have been silent this long before the typer believes in a freeze.
    static constexpr qint64 freezeThresholdMs = 150;

    FreezeTyper(QWindow *window, const FreezeWatchdog *watchdog, ActionJournal *journal, quint32 seed);
    ~FreezeTyper();
    FreezeTyper(const FreezeTyper &) = delete;
    FreezeTyper &operator=(const FreezeTyper &) = delete;

    void start();
    /// Asks the typer to stop; it may be waiting for the GUI thread to take a key, so keep the loop turning.
    void requestStop() { m_stopping = true; }
    /// True once the typer has nothing in flight and will send nothing more.
    bool hasStopped() const { return m_stopped.load(); }
    /// Joins the thread; call only once hasStopped().
    void join();

    /// True from just before a key press made during a freeze is queued until the GUI thread has taken it.
    bool keyPressInFlight() const { return m_pressInFlight.load(); }
    int keysPressed() const { return m_keysPressed.load(); }

private:
    void run();

    QWindow *m_window;
    const FreezeWatchdog *m_watchdog;
    ActionJournal *m_journal;
    const quint32 m_seed;
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_stopped{false};
    std::atomic<bool> m_pressInFlight{false};
    std::atomic<int> m_keysPressed{0};
    std::thread m_thread;
};
