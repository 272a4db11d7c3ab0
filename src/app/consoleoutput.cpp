// SPDX-License-Identifier: MIT
#include "consoleoutput.h"

#include <cstdio>

namespace {
void write(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stream);
    std::fflush(stream);
}
} // namespace

void ConsoleOutput::printLine(const QString &line)
{
    write(stdout, line + QLatin1Char('\n'));
}

void ConsoleOutput::printError(const QString &message)
{
    write(stderr, QStringLiteral("bakeloop: ") + message + QLatin1Char('\n'));
}

void ConsoleOutput::print(const QString &text)
{
    write(stdout, text);
}
