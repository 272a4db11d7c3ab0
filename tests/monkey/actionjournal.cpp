// SPDX-License-Identifier: MIT
#include "actionjournal.h"

#include <QRegularExpression>
#include <QtGlobal>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <thread>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
#include <sanitizer/common_interface_defs.h>
#define BAKELOOP_MONKEY_SANITIZED 1
#endif

namespace {
std::atomic<ActionJournal *> installedJournal{nullptr};
QtMessageHandler previousHandler = nullptr;

const char *messageTypeName(QtMsgType type)
{
    switch (type) {
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    default:
        return "message";
    }
}

/// Warnings that come from the platform the test runs on, not from anything the window does.
bool isPlatformNoise(const QString &message)
{
    // QPlatformWindow's defaults when the plugin lacks a window operation: the offscreen plugin has no raise(),
    // no keyboard or mouse grab, no size hints for a window manager. Menus and full screen ask for them.
    return message.startsWith(QLatin1String("This plugin does not support "));
}

void failOnWarning(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    ActionJournal *journal = installedJournal.load();
    const QString category = QLatin1String(context.category ? context.category : "default");
    const QString failure
        = QStringLiteral("Qt %1 [%2]: %3").arg(QLatin1String(messageTypeName(type)), category, message);
    const bool failing = (type == QtWarningMsg && !isPlatformNoise(message)) || type == QtCriticalMsg;
    if (journal && (type == QtFatalMsg || (failing && !journal->tolerates(failure))))
        journal->fail(failure);
    if (previousHandler)
        previousHandler(type, context, message);
}

void printOnDeath()
{
    if (ActionJournal *journal = installedJournal.load())
        journal->fail(QStringLiteral("the process is dying (see the report above)"));
}

void printOnSignal(int signal)
{
    // Best effort: the journal's printing is not async-signal-safe, but the process is lost anyway.
    std::signal(signal, SIG_DFL);
    if (ActionJournal *journal = installedJournal.exchange(nullptr))
        journal->printFailure(QStringLiteral("signal %1").arg(signal));
    std::raise(signal);
}
} // namespace

ActionJournal::ActionJournal(quint32 seed)
    : m_seed(seed)
{
    m_clock.start();
    ActionJournal *none = nullptr;
    installedJournal.compare_exchange_strong(none, this);
}

ActionJournal::~ActionJournal()
{
    ActionJournal *self = this;
    if (installedJournal.compare_exchange_strong(self, nullptr))
        qInstallMessageHandler(previousHandler);
}

ActionJournal *ActionJournal::installed()
{
    return installedJournal.load();
}

qint64 ActionJournal::actionCount() const
{
    std::lock_guard lock(m_mutex);
    return m_actionCount;
}

void ActionJournal::record(const QString &action)
{
    const std::string line
        = QStringLiteral("#%1 at %2 ms: %3").arg(m_actionCount + 1).arg(elapsedMs()).arg(action).toStdString();
    std::lock_guard lock(m_mutex);
    ++m_actionCount;
    m_lastActions.push_back(line);
    if (m_lastActions.size() > keptActions)
        m_lastActions.pop_front();
}

bool ActionJournal::tolerates(const QString &failure)
{
    static const QRegularExpression tolerated(qEnvironmentVariable("BAKELOOP_MONKEY_TOLERATE"));
    if (tolerated.pattern().isEmpty() || !tolerated.isValid() || !tolerated.match(failure).hasMatch())
        return false;
    record(QStringLiteral("tolerated (BAKELOOP_MONKEY_TOLERATE): %1").arg(failure));
    // Each kind once on standard error, so that a passing run still says what it looked past.
    const std::string text = failure.toStdString();
    std::lock_guard lock(m_mutex);
    if (m_toleratedFailures.insert(text).second)
        std::fprintf(stderr, "monkey: tolerated: %s\n", text.c_str());
    return true;
}

void ActionJournal::fail(const QString &why)
{
    // Only the first failure speaks; another thread failing meanwhile waits here until the process ends.
    static std::atomic_flag failing = ATOMIC_FLAG_INIT;
    if (failing.test_and_set()) {
        for (;;)
            std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    printFailure(why);
    std::_Exit(EXIT_FAILURE);
}

void ActionJournal::printFailure(const QString &why) const
{
    std::fprintf(stderr, "\nMONKEY FAILURE after %lld ms: %s\n", static_cast<long long>(elapsedMs()),
                 why.toLocal8Bit().constData());
    // The failing thread may hold the lock (a warning raised while recording); then print without it.
    std::unique_lock lock(m_mutex, std::defer_lock);
    const bool locked = lock.try_lock();
    Q_UNUSED(locked)
    // The actions follow from the seed alone; a replay only has to run at least as long as this one did.
    std::fprintf(stderr, "seed %u: replay with BAKELOOP_MONKEY_SEED=%u, for at least %lld s\n", m_seed, m_seed,
                 static_cast<long long>(elapsedMs() / 1000 + 1));
    std::fprintf(stderr, "%lld actions in all; the last %zu:\n", static_cast<long long>(m_actionCount),
                 m_lastActions.size());
    for (const std::string &line : m_lastActions)
        std::fprintf(stderr, "  %s\n", line.c_str());
}

void ActionJournal::failOnQtWarnings()
{
    previousHandler = qInstallMessageHandler(failOnWarning);
}

void ActionJournal::reportOnCrash()
{
#ifdef BAKELOOP_MONKEY_SANITIZED
    // The sanitizer has printed its report; add what the monkey did before it. Its own handlers of SIGSEGV
    // and the like stay in place, or its reports would be lost; only an abort is left to us.
    __sanitizer_set_death_callback(printOnDeath);
    std::signal(SIGABRT, printOnSignal);
#else
    Q_UNUSED(printOnDeath)
    for (const int signal : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL})
        std::signal(signal, printOnSignal);
#endif
}
