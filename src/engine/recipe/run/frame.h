// SPDX-License-Identifier: MIT
#pragma once

#include "codeobject.h"
#include "value.h"

#include <vector>

namespace recipe {

/// One running call of a function: where it stands (pc), its locals and its operand stack. It can stop at an
/// Await and resume there later, which is what makes every async function a resumable state machine.
struct Frame {
    const CodeObject *code = nullptr;
    std::vector<Value> locals;
    std::vector<bool> bound;
    std::vector<Value> stack;
    int pc = 0;
    /// The coroutine this frame belongs to, when it runs one: finished when the frame returns.
    std::shared_ptr<Coroutine> coroutine;
};

} // namespace recipe
