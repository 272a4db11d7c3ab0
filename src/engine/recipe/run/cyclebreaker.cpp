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
/// Puts @p member first in the roll closed by @p head.
void join(CycleBreaker::Link &head, CycleBreaker::Link &member)
{
    member.previous = &head;
    member.next = head.next;
    head.next->previous = &member;
    head.next = &member;
}
/// Unlinks every member of the roll closed by @p head, leaving it empty.
void unlinkAll(CycleBreaker::Link &head)
{
    while (head.next != &head)
        CycleBreaker::remove(*head.next);
}
} // namespace

CycleBreaker::CycleBreaker()
{
    m_lists.previous = m_lists.next = &m_lists;
    m_futures.previous = m_futures.next = &m_futures;
}

CycleBreaker::~CycleBreaker()
{
    breakAll();
    unlinkAll(m_lists);
    unlinkAll(m_futures);
}

void CycleBreaker::add(ListObject *list)
{
    join(m_lists, *list);
}

void CycleBreaker::add(Future *future)
{
    join(m_futures, *future);
}

void CycleBreaker::remove(Link &member)
{
    if (!member.next)
        return;
    member.previous->next = member.next;
    member.next->previous = member.previous;
    member.previous = member.next = nullptr;
}

void CycleBreaker::breakAll()
{
    // Everything is taken out first and dropped only after: dropping frees lists and futures, which leave the
    // rolls as they go, and no roll may change while it is walked.
    std::vector<std::vector<Value>> items;
    for (Link *link = m_lists.next; link != &m_lists; link = link->next)
        items.push_back(std::move(static_cast<ListObject *>(link)->items));
    std::vector<Future::Held> held;
    for (Link *link = m_futures.next; link != &m_futures; link = link->next)
        held.push_back(static_cast<Future *>(link)->releaseHeld());
    items.clear();
    held.clear();
}

} // namespace recipe
