// SPDX-License-Identifier: MIT
#include "compiler.h"

#include "exceptionclasses.h"
#include "recipeerror.h"

#include "stackdepth.h"

#include "parser.h"

#include <QSet>

#include <algorithm>

namespace recipe {
namespace {

const QSet<QString> &importableModules()
{
    static const QSet<QString> modules{QStringLiteral("asyncio"), QStringLiteral("time")};
    return modules;
}

/// Every attribute a recipe may reach; the interpreter checks which object has which.
const QSet<QString> &reachableAttributes()
{
    static const QSet<QString> attributes{
        QStringLiteral("sleep"),        QStringLiteral("gather"),
        QStringLiteral("create_task"),  QStringLiteral("run"),
        QStringLiteral("perf_counter"), QStringLiteral("monotonic"),
        QStringLiteral("upper"),        QStringLiteral("lower"),
        QStringLiteral("join"),         QStringLiteral("format"),
        QStringLiteral("append"),       QStringLiteral("done"),
        QStringLiteral("result"),       QStringLiteral("cancel"),
        QStringLiteral("cancelled"),    QStringLiteral("CancelledError"),
        QStringLiteral("TimeoutError"), QStringLiteral("Lock"),
        QStringLiteral("Semaphore"),    QStringLiteral("Event"),
        QStringLiteral("Queue"),        QStringLiteral("QueueEmpty"),
        QStringLiteral("QueueFull"),    QStringLiteral("acquire"),
        QStringLiteral("release"),      QStringLiteral("locked"),
        QStringLiteral("set"),          QStringLiteral("clear"),
        QStringLiteral("is_set"),       QStringLiteral("wait"),
        QStringLiteral("put"),          QStringLiteral("get"),
        QStringLiteral("put_nowait"),   QStringLiteral("get_nowait"),
        QStringLiteral("qsize"),        QStringLiteral("empty"),
        QStringLiteral("full"),         QStringLiteral("task_done"),
        QStringLiteral("wait_for"),     QStringLiteral("timeout"),
        QStringLiteral("expired"),      QStringLiteral("TaskGroup"),
        QStringLiteral("exceptions"),   QStringLiteral("message"),
        QStringLiteral("uncancel"),     QStringLiteral("cancelling"),
    };
    return attributes;
}

/// Names that would reach outside the kitchen in Python; a recipe that names them is refused before it runs.
const QSet<QString> &escapeNames()
{
    static const QSet<QString> names{
        QStringLiteral("open"),         QStringLiteral("eval"),       QStringLiteral("exec"),
        QStringLiteral("compile"),      QStringLiteral("__import__"), QStringLiteral("input"),
        QStringLiteral("globals"),      QStringLiteral("locals"),     QStringLiteral("vars"),
        QStringLiteral("getattr"),      QStringLiteral("setattr"),    QStringLiteral("delattr"),
        QStringLiteral("dir"),          QStringLiteral("breakpoint"), QStringLiteral("exit"),
        QStringLiteral("quit"),         QStringLiteral("help"),       QStringLiteral("memoryview"),
        QStringLiteral("__builtins__"),
    };
    return names;
}
} // namespace

namespace {
/// A literal a --set value may replace: a number (negative too), a string, True, False or None.
bool isLiteral(const Expression &e)
{
    switch (e.kind) {
    case ExpressionKind::Integer:
    case ExpressionKind::Float:
    case ExpressionKind::String:
    case ExpressionKind::True:
    case ExpressionKind::False:
    case ExpressionKind::None:
        return true;
    case ExpressionKind::Unary:
        return e.unaryOperator == UnaryOperator::Negate
            && (e.operands[0]->kind == ExpressionKind::Integer || e.operands[0]->kind == ExpressionKind::Float);
    default:
        return false;
    }
}

Value literalValue(const Expression &e)
{
    switch (e.kind) {
    case ExpressionKind::Integer:
        return Value(e.integer);
    case ExpressionKind::Float:
        return Value(e.number);
    case ExpressionKind::String:
        return Value(e.text);
    case ExpressionKind::True:
        return Value(true);
    case ExpressionKind::False:
        return Value(false);
    case ExpressionKind::Unary: {
        const Expression &number = *e.operands[0];
        return number.kind == ExpressionKind::Integer ? Value(-number.integer) : Value(-number.number);
    }
    default:
        return Value();
    }
}
} // namespace

std::optional<Value> Compiler::literal(const QString &text)
{
    if (text.contains(QLatin1Char('\n')))
        return std::nullopt;
    const std::optional<Module> module = Parser::parse(QStringLiteral("value = ") + text + QLatin1Char('\n'), nullptr);
    if (!module || module->body.size() != 1 || module->body[0]->kind != StatementKind::Assign
        || !isLiteral(*module->body[0]->value))
        return std::nullopt;
    return literalValue(*module->body[0]->value);
}

std::optional<Program> Compiler::compile(const Module &module, std::vector<Diagnostic> *diagnostics,
                                         const Constants &constants, const QHash<QString, QString> &constantFlags)
{
    Program program;
    program.lines = module.lines;
    program.module = std::make_unique<CodeObject>();
    program.module->name = QStringLiteral("<module>");
    program.module->firstLine = 1;
    Compiler compiler(&program);
    compiler.m_constants = constants;
    compiler.m_userFunctions = UserFunctions(module);
    Scope scope{program.module.get(), true, {}, {}, {}, {}, {}, 0};
    compiler.m_scope = &scope;
    compiler.compileBlock(module.body);
    for (auto it = constants.cbegin(); it != constants.cend(); ++it) {
        if (compiler.m_constantsUsed.contains(it.key()))
            continue;
        const QString flag = constantFlags.value(it.key());
        const QString given = flag.isEmpty() ? QStringLiteral("--set %1").arg(it.key())
                                             : QStringLiteral("%1 sets %2").arg(flag, it.key());
        compiler.refuse({1, 1},
                        QStringLiteral("%1: the recipe binds no module-level constant of that name (a line such as "
                                       "%2 = 3)")
                            .arg(given, it.key()));
    }
    compiler.put(Opcode::LoadConst, compiler.constant(Value()));
    compiler.put(Opcode::Return);
    std::sort(compiler.m_diagnostics.begin(), compiler.m_diagnostics.end(),
              [](const Diagnostic &a, const Diagnostic &b) {
                  return a.at.line != b.at.line ? a.at.line < b.at.line : a.at.column < b.at.column;
              });
    if (diagnostics)
        *diagnostics = compiler.m_diagnostics;
    if (!compiler.m_diagnostics.empty())
        return std::nullopt;
    program.module->maxStackDepth = StackDepth::of(*program.module);
    for (const std::unique_ptr<CodeObject> &function : program.functions)
        function->maxStackDepth = StackDepth::of(*function);
    return program;
}

void Compiler::refuse(SourceLocation at, const QString &message)
{
    m_diagnostics.push_back({at, message});
}

std::size_t Compiler::put(Opcode op, int a, int b, int line)
{
    m_scope->code->code.push_back({.op = op, .a = a, .b = b, .line = line});
    return m_scope->code->code.size() - 1;
}

int Compiler::constant(const Value &value)
{
    std::vector<Value> &constants = m_scope->code->constants;
    constants.push_back(value);
    return int(constants.size() - 1);
}

int Compiler::nameIndex(const QString &name)
{
    std::vector<QString> &names = m_scope->code->names;
    const auto found = std::find(names.begin(), names.end(), name);
    if (found != names.end())
        return int(found - names.begin());
    names.push_back(name);
    return int(names.size() - 1);
}

int Compiler::temporary()
{
    return temporary(QStringLiteral("temporary"));
}

int Compiler::temporary(const QString &what)
{
    std::vector<QString> &locals = m_scope->code->localNames;
    locals.push_back(QStringLiteral("<%1 %2>").arg(what).arg(locals.size()));
    return int(locals.size() - 1);
}

bool Compiler::isUserCall(const Expression &e) const
{
    return m_userFunctions.isCalledBy(e);
}

bool Compiler::isAsyncioCall(const Expression &e, const char *function)
{
    if (e.kind != ExpressionKind::Call || e.operands[0]->kind != ExpressionKind::Attribute)
        return false;
    const Expression &attribute = *e.operands[0];
    return attribute.text == QLatin1String(function) && attribute.operands[0]->kind == ExpressionKind::Name
        && attribute.operands[0]->text == QLatin1String("asyncio");
}

void Compiler::markSpawnSites(const Expression &call)
{
    // threaded-twin.md, rule 6: a user function's call written directly in create_task(...) or gather(...), or
    // as the element of a list comprehension given starred to gather, becomes a thread of its own.
    if (isAsyncioCall(call, "create_task")) {
        if (call.operands.size() == 2 && isUserCall(*call.operands[1]))
            m_spawnSites.insert(call.operands[1].get());
        else
            m_program->unspawnableTasks.push_back(call.at);
        return;
    }
    if (!isAsyncioCall(call, "gather"))
        return;
    for (std::size_t i = 1; i < call.operands.size(); ++i) {
        const Expression *argument = call.operands[i].get();
        if (argument->kind == ExpressionKind::Starred) {
            argument = argument->operands[0].get();
            if (argument->kind != ExpressionKind::ListComprehension)
                continue;
            argument = argument->operands[0].get();
        }
        if (isUserCall(*argument))
            m_spawnSites.insert(argument);
    }
}

void Compiler::collectAssigned(const Block &block, std::vector<QString> *names)
{
    const auto add = [names](const QString &name) {
        if (std::find(names->begin(), names->end(), name) == names->end())
            names->push_back(name);
    };
    for (const StatementPtr &statement : block) {
        switch (statement->kind) {
        case StatementKind::Assign:
        case StatementKind::AugmentedAssign:
            if (statement->target && statement->target->kind == ExpressionKind::Name)
                add(statement->target->text);
            break;
        case StatementKind::For:
            add(statement->name);
            break;
        case StatementKind::AsyncWith:
            if (!statement->name.isEmpty())
                add(statement->name);
            break;
        case StatementKind::FunctionDefinition:
            add(statement->name);
            continue; // its own body is its own scope
        case StatementKind::Import:
            for (const QString &name : statement->names)
                add(name);
            break;
        default:
            break;
        }
        for (const ExceptHandler &handler : statement->handlers) {
            if (!handler.name.isEmpty())
                add(handler.name);
        }
        for (const Block *inner : innerBlocks(*statement))
            collectAssigned(*inner, names);
    }
}

void Compiler::loadName(const QString &name, int line)
{
    for (auto shadow = m_scope->shadows.rbegin(); shadow != m_scope->shadows.rend(); ++shadow) {
        if (shadow->first == name) {
            put(Opcode::LoadLocal, shadow->second, 0, line);
            return;
        }
    }
    if (!m_scope->isModule) {
        if (const auto local = m_scope->locals.constFind(name); local != m_scope->locals.cend()) {
            put(Opcode::LoadLocal, *local, 0, line);
            return;
        }
    }
    put(Opcode::LoadGlobal, nameIndex(name), 0, line);
}

void Compiler::storeName(const QString &name, int line)
{
    if (!m_scope->isModule) {
        put(Opcode::StoreLocal, m_scope->locals.value(name), 0, line);
        return;
    }
    put(Opcode::StoreGlobal, nameIndex(name), 0, line);
}

void Compiler::compileFunction(const Statement &definition, CodeObject *code)
{
    code->name = definition.name;
    code->isAsync = definition.isAsync;
    code->firstLine = definition.at.line;
    Scope scope{code, false, {}, {}, {}, {}, {}, 0};
    std::vector<QString> names;
    for (const Parameter &parameter : definition.parameters) {
        code->parameters.push_back(parameter.name);
        names.push_back(parameter.name);
        if (parameter.defaultValue)
            ++code->defaultCount;
    }
    collectAssigned(definition.body, &names);
    for (const QString &name : names) {
        scope.locals.insert(name, int(code->localNames.size()));
        code->localNames.push_back(name);
    }
    Scope *outer = m_scope;
    m_scope = &scope;
    compileBlock(definition.body);
    put(Opcode::LoadConst, constant(Value()), 0, definition.endLine > 0 ? definition.endLine - 1 : definition.at.line);
    put(Opcode::Return);
    m_scope = outer;
}

void Compiler::openTry(const Block *finallyBody)
{
    TryBlock block;
    block.level = int(m_scope->tries.size()) + 1;
    block.depth = m_scope->iteratorsOnStack;
    block.finallyBody = finallyBody;
    block.loopsAtStart = m_scope->loops.size();
    block.openSince = here();
    m_scope->tries.push_back(std::move(block));
}

Compiler::TryBlock Compiler::closeTry()
{
    TryBlock block = std::move(m_scope->tries.back());
    m_scope->tries.pop_back();
    if (block.openSince >= 0)
        block.covered.emplace_back(block.openSince, here());
    block.openSince = -1;
    return block;
}

void Compiler::addHandlers(const TryBlock &block, int target)
{
    for (const auto &[start, end] : block.covered) {
        if (start < end)
            m_scope->code->handlers.push_back({start, end, target, block.depth, block.level});
    }
}

void Compiler::leaveTries(std::size_t count)
{
    // Each try stops covering before its finally runs: an error in the finally goes to the tries around it.
    // The finally is compiled with its try off the stack, so that a way out inside it does not run it again.
    std::vector<TryBlock> left;
    for (std::size_t i = 0; i < count; ++i) {
        TryBlock &block = m_scope->tries.back();
        if (block.openSince >= 0)
            block.covered.emplace_back(block.openSince, here());
        block.openSince = -1;
        left.push_back(std::move(block));
        m_scope->tries.pop_back();
        if (left.back().finallyBody)
            compileBlock(*left.back().finallyBody);
        else if (left.back().exitsManager >= 0)
            compileContextExit(left.back().exitsManager, left.back().line);
    }
    for (auto block = left.rbegin(); block != left.rend(); ++block)
        m_scope->tries.push_back(std::move(*block));
}

void Compiler::reopenTries(std::size_t count)
{
    for (std::size_t i = m_scope->tries.size() - count; i < m_scope->tries.size(); ++i)
        m_scope->tries[i].openSince = here();
}

void Compiler::compileTry(const Statement &statement)
{
    const int line = statement.at.line;
    if (statement.finallyBody.empty()) {
        compileTryExcept(statement);
        return;
    }
    openTry(&statement.finallyBody);
    if (statement.handlers.empty())
        compileBlock(statement.body);
    else
        compileTryExcept(statement);
    // The way through: the try stops covering, and the finally runs.
    const TryBlock block = closeTry();
    compileBlock(statement.finallyBody);
    const std::size_t toEnd = put(Opcode::Jump, 0, 0, line);
    // The way of an error: the finally runs with the error kept aside, then raises it again.
    const int target = here();
    const int error = temporary(QStringLiteral("exception"));
    put(Opcode::StoreLocal, error, 0, line);
    compileBlock(statement.finallyBody);
    put(Opcode::LoadLocal, error, 0, line);
    put(Opcode::Raise, 0, 1, line);
    patch(toEnd, here());
    addHandlers(block, target);
}

std::size_t Compiler::putAwait(int line)
{
    const std::size_t await = put(Opcode::Await, int(m_scope->code->awaitLines.size()), 0, line);
    m_scope->code->awaitLines.push_back(line);
    return await;
}

void Compiler::compileContextExit(int manager, int line)
{
    put(Opcode::LoadLocal, manager, 0, line);
    put(Opcode::ExitContext, 0, 0, line);
    putAwait(line);
    put(Opcode::Pop, 0, 0, line);
}

void Compiler::compileAsyncWith(const Statement &statement)
{
    // As CPython compiles it: the manager is kept aside, its __aenter__() awaited and bound, then the block runs
    // in a try. Leaving it any way but by an exception (its end, a return, a break) awaits __aexit__(None, None,
    // None); an exception awaits __aexit__ with it, and is raised again unless that gives a true value.
    const int line = statement.at.line;
    const int manager = temporary(QStringLiteral("context manager"));
    compileExpression(*statement.value);
    put(Opcode::StoreLocal, manager, 0, line);
    put(Opcode::LoadLocal, manager, 0, line);
    put(Opcode::EnterContext, 0, 0, line);
    putAwait(line);
    if (statement.name.isEmpty())
        put(Opcode::Pop, 0, 0, line);
    else
        storeName(statement.name, line);
    openTry(nullptr);
    m_scope->tries.back().exitsManager = manager;
    m_scope->tries.back().line = line;
    compileBlock(statement.body);
    const TryBlock block = closeTry();
    compileContextExit(manager, line);
    const std::size_t toEnd = put(Opcode::Jump, 0, 0, line);
    const int target = here();
    const int error = temporary(QStringLiteral("exception"));
    put(Opcode::StoreLocal, error, 0, line);
    put(Opcode::LoadLocal, manager, 0, line);
    put(Opcode::LoadLocal, error, 0, line);
    put(Opcode::ExitContext, 1, 0, line);
    putAwait(line);
    const std::size_t toRaise = put(Opcode::JumpIfFalse, 0, 0, line);
    const std::size_t swallowed = put(Opcode::Jump, 0, 0, line);
    patch(toRaise, here());
    put(Opcode::LoadLocal, error, 0, line);
    put(Opcode::Raise, 0, 1, line);
    patch(toEnd, here());
    patch(swallowed, here());
    addHandlers(block, target);
}

Compiler::TryBlock Compiler::compileGuardedBody(const Statement &statement, std::size_t *toEnd)
{
    openTry(nullptr);
    compileBlock(statement.body);
    TryBlock block = closeTry();
    compileBlock(statement.orElse);
    *toEnd = put(Opcode::Jump, 0, 0, statement.at.line);
    return block;
}

void Compiler::compileTryExceptStar(const Statement &statement)
{
    std::size_t toEnd = 0;
    const TryBlock block = compileGuardedBody(statement, &toEnd);
    const int target = here();
    const int handlerLine = statement.handlers.front().at.line;
    const int original = temporary(QStringLiteral("exception"));
    const int remaining = temporary(QStringLiteral("unhandled"));
    const int raised = temporary(QStringLiteral("raised in except*"));
    const int match = temporary(QStringLiteral("matched"));
    put(Opcode::StoreLocal, original, 0, handlerLine);
    put(Opcode::LoadLocal, original, 0, handlerLine);
    put(Opcode::ExceptStarWrap, 0, 0, handlerLine);
    put(Opcode::StoreLocal, remaining, 0, handlerLine);
    put(Opcode::BuildList, 0, 0, handlerLine);
    put(Opcode::StoreLocal, raised, 0, handlerLine);
    for (const ExceptHandler &handler : statement.handlers) {
        const int at = handler.at.line;
        put(Opcode::LoadLocal, remaining, 0, at);
        put(Opcode::ExceptStarSplit, constant(Value(exceptClassNames(handler).join(QLatin1Char(' ')))), 0, at);
        put(Opcode::StoreLocal, match, 0, at);
        put(Opcode::StoreLocal, remaining, 0, at);
        put(Opcode::LoadLocal, match, 0, at);
        const std::size_t toNext = put(Opcode::JumpIfFalse, 0, 0, at);
        // What the clause raises is kept for the end, not raised at once.
        openTry(nullptr);
        m_scope->handled.push_back(match);
        if (!handler.name.isEmpty()) {
            put(Opcode::LoadLocal, match, 0, at);
            storeName(handler.name, at);
        }
        compileBlock(handler.body);
        m_scope->handled.pop_back();
        const TryBlock clause = closeTry();
        const auto unbindName = [&] {
            if (handler.name.isEmpty())
                return;
            if (m_scope->isModule)
                put(Opcode::Unbind, nameIndex(handler.name), 1, at);
            else
                put(Opcode::Unbind, m_scope->locals.value(handler.name), 0, at);
        };
        unbindName();
        const std::size_t clauseEnd = put(Opcode::Jump, 0, 0, at);
        const int collect = here();
        put(Opcode::ListAppendTo, raised, 0, at);
        unbindName();
        addHandlers(clause, collect);
        patch(toNext, here());
        patch(clauseEnd, here());
    }
    put(Opcode::LoadLocal, original, 0, handlerLine);
    put(Opcode::LoadLocal, remaining, 0, handlerLine);
    put(Opcode::LoadLocal, raised, 0, handlerLine);
    put(Opcode::ExceptStarFinish, 0, 0, handlerLine);
    put(Opcode::StoreLocal, match, 0, handlerLine);
    put(Opcode::LoadLocal, match, 0, handlerLine);
    const std::size_t nothingLeft = put(Opcode::JumpIfFalse, 0, 0, handlerLine);
    put(Opcode::LoadLocal, match, 0, handlerLine);
    put(Opcode::Raise, 0, 1, handlerLine);
    patch(toEnd, here());
    patch(nothingLeft, here());
    addHandlers(block, target);
}

void Compiler::compileTryExcept(const Statement &statement)
{
    if (statement.handlers.front().star) {
        compileTryExceptStar(statement);
        return;
    }
    std::size_t toEnd = 0;
    const TryBlock block = compileGuardedBody(statement, &toEnd);
    const int target = here();
    const int error = temporary(QStringLiteral("exception"));
    put(Opcode::StoreLocal, error, 0, statement.handlers.front().at.line);
    m_scope->handled.push_back(error);
    std::vector<std::size_t> ends{toEnd};
    bool caughtAll = false;
    for (const ExceptHandler &handler : statement.handlers) {
        const int handlerLine = handler.at.line;
        std::size_t toNext = 0;
        const bool catchesAll = handler.types.empty();
        if (!catchesAll) {
            put(Opcode::LoadLocal, error, 0, handlerLine);
            put(Opcode::ExceptMatch, constant(Value(exceptClassNames(handler).join(QLatin1Char(' ')))), 0, handlerLine);
            toNext = put(Opcode::JumpIfFalse, 0, 0, handlerLine);
        }
        if (!handler.name.isEmpty()) {
            put(Opcode::LoadLocal, error, 0, handlerLine);
            storeName(handler.name, handlerLine);
        }
        compileBlock(handler.body);
        // `except E as name`: the name is forgotten when the clause ends, as CPython deletes it.
        if (!handler.name.isEmpty()) {
            if (m_scope->isModule)
                put(Opcode::Unbind, nameIndex(handler.name), 1, handlerLine);
            else
                put(Opcode::Unbind, m_scope->locals.value(handler.name), 0, handlerLine);
        }
        ends.push_back(put(Opcode::Jump, 0, 0, handlerLine));
        if (catchesAll) {
            caughtAll = true;
            break;
        }
        patch(toNext, here());
    }
    m_scope->handled.pop_back();
    if (!caughtAll) {
        // No clause matched: the error goes on its way, from where it was raised.
        put(Opcode::LoadLocal, error, 0, statement.handlers.back().at.line);
        put(Opcode::Raise, 0, 1, statement.handlers.back().at.line);
    }
    for (const std::size_t jump : ends)
        patch(jump, here());
    addHandlers(block, target);
}

QStringList Compiler::exceptClassNames(const ExceptHandler &handler)
{
    QStringList names;
    for (const ExpressionPtr &type : handler.types) {
        if (type->kind == ExpressionKind::Name && ExceptionClasses::named(type->text)) {
            names << type->text;
            continue;
        }
        if (type->kind == ExpressionKind::Attribute && type->operands[0]->kind == ExpressionKind::Name
            && type->operands[0]->text == QLatin1String("asyncio")) {
            if (const std::optional<Builtin> builtin = ExceptionClasses::ofAsyncio(type->text)) {
                names << ExceptionClasses::nameOf(*builtin);
                continue;
            }
        }
        refuse(type->at,
               QStringLiteral("except takes an exception class by its name, such as ValueError or "
                              "Exception; Kitchen Python knows %1")
                   .arg(ExceptionClasses::names().join(QStringLiteral(", "))));
    }
    return names;
}

void Compiler::compileRaise(const Statement &statement)
{
    const int line = statement.at.line;
    if (statement.value) {
        compileExpression(*statement.value);
        put(Opcode::Raise, 0, 0, line);
        return;
    }
    if (!m_scope->handled.empty()) {
        put(Opcode::LoadLocal, m_scope->handled.back(), 0, line);
        put(Opcode::Raise, 0, 1, line);
        return;
    }
    // Outside every except clause of its function there is nothing to raise again.
    RecipeError nothingToRaise;
    nothingToRaise.type = QStringLiteral("RuntimeError");
    nothingToRaise.message = QStringLiteral("No active exception to reraise");
    put(Opcode::LoadConst, constant(Value(Value::Data(Value::ErrorPtr::make(nothingToRaise)))), 0, line);
    put(Opcode::Raise, 0, 0, line);
}

void Compiler::compileBlock(const Block &block)
{
    for (const StatementPtr &statement : block)
        compileStatement(*statement);
}

void Compiler::compileAssignment(const Expression &target, int line)
{
    if (target.kind == ExpressionKind::Name) {
        storeName(target.text, line);
        return;
    }
    // container[index] = value: the value is on the stack already, below what the store takes.
    compileExpression(*target.operands[0]);
    compileExpression(*target.operands[1]);
    put(Opcode::StoreSubscript, 0, 0, line);
}

void Compiler::compileStatement(const Statement &statement)
{
    const int line = statement.at.line;
    switch (statement.kind) {
    case StatementKind::Expression:
        compileExpression(*statement.value);
        put(Opcode::Pop, 0, 0, line);
        break;
    case StatementKind::Assign:
        if (m_scope->isModule && statement.target->kind == ExpressionKind::Name && isLiteral(*statement.value)
            && m_constants.contains(statement.target->text)) {
            // A knob set from the command line: the recipe's own literal gives way to it.
            put(Opcode::LoadConst, constant(m_constants.value(statement.target->text)), 0, line);
            m_constantsUsed.insert(statement.target->text);
        } else {
            compileExpression(*statement.value);
        }
        compileAssignment(*statement.target, line);
        break;
    case StatementKind::AugmentedAssign: {
        // x += v is in place: a list is extended (or repeated, for *=) as the same object, which every other name
        // for it sees, as list.__iadd__ does.
        constexpr int inPlace = 1;
        const Expression &target = *statement.target;
        if (target.kind == ExpressionKind::Name) {
            loadName(target.text, line);
            compileExpression(*statement.value);
            put(Opcode::Binary, int(statement.binaryOperator), inPlace, line);
            storeName(target.text, line);
            break;
        }
        // items[i] += v: the container and index are evaluated once.
        const int container = temporary();
        const int index = temporary();
        compileExpression(*target.operands[0]);
        put(Opcode::StoreLocal, container, 0, line);
        compileExpression(*target.operands[1]);
        put(Opcode::StoreLocal, index, 0, line);
        put(Opcode::LoadLocal, container, 0, line);
        put(Opcode::LoadLocal, index, 0, line);
        put(Opcode::LoadSubscript, 0, 0, line);
        compileExpression(*statement.value);
        put(Opcode::Binary, int(statement.binaryOperator), inPlace, line);
        put(Opcode::LoadLocal, container, 0, line);
        put(Opcode::LoadLocal, index, 0, line);
        put(Opcode::StoreSubscript, 0, 0, line);
        break;
    }
    case StatementKind::If: {
        compileExpression(*statement.value);
        const std::size_t toElse = put(Opcode::JumpIfFalse, 0, 0, line);
        compileBlock(statement.body);
        if (statement.orElse.empty()) {
            patch(toElse, here());
            break;
        }
        const std::size_t toEnd = put(Opcode::Jump, 0, 0, line);
        patch(toElse, here());
        compileBlock(statement.orElse);
        patch(toEnd, here());
        break;
    }
    case StatementKind::While: {
        const int start = here();
        compileExpression(*statement.value);
        const std::size_t toEnd = put(Opcode::JumpIfFalse, 0, 0, line);
        m_scope->loops.push_back({start, {}});
        compileBlock(statement.body);
        put(Opcode::Jump, start, 0, line);
        const Loop loop = m_scope->loops.back();
        m_scope->loops.pop_back();
        patch(toEnd, here());
        for (const std::size_t jump : loop.breaks)
            patch(jump, here());
        break;
    }
    case StatementKind::For: {
        compileExpression(*statement.value);
        put(Opcode::GetIter, 0, 0, line);
        const int start = here();
        const std::size_t toExhausted = put(Opcode::ForIter, 0, 0, line);
        storeName(statement.name, line);
        m_scope->loops.push_back({start, {}});
        ++m_scope->iteratorsOnStack;
        compileBlock(statement.body);
        --m_scope->iteratorsOnStack;
        put(Opcode::Jump, start, 0, line);
        const Loop loop = m_scope->loops.back();
        m_scope->loops.pop_back();
        // A break leaves the iterator on the stack; the way out of an exhausted loop has popped it already.
        const int breakTarget = here();
        put(Opcode::Pop, 0, 0, line);
        patch(toExhausted, here());
        for (const std::size_t jump : loop.breaks)
            patch(jump, breakTarget);
        break;
    }
    case StatementKind::Break:
    case StatementKind::Continue: {
        if (m_scope->loops.empty())
            break;
        // The tries inside the loop are left: their finally blocks run first.
        std::size_t leaving = 0;
        while (leaving < m_scope->tries.size()
               && m_scope->tries[m_scope->tries.size() - 1 - leaving].loopsAtStart >= m_scope->loops.size())
            ++leaving;
        leaveTries(leaving);
        if (statement.kind == StatementKind::Break)
            m_scope->loops.back().breaks.push_back(put(Opcode::Jump, 0, 0, line));
        else
            put(Opcode::Jump, m_scope->loops.back().continueTarget, 0, line);
        reopenTries(leaving);
        break;
    }
    case StatementKind::Pass:
        break;
    case StatementKind::Return: {
        if (statement.value)
            compileExpression(*statement.value);
        else
            put(Opcode::LoadConst, constant(Value()), 0, line);
        const std::size_t leaving = m_scope->tries.size();
        if (leaving == 0) {
            put(Opcode::Return, 0, 0, line);
            break;
        }
        // The value is kept aside while the finally blocks run; one of them may return another instead.
        const int value = temporary(QStringLiteral("returned value"));
        put(Opcode::StoreLocal, value, 0, line);
        leaveTries(leaving);
        put(Opcode::LoadLocal, value, 0, line);
        put(Opcode::Return, 0, 0, line);
        reopenTries(leaving);
        break;
    }
    case StatementKind::AsyncWith:
        compileAsyncWith(statement);
        break;
    case StatementKind::Try:
        compileTry(statement);
        break;
    case StatementKind::Raise:
        compileRaise(statement);
        break;
    case StatementKind::FunctionDefinition: {
        auto code = std::make_unique<CodeObject>();
        CodeObject *function = code.get();
        m_program->functions.push_back(std::move(code));
        const int index = int(m_program->functions.size() - 1);
        int defaults = 0;
        for (const Parameter &parameter : statement.parameters) {
            if (parameter.defaultValue) {
                compileExpression(*parameter.defaultValue);
                ++defaults;
            }
        }
        compileFunction(statement, function);
        put(Opcode::MakeFunction, index, defaults, line);
        storeName(statement.name, line);
        break;
    }
    case StatementKind::Import:
        for (const QString &name : statement.names) {
            if (!importableModules().contains(name)) {
                refuse(statement.at,
                       QStringLiteral("'import %1' is not part of Kitchen Python: a recipe may import "
                                      "asyncio and time, nothing else")
                           .arg(name));
                continue;
            }
            put(Opcode::LoadConst,
                constant(Value(Value::Data(name == QLatin1String("asyncio") ? ModuleId::Asyncio : ModuleId::Time))), 0,
                line);
            storeName(name, line);
        }
        break;
    }
}

void Compiler::compileExpression(const Expression &e)
{
    const int line = e.at.line;
    switch (e.kind) {
    case ExpressionKind::Name:
        if (escapeNames().contains(e.text)) {
            refuse(e.at,
                   QStringLiteral("'%1' is not part of Kitchen Python: a recipe may print and wait, never "
                                  "touch the machine")
                       .arg(e.text));
            return;
        }
        loadName(e.text, line);
        break;
    case ExpressionKind::Integer:
        put(Opcode::LoadConst, constant(Value(e.integer)), 0, line);
        break;
    case ExpressionKind::Float:
        put(Opcode::LoadConst, constant(Value(e.number)), 0, line);
        break;
    case ExpressionKind::String:
        put(Opcode::LoadConst, constant(Value(e.text)), 0, line);
        break;
    case ExpressionKind::FormattedString:
        compileFormattedString(e);
        break;
    case ExpressionKind::True:
        put(Opcode::LoadConst, constant(Value(true)), 0, line);
        break;
    case ExpressionKind::False:
        put(Opcode::LoadConst, constant(Value(false)), 0, line);
        break;
    case ExpressionKind::None:
        put(Opcode::LoadConst, constant(Value()), 0, line);
        break;
    case ExpressionKind::List:
        for (const ExpressionPtr &item : e.operands)
            compileExpression(*item);
        put(Opcode::BuildList, int(e.operands.size()), 0, line);
        break;
    case ExpressionKind::ListComprehension:
        compileComprehension(e);
        break;
    case ExpressionKind::Unary:
        compileExpression(*e.operands[0]);
        put(Opcode::Unary, int(e.unaryOperator), 0, line);
        break;
    case ExpressionKind::Binary:
        compileExpression(*e.operands[0]);
        compileExpression(*e.operands[1]);
        put(Opcode::Binary, int(e.binaryOperator), 0, line);
        break;
    case ExpressionKind::Compare:
        compileCompare(e);
        break;
    case ExpressionKind::And:
    case ExpressionKind::Or: {
        std::vector<std::size_t> jumps;
        const Opcode op = e.kind == ExpressionKind::And ? Opcode::JumpIfFalseOrPop : Opcode::JumpIfTrueOrPop;
        for (std::size_t i = 0; i < e.operands.size(); ++i) {
            compileExpression(*e.operands[i]);
            if (i + 1 < e.operands.size())
                jumps.push_back(put(op, 0, 0, line));
        }
        for (const std::size_t jump : jumps)
            patch(jump, here());
        break;
    }
    case ExpressionKind::Conditional: {
        compileExpression(*e.operands[1]);
        const std::size_t toElse = put(Opcode::JumpIfFalse, 0, 0, line);
        compileExpression(*e.operands[0]);
        const std::size_t toEnd = put(Opcode::Jump, 0, 0, line);
        patch(toElse, here());
        compileExpression(*e.operands[2]);
        patch(toEnd, here());
        break;
    }
    case ExpressionKind::Call:
        compileCall(e);
        break;
    case ExpressionKind::Attribute:
        if (!reachableAttributes().contains(e.text)) {
            refuse(e.at,
                   QStringLiteral("'.%1' is not part of Kitchen Python; docs/recipe-language.md lists what "
                                  "a recipe can reach")
                       .arg(e.text));
            return;
        }
        if (e.text == QLatin1String("done") || e.text == QLatin1String("result"))
            m_program->taskQuestions.push_back(e.at);
        else if (e.text == QLatin1String("run"))
            m_program->asyncioRuns.push_back(e.at);
        compileExpression(*e.operands[0]);
        put(Opcode::LoadAttribute, nameIndex(e.text), 0, line);
        break;
    case ExpressionKind::Subscript:
        compileExpression(*e.operands[0]);
        compileExpression(*e.operands[1]);
        put(Opcode::LoadSubscript, 0, 0, line);
        break;
    case ExpressionKind::Await: {
        compileExpression(*e.operands[0]);
        const std::size_t await = putAwait(line);
        const Expression &awaited = *e.operands[0];
        m_scope->code->code[await].awaitsFinishedCall
            = isUserCall(awaited) || isAsyncioCall(awaited, "sleep") || isAsyncioCall(awaited, "gather");
        break;
    }
    case ExpressionKind::Starred:
        refuse(e.at, QStringLiteral("*unpacking is only part of Kitchen Python in a call's arguments"));
        break;
    }
}

void Compiler::compileCall(const Expression &call)
{
    const int line = call.at.line;
    markSpawnSites(call);
    compileExpression(*call.operands[0]);
    const bool hasStar = std::any_of(call.operands.begin() + 1, call.operands.end(),
                                     [](const ExpressionPtr &a) { return a->kind == ExpressionKind::Starred; });
    int positional = int(call.operands.size()) - 1;
    if (hasStar) {
        const int list = temporary();
        put(Opcode::BuildList, 0, 0, line);
        put(Opcode::StoreLocal, list, 0, line);
        for (std::size_t i = 1; i < call.operands.size(); ++i) {
            const Expression &argument = *call.operands[i];
            if (argument.kind == ExpressionKind::Starred) {
                compileExpression(*argument.operands[0]);
                put(Opcode::ListExtendTo, list, 0, line);
            } else {
                compileExpression(argument);
                put(Opcode::ListAppendTo, list, 0, line);
            }
        }
        put(Opcode::LoadLocal, list, 0, line);
    } else {
        for (std::size_t i = 1; i < call.operands.size(); ++i)
            compileExpression(*call.operands[i]);
    }
    int keywordNames = -1;
    if (!call.keywords.empty()) {
        std::vector<Value> names;
        for (const Keyword &keyword : call.keywords) {
            compileExpression(*keyword.value);
            names.push_back(Value(keyword.name));
        }
        keywordNames = constant(Value::list(std::move(names)));
    }
    const std::size_t instruction = hasStar ? put(Opcode::CallWithList, 0, keywordNames, line)
                                            : put(Opcode::Call, positional, keywordNames, line);
    m_scope->code->code[instruction].spawnsThread = m_spawnSites.contains(&call);
}

void Compiler::compileCompare(const Expression &compare)
{
    const int line = compare.at.line;
    compileExpression(*compare.operands[0]);
    if (compare.compareOperators.size() == 1) {
        compileExpression(*compare.operands[1]);
        put(Opcode::Compare, int(compare.compareOperators[0]), 0, line);
        return;
    }
    // a < b < c: b is evaluated once and kept for the next comparison; the first false one ends the chain.
    const int kept = temporary();
    std::vector<std::size_t> jumps;
    for (std::size_t i = 0; i < compare.compareOperators.size(); ++i) {
        if (i > 0)
            put(Opcode::LoadLocal, kept, 0, line);
        compileExpression(*compare.operands[i + 1]);
        const bool last = i + 1 == compare.compareOperators.size();
        if (!last) {
            put(Opcode::StoreLocal, kept, 0, line);
            put(Opcode::LoadLocal, kept, 0, line);
        }
        put(Opcode::Compare, int(compare.compareOperators[i]), 0, line);
        if (!last)
            jumps.push_back(put(Opcode::JumpIfFalseOrPop, 0, 0, line));
    }
    for (const std::size_t jump : jumps)
        patch(jump, here());
}

void Compiler::compileComprehension(const Expression &comprehension)
{
    const int line = comprehension.at.line;
    const int result = temporary();
    const int variable = temporary();
    put(Opcode::BuildList, 0, 0, line);
    put(Opcode::StoreLocal, result, 0, line);
    // The iterable is evaluated outside the comprehension's scope, as in Python.
    compileExpression(*comprehension.operands[1]);
    put(Opcode::GetIter, 0, 0, line);
    const int start = here();
    const std::size_t toEnd = put(Opcode::ForIter, 0, 0, line);
    put(Opcode::StoreLocal, variable, 0, line);
    m_scope->shadows.emplace_back(comprehension.text, variable);
    for (std::size_t i = 2; i < comprehension.operands.size(); ++i) {
        compileExpression(*comprehension.operands[i]);
        put(Opcode::JumpIfFalse, start, 0, line);
    }
    compileExpression(*comprehension.operands[0]);
    m_scope->shadows.pop_back();
    put(Opcode::ListAppendTo, result, 0, line);
    put(Opcode::Jump, start, 0, line);
    patch(toEnd, here());
    put(Opcode::LoadLocal, result, 0, line);
    // Python runs a comprehension in a function of its own, whose locals go when it returns: the list and the last
    // item must not live on in the hidden slots, or what only they hold (a coroutine never awaited, say) is freed
    // later than in CPython.
    for (const int slot : {result, variable}) {
        put(Opcode::LoadConst, constant(Value()), 0, line);
        put(Opcode::StoreLocal, slot, 0, line);
    }
}

void Compiler::compileFormattedString(const Expression &string)
{
    const int line = string.at.line;
    for (const FormattedPart &part : string.parts) {
        if (!part.value) {
            put(Opcode::LoadConst, constant(Value(part.literal)), 0, line);
            continue;
        }
        compileExpression(*part.value);
        int flags = part.conversion == QLatin1Char('r') ? 1
            : part.conversion == QLatin1Char('s')       ? 2
            : part.conversion == QLatin1Char('a')       ? 8
                                                        : 0;
        if (part.formatSpecValue) {
            compileFormattedString(*part.formatSpecValue); // the spec, made when the field is
            flags |= 4;
        } else if (!part.formatSpec.isEmpty()) {
            put(Opcode::LoadConst, constant(Value(part.formatSpec)), 0, line);
            flags |= 4;
        }
        put(Opcode::FormatValue, 0, flags, line);
    }
    put(Opcode::BuildString, int(string.parts.size()), 0, line);
}

} // namespace recipe
