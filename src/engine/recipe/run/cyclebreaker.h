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
    /**
     * Where a member stands in its breaker's roll, inherited by every list
     * and future. The roll is a circle of links through the members, closed
     * by the breaker's own link, so joining and leaving allocate nothing and
     * cost the same with a million members as with one, and a member leaves
     * without keeping a pointer to its breaker, which a million futures
     * paid for.
     */
    struct Link {
        Link *previous = nullptr;
        Link *next = nullptr;
        Link() = default;
        Link(const Link &) = delete;
        Link &operator=(const Link &) = delete;
    };

    CycleBreaker();
    CycleBreaker(const CycleBreaker &) = delete;
    CycleBreaker &operator=(const CycleBreaker &) = delete;
    /// Breaks every cycle, then lets go of the members still alive, which no longer belong to any roll.
    ~CycleBreaker();

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

    void add(ListObject *list);
    void add(Future *future);
    /// Takes a member out of whichever roll it is in; a member in none stays so.
    static void remove(Link &member);

    /// Empties every list and future still alive: items, callbacks, frames and results.
    void breakAll();

private:
    /// Each roll is a circle through its members' links, closed by the breaker's own.
    Link m_lists;
    Link m_futures;
};

} // namespace recipe
