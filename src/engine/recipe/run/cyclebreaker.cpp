// SPDX-License-Identifier: MIT
#include "cyclebreaker.h"

#include "future.h"
#include "value.h"

#include <vector>

namespace recipe {
namespace {
thread_local CycleBreaker *activeBreaker = nullptr;
} // namespace

CycleBreaker *CycleBreaker::current()
{
    return activeBreaker;
}

CycleBreaker::Active::Active(CycleBreaker *breaker)
    : m_previous(activeBreaker)
{
    activeBreaker = breaker;
}

CycleBreaker::Active::~Active()
{
    activeBreaker = m_previous;
}

void CycleBreaker::breakAll()
{
    // Everything is taken out first and dropped only after: dropping frees lists and futures, which leave the
    // sets as they go, and no set may change while it is walked.
    std::vector<std::vector<Value>> items;
    items.reserve(m_lists.size());
    for (ListObject *list : m_lists)
        items.push_back(std::move(list->items));
    std::vector<Future::Held> held;
    held.reserve(m_futures.size());
    for (Future *future : m_futures)
        held.push_back(future->releaseHeld());
    items.clear();
    held.clear();
}

} // namespace recipe
