// SPDX-License-Identifier: MIT
#pragma once

#include "loopcallback.h"
#include "ref.h"

#include <QtGlobal>

#include <cstdint>
#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

namespace recipe {

/**
 * The scheduling core of CPython 3.11's asyncio event loop, without I/O:
 * a FIFO ready queue (call_soon) and a heap of timers (call_at), run one
 * iteration at a time exactly as BaseEventLoop._run_once does. An
 * iteration first moves every timer due by the clock's reading to the back
 * of the ready queue, in order of their times (ties in the order they were
 * set), then runs the callbacks that were ready as it began; what they make
 * ready runs on the next iteration.
 *
 * It owns no clock and no timer: the driver reads the time, sleeps (on a
 * QTimer, or blocking) for timeUntilNextNs(), and calls runOnce(). So the
 * same loop runs a recipe in the window, headless, and in a test with a
 * clock of its own.
 */
class EventLoop
{
public:
    using Callback = LoopCallback;
    /// What a wake-up set by wakeAt() runs once its turn comes, with the object it wakes: one function for the
    /// whole loop, given by whoever runs it, so that a timer of a sleeping task holds no callback of its own.
    using Wake = void (*)(void *context, RefCounted &sleeper);

    explicit EventLoop(Wake wake = nullptr, void *wakeContext = nullptr)
        : m_wake(wake)
        , m_wakeContext(wakeContext)
    {
    }
    EventLoop(EventLoop &&other) noexcept;
    EventLoop &operator=(EventLoop &&other) noexcept;
    /// Lets go of the sleepers of the wake-ups still set.
    ~EventLoop();
    /// What call_soon and call_at return: cancel() it to drop the callback before it runs.
    class Handle : public RefCounted
    {
    public:
        void cancel() { m_cancelled = true; }
        bool isCancelled() const { return m_cancelled; }

    private:
        bool m_cancelled = false;
    };
    /// One word, so that an entry of the ready queue (a handle and a callback) is 40 bytes.
    using HandlePtr = Ref<Handle>;

    /// loop.call_soon: ready for the next iteration, after everything ready already.
    HandlePtr callSoon(Callback callback);
    /// callSoon() for a callback nothing will cancel (a task's next step, a future's done callbacks): no handle
    /// is made for it, which a wake-up of each of a million tasks would pay for.
    void post(Callback callback);
    /// loop.call_at: ready on the first iteration whose clock reading has reached @p whenNs.
    HandlePtr callAt(qint64 whenNs, Callback callback);
    /// callAt() for a timer nothing will cancel (a sleeping task's wake-up, whose loop is dropped whole if the task
    /// is cancelled): no handle is made for it.
    void postAt(qint64 whenNs, Callback callback);
    /// A timer that, at @p whenNs, puts the loop's Wake for @p sleeper (held until then) in the ready queue: a
    /// sleeping task's timer, in 24 bytes where a timer with a callback takes 64.
    void wakeAt(qint64 whenNs, RefCounted &sleeper);
    /**
     * Takes back @p sleeper's wake-up (a cancelled sleep): it will not run. A
     * sleeper has one wake-up set at a time, and this is called only while it
     * has. The timer is left where it is, marked, and dropped with its hold
     * when it comes to the front, or when marked timers grow to half of all:
     * a search of every timer at each cancel made a recipe that cancels
     * thousands of sleeps among thousands of timers quadratic.
     */
    void forgetWake(RefCounted &sleeper);

    /**
     * One iteration at @p nowNs on the loop's clock: moves the timers due by
     * then to the ready queue and runs the callbacks ready as it began, in
     * order. Returns how many ran.
     */
    int runOnce(qint64 nowNs);
    /**
     * Runs at most @p most callbacks of an iteration, so that a driver on the
     * window's thread can hand the thread back between slices of an
     * iteration that wakes a million tasks. A new iteration (the timers due
     * at @p nowNs joining the ready queue) begins only once the last has run
     * to its end; what is left of one runs first on the next call, before
     * anything made ready since, so the order is the one runOnce() keeps.
     * runOnce() is runSome() without a bound. Returns how many ran.
     */
    int runSome(qint64 nowNs, std::size_t most);
    /// Whether an iteration was cut short by runSome() and has callbacks left to run.
    bool isInIteration() const { return m_leftInIteration > 0; }

    /// Whether anything is ready or waiting on a timer (cancelled timers not counted once they reach the front).
    bool hasWork();
    /// How long after @p nowNs the next iteration has work: 0 when something is ready, -1 when nothing waits.
    qint64 timeUntilNextNs(qint64 nowNs);
    /// Callbacks ready to run and timers set (cancelled ones may still be counted among the timers).
    std::size_t readyCount() const { return m_ready.size(); }
    std::size_t timerCount() const { return m_timers.size() + m_timersInOrder.size(); }

private:
    struct Entry {
        HandlePtr handle;
        Callback callback;
    };
    /// A timer in the heap: its time, its order and what it runs. Small and trivially copied, as the heap moves
    /// each timer a logarithm of their number of times.
    struct Timer {
        qint64 whenNs;
        /// Twice the number of timers set before it, so ties between equal times go to the timer set first; plus
        /// one for a wake-up.
        std::uint64_t order;
        /// A wake-up's sleeper (a hold made by retain()), or the slot of the timer's entry in m_timerEntries.
        std::uintptr_t target;
        bool isWake() const { return order & 1; }
    };
    struct LaterFirst {
        bool operator()(const Timer &a, const Timer &b) const
        {
            return a.whenNs != b.whenNs ? a.whenNs > b.whenNs : a.order > b.order;
        }
    };
    void pushTimer(qint64 whenNs, Entry entry);
    /// Files @p timer with the others: at the back of the run in order when it comes no earlier than its last.
    void addTimer(const Timer &timer);
    /// The earliest timer (ties to the one set first) of the run in order and the heap; there must be one.
    const Timer &frontTimer() const;
    /// Whether frontTimer() is the run in order's (else the heap's).
    bool frontTimerIsInOrder() const;
    bool hasTimers() const { return !m_timers.empty() || !m_timersInOrder.empty(); }
    /// Takes the earliest timer off the run in order or the heap, as it is.
    Timer takeFrontTimer();
    /// What @p timer runs as it joins the ready queue; a timer with an entry gives its slot back.
    Entry entryOf(const Timer &timer);
    /// Whether @p timer is a wake-up that forgetWake() took back.
    bool isForgotten(const Timer &timer) const;
    /// Lets go of a forgotten wake-up taken off the timers.
    void dropForgotten(const Timer &timer);
    /// Drops every forgotten wake-up at once, wherever it stands.
    void sweepForgotten();
    /// Whether the front timer is cancelled (a handle's) or forgotten (a wake-up's).
    bool frontTimerIsCancelled() const;
    /// Drops cancelled timers from the front of the heap, as _run_once does before it computes its timeout.
    void dropCancelledTimers();

    /// Lets go of every wake-up's sleeper; the loop is left empty.
    void releaseWakes();

    Wake m_wake;
    void *m_wakeContext;
    std::deque<Entry> m_ready;
    /// The timers set no earlier than the last one before them, as a loop of tasks that each sleep the same step
    /// sets nearly all of them: in order already, so they queue at the back and leave from the front, without the
    /// heap's sifting, and a deque grows by blocks where the heap's vector would hold its old and new array at once.
    std::deque<Timer> m_timersInOrder;
    /// The other timers, a heap (std::push_heap with LaterFirst) on a vector: a deque's iterators made each pop
    /// cost a thousand instructions.
    std::vector<Timer> m_timers;
    /// The timers' entries, by slot, on a deque, which grows by blocks (a vector's doubling would hold the old
    /// and the new array at once); a slot freed when its timer runs is given to the next timer set.
    std::deque<Entry> m_timerEntries;
    std::vector<std::uint32_t> m_freeTimerSlots;
    std::uint64_t m_timersSet = 0;
    /// Sleepers with forgotten wake-ups still among the timers: each of their wake-ups set before setBefore is
    /// forgotten, and left of them are still there. Holding their sleepers, those timers keep them at their
    /// addresses, so an address names one sleeper for as long as it is a key here.
    struct ForgottenWakes {
        std::uint64_t setBefore;
        std::size_t left;
    };
    std::unordered_map<std::uintptr_t, ForgottenWakes> m_forgottenWakes;
    std::size_t m_forgottenTimers = 0;
    /// Callbacks of the current iteration not run yet: the front of m_ready.
    std::size_t m_leftInIteration = 0;
};

} // namespace recipe
