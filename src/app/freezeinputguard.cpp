// SPDX-License-Identifier: MIT
#include "freezeinputguard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QKeyEvent>
#include <QKeySequence>
#include <QMouseEvent>
#include <QWindow>

namespace {
/// An input made this close to the freeze's end may have been made just after it; give it the benefit.
constexpr qint64 madeDuringFreezeToleranceMs = 5;

bool isPress(const QEvent *event)
{
    return event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonDblClick
        || event->type() == QEvent::KeyPress;
}

bool isUserInput(const QEvent *event)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::Wheel:
    case QEvent::MouseMove: // swallowed during a freeze too, and the commonest calibration when the loop is free
    // Qt asks the window whether a key press is a shortcut before it delivers the press: Ctrl+1 pressed during a
    // freeze would start a bake afterwards without the press ever reaching the window.
    case QEvent::ShortcutOverride:
        return true;
    default:
        return false;
    }
}
} // namespace

FreezeInputGuard::FreezeInputGuard(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
    qApp->installEventFilter(this);
}

FreezeInputGuard::~FreezeInputGuard()
{
    if (qApp)
        qApp->removeEventFilter(this);
}

void FreezeInputGuard::beginFreeze()
{
    m_frozen = true;
    m_draining = false;
    m_freezeStartMs = m_clock.elapsed();
}

void FreezeInputGuard::endFreeze()
{
    m_frozen = false;
    m_draining = true;
    m_freezeEndMs = m_clock.elapsed();
    m_drainUntilMs = m_freezeEndMs + drainMs;
}

std::optional<qint64> FreezeInputGuard::madeAtMs(const QInputEvent *event) const
{
    if (!m_timestampOffsetMs || event->timestamp() == 0)
        return std::nullopt;
    return qint64(event->timestamp()) + *m_timestampOffsetMs;
}

void FreezeInputGuard::calibrate(const QInputEvent *event)
{
    if (event->timestamp() != 0)
        m_timestampOffsetMs = m_clock.elapsed() - qint64(event->timestamp());
}

QString FreezeInputGuard::describe(QObject *watched, const QInputEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<const QKeyEvent *>(event);
        const QString name = QKeySequence(key->keyCombination()).toString(QKeySequence::NativeText);
        return name.isEmpty() ? QStringLiteral("key press") : QStringLiteral("key press (%1)").arg(name);
    }
    QWidget *target = nullptr;
    if (auto *window = qobject_cast<QWindow *>(watched)) {
        const auto *mouse = static_cast<const QMouseEvent *>(event);
        target = QApplication::widgetAt(window->mapToGlobal(mouse->position().toPoint()));
    }
    if (auto *button = qobject_cast<QAbstractButton *>(target)) {
        QString text = button->text();
        text.remove(QLatin1Char('&'));
        return QStringLiteral("click on %1").arg(text);
    }
    if (target && !target->accessibleName().isEmpty())
        return QStringLiteral("click on the %1").arg(target->accessibleName().toLower());
    return QStringLiteral("click");
}

bool FreezeInputGuard::eventFilter(QObject *watched, QEvent *event)
{
    // Input reaches the window first and is then passed on to the widget; acting on the window alone counts each once.
    if (!isUserInput(event) || !watched->isWindowType())
        return false;
    const auto *input = static_cast<const QInputEvent *>(event);

    if (m_draining && m_clock.elapsed() > m_drainUntilMs)
        m_draining = false;
    if (!isGuarding()) {
        calibrate(input);
        return false;
    }

    const std::optional<qint64> madeAt = madeAtMs(input);
    if (madeAt && *madeAt > m_freezeEndMs + madeDuringFreezeToleranceMs) {
        // Made after the freeze: an ordinary input, and a fresh calibration.
        m_draining = false;
        calibrate(input);
        return false;
    }
    if (event->type() == QEvent::ShortcutOverride) {
        // Accepted: "the window wants this key itself". No shortcut fires; the key press follows, and is
        // swallowed and reported below like any other.
        event->accept();
        return true;
    }
    if (isPress(event)) {
        const qint64 now = m_clock.elapsed();
        // Without a timestamp the input can have been made at any moment of the freeze: report the longest wait.
        const qint64 waited = madeAt ? now - std::max(*madeAt, m_freezeStartMs) : now - m_freezeStartMs;
        Q_EMIT inputWaited(describe(watched, input), std::max<qint64>(0, waited), !madeAt);
    }
    return true;
}
