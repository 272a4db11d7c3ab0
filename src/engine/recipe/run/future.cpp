// SPDX-License-Identifier: MIT
#include "future.h"

#include "pythontext.h"

#include <algorithm>
#include <iterator>

namespace recipe {

// A task and its frame are one heap block: 8 bytes more would cost malloc 16 for most of them.
static_assert(sizeof(Future) <= 128);

Future::Future(EventLoop *loop)
    : m_loop(loop)
{
    if (CycleBreaker *breaker = CycleBreaker::current())
        breaker->add(this);
}

Future::~Future()
{
    CycleBreaker::remove(*this);
}

FuturePtr Future::task(EventLoop *loop, std::unique_ptr<Frame> frame, int number)
{
    static_assert(sizeof(Future) % alignof(Frame) == 0, "the frame's room must start aligned");
    if (!frame) {
        auto task = FuturePtr::make(loop);
        task->makeTask(nullptr, number);
        return task;
    }
    void *block = ::operator new(sizeof(Future) + Frame::blockBytes(frame->code));
    Future *made = nullptr;
    try {
        made = ::new (block) Future(loop);
    } catch (...) {
        ::operator delete(block);
        throw;
    }
    FuturePtr task(made);
    task->makeTask(nullptr, number);
    task->m_code = frame->code;
    task->frames.setBottomInPlace(Frame::moveInto(made + 1, *frame));
    return task;
}

Future::Rare &Future::rare()
{
    if (!m_rare)
        m_rare = std::make_unique<Rare>();
    return *m_rare;
}

const HeapOptional<RecipeError> &Future::errorToLog() const
{
    static const HeapOptional<RecipeError> none;
    return m_rare ? m_rare->error : none;
}

std::optional<RecipeError> Future::takeResumeError()
{
    if (!m_rare || !m_rare->resumeError)
        return std::nullopt;
    std::optional<RecipeError> error = *m_rare->resumeError;
    m_rare->resumeError.reset();
    return error;
}

Future::Held Future::releaseHeld()
{
    Held held;
    held.frames = frames.takeAll(held.inPlaceValues);
    held.result = std::move(m_result);
    if (m_firstCallback)
        held.callbacks.push_back(std::move(m_firstCallback));
    if (m_rare) {
        std::move(m_rare->moreCallbacks.begin(), m_rare->moreCallbacks.end(), std::back_inserter(held.callbacks));
        m_rare->moreCallbacks.clear();
    }
    frames.clear();
    m_result = Value();
    resumeReady = false;
    sleeping = false;
    return held;
}

void Future::setResult(const Value &result)
{
    if (m_done)
        return;
    m_done = true;
    m_result = result;
    scheduleCallbacks();
}

void Future::setError(const RecipeError &error)
{
    if (m_done)
        return;
    m_done = true;
    rare().error = error;
    // A task that ended cancelled is cancelled, not failed: asyncio logs nothing of it, and awaiting it raises
    // CancelledError. A gathering whose child was cancelled has the error, as _GatheringFuture sets it.
    if (m_isTask && error.type == QLatin1String("asyncio.exceptions.CancelledError"))
        m_cancelled = true;
    else
        m_errorUnretrieved = true;
    scheduleCallbacks();
}

void Future::addDoneCallback(EventLoop::Callback callback)
{
    if (m_done) {
        m_loop->post(std::move(callback));
        return;
    }
    if (!m_firstCallback)
        m_firstCallback = std::move(callback);
    else
        rare().moreCallbacks.push_back(std::move(callback));
}

void Future::scheduleCallbacks()
{
    // In the order they were added, as asyncio calls them.
    if (m_firstCallback)
        m_loop->post(std::move(m_firstCallback));
    if (m_rare) {
        // Taken first: a callback posted may not run before this returns, but the loop may be the one to end.
        std::vector<EventLoop::Callback> more = std::move(m_rare->moreCallbacks);
        m_rare->moreCallbacks.clear();
        for (EventLoop::Callback &callback : more)
            m_loop->post(std::move(callback));
    }
}

int Future::uncancel()
{
    if (!m_rare || m_rare->cancelsRequested == 0)
        return 0;
    return --m_rare->cancelsRequested;
}

bool Future::cancelWaiting(const QString &message)
{
    if (m_done)
        return false;
    m_done = true;
    m_cancelled = true;
    rare().error = RecipeError{QStringLiteral("asyncio.exceptions.CancelledError"), message, 0, QString(),
                               message.isEmpty() ? QString() : PythonText::stringRepr(message)};
    scheduleCallbacks();
    return true;
}

void Future::cancel()
{
    if (m_done)
        return;
    m_cancelled = true;
    sleeping = false;
    frames.clear();
    m_done = true;
    rare().error = RecipeError{QStringLiteral("asyncio.exceptions.CancelledError"), QString(), 0, QString()};
    // Nobody is left to hear of it: asyncio.run cancels its remaining tasks only as it ends.
    m_firstCallback = {};
    m_rare->moreCallbacks.clear();
}

} // namespace recipe
