// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <cstdint>
#include <optional>
#include <queue>
#include <vector>

namespace recipe {

/**
 * Who holds CPython 3.11's interpreter lock (the GIL) among a recipe's
 * threads, on one clock: the threaded kitchen runs every thread on one OS
 * thread, which is all the GIL ever lets compute at once. Thread 0 is
 * MainThread and holds the lock at the start. The rules, as ceval_gil.c and
 * threading.py make them:
 * - start(): the new thread takes the lock at once and runs first; its
 *   creator waits for the lock from that moment (Thread.start() waits until
 *   the new thread runs).
 * - sleep() gives the lock up; the sleeper waits for it again from its
 *   wake time. A sleep of 0 keeps it: CPython drops the lock and takes it
 *   back before the waiter it woke gets there, most of the time (a race:
 *   python3 on a loaded machine lets the waiter in now and then).
 * - join() of a thread still running gives the lock up until that thread
 *   ends; end() makes its joiners wait for the lock from then.
 * - A thread that has waited for the lock for switchIntervalNs while one
 *   holder kept it makes that holder drop it (switchDue()); the holder
 *   waits again from then, behind the others.
 * - block() gives the lock up until wake(): a thread waiting in a lock,
 *   a semaphore, an event or a queue; wake() makes it wait for the lock.
 * - Whenever the lock is free it goes to the thread waiting longest.
 * It knows threads by number only; what they run is the interpreter's.
 */
class ThreadScheduler
{
public:
    using ThreadId = int;
    static constexpr ThreadId mainThread = 0;
    /// sys.getswitchinterval(): how long a waiting thread lets one holder keep the lock.
    static constexpr qint64 switchIntervalNs = 5000000;

    ThreadScheduler();

    /// The holder starts a thread: it holds the lock now, and the holder waits for it. Returns its number.
    ThreadId start(qint64 nowNs);
    /// The holder sleeps for @p ns and gives the lock up; false when it keeps it (a sleep of 0 or less).
    bool sleep(qint64 nowNs, qint64 ns);
    /// The holder waits for @p thread (still running) to end, without the lock.
    void join(ThreadId thread);
    /// The holder's thread has ended: whoever joined it waits for the lock from now.
    void end(qint64 nowNs);
    /// The holder blocks in one of the recipe's locks, semaphores, events or queues, without the interpreter
    /// lock, until wake() (CPython's lock.acquire() gives the interpreter lock up while it waits).
    void block();
    /// @p thread, blocked, may go on: it waits for the interpreter lock from @p nowNs.
    void wake(ThreadId thread, qint64 nowNs);

    /// Whether another thread waits for the lock or sleeps: only then can the holder be asked to drop it.
    bool hasRivals() const { return !m_waiting.empty() || !m_sleeping.empty(); }
    /// Asked at instruction boundaries: true when a thread has waited long enough that the holder drops the lock.
    bool switchDue(qint64 nowNs);
    /// The thread holding the lock at @p nowNs, handing a free lock to the thread waiting longest; none when
    /// every thread sleeps, joins or has ended.
    std::optional<ThreadId> holder(qint64 nowNs);
    /// When the first sleeper wakes, or -1 when none sleeps.
    qint64 nextWakeNs() const;
    bool allEnded() const { return m_running == 0; }
    bool hasEnded(ThreadId thread) const { return m_threads[std::size_t(thread)].ended; }

private:
    struct Thread {
        bool ended = false;
        /// Threads that joined this one, in the order they did.
        std::vector<ThreadId> joiners;
    };
    struct Waiter {
        qint64 sinceNs;
        std::uint64_t order; ///< ties go to the thread that began to wait first
        ThreadId thread;
    };
    struct Sleeper {
        qint64 wakeNs;
        std::uint64_t order;
        ThreadId thread;
        bool operator>(const Sleeper &other) const
        {
            return wakeNs != other.wakeNs ? wakeNs > other.wakeNs : order > other.order;
        }
    };
    void wait(ThreadId thread, qint64 sinceNs);
    void wakeSleepers(qint64 nowNs);

    std::vector<Thread> m_threads;
    int m_running = 1;
    std::optional<ThreadId> m_holder = mainThread;
    qint64 m_heldSinceNs = 0;
    /// Waiting for the lock, longest first.
    std::vector<Waiter> m_waiting;
    std::priority_queue<Sleeper, std::vector<Sleeper>, std::greater<Sleeper>> m_sleeping;
    std::uint64_t m_order = 0;
};

} // namespace recipe
