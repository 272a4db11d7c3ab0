// SPDX-License-Identifier: MIT
#pragma once

#include <unordered_set>

namespace recipe {

class Future;
struct ListObject;

/**
 * Frees what only a cycle keeps alive once a recipe has ended. Values are
 * shared, and a recipe can make them hold each other (a list that holds
 * itself, a future whose callback holds the future): Python's collector
 * frees those, reference counts alone never would. Every list and future
 * made while a breaker is active joins it; breakAll() empties them all, and
 * what nothing else held goes with it.
 */
class CycleBreaker
{
public:
    CycleBreaker() = default;
    CycleBreaker(const CycleBreaker &) = delete;
    CycleBreaker &operator=(const CycleBreaker &) = delete;
    ~CycleBreaker() { breakAll(); }

    /// The breaker of the recipe running on this thread, or none.
    static CycleBreaker *current();
    /// Makes a breaker the current one for its lifetime (nested scopes restore the one before).
    class Active
    {
    public:
        explicit Active(CycleBreaker *breaker);
        ~Active();
        Active(const Active &) = delete;
        Active &operator=(const Active &) = delete;

    private:
        CycleBreaker *m_previous;
    };

    void add(ListObject *list) { m_lists.insert(list); }
    void remove(ListObject *list) { m_lists.erase(list); }
    void add(Future *future) { m_futures.insert(future); }
    void remove(Future *future) { m_futures.erase(future); }

    /// Empties every list and future still alive: items, callbacks, frames and results.
    void breakAll();

private:
    std::unordered_set<ListObject *> m_lists;
    std::unordered_set<Future *> m_futures;
};

} // namespace recipe
