// SPDX-License-Identifier: MIT
#include "freezeinputguard.h"

#include <QElapsedTimer>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>
#include <QWindow>

#include <chrono>
#include <memory>
#include <thread>

/**
 * FreezeInputGuard: input made while the GUI thread is blocked is swallowed
 * and reported with how long it waited; input while the loop is free, or
 * made after the freeze, passes. The test plays the window system: it posts
 * timestamped events to the window from another thread while the GUI thread
 * sleeps, as a user's clicks queue up behind a frozen loop.
 */
class TestFreezeInputGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void inputPassesWhileTheLoopIsFree();
    void clickDuringTheFreezeIsSwallowedAndReported();
    void keyPressDuringTheFreezeIsSwallowedAndReported();
    void inputWithoutTimestampReportsTheWholeFreeze();
    void inputMadeAfterTheFreezePasses();
    void inputAfterTheDrainPasses();
    void clickOnANamedWidgetIsNamed();
    void removesItselfWhenDestroyed();

private:
    struct Posted {
        QEvent *event;
        qint64 atMs; ///< on m_inputClock, when it is posted (and made)
    };

    /**
     * Blocks the GUI thread for @p ms between beginFreeze() and endFreeze(), while another thread posts @p input
     * @p inputAfterMs into it. The events are made here: only posting them is left to the other thread.
     */
    void freeze(int ms, const QList<QInputEvent *> &input, int inputAfterMs, bool withTimestamps = true);
    /// Posts @p event to the window as the window system would, stamped with the input clock's time now.
    void post(QInputEvent *event, bool withTimestamp = true);
    void post(const QList<QInputEvent *> &events, bool withTimestamps = true);
    /// A mouse move the guard takes as its calibration between our clock and the event timestamps.
    void calibrate();
    QMouseEvent *mouseEvent(QEvent::Type type, QWidget *on) const;
    /// A press and a release in the middle of @p on.
    QList<QInputEvent *> click(QWidget *on) const;
    /// A press and a release of the A key.
    QList<QInputEvent *> typeA() const;

    std::unique_ptr<QWidget> m_window;
    QWindow *m_handle = nullptr;
    QPushButton *m_button = nullptr;
    QLineEdit *m_edit = nullptr;
    QWidget *m_gauge = nullptr;
    std::unique_ptr<FreezeInputGuard> m_guard;
    QElapsedTimer m_inputClock;
};

namespace {
constexpr int freezeMs = 500;
constexpr int inputAfterMs = 150;
/// Posted events queue until the freeze ends; this is ample for them to be delivered afterwards.
constexpr int deliveryMs = 100;

void sleepMs(int ms)
{
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

/// The wait the guard reported lies around @p expectedMs: at least most of it, and not much more.
bool isAbout(qint64 waitedMs, qint64 expectedMs)
{
    return waitedMs >= expectedMs * 6 / 10 && waitedMs <= expectedMs + 300;
}
} // namespace

void TestFreezeInputGuard::init()
{
    m_window = std::make_unique<QWidget>();
    auto *layout = new QVBoxLayout(m_window.get());
    m_button = new QPushButton(QStringLiteral("&Bake Async"));
    // A delivered click must not take the keyboard from the line edit, which counts the key presses that got through.
    m_button->setFocusPolicy(Qt::NoFocus);
    m_edit = new QLineEdit;
    m_gauge = new QWidget;
    m_gauge->setAccessibleName(QStringLiteral("Oven gauge"));
    m_gauge->setMinimumSize(80, 80);
    layout->addWidget(m_button);
    layout->addWidget(m_edit);
    layout->addWidget(m_gauge);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // Key events go to the focus widget of the active window.
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_edit->setFocus();
    m_handle = m_window->windowHandle();
    m_guard = std::make_unique<FreezeInputGuard>();
    m_inputClock.start();
}

void TestFreezeInputGuard::cleanup()
{
    m_guard.reset();
    m_window.reset();
}

void TestFreezeInputGuard::post(QInputEvent *event, bool withTimestamp)
{
    // The window system's clock never reads 0; 0 means "no timestamp" to the guard.
    event->setTimestamp(withTimestamp ? ulong(m_inputClock.elapsed()) + 1 : 0);
    QCoreApplication::postEvent(m_handle, event);
}

void TestFreezeInputGuard::post(const QList<QInputEvent *> &events, bool withTimestamps)
{
    for (QInputEvent *event : events)
        post(event, withTimestamps);
}

QMouseEvent *TestFreezeInputGuard::mouseEvent(QEvent::Type type, QWidget *on) const
{
    const QPointF position = on->mapTo(m_window.get(), QPointF(on->rect().center()));
    const QPointF global = m_handle->mapToGlobal(position);
    const Qt::MouseButton button = type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton;
    const Qt::MouseButtons buttons = type == QEvent::MouseButtonPress ? Qt::LeftButton : Qt::NoButton;
    return new QMouseEvent(type, position, global, button, buttons, Qt::NoModifier);
}

void TestFreezeInputGuard::calibrate()
{
    post(mouseEvent(QEvent::MouseMove, m_edit));
    QCoreApplication::sendPostedEvents();
}

QList<QInputEvent *> TestFreezeInputGuard::click(QWidget *on) const
{
    return {mouseEvent(QEvent::MouseButtonPress, on), mouseEvent(QEvent::MouseButtonRelease, on)};
}

QList<QInputEvent *> TestFreezeInputGuard::typeA() const
{
    return {new QKeyEvent(QEvent::KeyPress, Qt::Key_A, Qt::NoModifier, QStringLiteral("a")),
            new QKeyEvent(QEvent::KeyRelease, Qt::Key_A, Qt::NoModifier, QStringLiteral("a"))};
}

void TestFreezeInputGuard::freeze(int ms, const QList<QInputEvent *> &input, int inputAfterMs, bool withTimestamps)
{
    std::thread user([&] {
        sleepMs(inputAfterMs);
        post(input, withTimestamps);
    });
    m_guard->beginFreeze();
    sleepMs(ms); // the blocking bake: nothing is delivered meanwhile
    m_guard->endFreeze();
    user.join();
}

void TestFreezeInputGuard::inputPassesWhileTheLoopIsFree()
{
    QSignalSpy waited(m_guard.get(), &FreezeInputGuard::inputWaited);
    QSignalSpy clicked(m_button, &QPushButton::clicked);
    QVERIFY(!m_guard->isGuarding());
    post(click(m_button));
    post(typeA());
    QTest::qWait(deliveryMs);
    // The same events the other tests post do reach their targets when nothing is frozen.
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(m_edit->text(), QStringLiteral("a"));
    QCOMPARE(waited.size(), 0);
}

void TestFreezeInputGuard::clickDuringTheFreezeIsSwallowedAndReported()
{
    calibrate();
    QSignalSpy waited(m_guard.get(), &FreezeInputGuard::inputWaited);
    QSignalSpy clicked(m_button, &QPushButton::clicked);
    QElapsedTimer frozen;
    frozen.start();
    freeze(freezeMs, click(m_button), inputAfterMs);
    const qint64 frozenMs = frozen.elapsed();
    QTest::qWait(deliveryMs);

    QCOMPARE(clicked.size(), 0);
    // The press is reported; its release is swallowed without a second report.
    QCOMPARE(waited.size(), 1);
    QCOMPARE(waited.at(0).at(0).toString(), QStringLiteral("click on Bake Async"));
    const qint64 waitedMs = waited.at(0).at(1).toLongLong();
    QVERIFY2(isAbout(waitedMs, frozenMs - inputAfterMs), qPrintable(QString::number(waitedMs)));
    QCOMPARE(waited.at(0).at(2).toBool(), false); // timed from its timestamp, not estimated
    QVERIFY(m_guard->isGuarding()); // still draining what the window system may deliver late
}

void TestFreezeInputGuard::keyPressDuringTheFreezeIsSwallowedAndReported()
{
    calibrate();
    QSignalSpy waited(m_guard.get(), &FreezeInputGuard::inputWaited);
    QElapsedTimer frozen;
    frozen.start();
    freeze(freezeMs, typeA(), inputAfterMs);
    const qint64 frozenMs = frozen.elapsed();
    QTest::qWait(deliveryMs);

    QCOMPARE(m_edit->text(), QString());
    QCOMPARE(waited.size(), 1);
    QCOMPARE(waited.at(0).at(0).toString(), QStringLiteral("key press (A)"));
    const qint64 waitedMs = waited.at(0).at(1).toLongLong();
    QVERIFY2(isAbout(waitedMs, frozenMs - inputAfterMs), qPrintable(QString::number(waitedMs)));
    QCOMPARE(waited.at(0).at(2).toBool(), false);
}

void TestFreezeInputGuard::inputWithoutTimestampReportsTheWholeFreeze()
{
    // No calibration and no timestamps: the guard cannot tell when the input was made, so it assumes the worst.
    QSignalSpy waited(m_guard.get(), &FreezeInputGuard::inputWaited);
    QSignalSpy clicked(m_button, &QPushButton::clicked);
    QElapsedTimer frozen;
    frozen.start();
    freeze(freezeMs, click(m_button) + typeA(), inputAfterMs, false);
    const qint64 frozenMs = frozen.elapsed();
    QTest::qWait(deliveryMs);

    QCOMPARE(clicked.size(), 0);
    QCOMPARE(m_edit->text(), QString());
    QCOMPARE(waited.size(), 2);
    for (const QList<QVariant> &report : waited) {
        const qint64 waitedMs = report.at(1).toLongLong();
        QVERIFY2(waitedMs >= frozenMs * 9 / 10 && waitedMs <= frozenMs + 300, qPrintable(QString::number(waitedMs)));
        QCOMPARE(report.at(2).toBool(), true); // an estimate
    }
}

void TestFreezeInputGuard::inputMadeAfterTheFreezePasses()
{
    calibrate();
    QSignalSpy waited(m_guard.get(), &FreezeInputGuard::inputWaited);
    QSignalSpy clicked(m_button, &QPushButton::clicked);
    freeze(freezeMs / 5, {}, 0);
    QVERIFY(m_guard->isGuarding());
    // Well within the drain time, but made after the freeze had ended: an ordinary click.
    sleepMs(50);
    post(click(m_button));
    QTest::qWait(deliveryMs);
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(waited.size(), 0);
    QVERIFY(!m_guard->isGuarding());
}

void TestFreezeInputGuard::inputAfterTheDrainPasses()
{
    // Uncalibrated, an input in the drain time counts as made during the freeze; once it is over, it passes.
    QSignalSpy waited(m_guard.get(), &FreezeInputGuard::inputWaited);
    QSignalSpy clicked(m_button, &QPushButton::clicked);
    freeze(freezeMs / 5, {}, 0);
    post(click(m_button), false);
    QTest::qWait(deliveryMs);
    QCOMPARE(clicked.size(), 0);
    QCOMPARE(waited.size(), 1);

    QTest::qWait(FreezeInputGuard::drainMs);
    post(click(m_button), false);
    QTest::qWait(deliveryMs);
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(waited.size(), 1);
    QVERIFY(!m_guard->isGuarding());
}

void TestFreezeInputGuard::clickOnANamedWidgetIsNamed()
{
    calibrate();
    QSignalSpy waited(m_guard.get(), &FreezeInputGuard::inputWaited);
    freeze(freezeMs / 5, click(m_gauge), inputAfterMs / 5);
    QTest::qWait(deliveryMs);
    QCOMPARE(waited.size(), 1);
    QCOMPARE(waited.at(0).at(0).toString(), QStringLiteral("click on the oven gauge"));
}

void TestFreezeInputGuard::removesItselfWhenDestroyed()
{
    QSignalSpy clicked(m_button, &QPushButton::clicked);
    m_guard->beginFreeze();
    m_guard.reset();
    post(click(m_button), false);
    QTest::qWait(deliveryMs);
    QCOMPARE(clicked.size(), 1);
}

QTEST_MAIN(TestFreezeInputGuard)
#include "tst_freezeinputguard.moc"
