// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <optional>

class QInputEvent;

/**
 * Catches the clicks and key presses a user makes while a blocking bake
 * freezes the GUI thread. The window system queues them; when the loop
 * runs again they would all be delivered at once and could start a second
 * bake. The guard swallows each one made during the freeze and reports how
 * long it waited, so the user sees how late the loop answered.
 *
 * When an input was made is read from its timestamp, mapped onto our own
 * clock by calibrating against inputs delivered while the loop is free (the
 * click on Bake Sync itself, typically). Without a calibration, any input
 * delivered just after the freeze counts as made during it.
 *
 * Shortcuts are caught too: Qt offers a key press to the shortcuts (through
 * a ShortcutOverride event) before it delivers it, and the guard claims
 * that offer for every key made during the freeze, so no action runs.
 */
class FreezeInputGuard : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FreezeInputGuard)

public:
    /// After a freeze, inputs are checked for this long; the window system delivers its queue well within it.
    static constexpr int drainMs = 300;

    /// Installs itself as an event filter on the application.
    explicit FreezeInputGuard(QObject *parent = nullptr);
    ~FreezeInputGuard() override;

    void beginFreeze();
    void endFreeze();
    /// While frozen, and for drainMs after the freeze, while the window system delivers what was made during it.
    bool isGuarding() const { return m_frozen || (m_draining && m_clock.elapsed() <= m_drainUntilMs); }

Q_SIGNALS:
    /// @p what: "click on Bake Async", "key press (Space)"; @p waitedMs: from when it was made until delivered.
    void inputWaited(const QString &what, qint64 waitedMs, bool waitIsEstimate);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    /// When @p event was made, on m_clock; nullopt when its timestamp cannot be mapped.
    std::optional<qint64> madeAtMs(const QInputEvent *event) const;
    void calibrate(const QInputEvent *event);
    static QString describe(QObject *watched, const QInputEvent *event);

    QElapsedTimer m_clock;
    std::optional<qint64> m_timestampOffsetMs; ///< our clock minus the window system's, from a free loop
    qint64 m_freezeStartMs = 0;
    qint64 m_freezeEndMs = 0;
    qint64 m_drainUntilMs = 0;
    bool m_frozen = false;
    bool m_draining = false;
};
