// SPDX-License-Identifier: MIT
#pragma once

#include "syntaxtree.h"
#include "value.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace recipe {

/// One step of a compiled function: a stack machine's instruction. `a` and `b` are its operands.
enum class Opcode : std::uint8_t {
    LoadConst, ///< push constants[a]
    LoadLocal, ///< push locals[a]; UnboundLocalError if unset
    StoreLocal, ///< locals[a] = pop
    LoadGlobal, ///< push the module's names[a], else the builtin of that name; NameError if neither
    StoreGlobal, ///< the module's names[a] = pop
    Pop, ///< drop the top
    Unary, ///< top = op(top), op = UnaryOperator(a)
    Binary, ///< pop right, pop left, push left op right, op = BinaryOperator(a); in place (x op= v) when b is 1
    Compare, ///< pop right, pop left, push left op right, op = CompareOperator(a)
    Jump, ///< go to a
    JumpIfFalse, ///< pop; go to a if falsy
    JumpIfFalseOrPop, ///< `and`: if the top is falsy go to a keeping it, else pop it
    JumpIfTrueOrPop, ///< `or`: if the top is truthy go to a keeping it, else pop it
    BuildList, ///< pop a values, push them as a list in order
    ListAppendTo, ///< pop a value and append it to the list in locals[a] (comprehensions, *args)
    ListExtendTo, ///< pop an iterable and append its items to the list in locals[a]
    GetIter, ///< top = an iterator over top (a list or a range)
    ForIter, ///< push the iterator's next item, or pop the iterator and go to a when it is exhausted
    Call, ///< call with a positional arguments and the keyword names in constants[b] (a list, or -1)
    CallWithList, ///< the positional arguments are in one list below the keyword values; keywords as Call
    LoadAttribute, ///< top = top.names[a]: a module's function or a value's method
    LoadSubscript, ///< pop index, pop container, push container[index]
    StoreSubscript, ///< pop index, pop container, pop value: container[index] = value
    FormatValue, ///< pop spec (str) if b & 4, pop value, push format(value, spec) after !r (b & 1), !s (b & 2), !a (b &
                 ///< 8)
    BuildString, ///< pop a strs, push them joined
    MakeFunction, ///< pop b defaults, push a function of functions[a]
    Await, ///< pop an awaitable; resume with its result pushed (a state of the machine)
    Return, ///< pop and return it
    Raise, ///< pop an exception (or an exception class, made without arguments) and raise it; b = 1: raise it again
           ///< as it was, where it was first raised (a bare raise, the end of a finally or of unmatched excepts)
    ExceptMatch, ///< pop an exception, push whether it is one of the classes named in constants[a] (a list of str)
    Unbind, ///< forget the name: locals[a], or the module's names[a] when b is 1 (the end of `except E as name`)
    EnterContext, ///< top = the awaitable of top.__aenter__(), which `async with` awaits next
    ExceptStarWrap, ///< top = the exception as a group: itself if it is one, else ExceptionGroup('', (it,))
    ExceptStarSplit, ///< pop a group (or None), push the rest, then the part matching the classes in constants[a]
                     ///< (each None when empty)
    ExceptStarFinish, ///< pop the list of exceptions the except* clauses raised, the group left unmatched (or None)
                      ///< and the exception first caught; push what the try raises on (None for nothing)
    ExitContext, ///< a = 0: top = the awaitable of top.__aexit__(None, None, None); a = 1: pop an exception, then
                 ///< top = the awaitable of top.__aexit__(type, exception, traceback), whose truth swallows it
};

/**
 * A stretch of code an exception raised in goes to a handler: CPython
 * 3.11's exception table. The stack is cut to depth values above the
 * locals and the exception pushed on it, and the frame goes on at target.
 * Of the entries that cover an instruction, the one of the deepest level
 * (the innermost try) applies.
 */
struct ExceptionHandler {
    int start = 0; ///< the first instruction covered
    int end = 0; ///< just after the last
    int target = 0;
    int depth = 0;
    int level = 0;
};

struct Instruction {
    Opcode op;
    /// Call: a spawn site of the threaded twin (a user function's call given to create_task or gather): in the
    /// threaded kitchen it starts a thread; every other call of an async function runs where it is.
    bool spawnsThread = false;
    /// Await: of a call the threaded twin runs to its end where it is (a user function, asyncio.sleep or
    /// asyncio.gather): its value is the result, never a thread to join.
    bool awaitsFinishedCall = false;
    std::int32_t a = 0;
    std::int32_t b = 0;
    int line = 0; ///< for tracebacks and the lit line of each task
};

/**
 * A compiled function (or the module's top level): its instructions and
 * what they refer to. An async function's every Await is a state of its
 * state machine: the frame that runs it can stop there and resume later.
 */
struct CodeObject {
    QString name; ///< "<module>" for the top level
    bool isAsync = false;
    std::vector<QString> parameters;
    int defaultCount = 0;
    std::vector<QString> localNames; ///< parameters first, then assigned names, then hidden temporaries
    std::vector<Instruction> code;
    std::vector<Value> constants;
    std::vector<QString> names; ///< globals and attributes by index
    /// The line of each Await, in order: the state machine's states after its start.
    std::vector<int> awaitLines;
    std::vector<ExceptionHandler> handlers;
    int firstLine = 0;
    /// The deepest its operand stack gets (StackDepth::of), -1 when not known: what a frame reserves.
    int maxStackDepth = -1;
};

/// A compiled recipe: the module's code, every function's, and the lines of the source for listings.
struct Program {
    std::unique_ptr<CodeObject> module;
    std::vector<std::unique_ptr<CodeObject>> functions;
    std::vector<QString> lines;
    /// Where the recipe asks a task done() or result(): the blocking twin has no tasks to ask.
    std::vector<SourceLocation> taskQuestions;
    /// Where the recipe names asyncio.run: what --cakes copies is the coroutine handed to it.
    std::vector<SourceLocation> asyncioRuns;
    /// Where asyncio.create_task() is given something else than a direct call of a user function: the threaded
    /// twin has no thread to make of it.
    std::vector<SourceLocation> unspawnableTasks;
    /// How much memory a run of it may hold, in bytes; 0 for the run stage's budget for a stranger's recipe. The
    /// bundled cake, ours, sets room for the cakes it is asked to bake.
    qint64 memoryLimitBytes = 0;
};

} // namespace recipe
