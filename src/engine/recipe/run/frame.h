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
 * when it was compiled), as CPython keeps its frame's localsplus; a function
 * of more than 64 locals has the bits saying which are bound after them. So
 * frames are made by make() and copyOf() only, and freed by deleting them as
 * usual.
 */
struct Frame {
    /// A frame at the start of @p code, its locals unbound; with no code, a frame with no room (for tests).
    static std::unique_ptr<Frame> make(const CodeObject *code);
    /// Another frame at @p other's place, with copies of its values: a fresh call's copy for --cakes.
    static std::unique_ptr<Frame> copyOf(const Frame &other);
    /// How many bytes a frame of @p code takes with its room: what make() allocates, and what a block that keeps
    /// one in place (a task's) must leave for it.
    static std::size_t blockBytes(const CodeObject *code);
    /// Makes a frame in @p block (blockBytes(@p from.code) long, aligned as a frame) at @p from's place, with its
    /// values moved there: the task a coroutine becomes takes its frame into its own block so. @p from is left with
    /// its values moved from; the caller ends it. The frame made is ended in place (~Frame()), never deleted.
    static Frame *moveInto(void *block, Frame &from);
    Frame(const Frame &) = delete;
    Frame &operator=(const Frame &) = delete;
    ~Frame() = default;
    /// Frees the block make() took, the room included.
    static void operator delete(void *frame) { ::operator delete(frame); }

    /// Whether the local @p index has been given a value (reading one that has not is an UnboundLocalError).
    bool isBound(std::size_t index) const
    {
        return index < boundBitsInline ? (boundBits >> index) & 1
                                       : (moreBoundBits()[index / 64 - 1] >> (index % 64)) & 1;
    }
    /// The local is forgotten (the end of `except E as name`): reading it is an UnboundLocalError again.
    void unbind(std::size_t index)
    {
        values[index] = Value();
        if (index < boundBitsInline)
            boundBits &= ~(std::uint64_t(1) << index);
        else
            moreBoundBits()[index / 64 - 1] &= ~(std::uint64_t(1) << (index % 64));
    }
    void bind(std::size_t index)
    {
        if (index < boundBitsInline)
            boundBits |= std::uint64_t(1) << index;
        else
            moreBoundBits()[index / 64 - 1] |= std::uint64_t(1) << (index % 64);
    }

    const CodeObject *code = nullptr;
    /// The locals (values[i] is code->localNames[i]), and above them the operand stack, which grows and shrinks at
    /// the back.
    FrameValues values;

private:
    Frame(const CodeObject *code, std::uint32_t room);
    /// How many values the block has room for after a frame of @p code.
    static std::size_t roomFor(const CodeObject *code);
    /// The words of bits beyond the first 64 locals of @p code: none for nearly every function.
    static std::size_t moreBoundWordsFor(const CodeObject *code);
    /// Those words, in the block after the values' room.
    std::uint64_t *moreBoundBits() const
    {
        return reinterpret_cast<std::uint64_t *>(const_cast<Frame *>(this) + 1) + roomFor(code) * (sizeof(Value) / 8);
    }

    /// Which locals are bound, a bit each: the first 64 here, the rest in words at the end of the block.
    static constexpr std::size_t boundBitsInline = 64;
    std::uint64_t boundBits = 0;

public:
    /// Where it stands: the next instruction. Last, beside nothing larger, so a frame is 40 bytes.
    int pc = 0;
};

} // namespace recipe
