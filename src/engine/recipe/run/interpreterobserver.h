// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QtGlobal>

#include <functional>
#include <vector>

namespace recipe {

/**
 * What a window needs to hear from a running recipe and a quiet run does
 * not: which task printed a line, and when each task is made, runs, waits
 * and ends. The Interpreter calls it only when one is set, so a run without
 * one pays a pointer test at each of those points and nothing more. Every
 * call comes on the interpreter's thread, in the middle of its work: an
 * observer notes what it hears and returns, it never calls the interpreter.
 *
 * Tasks are named by their number, as asyncio names them (Task-N); code
 * outside any task (the module, and everything in the blocking twin, which
 * has no tasks) is task 0. A cake is numbered as Interpreter::setCakes
 * numbers them: 0 with one cake, 1 and up with several, -1 for what runs
 * outside the cakes.
 *
 * The threaded twin's tasks are its threads, numbered as threading names
 * them (Thread-N), MainThread being task 0: a thread is made as it starts,
 * tells each time.sleep that gives the interpreter lock up as a blocking
 * sleep, and is finished as it ends; it is never told resumed or suspended,
 * as the lock changes hands far more often than a window needs to hear.
 */
class InterpreterObserver
{
public:
    /// taskSuspended()'s wake time when the task waits for another task or future rather than for a timer.
    static constexpr qint64 awaitsAnother = -1;

    virtual ~InterpreterObserver() = default;

    /// The run's clock, which every time told (a wake, a sleep) is on: given as the interpreter takes the observer,
    /// for one that keeps times of its own.
    virtual void clockIs(const std::function<qint64()> &nowNs) { Q_UNUSED(nowNs) }

    /// Task @p task was made to run @p coroutine (its function's name; empty for a task of asyncio.sleep alone).
    virtual void taskMade(int task, const QString &coroutine, int cake)
    {
        Q_UNUSED(task)
        Q_UNUSED(coroutine)
        Q_UNUSED(cake)
    }
    /// The loop gives @p task the thread: its first step, or a step after a wait.
    virtual void taskResumed(int task) { Q_UNUSED(task) }
    /// @p task yielded: it wakes at @p wakeNs on the loop's clock (now for a sleep of 0), or awaitsAnother.
    virtual void taskSuspended(int task, qint64 wakeNs)
    {
        Q_UNUSED(task)
        Q_UNUSED(wakeNs)
    }
    /// @p task, just suspended, waits in a method of one of asyncio's resources or timeouts: @p method names it as
    /// a deadlock's message does ("Lock.acquire", "Queue.get", "wait_for"), for a window that shows who waits on
    /// what; @p resource is the lock's, semaphore's, event's or queue's number (resourceMade()), 0 for a timeout.
    /// A thread of the threaded twin is told this as it blocks in one.
    virtual void taskWaitsIn(int task, const QString &method, int resource)
    {
        Q_UNUSED(task)
        Q_UNUSED(method)
        Q_UNUSED(resource)
    }
    /// @p task, just suspended, waits for the tasks @p awaited to end: the task it awaits, or those a gather it
    /// awaits still waits for (through gathers within gathers), in argument order.
    virtual void taskAwaits(int task, const std::vector<int> &awaited)
    {
        Q_UNUSED(task)
        Q_UNUSED(awaited)
    }
    /// The recipe made a Lock, Semaphore, Event or Queue (@p type), numbered @p resource from 1 in the run.
    virtual void resourceMade(int resource, const QString &type, const QString &state)
    {
        Q_UNUSED(resource)
        Q_UNUSED(type)
        Q_UNUSED(state)
    }
    /// @p task has done @p method ("Lock.acquire", "Lock.release", "Queue.put_nowait"; async with's way in and
    /// out count as acquire and release) on @p resource, which is @p state now. Questions that change nothing
    /// (locked(), qsize(), ...) are not told.
    virtual void resourceUsed(int task, int resource, const QString &method, const QString &state)
    {
        Q_UNUSED(task)
        Q_UNUSED(resource)
        Q_UNUSED(method)
        Q_UNUSED(state)
    }
    /// @p by's use of a resource (resourceUsed(), told just before) woke @p task, which waited in it: a release
    /// handing the lock on, a set(), a put() for a getter. @p task goes on when it next runs.
    virtual void taskWoken(int task, int by)
    {
        Q_UNUSED(task)
        Q_UNUSED(by)
    }
    /// task.cancel() on @p task was taken, asked by @p by (the running task; 0 for the module's own code, and for
    /// asyncio.run() cancelling what is left as it ends).
    virtual void taskCancelAsked(int task, int by)
    {
        Q_UNUSED(task)
        Q_UNUSED(by)
    }
    /// @p task is about to be told finished, failed: @p error is its exception's last traceback line
    /// ("ValueError: burnt").
    virtual void taskFailed(int task, const QString &error)
    {
        Q_UNUSED(task)
        Q_UNUSED(error)
    }
    /// @p task ended: returned, or raised when @p failed.
    virtual void taskFinished(int task, bool failed)
    {
        Q_UNUSED(task)
        Q_UNUSED(failed)
    }
    /// @p task ended cancelled, and is not told finished: by task.cancel(), or as asyncio.run() ended with it
    /// pending (it runs on to its end first, its finally blocks and all; a task made meanwhile and still pending
    /// after that is cancelled without running again). Another run of the loop makes tasks of its own.
    virtual void taskCancelled(int task) { Q_UNUSED(task) }
    /// print() wrote @p text (without any "cake K: " prefix) from @p function, running in @p task of @p cake.
    virtual void printed(const QString &text, int task, int cake, const QString &function)
    {
        Q_UNUSED(text)
        Q_UNUSED(task)
        Q_UNUSED(cake)
        Q_UNUSED(function)
    }
    /// A blocking sleep of @p ns begins in @p function (time.sleep, or the blocking twin's asyncio.sleep).
    virtual void blockingSleep(qint64 ns, int task, int cake, const QString &function)
    {
        Q_UNUSED(ns)
        Q_UNUSED(task)
        Q_UNUSED(cake)
        Q_UNUSED(function)
    }

protected:
    InterpreterObserver() = default;
    InterpreterObserver(const InterpreterObserver &) = default;
    InterpreterObserver &operator=(const InterpreterObserver &) = default;
};

} // namespace recipe
