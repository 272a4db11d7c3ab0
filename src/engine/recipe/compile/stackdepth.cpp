// SPDX-License-Identifier: MIT
#include "stackdepth.h"

#include "codeobject.h"

#include <algorithm>
#include <vector>

namespace recipe {

StackDepth::Effect StackDepth::effectOf(const CodeObject &code, int pc)
{
    const Instruction &instruction = code.code[std::size_t(pc)];
    const auto keywordValues = [&] {
        return instruction.b >= 0 ? int(code.constants[std::size_t(instruction.b)].asList()->items.size()) : 0;
    };
    switch (instruction.op) {
    case Opcode::LoadConst:
    case Opcode::LoadLocal:
    case Opcode::LoadGlobal:
        return {1, 0, false, false};
    case Opcode::StoreLocal:
    case Opcode::StoreGlobal:
    case Opcode::Pop:
    case Opcode::Binary:
    case Opcode::Compare:
    case Opcode::ListAppendTo:
    case Opcode::ListExtendTo:
    case Opcode::LoadSubscript:
        return {-1, 0, false, false};
    case Opcode::Unary:
    case Opcode::GetIter:
    case Opcode::LoadAttribute:
    case Opcode::Await:
        return {0, 0, false, false};
    case Opcode::Jump:
        return {0, 0, true, true};
    case Opcode::JumpIfFalse:
        return {-1, -1, true, false};
    case Opcode::JumpIfFalseOrPop:
    case Opcode::JumpIfTrueOrPop:
        return {-1, 0, true, false};
    case Opcode::ForIter:
        return {1, -1, true, false};
    case Opcode::BuildList:
    case Opcode::BuildString:
        return {1 - instruction.a, 0, false, false};
    case Opcode::Call:
        // The callee, its positional arguments and its keyword values give way to the result.
        return {-instruction.a - keywordValues(), 0, false, false};
    case Opcode::CallWithList:
        return {-1 - keywordValues(), 0, false, false};
    case Opcode::StoreSubscript:
        return {-3, 0, false, false};
    case Opcode::FormatValue:
        return {(instruction.b & 4) ? -1 : 0, 0, false, false};
    case Opcode::MakeFunction:
        return {1 - instruction.b, 0, false, false};
    case Opcode::Return:
        return {-1, 0, false, true};
    case Opcode::Raise:
        return {-1, 0, false, true};
    case Opcode::ExceptMatch:
        return {0, 0, false, false};
    case Opcode::Unbind:
    case Opcode::EnterContext:
    case Opcode::ExceptStarWrap:
        return {0, 0, false, false};
    case Opcode::ExitContext:
        return {-instruction.a, 0, false, false};
    case Opcode::ExceptStarSplit:
        return {1, 0, false, false};
    case Opcode::ExceptStarFinish:
        return {-2, 0, false, false};
    }
    return {0, 0, false, true};
}

int StackDepth::of(const CodeObject &code)
{
    const int size = int(code.code.size());
    std::vector<int> depthAt(std::size_t(size), -1);
    std::vector<int> pending;
    int deepest = 0;
    const auto reach = [&](int pc, int depth) {
        if (pc < 0 || pc >= size)
            return true;
        int &known = depthAt[std::size_t(pc)];
        if (known == depth)
            return true;
        if (known >= 0)
            return false;
        known = depth;
        pending.push_back(pc);
        return true;
    };
    if (size > 0 && !reach(0, 0))
        return -1;
    // A handler starts with the try's depth and the exception pushed on it.
    for (const ExceptionHandler &handler : code.handlers) {
        if (!reach(handler.target, handler.depth + 1))
            return -1;
    }
    while (!pending.empty()) {
        const int pc = pending.back();
        pending.pop_back();
        const int depth = depthAt[std::size_t(pc)];
        const Effect effect = effectOf(code, pc);
        // An instruction pushes its result after it has popped its operands: the depth it reaches is the larger.
        deepest = std::max({deepest, depth, depth + effect.next});
        if (effect.jumps && !reach(code.code[std::size_t(pc)].a, depth + effect.jump))
            return -1;
        if (!effect.ends && !reach(pc + 1, depth + effect.next))
            return -1;
    }
    return deepest;
}

} // namespace recipe
