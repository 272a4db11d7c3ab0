// SPDX-License-Identifier: MIT
#include "monkey.h"

#include "actionjournal.h"
#include "freezetyper.h"
#include "mainwindow.h"
#include "monkeykeys.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QKeyEvent>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QWindow>

namespace {
/// About fifty actions a second in a release build; a sanitizer build manages what it can.
constexpr int actIntervalMs = 20;
/// Clicks and keys a modal dialog gets before the monkey closes it.
constexpr int modalPokesBeforeClosing = 4;
/// An input event that has not returned after this long, with no menu or dialog open, is stuck: longer than any
/// freeze the watchdog allows, so that a freeze is reported as one. The clock restarts at each event an action
/// sends: typing a value is several key presses, and each may legitimately wait out a freeze of its own.
constexpr qint64 stuckActionLimitMs = 30000;
/// Actions inside an open popup (a menu) before the monkey presses Escape on it.
constexpr int popupActionsBeforeEscape = 3;
/// After the time is up: how long a cancelled bake may take to end, threads joined.
constexpr int windDownLimitMs = 30000;

/// One of the window's spin boxes, as the monkey types into it.
struct RecipeField {
    const char *objectName;
    const char *what;
};
constexpr RecipeField recipeFields[] = {
    {"targetTemperatureSpin", "target"},
    {"mixCountSpin", "mixes"},
    {"stepSpin", "step"},
    {"cakesSpin", "cakes"},
    {"speedSpin", "speed"},
};

template<typename T>
T *child(QWidget *window, const char *name)
{
    T *found = window->findChild<T *>(QLatin1String(name));
    if (!found)
        qFatal("monkey: the window has no %s", name);
    return found;
}

QString describe(const QWidget *widget)
{
    const QString name = widget->objectName();
    return QStringLiteral("%1%2").arg(QLatin1String(widget->metaObject()->className()),
                                      name.isEmpty() ? QString() : QLatin1Char(' ') + name);
}
} // namespace

Monkey::Monkey(MainWindow *window, ActionJournal *journal, const FreezeTyper *typer, const QString &scratchFolder,
               const Envelope &envelope, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_journal(journal)
    , m_typer(typer)
    , m_scratchFolder(scratchFolder)
    , m_envelope(envelope)
    , m_random(journal->seed())
{
    m_actTimer.setInterval(actIntervalMs);
    m_actTimer.setSingleShot(true);
    connect(&m_actTimer, &QTimer::timeout, this, &Monkey::act);

    const QList<QAction *> actions = window->findChildren<QAction *>();
    for (QAction *action : actions)
        connect(action, &QAction::triggered, this, [this, action] { onActionTriggered(action); });
    connect(window->session(), &BakeSession::bakeStarted, this,
            [this](BakeMode mode, const BakeParameters &parameters) {
                ++m_tally.bakes[std::size_t(mode)];
                m_tally.manyCakeBakes += parameters.cakes > 1;
                m_tally.trapBakes += parameters.mixTrap != MixTrap::None;
                m_journal->record(QStringLiteral("  bake started: %1, %2 cake(s), step %3 ms, %4 mix(es), "
                                                 "target %5, speed %6, trap %7")
                                      .arg(bakeModeName(mode))
                                      .arg(parameters.cakes)
                                      .arg(parameters.stepMs)
                                      .arg(parameters.mixCount)
                                      .arg(parameters.targetTemperature)
                                      .arg(parameters.speedText(), mixTrapName(parameters.mixTrap)));
            });
    qApp->installEventFilter(this);
}

Monkey::~Monkey()
{
    qApp->removeEventFilter(this);
}

bool Monkey::eventFilter(QObject *watched, QEvent *event)
{
    // Keys sent through the window system carry its clock; clicks are stamped on the same clock from then on,
    // so that the window's freeze guard and double-click detection see one consistent timeline.
    if (m_inputClockOffsetMs < 0 && m_clock.isValid()
        && (event->type() == QEvent::KeyPress || event->type() == QEvent::KeyRelease)) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->timestamp() > 0)
            m_inputClockOffsetMs = qint64(key->timestamp()) - m_clock.elapsed();
    }
    return QObject::eventFilter(watched, event);
}

void Monkey::run(qint64 durationMs)
{
    m_durationMs = durationMs;
    m_clock.start();
    // One key that does nothing, to learn the window system's clock before the first click.
    QTest::keyClick(m_window->windowHandle(), Qt::Key_Shift);
    m_actTimer.start();
    m_loop.exec();

    m_actTimer.stop();
    m_journal->record(QStringLiteral("time is up: closing popups and dialogs, cancelling the bake"));
    QElapsedTimer windDown;
    windDown.start();
    while (QApplication::activePopupWidget() || QApplication::activeModalWidget() || m_window->session()->isBusy()) {
        if (QWidget *popup = QApplication::activePopupWidget())
            popup->close();
        else if (QWidget *modal = QApplication::activeModalWidget())
            modal->close();
        m_window->cancelBake();
        QTest::qWait(actIntervalMs);
        if (windDown.elapsed() > windDownLimitMs)
            m_journal->fail(QStringLiteral("the window was not idle within %1 ms of the bake being cancelled")
                                .arg(windDownLimitMs));
    }
}

bool Monkey::timeIsUp()
{
    if (!m_timeIsUp && m_clock.elapsed() >= m_durationMs) {
        m_timeIsUp = true;
        m_loop.quit();
    }
    return m_timeIsUp;
}

int Monkey::randomBelow(int bound)
{
    return std::uniform_int_distribution<int>(0, bound - 1)(m_random);
}

bool Monkey::chance(double probability)
{
    return std::bernoulli_distribution(probability)(m_random);
}

void Monkey::onActionTriggered(QAction *action)
{
    // Only the monkey's own actions may trigger the window's, one each; what comes from a key pressed during
    // a freeze should have been swallowed by the window.
    if (m_typer && m_typer->keyPressInFlight() && (!m_acting || m_triggersThisAction > 0)) {
        const QString failure = QStringLiteral("\"%1\" (%2) ran from a key pressed while the window was frozen; the "
                                               "window should swallow and report such input")
                                    .arg(action->text(), action->shortcut().toString());
        if (!m_journal->tolerates(failure))
            m_journal->fail(failure);
    }
    ++m_triggersThisAction;
}

void Monkey::act()
{
    // A new timer each time: the action below may open a menu or a dialog that runs a loop of its own, and a
    // timer whose slot has not returned would never fire inside it.
    m_actTimer.start();
    QWidget *popup = QApplication::activePopupWidget();
    QWidget *modal = QApplication::activeModalWidget();
    if (timeIsUp()) {
        // Unwind every nested loop, so that run() gets its own loop back.
        if (popup)
            popup->close();
        else if (modal)
            modal->close();
        return;
    }
    if (m_depth > 0 && !popup && !modal) {
        // Inside an action that has not returned, with nothing asking for input: the action itself is stuck.
        if (m_clock.elapsed() - m_lastInputSentMs > stuckActionLimitMs)
            m_journal->fail(QStringLiteral("an input event has not returned for %1 ms, and no menu or dialog is open")
                                .arg(m_clock.elapsed() - m_lastInputSentMs));
        return;
    }
    if (m_depth == 0)
        m_lastInputSentMs = m_clock.elapsed();
    const bool wasActing = m_acting;
    const int triggersBefore = m_triggersThisAction;
    ++m_depth;
    m_acting = true;
    m_triggersThisAction = 0;
    if (popup)
        attendToPopup(popup);
    else if (modal)
        attendToModal(modal);
    else
        actOnWindow();
    --m_depth;
    m_acting = wasActing;
    m_triggersThisAction = triggersBefore;
}

void Monkey::attendToPopup(QWidget *popup)
{
    // A menu is open: a few moves inside it, then away with it.
    if (popup != m_popup) {
        m_popup = popup;
        m_popupActions = 0;
    }
    if (++m_popupActions > popupActionsBeforeEscape) {
        m_journal->record(QStringLiteral("key Esc into %1").arg(describe(popup)));
        press(popup, {Qt::Key_Escape, Qt::NoModifier});
        if (QApplication::activePopupWidget() == popup)
            popup->close();
    } else if (chance(0.5)) {
        clickSomeWidget(popup, false);
    } else {
        static const MonkeyKey menuKeys[] = {{Qt::Key_Down, Qt::NoModifier},
                                             {Qt::Key_Up, Qt::NoModifier},
                                             {Qt::Key_Right, Qt::NoModifier},
                                             {Qt::Key_Left, Qt::NoModifier},
                                             {Qt::Key_Return, Qt::NoModifier}};
        const MonkeyKey &key = menuKeys[randomBelow(int(std::size(menuKeys)))];
        m_journal->record(QStringLiteral("key %1 into %2").arg(key.name(), describe(popup)));
        press(popup, key);
    }
}

void Monkey::actOnWindow()
{
    enforceEnvelope();
    if (!m_window->isVisible()) {
        m_journal->record(QStringLiteral("the window was closed: show it again"));
        m_window->show();
        return;
    }
    if (!m_window->isActiveWindow())
        m_window->activateWindow();
    // The mix, in percent: 26 shortcuts, 12 other keys, 26 clicks, 14 typed values, 10 traps, 8 tabs, 4 resizes.
    const int roll = randomBelow(100);
    if (roll < 26)
        pressShortcut();
    else if (roll < 38)
        pressEditingKey(m_window);
    else if (roll < 64)
        clickSomeWidget(m_window, true);
    else if (roll < 78)
        typeIntoSpinBox();
    else if (roll < 88)
        toggleTrap();
    else if (roll < 96)
        switchPanel();
    else
        resizeWindow();
}

void Monkey::enforceEnvelope()
{
    const auto clamp = [this](QSpinBox *spin, int maximum) {
        if (spin->value() <= maximum)
            return;
        m_journal->record(
            QStringLiteral("clamp %1 from %2 to %3").arg(spin->objectName()).arg(spin->value()).arg(maximum));
        spin->setValue(maximum);
    };
    clamp(child<QSpinBox>(m_window, "stepSpin"), m_envelope.maxStepMs);
    clamp(child<QSpinBox>(m_window, "mixCountSpin"), m_envelope.maxMixCount);
    clamp(child<QSpinBox>(m_window, "cakesSpin"), m_envelope.maxCakes);
    auto *speed = child<QDoubleSpinBox>(m_window, "speedSpin");
    if (speed->value() < m_envelope.minSpeed) {
        m_journal->record(QStringLiteral("clamp speedSpin from %1 to %2").arg(speed->value()).arg(m_envelope.minSpeed));
        speed->setValue(m_envelope.minSpeed);
    }
}

void Monkey::press(QWidget *target, const MonkeyKey &key)
{
    m_lastInputSentMs = m_clock.elapsed();
    QTest::keyClick(target->windowHandle(), Qt::Key(key.key), key.modifiers);
}

void Monkey::typeText(QWidget *target, const QString &text)
{
    for (const QChar character : text) {
        m_lastInputSentMs = m_clock.elapsed();
        QTest::keyClick(target->windowHandle(), character.toLatin1());
    }
}

void Monkey::pressShortcut()
{
    const std::vector<MonkeyKey> &keys = MonkeyKeys::shortcuts();
    const MonkeyKey &key = keys[std::size_t(randomBelow(int(keys.size())))];
    m_journal->record(QStringLiteral("key %1").arg(key.name()));
    press(m_window, key);
}

void Monkey::pressEditingKey(QWidget *target)
{
    const std::vector<MonkeyKey> &keys = MonkeyKeys::editingKeys();
    const MonkeyKey &key = keys[std::size_t(randomBelow(int(keys.size())))];
    const QWidget *focus = QApplication::focusWidget();
    m_journal->record(
        QStringLiteral("key %1 into %2").arg(key.name(), focus ? describe(focus) : QStringLiteral("no focus")));
    press(target, key);
}

bool Monkey::clickVisiblePart(QWidget *widget, Qt::MouseButton button, bool twice)
{
    const QRegion visible = widget->visibleRegion();
    if (visible.isEmpty())
        return false;
    const QRect part = *(visible.begin() + randomBelow(int(visible.rectCount())));
    const QPoint inWidget(part.x() + randomBelow(part.width()), part.y() + randomBelow(part.height()));
    QWidget *top = widget->window();
    if (!isInWindow(top, widget->mapTo(top, inWidget)))
        return false;
    m_journal->record(QStringLiteral("%1 %2 at (%3, %4)")
                          .arg(twice                           ? QStringLiteral("double-click")
                                   : button == Qt::RightButton ? QStringLiteral("right-click")
                                                               : QStringLiteral("click"),
                               describe(widget))
                          .arg(inWidget.x())
                          .arg(inWidget.y()));
    clickInWindow(top, widget->mapTo(top, inWidget), button, twice);
    return true;
}

bool Monkey::isInWindow(QWidget *top, QPoint position)
{
    // The widget may be laid out larger than its window: the offscreen screen is only 800×800.
    const QWindow *handle = top->windowHandle();
    return handle && QRect(QPoint(0, 0), handle->size()).contains(position);
}

void Monkey::clickInWindow(QWidget *top, QPoint position, Qt::MouseButton button, bool twice)
{
    m_lastInputSentMs = m_clock.elapsed();
    // Stamp the click on the window system's clock, as a real one would be.
    if (m_inputClockOffsetMs >= 0)
        QTest::lastMouseTimestamp = int(m_clock.elapsed() + m_inputClockOffsetMs) - 1;
    if (twice)
        QTest::mouseDClick(top->windowHandle(), button, Qt::NoModifier, position);
    else
        QTest::mouseClick(top->windowHandle(), button, Qt::NoModifier, position);
}

void Monkey::clickSomeWidget(QWidget *target, bool anyButton)
{
    QList<QWidget *> candidates;
    const QList<QWidget *> children = target->findChildren<QWidget *>();
    for (QWidget *widget : children) {
        if (widget->isVisible() && widget->window() == target)
            candidates.append(widget);
    }
    QWidget *widget = candidates.isEmpty() ? target : candidates.at(randomBelow(int(candidates.size())));
    const int roll = anyButton ? randomBelow(100) : 100;
    if (!clickVisiblePart(widget, roll < 8 ? Qt::RightButton : Qt::LeftButton, roll >= 8 && roll < 14))
        m_journal->record(QStringLiteral("no visible part of %1 to click").arg(describe(widget)));
}

void Monkey::typeIntoSpinBox()
{
    const RecipeField &field = recipeFields[randomBelow(int(std::size(recipeFields)))];
    QAbstractSpinBox *spin = child<QAbstractSpinBox>(m_window, field.objectName);
    const QString what = QLatin1String(field.what);
    QString text;
    if (what == QLatin1String("target")) {
        static const int targets[] = {0, 350, 400, 475, 1000};
        text = QString::number(chance(0.5) ? targets[randomBelow(int(std::size(targets)))] : randomBelow(1001));
    } else if (what == QLatin1String("mixes")) {
        text = QString::number(randomBelow(m_envelope.maxMixCount + 1));
    } else if (what == QLatin1String("step")) {
        // Now and then a value the monkey will not keep, to see it clamped back.
        text = chance(0.1) ? QStringLiteral("9999") : QString::number(1 + randomBelow(m_envelope.maxStepMs));
    } else if (what == QLatin1String("cakes")) {
        const int roll = randomBelow(100);
        const int cakes = roll < 45 ? 1
            : roll < 75             ? 2 + randomBelow(19)
            : roll < 97             ? 21 + randomBelow(std::max(1, m_envelope.maxCakes - 20))
                                    : 1000000;
        text = QString::number(cakes);
    } else {
        static const char *const speeds[] = {"0.5", "1", "1.5", "2", "4", "0.1"};
        text = QLatin1String(speeds[randomBelow(int(std::size(speeds)))]);
    }
    const int ending = randomBelow(3); // Return, Tab or nothing
    m_journal->record(QStringLiteral("type %1 into %2%3")
                          .arg(text, QLatin1String(field.objectName),
                               ending == 0       ? QStringLiteral(", Return")
                                   : ending == 1 ? QStringLiteral(", Tab")
                                                 : QString()));
    // Click the text part (the arrows sit at the right), then replace what is there.
    const QPoint textPart(spin->width() / 4, spin->height() / 2);
    if (spin->visibleRegion().contains(textPart) && isInWindow(m_window, spin->mapTo(m_window, textPart))) {
        clickInWindow(m_window, spin->mapTo(m_window, textPart), Qt::LeftButton, false);
    } else {
        spin->setFocus(Qt::TabFocusReason);
    }
    if (!spin->hasFocus())
        return;
    press(m_window, {Qt::Key_A, Qt::ControlModifier});
    typeText(m_window, text);
    if (ending == 0)
        press(m_window, {Qt::Key_Return, Qt::NoModifier});
    else if (ending == 1)
        press(m_window, {Qt::Key_Tab, Qt::NoModifier});
}

void Monkey::toggleTrap()
{
    auto *check = child<QCheckBox>(m_window, chance(0.5) ? "stirByHandCheck" : "forgotToAwaitCheck");
    if (!clickVisiblePart(check, Qt::LeftButton, false)) {
        m_journal->record(QStringLiteral("toggle %1 (hidden: by keyboard)").arg(check->objectName()));
        check->setFocus(Qt::TabFocusReason);
        press(m_window, {Qt::Key_Space, Qt::NoModifier});
    }
}

void Monkey::switchPanel()
{
    QTabBar *tabs = child<QTabWidget>(m_window, "panelTabs")->tabBar();
    const int index = randomBelow(tabs->count());
    const QRect tab = tabs->tabRect(index) & tabs->visibleRegion().boundingRect();
    m_journal->record(QStringLiteral("panel tab %1 (%2)").arg(index).arg(tabs->tabText(index)));
    if (!tab.isEmpty() && isInWindow(m_window, tabs->mapTo(m_window, tab.center())))
        clickInWindow(m_window, tabs->mapTo(m_window, tab.center()), Qt::LeftButton, false);
}

void Monkey::resizeWindow()
{
    // Mostly sizes a screen might give; now and then one far too small for the layout.
    const QSize size = chance(0.15) ? QSize(120 + randomBelow(200), 90 + randomBelow(150))
                                    : QSize(480 + randomBelow(1400), 360 + randomBelow(800));
    m_journal->record(QStringLiteral("resize to %1×%2").arg(size.width()).arg(size.height()));
    m_window->resize(size);
}

void Monkey::attendToModal(QWidget *modal)
{
    if (modal != m_modal) {
        m_modal = modal;
        m_modalPokes = 0;
        ++m_tally.modalsAttended;
        m_journal->record(QStringLiteral("modal dialog: %1 \"%2\"").arg(describe(modal), modal->windowTitle()));
    }
    if (qobject_cast<QFileDialog *>(modal)) {
        // Random clicks in a file dialog could rename or delete real files: only ever choose the scratch folder.
        attendToFileDialog(modal);
    } else if (++m_modalPokes > modalPokesBeforeClosing) {
        m_journal->record(QStringLiteral("close %1").arg(describe(modal)));
        modal->close();
    } else if (chance(0.6)) {
        clickSomeWidget(modal, true);
    } else {
        static const MonkeyKey dialogKeys[]
            = {{Qt::Key_Tab, Qt::NoModifier}, {Qt::Key_Space, Qt::NoModifier},  {Qt::Key_Down, Qt::NoModifier},
               {Qt::Key_Up, Qt::NoModifier},  {Qt::Key_Return, Qt::NoModifier}, {Qt::Key_Escape, Qt::NoModifier}};
        const MonkeyKey &key = dialogKeys[randomBelow(int(std::size(dialogKeys)))];
        m_journal->record(QStringLiteral("key %1 into %2").arg(key.name(), describe(modal)));
        press(modal, key);
    }
}

void Monkey::attendToFileDialog(QWidget *dialog)
{
    auto *files = static_cast<QFileDialog *>(dialog);
    if (m_timeIsUp || chance(0.3)) {
        m_journal->record(QStringLiteral("cancel the file dialog"));
        files->reject();
        return;
    }
    // A name of its own each time: an existing file would open a nested "replace?" box inside this slot.
    const QString suffix = files->defaultSuffix().isEmpty() ? QStringLiteral("out") : files->defaultSuffix();
    const QString name = QStringLiteral("monkey-%1.%2").arg(++m_tally.filesSaved).arg(suffix);
    m_journal->record(QStringLiteral("save %1 in the scratch folder").arg(name));
    files->setDirectory(m_scratchFolder);
    files->selectFile(m_scratchFolder + QLatin1Char('/') + name);
    // accept() is protected in QFileDialog; QDialog's public slot runs the file dialog's override.
    QMetaObject::invokeMethod(files, "accept");
}
