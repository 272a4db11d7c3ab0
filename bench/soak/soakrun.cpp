// SPDX-License-Identifier: MIT
#include "soakrun.h"

#include "mainwindow.h"
#include "processcputime.h"
#include "processmemory.h"

#include <QElapsedTimer>
#include <QTimer>

#include <array>

namespace {
struct Bake {
    BakeMode mode;
    void (MainWindow::*start)();
};
constexpr Bake syncBake{BakeMode::Sync, &MainWindow::bakeSync};
constexpr Bake asyncBake{BakeMode::Async, &MainWindow::bakeAsync};
constexpr Bake threadedBake{BakeMode::Threaded, &MainWindow::bakeThreaded};
// Out of every ten bakes: one sync, one threaded, the rest async, the mode a class spends most time in.
constexpr std::array<Bake, 10> cycle{asyncBake, asyncBake, asyncBake,    syncBake,  asyncBake,
                                     asyncBake, asyncBake, threadedBake, asyncBake, asyncBake};

const Bake &bakeNumber(std::size_t bake)
{
    return cycle[bake % cycle.size()];
}

QElapsedTimer &wallClock()
{
    static QElapsedTimer clock;
    if (!clock.isValid())
        clock.start();
    return clock;
}
} // namespace

SoakRun::SoakRun(MainWindow *window, const Plan &plan, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_bakes(plan.bakes)
    , m_stepMs(plan.stepMs)
    , m_pauseMs(plan.pauseMs)
{
    connect(window->session(), &BakeSession::bakeMeasured, this, &SoakRun::onBakeMeasured);
}

void SoakRun::start()
{
    BakeParameters recipe;
    recipe.stepMs = m_stepMs;
    m_window->setParameters(recipe);
    m_samples.reserve(std::size_t(m_bakes));
    m_cpuAtStartMs = ProcessCpuTime::milliseconds();
    m_wallAtStartNs = wallClock().nsecsElapsed();
    QTimer::singleShot(0, this, &SoakRun::startNextBake);
}

void SoakRun::startNextBake()
{
    (m_window->*bakeNumber(m_samples.size()).start)();
}

void SoakRun::onBakeMeasured()
{
    // The bake's follow-up work (the log following its lines a frame later, the layouts and paints it asked for)
    // runs on later turns of the loop: a short pause lets it run, and charges it to this bake.
    QTimer::singleShot(m_pauseMs, this, [this] {
        const double cpuNow = ProcessCpuTime::milliseconds();
        const qint64 wallNow = wallClock().nsecsElapsed();
        m_samples.push_back({bakeNumber(m_samples.size()).mode, cpuNow - m_cpuAtStartMs,
                             double(wallNow - m_wallAtStartNs) / 1e6, ProcessMemory::residentBytes()});
        m_cpuAtStartMs = cpuNow;
        m_wallAtStartNs = wallNow;
        if (int(m_samples.size()) >= m_bakes) {
            Q_EMIT done();
            return;
        }
        startNextBake();
    });
}
