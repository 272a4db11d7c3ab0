// SPDX-License-Identifier: MIT
#pragma once

#include "codeobject.h"
#include "value.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

namespace recipe {

/// One running call of a function: where it stands (pc), its locals and its operand stack. It can stop at an
/// Await and resume there later, which is what makes every async function a resumable state machine.
struct Frame {
    Frame() = default;
    /// A frame at the start of @p code: its locals unbound, and room for the deepest its stack gets, found when it
    /// was compiled, taken at once.
    explicit Frame(const CodeObject *code)
        : code(code)
        , values(code->localNames.size())
    {
        if (const std::size_t words = moreBoundWords())
            moreBoundBits = std::make_unique<std::uint64_t[]>(words); // zeroed: all unbound
        reserveStack();
    }
    Frame(const Frame &other)
        : code(other.code)
        , values(other.values)
        , pc(other.pc)
        , boundBits(other.boundBits)
    {
        if (const std::size_t words = moreBoundWords()) {
            moreBoundBits = std::make_unique<std::uint64_t[]>(words);
            std::copy_n(other.moreBoundBits.get(), words, moreBoundBits.get());
        }
        // A copy reserves as its original did: a vector's copy holds only what is in it.
        if (code)
            reserveStack();
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
    /// The locals (values[i] is code->localNames[i]), and above them the operand stack, which grows and shrinks at
    /// the back: one allocation for both, as CPython keeps its frame's localsplus.
    std::vector<Value> values;
    int pc = 0;

private:
    /// The words of bits beyond the first 64 locals: none for nearly every function.
    std::size_t moreBoundWords() const
    {
        const std::size_t locals = code ? code->localNames.size() : 0;
        return locals > boundBitsInline ? (locals - 1) / 64 : 0;
    }
    void reserveStack()
    {
        if (code->maxStackDepth > 0)
            values.reserve(code->localNames.size() + std::size_t(code->maxStackDepth));
    }

    /// Which locals are bound, a bit each: the first 64 here, with no allocation, the rest in words beside.
    static constexpr std::size_t boundBitsInline = 64;
    std::uint64_t boundBits = 0;
    std::unique_ptr<std::uint64_t[]> moreBoundBits;
};

} // namespace recipe
