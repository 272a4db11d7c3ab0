// SPDX-License-Identifier: MIT
#include "gathering.h"

#include <QScopeGuard>

#include <limits>
#include <memory>
#include <span>

namespace recipe {

Gathering::Gathering(EventLoop *loop, std::vector<FuturePtr> &made, bool returnExceptions)
    : Future(loop)
    , m_count(std::uint32_t(made.size()))
    , m_returnExceptions(returnExceptions)
{
    static_assert(sizeof(Gathering) % alignof(FuturePtr) == 0, "the children's room must start aligned");
    for (std::uint32_t index = 0; index < m_count; ++index)
        ::new (static_cast<void *>(children() + index)) FuturePtr(std::move(made[index]));
}

Gathering::~Gathering()
{
    std::destroy_n(children(), m_count);
}

FuturePtr Gathering::over(std::vector<FuturePtr> children, bool returnExceptions, EventLoop &loop)
{
    Q_ASSERT(children.size() <= std::numeric_limits<std::uint32_t>::max());
    void *block = ::operator new(sizeof(Gathering) + children.size() * sizeof(FuturePtr));
    const Ref<Gathering> gathering(::new (block) Gathering(&loop, children, returnExceptions));
    for (std::uint32_t index = 0; index < gathering->m_count; ++index)
        gathering->children()[index]->addDoneCallback([gathering, index] { gathering->childDone(index); });
    return FuturePtr(gathering.get());
}

void Gathering::childDone(std::size_t index)
{
    FuturePtr &slot = children()[index];
    Future &child = *slot;
    // gather asks every child that ends for its error, so none is logged as never retrieved.
    child.error();
    ++m_finished;
    // A child is let go as soon as nothing more is wanted of it: after the gathering is done, or when it ended with
    // None, which an empty place stands for. A million gathered cakes are then freed one by one as they end, not
    // all at once when the gathering goes.
    const auto letGoOfChild = qScopeGuard([&] {
        if (isDone() || (!child.error() && child.result().isNone()))
            slot.reset();
    });
    if (isDone())
        return;
    if (!m_returnExceptions && child.error()) {
        setError(*child.error());
        return;
    }
    if (m_finished < m_count)
        return;
    if (cancelRequested) {
        setError(RecipeError{QStringLiteral("asyncio.exceptions.CancelledError"), QString(), 0, QString()});
        return;
    }
    std::vector<Value> results;
    results.reserve(m_count);
    for (const FuturePtr &each : std::span(children(), m_count)) {
        if (!each) // ended with None, and let go
            results.emplace_back();
        else if (const HeapOptional<RecipeError> &error = each->error()) {
            // With return_exceptions, a child that raised gives its exception in its place; one cancelled a
            // CancelledError('') made for the place, as _GatheringFuture makes it.
            RecipeError placed = *error;
            if (each->isCancelled())
                placed.argumentsRepr = QStringLiteral("''");
            results.push_back(Value(Value::Data(Value::ErrorPtr::make(std::move(placed)))));
        } else
            results.push_back(each->result());
    }
    setResult(Value::list(std::move(results)));
    // Every child has ended and given its result: none is wanted any more.
    for (FuturePtr &each : std::span(children(), m_count))
        each.reset();
}

} // namespace recipe
