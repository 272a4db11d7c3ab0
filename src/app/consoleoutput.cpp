// SPDX-License-Identifier: MIT
#include "consoleoutput.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace {
/// The first failure on standard output; later lines would only fail the same way.
QString standardOutputFailure;

/// Writes and flushes @p text; the system's reason when either falls short, else an empty string.
QString write(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    errno = 0;
    if (std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stream) == std::size_t(bytes.size())
        && std::fflush(stream) == 0)
        return {};
    // A stream error keeps failing every later write; clear it so each write reports its own fate.
    std::clearerr(stream);
    return QString::fromLocal8Bit(std::strerror(errno ? errno : EIO));
}

bool writeToStandardOutput(const QString &text)
{
    const QString failure = write(stdout, text);
    if (failure.isEmpty())
        return true;
    if (standardOutputFailure.isEmpty())
        standardOutputFailure = failure;
    return false;
}
} // namespace

bool ConsoleOutput::printLine(const QString &line)
{
    return writeToStandardOutput(line + QLatin1Char('\n'));
}

void ConsoleOutput::printError(const QString &message)
{
    // Nowhere is left to tell of a failure on standard error itself.
    write(stderr, QStringLiteral("bakeloop: ") + message + QLatin1Char('\n'));
}

void ConsoleOutput::printErrorText(const QString &text)
{
    write(stderr, text);
}

bool ConsoleOutput::print(const QString &text)
{
    return writeToStandardOutput(text);
}

void ConsoleOutput::printStandardOutputFailure()
{
    printError(QStringLiteral("cannot write to standard output: %1").arg(standardOutputFailure));
}
