// SPDX-License-Identifier: MIT
#pragma once

#include "future.h"

#include <cstdint>
#include <vector>

namespace recipe {

/**
 * asyncio.gather's outer future: done with its children's results in
 * argument order once all are done, or with the first error (with
 * return_exceptions, an error is a result in its place). It is its own
 * record of the children, so each child's done callback holds only it and
 * the child's place, small enough to live inside the loop's entry: a hundred
 * thousand gathered cakes would each pay for a copy of anything larger, and
 * for a record of its own beside the future.
 */
class Gathering : public Future
{
public:
    /// The outer future over @p children; each child's end is heard of through its done callbacks on @p loop.
    static FuturePtr over(std::vector<FuturePtr> children, bool returnExceptions, EventLoop &loop);

    ~Gathering() override;
    std::size_t childCount() const { return m_count; }
    /// The child at @p index, in argument order.
    const FuturePtr &child(std::size_t index) const { return reinterpret_cast<const FuturePtr *>(this + 1)[index]; }
    Gathering(const Gathering &) = delete;
    Gathering &operator=(const Gathering &) = delete;
    /// Frees the block over() took, the children's room included.
    static void operator delete(void *gathering) { ::operator delete(gathering); }

private:
    Gathering(EventLoop *loop, std::vector<FuturePtr> &made, bool returnExceptions);
    /// The children, in argument order, in the block right after the gathering: a vector of them cost each of a
    /// hundred thousand gathered cakes a heap block of its own.
    FuturePtr *children() { return reinterpret_cast<FuturePtr *>(this + 1); }
    void childDone(std::size_t index);

    std::uint32_t m_count;
    std::uint32_t m_finished = 0;
    bool m_returnExceptions;
};

} // namespace recipe
