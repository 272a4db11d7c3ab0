// SPDX-License-Identifier: MIT
#include "commandline.h"
#include "headlessbake.h"

#include <QCoreApplication>

#include <cstdio>

namespace {
QStringList argumentsOf(int argc, char *argv[])
{
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

void printTo(FILE *stream, const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("bakeloop"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BAKELOOP_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("Bakeloop"));

    // Checked before any application object exists: a bad flag must start nothing, not even a display connection.
    const CommandLine commandLine = CommandLine::parse(argumentsOf(argc, argv));
    switch (commandLine.action()) {
    case CommandLine::Action::ShowHelp:
        printTo(stdout, commandLine.helpText());
        return 0;
    case CommandLine::Action::ShowVersion:
        printTo(stdout, QStringLiteral("bakeloop %1\n").arg(QCoreApplication::applicationVersion()));
        return 0;
    case CommandLine::Action::Refuse:
        printTo(stderr, QStringLiteral("bakeloop: %1\n").arg(commandLine.error()));
        return CommandLine::usageErrorExitCode;
    case CommandLine::Action::Run:
        break;
    }

    QCoreApplication app(argc, argv);
    HeadlessBake bake(commandLine.options());
    QObject::connect(&bake, &HeadlessBake::done, &app, &QCoreApplication::exit);
    bake.start();
    return app.exec();
}
