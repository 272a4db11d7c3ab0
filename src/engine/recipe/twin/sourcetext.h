// SPDX-License-Identifier: MIT
#pragma once

#include "syntaxtree.h"

#include <QString>

#include <vector>

namespace recipe {

/**
 * A recipe's text as the twin writers edit it: its lines joined again (each
 * ending with a line break), and where each of the syntax tree's positions
 * falls in that text. Columns count characters as Python does, so a
 * character outside the BMP (a cake emoji in a print) is one column but two
 * QChars: the conversion walks the line rather than adding the column.
 */
class SourceText
{
public:
    explicit SourceText(const std::vector<QString> &lines);

    const QString &text() const { return m_text; }
    /// The offset in text() of @p at; a line past the last is the end of the text.
    qsizetype offsetOf(SourceLocation at) const;
    /// Where line @p line (1-based) starts; past the last line, the end of the text.
    qsizetype startOfLine(int line) const;
    QString between(qsizetype from, qsizetype to) const { return m_text.mid(from, to - from); }
    QString between(SourceLocation from, SourceLocation to) const { return between(offsetOf(from), offsetOf(to)); }
    int lineCount() const { return int(m_lineStarts.size()); }

private:
    QString m_text;
    std::vector<qsizetype> m_lineStarts;
};

} // namespace recipe
