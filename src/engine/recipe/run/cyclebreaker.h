// SPDX-License-Identifier: MIT
#pragma once

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

    /// Where a member stands in its breaker's roll. The roll is a list threaded through the members themselves,
    /// so joining and leaving allocate nothing and cost the same with a million members as with one.
    template<typename Member>
    struct Place {
        Member *previous = nullptr;
        Member *next = nullptr;
    };

    void add(ListObject *list);
    void remove(ListObject *list);
    void add(Future *future);
    void remove(Future *future);

    /// Empties every list and future still alive: items, callbacks, frames and results.
    void breakAll();

private:
    ListObject *m_lists = nullptr;
    Future *m_futures = nullptr;
};

} // namespace recipe
