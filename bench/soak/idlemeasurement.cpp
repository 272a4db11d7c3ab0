// SPDX-License-Identifier: MIT
#include "idlemeasurement.h"

#include "processcputime.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

namespace {
// Start-up, first paints and the state change itself are not idling; let them pass before measuring.
constexpr int settleMs = 1500;
} // namespace

IdleMeasurement::IdleMeasurement(QWidget *window, int seconds, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_seconds(seconds)
{
}

void IdleMeasurement::start()
{
    m_window->showNormal();
    settleThenMeasure(QStringLiteral("shown"));
}

void IdleMeasurement::settleThenMeasure(const QString &state)
{
    QTimer::singleShot(settleMs, this, [this, state] {
        const double cpuAtStart = ProcessCpuTime::milliseconds();
        QElapsedTimer wall;
        wall.start();
        QTimer::singleShot(m_seconds * 1000, Qt::PreciseTimer, this, [this, state, cpuAtStart, wall] {
            const double wallMs = double(wall.nsecsElapsed()) / 1e6;
            m_results.push_back({state, 100.0 * (ProcessCpuTime::milliseconds() - cpuAtStart) / wallMs, wallMs / 1e3});
            measureNext();
        });
    });
}

void IdleMeasurement::measureNext()
{
    switch (m_results.size()) {
    case 1:
        m_window->showMinimized();
        settleThenMeasure(QStringLiteral("minimised"));
        return;
    case 2:
        m_window->hide();
        settleThenMeasure(QStringLiteral("hidden"));
        return;
    default:
        Q_EMIT done();
    }
}
