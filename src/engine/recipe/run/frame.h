// SPDX-License-Identifier: MIT
#pragma once

#include "codeobject.h"
#include "framevalues.h"
#include "value.h"

#include <cstdint>
#include <memory>

namespace recipe {

/**
 * One running call of a function: where it stands (pc), its locals and its
 * operand stack. It can stop at an Await and resume there later, which is
 * what makes every async function a resumable state machine.
 *
 * A frame is one heap block: its values live in room right after it, as
 * much as the function needs (its locals and the deepest its stack gets, found
 * when it was compiled), as CPython keeps its frame's localsplus. So frames are
 * made by make() and copyOf() only, and freed by deleting them as usual.
 */
struct Frame {
    /// A frame at the start of @p code, its locals unbound; with no code, a frame with no room (for tests).
    static std::unique_ptr<Frame> make(const CodeObject *code);
    /// Another frame at @p other's place, with copies of its values: a fresh call's copy for --cakes.
    static std::unique_ptr<Frame> copyOf(const Frame &other);
    Frame(const Frame &) = delete;
    Frame &operator=(const Frame &) = delete;
    ~Frame() = default;
    /// Frees the block make() took, the room included.
    static void operator delete(void *frame) { ::operator delete(frame); }

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
    /// The locals (values[i] is code->localNames[i]), and above them the operand stack, which grows and shrinks at
    /// the back.
    FrameValues values;
    int pc = 0;

private:
    Frame(const CodeObject *code, std::uint32_t room);
    /// The words of bits beyond the first 64 locals: none for nearly every function.
    std::size_t moreBoundWords() const
    {
        const std::size_t locals = code ? code->localNames.size() : 0;
        return locals > boundBitsInline ? (locals - 1) / 64 : 0;
    }

    /// Which locals are bound, a bit each: the first 64 here, with no allocation, the rest in words beside.
    static constexpr std::size_t boundBitsInline = 64;
    std::uint64_t boundBits = 0;
    std::unique_ptr<std::uint64_t[]> moreBoundBits;
};

} // namespace recipe
