// SPDX-License-Identifier: MIT
#include "compiler.h"
#include "parser.h"
#include "stackdepth.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace recipe;

/**
 * StackDepth: how deep a function's operand stack gets, which every frame
 * reserves once. Too small and frames grow again (the debug build's
 * interpreter asserts it never happens, which the corpus and the fuzz test
 * run under sanitizers); two paths meeting at different depths is a
 * compiler bug it reports.
 */
class TestStackDepth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void straightLineCodeCountsItsOperands();
    void bothSidesOfAJumpAreFollowed();
    void aLoopMeetsItselfAtTheSameDepth();
    void pathsMeetingAtDifferentDepthsAreReported();
    void aCallHoldsItsCalleeAndEveryArgument();
    void everyCorpusRecipeHasAKnownDepth();
};

namespace {
CodeObject codeOf(std::vector<Instruction> instructions)
{
    CodeObject code;
    code.name = QStringLiteral("test");
    code.code = std::move(instructions);
    return code;
}

std::optional<Program> compiled(const QString &source)
{
    std::vector<Diagnostic> diagnostics;
    const std::optional<Module> module = Parser::parse(source, &diagnostics);
    return module ? Compiler::compile(*module, &diagnostics) : std::nullopt;
}
} // namespace

void TestStackDepth::straightLineCodeCountsItsOperands()
{
    QCOMPARE(
        StackDepth::of(codeOf(
            {{.op = Opcode::LoadConst}, {.op = Opcode::LoadConst}, {.op = Opcode::Binary}, {.op = Opcode::Return}})),
        2);
    QCOMPARE(StackDepth::of(codeOf({})), 0);
}

void TestStackDepth::bothSidesOfAJumpAreFollowed()
{
    // if c: push three values, else: push one; the deeper side decides.
    QCOMPARE(StackDepth::of(codeOf({{.op = Opcode::LoadConst},
                                    {.op = Opcode::JumpIfFalse, .a = 7},
                                    {.op = Opcode::LoadConst},
                                    {.op = Opcode::LoadConst},
                                    {.op = Opcode::LoadConst},
                                    {.op = Opcode::BuildList, .a = 3},
                                    {.op = Opcode::Return},
                                    {.op = Opcode::LoadConst},
                                    {.op = Opcode::Return}})),
             3);
}

void TestStackDepth::aLoopMeetsItselfAtTheSameDepth()
{
    // for x in items: pass -- the iterator stays below each item.
    QCOMPARE(StackDepth::of(codeOf({{.op = Opcode::LoadConst},
                                    {.op = Opcode::GetIter},
                                    {.op = Opcode::ForIter, .a = 5},
                                    {.op = Opcode::StoreLocal},
                                    {.op = Opcode::Jump, .a = 2},
                                    {.op = Opcode::LoadConst},
                                    {.op = Opcode::Return}})),
             2);
}

void TestStackDepth::pathsMeetingAtDifferentDepthsAreReported()
{
    QCOMPARE(StackDepth::of(codeOf({{.op = Opcode::LoadConst},
                                    {.op = Opcode::JumpIfFalse, .a = 3},
                                    {.op = Opcode::LoadConst},
                                    {.op = Opcode::LoadConst},
                                    {.op = Opcode::Return}})),
             -1);
}

void TestStackDepth::aCallHoldsItsCalleeAndEveryArgument()
{
    const std::optional<Program> program = compiled(QStringLiteral("print(1, 2, 3)\n"));
    QVERIFY(program);
    QCOMPARE(program->module->maxStackDepth, 4);
    const std::optional<Program> keywords = compiled(QStringLiteral("print(1, 2, sep='-', end='')\n"));
    QVERIFY(keywords);
    QCOMPARE(keywords->module->maxStackDepth, 5);
}

void TestStackDepth::everyCorpusRecipeHasAKnownDepth()
{
    const QDir corpus(QStringLiteral(RECIPE_CORPUS));
    const QStringList recipes = corpus.entryList({QStringLiteral("*.py")}, QDir::Files);
    QVERIFY(recipes.size() >= 40);
    for (const QString &name : recipes) {
        QFile file(corpus.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const std::optional<Program> program = compiled(QString::fromUtf8(file.readAll()));
        if (!program)
            continue; // a recipe the corpus keeps for its refusal
        QVERIFY2(program->module->maxStackDepth > 0, qPrintable(name));
        for (const std::unique_ptr<CodeObject> &function : program->functions)
            QVERIFY2(function->maxStackDepth > 0, qPrintable(name + QLatin1Char(' ') + function->name));
    }
}

QTEST_GUILESS_MAIN(TestStackDepth)
#include "tst_stackdepth.moc"
