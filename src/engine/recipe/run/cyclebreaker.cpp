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

namespace {
/// Puts @p member first in the roll that starts at @p first.
template<typename Member>
void join(Member *&first, Member *member)
{
    member->breakerPlace.next = first;
    if (first)
        first->breakerPlace.previous = member;
    first = member;
}

/// Takes @p member out of the roll that starts at @p first.
template<typename Member>
void leave(Member *&first, Member *member)
{
    auto &place = member->breakerPlace;
    (place.previous ? place.previous->breakerPlace.next : first) = place.next;
    if (place.next)
        place.next->breakerPlace.previous = place.previous;
    place = {};
}
} // namespace

void CycleBreaker::add(ListObject *list)
{
    join(m_lists, list);
}

void CycleBreaker::remove(ListObject *list)
{
    leave(m_lists, list);
}

void CycleBreaker::add(Future *future)
{
    join(m_futures, future);
}

void CycleBreaker::remove(Future *future)
{
    leave(m_futures, future);
}

void CycleBreaker::breakAll()
{
    // Everything is taken out first and dropped only after: dropping frees lists and futures, which leave the
    // rolls as they go, and no roll may change while it is walked.
    std::vector<std::vector<Value>> items;
    for (ListObject *list = m_lists; list; list = list->breakerPlace.next)
        items.push_back(std::move(list->items));
    std::vector<Future::Held> held;
    for (Future *future = m_futures; future; future = future->breakerPlace.next)
        held.push_back(future->releaseHeld());
    items.clear();
    held.clear();
}

} // namespace recipe
