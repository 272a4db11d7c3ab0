// SPDX-License-Identifier: MIT
#include "gathering.h"

namespace recipe {

Gathering::Gathering(EventLoop *loop, std::vector<FuturePtr> children, bool returnExceptions)
    : Future(loop)
    , m_children(std::move(children))
    , m_returnExceptions(returnExceptions)
{
}

FuturePtr Gathering::over(std::vector<FuturePtr> children, bool returnExceptions, EventLoop &loop)
{
    const auto gathering = Ref<Gathering>::make(&loop, std::move(children), returnExceptions);
    for (std::size_t index = 0; index < gathering->m_children.size(); ++index)
        gathering->m_children[index]->addDoneCallback([gathering, index] { gathering->childDone(index); });
    return FuturePtr(gathering.get());
}

void Gathering::childDone(std::size_t index)
{
    Future &child = *m_children[index];
    // gather asks every child that ends for its error, so none is logged as never retrieved.
    child.error();
    ++m_finished;
    if (isDone())
        return;
    if (!m_returnExceptions && child.error()) {
        setError(*child.error());
        return;
    }
    if (m_finished < m_children.size())
        return;
    std::vector<Value> results;
    results.reserve(m_children.size());
    for (const FuturePtr &each : m_children) {
        // With return_exceptions, a child that raised gives its exception in its place.
        if (const HeapOptional<RecipeError> &error = each->error())
            results.push_back(Value(Value::Data(Value::ErrorPtr::make(*error))));
        else
            results.push_back(each->result());
    }
    setResult(Value::list(std::move(results)));
}

} // namespace recipe
