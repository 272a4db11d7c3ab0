// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QEventLoop>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <array>
#include <random>

class ActionJournal;
class FreezeTyper;
class MainWindow;
struct MonkeyKey;
class QAction;
class QWidget;

/**
 * Plays a careless user on the real MainWindow for a set time: clicks
 * anywhere, the window's shortcuts and other keys, values typed into the
 * recipe, the traps, the panel tabs, resizes. Every choice comes from one
 * generator seeded by the journal's seed, and every action is journalled
 * before it is made.
 *
 * Menus and modal dialogs are attended to by the same timer, which fires
 * inside the loop that the action opening one waits in: a file dialog is
 * pointed at a scratch folder and accepted or cancelled; any other dialog
 * (message boxes, About, Predict First) and any menu gets a few clicks and
 * keys and is then closed.
 *
 * The recipe is kept small so that sync bakes stay short (see Envelope);
 * a value typed outside it is clamped before the next action.
 */
class Monkey : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Monkey)

public:
    /// What the monkey lets the recipe reach; anything typed beyond is clamped back before the next action.
    struct Envelope {
        int maxStepMs = 50;
        int maxMixCount = 10;
        int maxCakes = 300;
        double minSpeed = 0.5;
    };
    struct Tally {
        std::array<int, 3> bakes{}; ///< by BakeMode
        int manyCakeBakes = 0;
        int trapBakes = 0;
        int modalsAttended = 0;
        int filesSaved = 0;
    };

    Monkey(MainWindow *window, ActionJournal *journal, const FreezeTyper *typer, const QString &scratchFolder,
           const Envelope &envelope, QObject *parent = nullptr);
    ~Monkey() override;

    /// Acts for @p durationMs, then closes what is open, cancels the bake and waits for the window to be idle.
    void run(qint64 durationMs);
    const Tally &tally() const { return m_tally; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void act();
    void actOnWindow();
    void attendToPopup(QWidget *popup);
    void attendToModal(QWidget *modal);
    bool timeIsUp();
    void enforceEnvelope();

    void pressShortcut();
    void pressEditingKey(QWidget *target);
    /// Clicks some visible widget of @p target; with @p anyButton, now and then a right or double click.
    void clickSomeWidget(QWidget *target, bool anyButton);
    void typeIntoSpinBox();
    void toggleTrap();
    void switchPanel();
    void resizeWindow();
    void attendToFileDialog(QWidget *dialog);

    void press(QWidget *target, const MonkeyKey &key);
    void typeText(QWidget *target, const QString &text);
    /// Clicks @p widget at a random visible point; false when none of it is visible.
    bool clickVisiblePart(QWidget *widget, Qt::MouseButton button, bool twice);
    static bool isInWindow(QWidget *top, QPoint position);
    /// Clicks @p position of top-level @p top through the window system, stamped on its clock.
    void clickInWindow(QWidget *top, QPoint position, Qt::MouseButton button, bool twice);
    void onActionTriggered(QAction *action);

    int randomBelow(int bound);
    bool chance(double probability);

    MainWindow *m_window;
    ActionJournal *m_journal;
    const FreezeTyper *m_typer;
    QString m_scratchFolder;
    Envelope m_envelope;
    std::mt19937 m_random;
    QTimer m_actTimer;
    QEventLoop m_loop;
    QElapsedTimer m_clock;
    qint64 m_durationMs = 0;
    bool m_timeIsUp = false;
    /// Inside one of the monkey's own actions, and how many of the window's actions it has triggered so far.
    bool m_acting = false;
    int m_triggersThisAction = 0;
    /// Actions under way: more than one when an action waits in a menu or dialog that the next one attends to.
    int m_depth = 0;
    /// When the action under way last sent an input event: the event that has not returned since may be stuck.
    qint64 m_lastInputSentMs = 0;
    QPointer<QWidget> m_modal;
    QPointer<QWidget> m_popup;
    int m_modalPokes = 0;
    int m_popupActions = 0;
    /// Input timestamps: the window system's clock minus ours, learnt from the first key event delivered.
    qint64 m_inputClockOffsetMs = -1;
    Tally m_tally;
};
