// SPDX-License-Identifier: MIT
#include "machinelisting.h"

#include <QStringList>

namespace recipe {

namespace {
/// Columns of an instruction line: its index, its opcode's name, then what its operand means.
constexpr int indexWidth = 6;
constexpr int opcodeWidth = 15;
constexpr int lineNumberWidth = 4;

const char *opcodeName(Opcode op)
{
    switch (op) {
    case Opcode::LoadConst:
        return "LoadConst";
    case Opcode::LoadLocal:
        return "LoadLocal";
    case Opcode::StoreLocal:
        return "StoreLocal";
    case Opcode::LoadGlobal:
        return "LoadGlobal";
    case Opcode::StoreGlobal:
        return "StoreGlobal";
    case Opcode::Pop:
        return "Pop";
    case Opcode::Unary:
        return "Unary";
    case Opcode::Binary:
        return "Binary";
    case Opcode::Compare:
        return "Compare";
    case Opcode::Jump:
        return "Jump";
    case Opcode::JumpIfFalse:
        return "JumpIfFalse";
    case Opcode::JumpIfFalseOrPop:
        return "JumpIfFalseOrPop";
    case Opcode::JumpIfTrueOrPop:
        return "JumpIfTrueOrPop";
    case Opcode::BuildList:
        return "BuildList";
    case Opcode::ListAppendTo:
        return "ListAppendTo";
    case Opcode::ListExtendTo:
        return "ListExtendTo";
    case Opcode::GetIter:
        return "GetIter";
    case Opcode::ForIter:
        return "ForIter";
    case Opcode::Call:
        return "Call";
    case Opcode::CallWithList:
        return "CallWithList";
    case Opcode::LoadAttribute:
        return "LoadAttribute";
    case Opcode::LoadSubscript:
        return "LoadSubscript";
    case Opcode::StoreSubscript:
        return "StoreSubscript";
    case Opcode::FormatValue:
        return "FormatValue";
    case Opcode::BuildString:
        return "BuildString";
    case Opcode::MakeFunction:
        return "MakeFunction";
    case Opcode::Await:
        return "Await";
    case Opcode::Return:
        return "Return";
    case Opcode::Raise:
        return "Raise";
    case Opcode::ExceptMatch:
        return "ExceptMatch";
    case Opcode::Unbind:
        return "Unbind";
    case Opcode::EnterContext:
        return "EnterContext";
    case Opcode::ExceptStarWrap:
        return "ExceptStarWrap";
    case Opcode::ExceptStarSplit:
        return "ExceptStarSplit";
    case Opcode::ExceptStarFinish:
        return "ExceptStarFinish";
    case Opcode::ExitContext:
        return "ExitContext";
    }
    return "?";
}

bool isConditionalJump(Opcode op)
{
    return op == Opcode::JumpIfFalse || op == Opcode::JumpIfFalseOrPop || op == Opcode::JumpIfTrueOrPop
        || op == Opcode::ForIter;
}

QString spelling(const Instruction &instruction)
{
    static const QStringList unary{QStringLiteral("-"), QStringLiteral("+"), QStringLiteral("not")};
    static const QStringList binary{QStringLiteral("+"),  QStringLiteral("-"), QStringLiteral("*"), QStringLiteral("/"),
                                    QStringLiteral("//"), QStringLiteral("%"), QStringLiteral("**")};
    static const QStringList compare{QStringLiteral("<"),     QStringLiteral("<="),     QStringLiteral(">"),
                                     QStringLiteral(">="),    QStringLiteral("=="),     QStringLiteral("!="),
                                     QStringLiteral("is"),    QStringLiteral("is not"), QStringLiteral("in"),
                                     QStringLiteral("not in")};
    const QStringList &names
        = instruction.op == Opcode::Unary ? unary : (instruction.op == Opcode::Binary ? binary : compare);
    return names.value(instruction.a, QStringLiteral("?"));
}

QString plural(int count, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? one : many);
}
} // namespace

MachineListing::MachineListing(const Program &program)
    : m_program(program)
{
}

QString MachineListing::write(const Program &program, const QString &fileName)
{
    const MachineListing listing(program);
    QString text = QStringLiteral("# %1 as the engine compiled it: each function a state machine, a state per await.\n"
                                  "# State 0 starts at the top; each Await suspends the state it ends, and the next "
                                  "state resumes right after it\n# with the awaited result on the stack.\n")
                       .arg(fileName);
    text += QLatin1Char('\n') + listing.function(*program.module);
    for (const std::unique_ptr<CodeObject> &code : program.functions)
        text += QLatin1Char('\n') + listing.function(*code);
    return text;
}

QString MachineListing::function(const CodeObject &code) const
{
    QString text = heading(code) + describeStates(code) + QLatin1Char('\n');
    int shownLine = 0;
    for (std::size_t index = 0; index < code.code.size(); ++index) {
        const Instruction &instruction = code.code[index];
        if (index > 0 && code.code[index - 1].op == Opcode::Await) {
            text += QStringLiteral("%1-- state %2 resumes here, the awaited result on the stack\n")
                        .arg(QString(indexWidth, u' '))
                        .arg(code.code[index - 1].a + 1);
        }
        if (instruction.line > 0 && instruction.line != shownLine) {
            shownLine = instruction.line;
            text += sourceLine(shownLine);
        }
        text += instructionLine(code, index);
    }
    for (const ExceptionHandler &handler : code.handlers) {
        text += QStringLiteral("%1-- an exception raised in %2 to %3 goes to %4, the stack cut to %5 and the "
                               "exception pushed\n")
                    .arg(QString(indexWidth, u' '))
                    .arg(handler.start)
                    .arg(handler.end - 1)
                    .arg(handler.target)
                    .arg(handler.depth);
    }
    return text;
}

QString MachineListing::heading(const CodeObject &code) const
{
    const int states = int(code.awaitLines.size()) + 1;
    if (code.name == QLatin1String("<module>"))
        return QStringLiteral("the module: %1\n")
            .arg(plural(states, QStringLiteral("state"), QStringLiteral("states")));
    return QStringLiteral("%1def %2(%3), line %4: %5\n")
        .arg(code.isAsync ? QStringLiteral("async ") : QString(), code.name)
        .arg(QStringList(code.parameters.begin(), code.parameters.end()).join(QStringLiteral(", ")))
        .arg(code.firstLine)
        .arg(plural(states, QStringLiteral("state"), QStringLiteral("states")));
}

MachineListing::StateReach MachineListing::reach(const CodeObject &code, std::size_t start)
{
    StateReach reached;
    std::vector<bool> seen(code.code.size(), false);
    std::vector<std::size_t> pending{start};
    while (!pending.empty()) {
        const std::size_t index = pending.back();
        pending.pop_back();
        if (index >= code.code.size() || seen[index])
            continue;
        seen[index] = true;
        const Instruction &instruction = code.code[index];
        if (instruction.line > 0)
            reached.lines.insert(instruction.line);
        // An error raised here goes to the handler of the try around it.
        for (const ExceptionHandler &handler : code.handlers) {
            if (int(index) >= handler.start && int(index) < handler.end)
                pending.push_back(std::size_t(handler.target));
        }
        switch (instruction.op) {
        case Opcode::Await:
            reached.awaitLines.insert(instruction.line);
            break;
        case Opcode::Return:
            reached.returns = true;
            break;
        case Opcode::Raise:
            break;
        case Opcode::Jump:
            pending.push_back(std::size_t(instruction.a));
            break;
        default:
            if (isConditionalJump(instruction.op))
                pending.push_back(std::size_t(instruction.a));
            pending.push_back(index + 1);
            break;
        }
    }
    return reached;
}

QString MachineListing::describeStates(const CodeObject &code)
{
    QString text;
    std::size_t start = 0;
    for (std::size_t state = 0; state <= code.awaitLines.size(); ++state) {
        const StateReach reached = reach(code, start);
        QStringList ends;
        for (const int line : reached.awaitLines)
            ends << QStringLiteral("the await on line %1").arg(line);
        if (reached.returns)
            ends << QStringLiteral("the end");
        const QString from = state == 0 ? QStringLiteral("from the top")
                                        : QStringLiteral("after the await on line %1").arg(code.awaitLines[state - 1]);
        text += QStringLiteral("  state %1: %2, runs %3 %4, until %5\n")
                    .arg(state)
                    .arg(from, reached.lines.size() == 1 ? QStringLiteral("line") : QStringLiteral("lines"),
                         ranges(reached.lines), ends.join(QStringLiteral(" or ")));
        // The next state starts after the Await that ends this one, in the order the awaits are written.
        for (std::size_t index = 0; index < code.code.size(); ++index) {
            if (code.code[index].op == Opcode::Await && std::size_t(code.code[index].a) == state) {
                start = index + 1;
                break;
            }
        }
    }
    return text;
}

QString MachineListing::ranges(const std::set<int> &lines)
{
    QStringList parts;
    for (auto it = lines.begin(); it != lines.end();) {
        const int first = *it;
        int last = first;
        while (++it != lines.end() && *it == last + 1)
            last = *it;
        parts << (first == last ? QString::number(first) : QStringLiteral("%1-%2").arg(first).arg(last));
    }
    return parts.join(QStringLiteral(", "));
}

QString MachineListing::sourceLine(int line) const
{
    const QString text = line <= int(m_program.lines.size()) ? m_program.lines[std::size_t(line) - 1] : QString();
    return QStringLiteral("%1 | %2\n").arg(line, lineNumberWidth).arg(text);
}

QString MachineListing::instructionLine(const CodeObject &code, std::size_t index) const
{
    const Instruction &instruction = code.code[index];
    const QString meaning = operand(code, instruction, index);
    QString text = QStringLiteral("%1  %2").arg(index, indexWidth).arg(QLatin1String(opcodeName(instruction.op)));
    if (!meaning.isEmpty())
        text = text.leftJustified(indexWidth + 2 + opcodeWidth) + QLatin1Char(' ') + meaning;
    return text + QLatin1Char('\n');
}

QString MachineListing::operand(const CodeObject &code, const Instruction &instruction, std::size_t index) const
{
    const auto keywords = [&]() {
        return instruction.b >= 0 && std::size_t(instruction.b) < code.constants.size()
            ? QStringLiteral(", keywords %1").arg(code.constants[std::size_t(instruction.b)].repr())
            : QString();
    };
    const auto local = [&]() { return code.localNames.at(std::size_t(instruction.a)); };
    switch (instruction.op) {
    case Opcode::LoadConst:
        return code.constants.at(std::size_t(instruction.a)).repr();
    case Opcode::LoadLocal:
    case Opcode::StoreLocal:
        return local();
    case Opcode::ListAppendTo:
    case Opcode::ListExtendTo:
        return QStringLiteral("to %1").arg(local());
    case Opcode::LoadGlobal:
    case Opcode::StoreGlobal:
    case Opcode::LoadAttribute:
        return code.names.at(std::size_t(instruction.a));
    case Opcode::Unary:
    case Opcode::Binary:
    case Opcode::Compare:
        return spelling(instruction);
    case Opcode::Jump:
    case Opcode::JumpIfFalse:
    case Opcode::JumpIfFalseOrPop:
    case Opcode::JumpIfTrueOrPop:
    case Opcode::ForIter:
        return QStringLiteral("to %1").arg(instruction.a);
    case Opcode::BuildList:
    case Opcode::BuildString:
        return plural(instruction.a, QStringLiteral("item"), QStringLiteral("items"));
    case Opcode::Call:
        return plural(instruction.a, QStringLiteral("argument"), QStringLiteral("arguments")) + keywords();
    case Opcode::CallWithList:
        return QStringLiteral("arguments in a list") + keywords();
    case Opcode::FormatValue:
        return QStringLiteral("%1%2%3%4")
            .arg(instruction.b & 1 ? QStringLiteral("!r ") : QString(),
                 instruction.b & 2 ? QStringLiteral("!s ") : QString(),
                 instruction.b & 8 ? QStringLiteral("!a ") : QString(),
                 instruction.b & 4 ? QStringLiteral("with a spec") : QString())
            .trimmed();
    case Opcode::MakeFunction:
        return QStringLiteral("%1, %2").arg(
            m_program.functions.at(std::size_t(instruction.a))->name,
            plural(instruction.b, QStringLiteral("default"), QStringLiteral("defaults")));
    case Opcode::Await:
        return QStringLiteral("suspends here; state %1 resumes at %2").arg(instruction.a + 1).arg(index + 1);
    case Opcode::Raise:
        return instruction.b == 1 ? QStringLiteral("again, from where it was first raised") : QString();
    case Opcode::ExceptMatch:
        return QStringLiteral("is it %1?")
            .arg(code.constants.at(std::size_t(instruction.a))
                     .asStr()
                     .split(QLatin1Char(' '))
                     .join(QStringLiteral(" or ")));
    case Opcode::Unbind:
        return instruction.b == 1 ? code.names.at(std::size_t(instruction.a)) : local();
    case Opcode::EnterContext:
        return QStringLiteral("__aenter__(), to await");
    case Opcode::ExceptStarSplit:
        return QStringLiteral("the part that is %1, and the rest")
            .arg(code.constants.at(std::size_t(instruction.a))
                     .asStr()
                     .split(QLatin1Char(' '))
                     .join(QStringLiteral(" or ")));
    case Opcode::ExitContext:
        return instruction.a == 1 ? QStringLiteral("__aexit__(the exception), to await: true swallows it")
                                  : QStringLiteral("__aexit__(None, None, None), to await");
    default:
        return {};
    }
}

} // namespace recipe
