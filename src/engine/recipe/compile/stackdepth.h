// SPDX-License-Identifier: MIT
#pragma once

namespace recipe {

struct CodeObject;

/**
 * The deepest a function's operand stack can get, found from its compiled
 * code as CPython's compiler finds co_stacksize: each instruction's effect
 * followed along every path. A frame reserves that much once, instead of
 * growing its stack (and copying it) as a hundred thousand tasks each push
 * their first values.
 */
class StackDepth
{
public:
    /// The most values @p code can hold on its stack at once; -1 if two paths reach an instruction at different
    /// depths, which the compiler never emits (the frame then grows as needed).
    static int of(const CodeObject &code);

private:
    /// How the instruction at @p pc changes the depth when it falls through, and when it jumps to its target.
    struct Effect {
        int next;
        int jump;
        bool jumps;
        bool ends;
    };
    static Effect effectOf(const CodeObject &code, int pc);
};

} // namespace recipe
