// SPDX-License-Identifier: MIT
#pragma once

#include "bakemode.h"

#include <QObject>

#include <vector>

class MainWindow;

/**
 * Drives a real MainWindow through many short bakes, one after the other, as
 * a class would over a long session: mostly async, with a sync and a threaded
 * bake among every ten. For each bake it records the process's CPU time
 * (every thread) and resident memory, from the start of that bake to the start
 * of the next, so the window's follow-up work (layout, painting, the runs
 * table) is charged to the bake that caused it.
 *
 * It only calls the window's public slots, and starts each bake from a fresh
 * turn of the loop, never from inside the previous bake's signal.
 */
class SoakRun : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SoakRun)

public:
    struct Sample {
        BakeMode mode;
        double cpuMs; ///< process CPU time this bake and its follow-up took
        double wallMs;
        qint64 residentBytes; ///< as the bake ended
    };

    struct Plan {
        int bakes = 1000;
        int stepMs = 1; ///< each step of the recipe: a bake of the default recipe then lasts a few ms
        int pauseMs = 40; ///< between one bake's end and the next bake, a little over a frame of the log's following
    };

    SoakRun(MainWindow *window, const Plan &plan, QObject *parent = nullptr);

    void start();
    const std::vector<Sample> &samples() const { return m_samples; }

Q_SIGNALS:
    void done();

private:
    void startNextBake();
    void onBakeMeasured();

    MainWindow *m_window;
    int m_bakes;
    int m_stepMs;
    int m_pauseMs;
    std::vector<Sample> m_samples;
    double m_cpuAtStartMs = 0;
    qint64 m_wallAtStartNs = 0;
};
