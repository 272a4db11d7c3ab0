// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <vector>

class QWidget;

/**
 * How much CPU a window burns with nothing to do: shown, then minimised,
 * then hidden, each for a given time after a short settling. The share is
 * the process's CPU time over the wall time, as `top` gives it for one core.
 */
class IdleMeasurement : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdleMeasurement)

public:
    struct Result {
        QString state; ///< "shown", "minimised", "hidden"
        double cpuPercent;
        double seconds;
    };

    IdleMeasurement(QWidget *window, int seconds, QObject *parent = nullptr);

    void start();
    const std::vector<Result> &results() const { return m_results; }

Q_SIGNALS:
    void done();

private:
    void settleThenMeasure(const QString &state);
    void measureNext();

    QWidget *m_window;
    int m_seconds;
    std::vector<Result> m_results;
};
