// SPDX-License-Identifier: MIT
#include "frame.h"

#include <algorithm>
#include <new>

namespace recipe {

// The room for the values starts right after the frame, so it must end where a value may begin.
static_assert(sizeof(Frame) % alignof(Value) == 0);

static_assert(sizeof(Value) % sizeof(std::uint64_t) == 0);

Frame::Frame(const CodeObject *code, std::uint32_t room)
    : code(code)
    , values(reinterpret_cast<Value *>(this + 1), room)
{
    values.resize(code ? code->localNames.size() : 0);
    std::fill_n(moreBoundBits(), moreBoundWordsFor(code), 0); // all unbound
}

std::size_t Frame::roomFor(const CodeObject *code)
{
    return code ? code->localNames.size() + std::size_t(std::max(0, code->maxStackDepth)) : 0;
}

std::size_t Frame::moreBoundWordsFor(const CodeObject *code)
{
    const std::size_t locals = code ? code->localNames.size() : 0;
    return locals > boundBitsInline ? (locals - 1) / 64 : 0;
}

std::size_t Frame::blockBytes(const CodeObject *code)
{
    return sizeof(Frame) + roomFor(code) * sizeof(Value) + moreBoundWordsFor(code) * sizeof(std::uint64_t);
}

std::unique_ptr<Frame> Frame::make(const CodeObject *code)
{
    void *block = ::operator new(blockBytes(code));
    try {
        return std::unique_ptr<Frame>(::new (block) Frame(code, std::uint32_t(roomFor(code))));
    } catch (...) {
        ::operator delete(block);
        throw;
    }
}

std::unique_ptr<Frame> Frame::copyOf(const Frame &other)
{
    std::unique_ptr<Frame> copy = make(other.code);
    copy->values.clear();
    for (const Value &value : other.values)
        copy->values.push_back(value);
    copy->pc = other.pc;
    copy->boundBits = other.boundBits;
    std::copy_n(other.moreBoundBits(), moreBoundWordsFor(other.code), copy->moreBoundBits());
    return copy;
}

Frame *Frame::moveInto(void *block, Frame &from)
{
    auto *moved = ::new (block) Frame(from.code, std::uint32_t(roomFor(from.code)));
    moved->values.clear();
    for (Value &value : from.values)
        moved->values.push_back(std::move(value));
    moved->pc = from.pc;
    moved->boundBits = from.boundBits;
    std::copy_n(from.moreBoundBits(), moreBoundWordsFor(from.code), moved->moreBoundBits());
    return moved;
}

} // namespace recipe
