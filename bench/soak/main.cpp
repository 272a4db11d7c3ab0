// SPDX-License-Identifier: MIT
// bakeloop-soak: the window's cost over a long session. Driven by bench/run_soak.py.
//
//   bakeloop-soak --bakes 1000 [--step-ms 1] [--pause-ms 40]   one JSON object: a sample per bake
//   bakeloop-soak --idle 10                                     one JSON object: idle CPU shown, minimised, hidden

#include "idlemeasurement.h"
#include "mainwindow.h"
#include "soakrun.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace {
void printJson(const QJsonObject &object)
{
    std::fputs(QJsonDocument(object).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
}

QJsonObject soakReport(const SoakRun &run)
{
    QJsonArray samples;
    for (const SoakRun::Sample &sample : run.samples())
        samples.append(
            QJsonArray{bakeModeName(sample.mode), sample.cpuMs, sample.wallMs, double(sample.residentBytes)});
    return {{QStringLiteral("kind"), QStringLiteral("soak")},
            {QStringLiteral("columns"),
             QJsonArray{QStringLiteral("mode"), QStringLiteral("cpu_ms"), QStringLiteral("wall_ms"),
                        QStringLiteral("rss_bytes")}},
            {QStringLiteral("samples"), samples}};
}

QJsonObject idleReport(const IdleMeasurement &measurement)
{
    QJsonObject report{{QStringLiteral("kind"), QStringLiteral("idle")}};
    for (const IdleMeasurement::Result &result : measurement.results())
        report.insert(result.state,
                      QJsonObject{{QStringLiteral("cpu_percent"), result.cpuPercent},
                                  {QStringLiteral("seconds"), result.seconds}});
    return report;
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // Never the user's settings: the window reads its recipe and geometry from here.
    QCoreApplication::setOrganizationName(QStringLiteral("Bakeloop soak benchmark"));
    QCoreApplication::setApplicationName(QStringLiteral("bakeloop-soak"));

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption bakesOption(QStringLiteral("bakes"), QStringLiteral("Bakes to run."), QStringLiteral("N"),
                                         QStringLiteral("1000"));
    const QCommandLineOption stepOption(QStringLiteral("step-ms"), QStringLiteral("Each step of the recipe."),
                                        QStringLiteral("MS"), QStringLiteral("1"));
    const QCommandLineOption pauseOption(QStringLiteral("pause-ms"), QStringLiteral("Pause after each bake."),
                                         QStringLiteral("MS"), QStringLiteral("40"));
    const QCommandLineOption idleOption(QStringLiteral("idle"),
                                        QStringLiteral("Measure idle CPU for this long in each window state instead."),
                                        QStringLiteral("SECONDS"));
    parser.addOptions({bakesOption, stepOption, pauseOption, idleOption});
    parser.process(app);

    MainWindow window;
    window.setRemembersSettings(false);
    window.resize(1280, 800);
    window.show();

    if (parser.isSet(idleOption)) {
        IdleMeasurement measurement(&window, std::max(1, parser.value(idleOption).toInt()));
        QObject::connect(&measurement, &IdleMeasurement::done, &app, [&] {
            printJson(idleReport(measurement));
            app.quit();
        });
        measurement.start();
        return app.exec();
    }

    SoakRun::Plan plan;
    plan.bakes = std::max(1, parser.value(bakesOption).toInt());
    plan.stepMs = std::max(1, parser.value(stepOption).toInt());
    plan.pauseMs = std::max(0, parser.value(pauseOption).toInt());
    SoakRun run(&window, plan);
    QObject::connect(&run, &SoakRun::done, &app, [&] {
        printJson(soakReport(run));
        app.quit();
    });
    run.start();
    return app.exec();
}
