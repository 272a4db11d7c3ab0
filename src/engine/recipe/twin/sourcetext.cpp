// SPDX-License-Identifier: MIT
#include "sourcetext.h"

namespace recipe {

SourceText::SourceText(const std::vector<QString> &lines)
{
    m_lineStarts.reserve(lines.size());
    for (const QString &line : lines) {
        m_lineStarts.push_back(m_text.size());
        m_text += line;
        m_text += u'\n';
    }
}

qsizetype SourceText::startOfLine(int line) const
{
    if (line < 1)
        return 0;
    return std::size_t(line) <= m_lineStarts.size() ? m_lineStarts[std::size_t(line) - 1] : m_text.size();
}

qsizetype SourceText::offsetOf(SourceLocation at) const
{
    qsizetype offset = startOfLine(at.line);
    for (int column = 1; column < at.column && offset < m_text.size() && m_text.at(offset) != u'\n'; ++column) {
        const bool pair = m_text.at(offset).isHighSurrogate() && offset + 1 < m_text.size()
            && m_text.at(offset + 1).isLowSurrogate();
        offset += pair ? 2 : 1;
    }
    return offset;
}

} // namespace recipe
