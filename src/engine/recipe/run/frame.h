// SPDX-License-Identifier: MIT
#pragma once

#include "codeobject.h"
#include "value.h"

#include <cstdint>
#include <vector>

namespace recipe {

/// One running call of a function: where it stands (pc), its locals and its operand stack. It can stop at an
/// Await and resume there later, which is what makes every async function a resumable state machine.
struct Frame {
    Frame() = default;
    /// A frame at the start of @p code: its locals unbound, room for the deepest its stack gets, found when it was
    /// compiled, taken at once.
    explicit Frame(const CodeObject *code)
        : code(code)
        , locals(code->localNames.size())
        , moreBoundBits(code->localNames.size() > boundBitsInline ? (code->localNames.size() - 1) / 64 : 0, 0)
    {
        if (code->maxStackDepth > 0)
            stack.reserve(std::size_t(code->maxStackDepth));
    }
    Frame(const Frame &other)
        : code(other.code)
        , locals(other.locals)
        , stack(other.stack)
        , pc(other.pc)
        , coroutine(other.coroutine)
        , boundBits(other.boundBits)
        , moreBoundBits(other.moreBoundBits)
    {
        // A copy reserves as its original did: a vector's copy holds only what is in it.
        if (code && code->maxStackDepth > 0)
            stack.reserve(std::size_t(code->maxStackDepth));
    }
    Frame &operator=(const Frame &) = delete;

    /// Whether the local @p index has been given a value (reading one that has not is an UnboundLocalError).
    bool isBound(std::size_t index) const
    {
        return index < boundBitsInline ? (boundBits >> index) & 1 : (moreBoundBits[index / 64 - 1] >> (index % 64)) & 1;
    }
    void bind(std::size_t index)
    {
        if (index < boundBitsInline)
            boundBits |= std::uint64_t(1) << index;
        else
            moreBoundBits[index / 64 - 1] |= std::uint64_t(1) << (index % 64);
    }

    const CodeObject *code = nullptr;
    std::vector<Value> locals;
    std::vector<Value> stack;
    int pc = 0;
    /// The coroutine this frame belongs to, when it runs one: finished when the frame returns.
    std::shared_ptr<Coroutine> coroutine;

private:
    /// Which locals are bound, a bit each: the first 64 here, with no allocation, the rest in words beside.
    static constexpr std::size_t boundBitsInline = 64;
    std::uint64_t boundBits = 0;
    std::vector<std::uint64_t> moreBoundBits;
};

} // namespace recipe
