// SPDX-License-Identifier: MIT
#pragma once

#include "codeobject.h"
#include "diagnostic.h"
#include "syntaxtree.h"
#include "userfunctions.h"

#include <QHash>
#include <QSet>

#include <optional>
#include <vector>

namespace recipe {

/**
 * Turns a recipe's syntax tree into code for the interpreter: a CodeObject
 * per function and one for the module, each a stack machine whose Await
 * instructions are the states it can stop in. It also keeps Kitchen
 * Python's promise that a recipe may print and wait, never touch the
 * machine: only asyncio and time can be imported, only the listed
 * attributes can be reached, and the escapes (open, eval, exec,
 * __import__, ...) are refused with a message before anything runs.
 */
class Compiler
{
public:
    /// Values for a recipe's module-level constants, by name, put in place of what the recipe binds them to.
    using Constants = QHash<QString, Value>;

    /**
     * The compiled recipe, or nothing with @p diagnostics saying why. Each of
     * @p constants replaces the literal a module-level `NAME = literal` binds
     * (--set: a teacher's knobs); one the recipe does not bind so is an error,
     * which names the flag @p constantFlags gives for it (--target-temp for
     * TARGET_TEMP), or else --set.
     */
    static std::optional<Program> compile(const Module &module, std::vector<Diagnostic> *diagnostics,
                                          const Constants &constants = {},
                                          const QHash<QString, QString> &constantFlags = {});
    /// The value of a Python literal as --set takes it (42, -0.5, 'text', True, None); nothing if it is not one.
    static std::optional<Value> literal(const QString &text);

private:
    struct Loop {
        int continueTarget;
        std::vector<std::size_t> breaks; ///< jumps to patch to the loop's break target
    };
    /// A try statement being compiled: the stretches of code its handler covers (ExceptionHandler), and the finally
    /// that a return, break or continue leaving it must run first. A try with both except and finally is two: the
    /// finally's outside, the except's inside.
    struct TryBlock {
        int level = 0;
        int depth = 0; ///< the stack's depth at the try: the iterators of the for loops around it
        const Block *finallyBody = nullptr;
        /// The local holding an `async with`'s manager, whose __aexit__ a way out awaits as a finally; -1 if none.
        int exitsManager = -1;
        int line = 0;
        std::size_t loopsAtStart = 0;
        int openSince = -1; ///< where the stretch being covered began; -1 while a way out is being compiled
        std::vector<std::pair<int, int>> covered;
    };
    /// How a name is reached in the code being compiled: a local slot, or the module's names.
    struct Scope {
        CodeObject *code;
        bool isModule;
        QHash<QString, int> locals;
        std::vector<Loop> loops;
        /// Comprehension variables shadowing outer names while their comprehension compiles.
        std::vector<std::pair<QString, int>> shadows;
        std::vector<TryBlock> tries;
        /// The hidden locals holding the exceptions that the except clauses around the code handle, innermost last:
        /// what a bare raise raises again.
        std::vector<int> handled;
        int iteratorsOnStack = 0;
    };

    explicit Compiler(Program *program)
        : m_program(program)
    {
    }

    void compileFunction(const Statement &definition, CodeObject *code);
    void compileBlock(const Block &block);
    void compileStatement(const Statement &statement);
    void compileAssignment(const Expression &target, int line);
    void compileTry(const Statement &statement);
    void compileTryExcept(const Statement &statement);
    /// try with except* clauses: each takes the part of the group that matches its classes, and what is left, with
    /// anything the clauses raise, goes on as CPython 3.11 combines it.
    void compileTryExceptStar(const Statement &statement);
    /// A try's body, covered by its except clauses, then its else; @p toEnd is the jump past the clauses to patch.
    TryBlock compileGuardedBody(const Statement &statement, std::size_t *toEnd);
    void compileRaise(const Statement &statement);
    /// `async with`: a try whose finally awaits the manager's __aexit__, told of the exception that ends the
    /// block, if one does, so that it may swallow it.
    void compileAsyncWith(const Statement &statement);
    /// await manager.__aexit__(None, None, None), the manager in local @p manager, its result dropped.
    void compileContextExit(int manager, int line);
    /// An Await of what is on the stack: a state of the function's machine.
    std::size_t putAwait(int line);
    /// The names of the classes an except clause catches, checked against the classes Kitchen Python knows.
    QStringList exceptClassNames(const ExceptHandler &handler);
    void openTry(const Block *finallyBody);
    /// Takes the innermost try off the stack, its covered stretch ended.
    TryBlock closeTry();
    /// The table entries of @p block's stretches, going to @p target.
    void addHandlers(const TryBlock &block, int target);
    /// Before a return, break or continue leaves the innermost @p count tries: their covering stops and each
    /// finally runs, innermost first. reopenTries() resumes their covering after the jump.
    void leaveTries(std::size_t count);
    void reopenTries(std::size_t count);
    void compileExpression(const Expression &expression);
    void compileCall(const Expression &call);
    void compileCompare(const Expression &compare);
    void compileComprehension(const Expression &comprehension);
    void compileFormattedString(const Expression &string);
    void loadName(const QString &name, int line);
    void storeName(const QString &name, int line);
    /// A hidden local for the compiler's own use (a comprehension's list, a chained comparison's operand).
    int temporary();
    /// A hidden local named for what it holds, so that the machine listing reads: "<exception 4>".
    int temporary(const QString &what);
    int constant(const Value &value);
    int nameIndex(const QString &name);
    std::size_t put(Opcode op, int a = 0, int b = 0, int line = 0);
    int here() const { return int(m_scope->code->code.size()); }
    void patch(std::size_t instruction, int target) { m_scope->code->code[instruction].a = target; }
    void refuse(SourceLocation at, const QString &message);
    /// The names every `def` of the recipe binds, nested ones too: the user functions of threaded-twin.md.
    /// A call of a user function by its name.
    bool isUserCall(const Expression &e) const;
    /// A call of asyncio.@p function.
    static bool isAsyncioCall(const Expression &e, const char *function);
    /// Notes the spawn sites among @p call's arguments, and a create_task() that has none.
    void markSpawnSites(const Expression &call);
    /// Names a function binds: its parameters and every name it assigns, for or defs, outside nested functions.
    static void collectAssigned(const Block &block, std::vector<QString> *names);

    Program *m_program;
    Constants m_constants;
    QSet<QString> m_constantsUsed;
    Scope *m_scope = nullptr;
    std::vector<Diagnostic> m_diagnostics;
    UserFunctions m_userFunctions;
    /// The calls that start a thread in the threaded kitchen, noted before they are compiled.
    QSet<const Expression *> m_spawnSites;
};

} // namespace recipe
