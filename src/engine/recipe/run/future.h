// SPDX-License-Identifier: MIT
#pragma once

#include "cyclebreaker.h"
#include "eventloop.h"
#include "frame.h"
#include "framestack.h"
#include "heapoptional.h"
#include "recipeerror.h"
#include "ref.h"
#include "value.h"

#include <memory>
#include <optional>
#include <vector>

namespace recipe {

/**
 * asyncio's Future, and with frames of its own its Task: a result that
 * comes later. Its done callbacks run through the loop's ready queue, never
 * inline: a task that awaits another wakes on the iteration after the other
 * finished, as in CPython.
 */
class Future : public RefCounted, public CycleBreaker::Link
{
public:
    explicit Future(EventLoop *loop);
    ~Future();
    /// Frees the block the future was made in: its own, or with task() its frame's too.
    static void operator delete(void *future) { ::operator delete(future); }
    /**
     * A task numbered @p number that runs @p frame (null for a task of
     * asyncio.sleep alone, which is given its frame later), made with the
     * frame in its own block: the frame's values move there and @p frame is
     * freed. A task and its coroutine's frame were two heap blocks, and a
     * million tasks paid for each.
     */
    static FuturePtr task(EventLoop *loop, std::unique_ptr<Frame> frame, int number);
    Future(const Future &) = delete;
    Future &operator=(const Future &) = delete;

    /// What a future holds that may hold it back: given up whole when the recipe has ended.
    struct Held {
        std::vector<EventLoop::Callback> callbacks;
        FrameStack frames;
        /// The values of a frame kept in the future's own block, which may be freed before the rest is dropped.
        std::vector<Value> inPlaceValues;
        Value result;
    };
    Held releaseHeld();

    bool isDone() const { return m_done; }
    const Value &result() const { return m_result; }
    /// As asyncio's exception() and result(): asking for the error retrieves it, so it is not logged as never
    /// retrieved.
    const HeapOptional<RecipeError> &error()
    {
        m_errorUnretrieved = false;
        return errorToLog();
    }
    /// An error set that nobody has asked for: asyncio logs "Task exception was never retrieved" for it.
    bool hasUnretrievedError() const { return m_errorUnretrieved; }
    /// The error without retrieving it, as asyncio's log of it reads it.
    const HeapOptional<RecipeError> &errorToLog() const;
    void setResult(const Value &result);
    void setError(const RecipeError &error);
    /// Runs @p callback on the loop once done: the next iteration if it is done already.
    void addDoneCallback(EventLoop::Callback callback);

    // A task: a coroutine run by the loop, its frames stacked as it awaits coroutine in coroutine.
    bool isTask() const { return m_isTask; }
    void makeTask(std::unique_ptr<Frame> frame, int number)
    {
        m_isTask = true;
        spare() = std::uint32_t(number);
        m_code = frame ? frame->code : nullptr;
        if (frame)
            frames.push_back(std::move(frame));
    }
    int number() const { return int(spare()); }
    /// The code of the coroutine the task was made for (null for a task of asyncio.sleep alone).
    const CodeObject *code() const { return m_code; }
    /// Asked to stop (asyncio.run ends with this task still pending): it ends without running again.
    void cancel();
    /// A plain future's cancel(), as a resource's waiter is cancelled: done and cancelled, its callbacks
    /// scheduled as for any end; false when it was done already.
    bool cancelWaiting(const QString &message = QString());
    bool isCancelled() const { return m_cancelled; }
    /// task.cancel() taken once more, as Task counts them for uncancel().
    void countCancelRequest() { ++rare().cancelsRequested; }
    /// task.uncancel(): one request fewer (none below zero); the requests left.
    int uncancel();
    /// task.cancelling(): the cancel requests not taken back.
    int cancelsRequested() const { return m_rare ? m_rare->cancelsRequested : 0; }
    /// The message of the last cancel(msg), which the CancelledError it raises carries; empty without one.
    QString cancelMessage() const { return m_rare ? m_rare->cancelMessage : QString(); }
    void setCancelMessage(const QString &message)
    {
        if (m_rare || !message.isEmpty())
            rare().cancelMessage = message;
    }

    FrameStack frames;
    /// Gives the task an error to resume with, raised at its Await. A value it resumes with goes on its frame's
    /// stack instead (Interpreter::resumeWith).
    void setResumeError(const RecipeError &error) { rare().resumeError = error; }
    /// The error the task resumes with, if it has one, taken: it is raised once.
    std::optional<RecipeError> takeResumeError();
    /// Whether what it resumes with is a CancelledError already (a cancel that reached where it waited).
    bool resumesCancelled() const
    {
        return m_rare && m_rare->resumeError
            && m_rare->resumeError->type == QLatin1String("asyncio.exceptions.CancelledError");
    }

private:
    /// What few futures ever have, in a block made for the first of them: an error, one to resume with, more
    /// than one done callback. Each took a word of every future, and a million tasks paid for all three.
    struct Rare {
        HeapOptional<RecipeError> error;
        HeapOptional<RecipeError> resumeError;
        std::vector<EventLoop::Callback> moreCallbacks;
        int cancelsRequested = 0;
        QString cancelMessage;
    };
    Rare &rare();
    void scheduleCallbacks();

    // Pointers and values first, then the int and every flag in one word: a million tasks pay for every gap, and
    // a task with its first frame is a heap block whose size malloc rounds up to 16 bytes. The task's number is
    // kept in the word RefCounted leaves spare.
    EventLoop *m_loop;
    Value m_result;
    std::unique_ptr<Rare> m_rare;
    /// The done callbacks: nearly every future has one (its awaiter, or its gather), kept here without an
    /// allocation; any more wait in the rare block.
    EventLoop::Callback m_firstCallback;
    const CodeObject *m_code = nullptr;

public:
    /// Which of --cakes' copies the task bakes (1 and up; a task made by another inherits its cake), what its
    /// printed lines begin with; 0 when there is one cake, and nothing is prefixed.
    int cake = 0;
    /// Whether it waits in asyncio.sleep: its wake-up is on the loop's timers. A cancelled task's wake-up finds it
    /// done and does nothing.
    bool sleeping : 1 = false;
    /// Whether it has been given what its Await resumes with, and waits only for its turn in the ready queue.
    bool resumeReady : 1 = false;
    /// Whether it waits for another future, which its frame keeps on top of its stack until it resumes.
    bool awaitsFuture : 1 = false;
    /// task.cancel() came while it could not take the CancelledError yet: its next step raises it.
    bool cancelRequested : 1 = false;

private:
    bool m_done : 1 = false;
    bool m_cancelled : 1 = false;
    bool m_isTask : 1 = false;
    bool m_errorUnretrieved : 1 = false;
};

} // namespace recipe
