// SPDX-License-Identifier: MIT
#pragma once

#include "codeobject.h"

#include <QString>

#include <set>
#include <vector>

namespace recipe {

/**
 * The state machine the engine compiled from a recipe, written for a teacher
 * to read aloud: for each function its states (state 0 at the top, one more
 * after each await), each with the source lines it can run and where it
 * ends, then the function's instructions under the source lines they come
 * from, marking where a state suspends (an Await) and where the next one
 * resumes. docs/recipe-language.md describes the format.
 */
class MachineListing
{
public:
    static QString write(const Program &program, const QString &fileName);

private:
    /// What one state can run before it suspends or returns, found by following the jumps from where it starts.
    struct StateReach {
        std::set<int> lines;
        std::set<int> awaitLines; ///< the awaits it can suspend at
        bool returns = false;
    };

    explicit MachineListing(const Program &program);
    QString function(const CodeObject &code) const;
    QString heading(const CodeObject &code) const;
    QString instructionLine(const CodeObject &code, std::size_t index) const;
    QString operand(const CodeObject &code, const Instruction &instruction, std::size_t index) const;
    QString sourceLine(int line) const;
    static StateReach reach(const CodeObject &code, std::size_t start);
    static QString describeStates(const CodeObject &code);
    static QString ranges(const std::set<int> &lines);

    const Program &m_program;
};

} // namespace recipe
