// SPDX-License-Identifier: MIT
#include "predictiondialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QTest>
#include <QTextDocument>
#include <QTimer>

#include <memory>

/**
 * PredictionDialog: the choices Prediction makes for the recipe, one radio
 * button each with its lines; a total in seconds; Bake gives the guess and
 * Skip none. Usable by keyboard alone.
 */
class TestPredictionDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheModeTheRecipeAndItsChoices();
    void edgeRecipesOfferWhatCanHappen();
    void pickingAnOrderAndATotalGivesThePrediction_data();
    void pickingAnOrderAndATotalGivesThePrediction();
    void skipGivesNoPrediction();
    void bakeWaitsForAnOrderAndATime();
    void totalRangeAndStepFollowTheRecipe();
    void clickingTheLinesPicksTheirChoice();
    void keyboardAlone();
    void askAgainIsTheCallersToKeep();
    void askReturnsTheGuessOrNone();
    void presentationFontCarriesOver();
    void rendersAsADesktopDialog();

private:
    /// Fails when a label of @p dialog is shown smaller than its text needs.
    void verifyNothingClipped(const PredictionDialog &dialog);
};

namespace {
using Order = Prediction::Order;

BakeParameters recipe(int targetTemperature, int mixCount, int stepMs = 1000)
{
    BakeParameters parameters;
    parameters.targetTemperature = targetTemperature;
    parameters.mixCount = mixCount;
    parameters.stepMs = stepMs;
    return parameters;
}

QList<QRadioButton *> radios(const PredictionDialog &dialog)
{
    return dialog.findChild<QGroupBox *>(QStringLiteral("orderGroup"))->findChildren<QRadioButton *>();
}

/// The lines shown beneath each radio button, as plain text.
QStringList sequences(const PredictionDialog &dialog)
{
    QStringList texts;
    const auto labels = dialog.findChild<QGroupBox *>(QStringLiteral("orderGroup"))->findChildren<QLabel *>();
    for (const QLabel *label : labels) {
        if (label->objectName().isEmpty()) {
            QTextDocument document;
            document.setHtml(label->text());
            texts << document.toPlainText().replace(QChar::Nbsp, QLatin1Char(' '));
        }
    }
    return texts;
}

QDoubleSpinBox *totalSpin(const PredictionDialog &dialog)
{
    return dialog.findChild<QDoubleSpinBox *>(QStringLiteral("totalSpin"));
}

QPushButton *button(const PredictionDialog &dialog, QDialogButtonBox::StandardButton which)
{
    return dialog.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))->button(which);
}

QString aboutText(const PredictionDialog &dialog)
{
    return dialog.findChild<QLabel *>(QStringLiteral("aboutLabel"))->text();
}
} // namespace

void TestPredictionDialog::showsTheModeTheRecipeAndItsChoices()
{
    const PredictionDialog dialog(BakeMode::Async, BakeParameters{});
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Predict first"));
    QVERIFY(aboutText(dialog).contains(QStringLiteral("<b>Bake Async</b> runs next")));
    QVERIFY(aboutText(dialog).contains(QStringLiteral("the oven heats to 400 °F (3 steps)")));
    QVERIFY(aboutText(dialog).contains(QStringLiteral("the batter is mixed 3 times (3 steps)")));
    QVERIFY(aboutText(dialog).contains(QStringLiteral("one step takes 1.0 s")));

    const QList<QRadioButton *> buttons = radios(dialog);
    QCOMPARE(buttons.size(), 4);
    QCOMPARE(dialog.choices().size(), 4);
    for (qsizetype i = 0; i < buttons.size(); ++i) {
        QCOMPARE(buttons[i]->text(), QStringLiteral("&%1  %2").arg(i + 1).arg(dialog.choices()[i].title));
        QVERIFY(!buttons[i]->isChecked());
        // The full lines, as the log will print them, are one hover away.
        QVERIFY(buttons[i]->toolTip().contains(dialog.choices()[i].lines.constFirst().text()));
    }
    QCOMPARE(sequences(dialog),
             (QStringList{QStringLiteral("oven 200 → oven 300 → oven 400 → mix 0 → mix 1 → mix 2"),
                          QStringLiteral("oven 200 → mix 0 → oven 300 → mix 1 → oven 400 → mix 2"),
                          QStringLiteral("mix 0 → oven 200 → mix 1 → oven 300 → mix 2 → oven 400"),
                          QStringLiteral("mix 0 → mix 1 → mix 2 → oven 200 → oven 300 → oven 400")}));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("oneOrderLabel"))->isHidden());
    QCOMPARE(dialog.selectedOrder(), std::nullopt);
    QCOMPARE(dialog.guess(), std::nullopt);
    QCOMPARE(dialog.prediction(), std::nullopt);

    const PredictionDialog threaded(BakeMode::Threaded, BakeParameters{});
    QVERIFY(aboutText(threaded).contains(QStringLiteral("<b>Bake Threaded</b>")));
}

void TestPredictionDialog::edgeRecipesOfferWhatCanHappen()
{
    const PredictionDialog longOven(BakeMode::Sync, recipe(475, 3));
    QCOMPARE(radios(longOven).size(), 4);
    QCOMPARE(sequences(longOven).constFirst(),
             QStringLiteral("oven 200 → oven 300 → oven 400 → oven 500 → mix 0 → mix 1 → mix 2"));
    QVERIFY(aboutText(longOven).contains(QStringLiteral("heats to 475 °F (4 steps)")));

    // One task alone: one order, picked already, and the note says why.
    const PredictionDialog noMixes(BakeMode::Async, recipe(400, 0));
    QCOMPARE(radios(noMixes).size(), 1);
    QVERIFY(radios(noMixes).constFirst()->isChecked());
    QVERIFY(!noMixes.findChild<QLabel *>(QStringLiteral("oneOrderLabel"))->isHidden());
    QCOMPARE(sequences(noMixes), QStringList{QStringLiteral("oven 200 → oven 300 → oven 400")});
    QVERIFY(aboutText(noMixes).contains(QStringLiteral("the batter is not mixed")));

    const PredictionDialog coldOven(BakeMode::Async, recipe(100, 3));
    QCOMPARE(sequences(coldOven), QStringList{QStringLiteral("mix 0 → mix 1 → mix 2")});
    QVERIFY(aboutText(coldOven).contains(QStringLiteral("the oven is already at 100 °F (no step)")));

    // Nothing to wait for: the only guess is no lines in no time, and it can be baked at once.
    const PredictionDialog nothing(BakeMode::Sync, recipe(100, 0));
    QCOMPARE(sequences(nothing), QStringList{QStringLiteral("no lines at all")});
    QVERIFY(nothing.findChild<QLabel *>(QStringLiteral("oneOrderLabel"))->text().contains(QStringLiteral("no line")));
    QVERIFY(button(nothing, QDialogButtonBox::Ok)->isEnabled());
    QCOMPARE(nothing.guess(), Prediction(Order::OvenThenMixing, 0));

    // A hundred mixes show their first and last lines around a count.
    const PredictionDialog many(BakeMode::Async, recipe(400, 100));
    QCOMPARE(sequences(many).constFirst(),
             QStringLiteral("oven 200 → oven 300 → oven 400 → mix 0 → mix 1 → mix 2 → "
                            "95 more → mix 98 → mix 99"));
}

void TestPredictionDialog::pickingAnOrderAndATotalGivesThePrediction_data()
{
    QTest::addColumn<int>("choice");
    QTest::addColumn<double>("seconds");
    QTest::addColumn<Order>("order");
    QTest::addColumn<qint64>("totalMs");

    QTest::newRow("sync's order, 6 s") << 0 << 6.0 << Order::OvenThenMixing << qint64(6000);
    QTest::newRow("async's order, 3 s") << 1 << 3.0 << Order::TakingTurnsOvenFirst << qint64(3000);
    QTest::newRow("mixing first, 4.5 s") << 2 << 4.5 << Order::TakingTurnsMixingFirst << qint64(4500);
    QTest::newRow("mixing then oven, 12 s") << 3 << 12.0 << Order::MixingThenOven << qint64(12000);
}

void TestPredictionDialog::pickingAnOrderAndATotalGivesThePrediction()
{
    QFETCH(int, choice);
    QFETCH(double, seconds);
    QFETCH(Order, order);
    QFETCH(qint64, totalMs);

    PredictionDialog dialog(BakeMode::Async, BakeParameters{});
    radios(dialog).at(choice)->click();
    totalSpin(dialog)->setValue(seconds);
    QCOMPARE(dialog.selectedOrder(), order);
    QCOMPARE(dialog.guessedTotalMs(), totalMs);
    QCOMPARE(dialog.guess(), Prediction(order, totalMs));
    // Not a prediction until Bake is pressed.
    QCOMPARE(dialog.prediction(), std::nullopt);

    button(dialog, QDialogButtonBox::Ok)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.prediction(), Prediction(order, totalMs));
}

void TestPredictionDialog::skipGivesNoPrediction()
{
    PredictionDialog dialog(BakeMode::Sync, BakeParameters{});
    QCOMPARE(button(dialog, QDialogButtonBox::Cancel)->text(), QStringLiteral("&Skip"));
    QCOMPARE(button(dialog, QDialogButtonBox::Ok)->text(), QStringLiteral("&Bake"));
    dialog.selectOrder(Order::OvenThenMixing);
    dialog.setGuessedTotalMs(6000);
    QVERIFY(dialog.guess().has_value());

    button(dialog, QDialogButtonBox::Cancel)->click();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(dialog.prediction(), std::nullopt);
}

void TestPredictionDialog::bakeWaitsForAnOrderAndATime()
{
    PredictionDialog dialog(BakeMode::Async, BakeParameters{});
    QPushButton *bake = button(dialog, QDialogButtonBox::Ok);
    const auto status = [&dialog] { return dialog.findChild<QLabel *>(QStringLiteral("statusLabel"))->text(); };
    QVERIFY(!bake->isEnabled());
    QVERIFY(status().startsWith(QStringLiteral("Pick an order and a time")));
    QVERIFY(button(dialog, QDialogButtonBox::Cancel)->isEnabled());

    dialog.setGuessedTotalMs(3000);
    QVERIFY(!bake->isEnabled());
    dialog.selectOrder(Order::TakingTurnsOvenFirst);
    QVERIFY(bake->isEnabled());
    dialog.setGuessedTotalMs(0);
    QVERIFY(!bake->isEnabled());
    QVERIFY(status().startsWith(QStringLiteral("Now guess the time")));
    dialog.setGuessedTotalMs(2500);
    QVERIFY(bake->isEnabled());
    QCOMPARE(dialog.guess(), Prediction(Order::TakingTurnsOvenFirst, 2500));
}

void TestPredictionDialog::totalRangeAndStepFollowTheRecipe()
{
    // From 0 to twice the sum of the steps; an arrow press is one step.
    const PredictionDialog standard(BakeMode::Async, BakeParameters{});
    QCOMPARE(PredictionDialog::maximumTotalMs(BakeParameters{}), qint64(12000));
    QCOMPARE(totalSpin(standard)->minimum(), 0.0);
    QCOMPARE(totalSpin(standard)->maximum(), 12.0);
    QCOMPARE(totalSpin(standard)->singleStep(), 1.0);
    QCOMPARE(totalSpin(standard)->decimals(), 1);
    QCOMPARE(totalSpin(standard)->suffix(), QStringLiteral(" s"));

    PredictionDialog quarterSteps(BakeMode::Sync, recipe(475, 3, 250));
    QCOMPARE(totalSpin(quarterSteps)->maximum(), 3.5);
    QCOMPARE(totalSpin(quarterSteps)->singleStep(), 0.25);
    QCOMPARE(totalSpin(quarterSteps)->decimals(), 2);
    quarterSteps.setGuessedTotalMs(1750);
    QCOMPARE(quarterSteps.guessedTotalMs(), qint64(1750));
    // Beyond the range the spin box holds its end.
    quarterSteps.setGuessedTotalMs(60000);
    QCOMPARE(quarterSteps.guessedTotalMs(), qint64(3500));

    PredictionDialog tinySteps(BakeMode::Async, recipe(400, 3, 7));
    QCOMPARE(totalSpin(tinySteps)->decimals(), 3);
    tinySteps.setGuessedTotalMs(21);
    QCOMPARE(tinySteps.guessedTotalMs(), qint64(21));

    BakeParameters slow;
    slow.speedPercent = 50;
    const PredictionDialog halfSpeed(BakeMode::Async, slow);
    QVERIFY(aboutText(halfSpeed).contains(QStringLiteral("It runs at 0.5× speed: guess the recipe's time")));
}

void TestPredictionDialog::clickingTheLinesPicksTheirChoice()
{
    PredictionDialog dialog(BakeMode::Async, BakeParameters{});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const auto labels = dialog.findChild<QGroupBox *>(QStringLiteral("orderGroup"))->findChildren<QLabel *>();
    QList<QLabel *> lines;
    for (QLabel *label : labels) {
        if (label->objectName().isEmpty())
            lines << label;
    }
    QCOMPARE(lines.size(), 4);
    QTest::mouseClick(lines[2], Qt::LeftButton);
    QCOMPARE(dialog.selectedOrder(), Order::TakingTurnsMixingFirst);
    QVERIFY(radios(dialog).at(2)->isChecked());
}

void TestPredictionDialog::keyboardAlone()
{
    PredictionDialog dialog(BakeMode::Async, BakeParameters{});
    dialog.open();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    const QList<QRadioButton *> buttons = radios(dialog);

    // The first choice has the focus: Space picks it, Down moves the pick on.
    QCOMPARE(QApplication::focusWidget(), buttons[0]);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QCOMPARE(dialog.selectedOrder(), Order::OvenThenMixing);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
    QCOMPARE(dialog.selectedOrder(), Order::TakingTurnsOvenFirst);
    // Alt+4 picks the fourth, Alt+2 the second again; a mnemonic animates its click for a moment.
    QTest::keyClick(&dialog, Qt::Key_4, Qt::AltModifier);
    QTRY_COMPARE(dialog.selectedOrder(), Order::MixingThenOven);
    QCOMPARE(QApplication::focusWidget(), buttons[3]);
    QTest::keyClick(&dialog, Qt::Key_2, Qt::AltModifier);
    QTRY_COMPARE(dialog.selectedOrder(), Order::TakingTurnsOvenFirst);

    // Alt+T reaches the total; type it and press Enter to bake.
    QTest::keyClick(&dialog, Qt::Key_T, Qt::AltModifier);
    QCOMPARE(QApplication::focusWidget(), totalSpin(dialog));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("3"));
    QCOMPARE(dialog.guessedTotalMs(), qint64(3000));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Up);
    QCOMPARE(dialog.guessedTotalMs(), qint64(4000));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.prediction(), Prediction(Order::TakingTurnsOvenFirst, 3000));

    // Esc skips.
    PredictionDialog skipped(BakeMode::Sync, BakeParameters{});
    skipped.open();
    QVERIFY(QTest::qWaitForWindowActive(&skipped));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QVERIFY(!skipped.isVisible());
    QCOMPARE(skipped.prediction(), std::nullopt);
}

void TestPredictionDialog::askAgainIsTheCallersToKeep()
{
    PredictionDialog dialog(BakeMode::Async, BakeParameters{});
    auto *check = dialog.findChild<QCheckBox *>(QStringLiteral("askCheck"));
    QCOMPARE(check->text(), QStringLiteral("&Ask me before every bake"));
    QVERIFY(dialog.askBeforeEveryBake());
    check->click();
    QVERIFY(!dialog.askBeforeEveryBake());
    dialog.setAskBeforeEveryBake(true);
    QVERIFY(check->isChecked());
}

void TestPredictionDialog::askReturnsTheGuessOrNone()
{
    // ask() runs the dialog modally; the user is played from the dialog's own event loop.
    const auto answer = [](bool bake) {
        QTimer::singleShot(0, [bake] {
            auto *dialog = qobject_cast<PredictionDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->selectOrder(Order::OvenThenMixing);
            dialog->setGuessedTotalMs(6000);
            dialog->setAskBeforeEveryBake(false);
            button(*dialog, bake ? QDialogButtonBox::Ok : QDialogButtonBox::Cancel)->click();
        });
    };

    bool askAgain = true;
    answer(true);
    QCOMPARE(PredictionDialog::ask(BakeMode::Sync, BakeParameters{}, nullptr, &askAgain),
             Prediction(Order::OvenThenMixing, 6000));
    QVERIFY(!askAgain);

    askAgain = true;
    answer(false);
    QCOMPARE(PredictionDialog::ask(BakeMode::Sync, BakeParameters{}, nullptr, &askAgain), std::nullopt);
    // Unticking the box counts even when the guess is skipped.
    QVERIFY(!askAgain);
}

void TestPredictionDialog::presentationFontCarriesOver()
{
    // The window enlarges its font in presentation mode; a dialog it opens must be as readable from the back.
    QWidget window;
    QFont larger = window.font();
    larger.setPointSizeF(larger.pointSizeF() * 1.5);
    window.setFont(larger);
    const PredictionDialog dialog(BakeMode::Async, BakeParameters{}, &window);
    QCOMPARE(dialog.font().pointSizeF(), larger.pointSizeF());
    QCOMPARE(radios(dialog).constFirst()->font().pointSizeF(), larger.pointSizeF());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("headingLabel"))->font().pointSizeF() > larger.pointSizeF());
}

void TestPredictionDialog::rendersAsADesktopDialog()
{
    PredictionDialog dialog(BakeMode::Async, BakeParameters{});
    dialog.selectOrder(Order::TakingTurnsOvenFirst);
    dialog.setGuessedTotalMs(3000);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Wide enough for the longest choice on one line, never wider than a small screen.
    QVERIFY2(dialog.width() <= 800, qPrintable(QString::number(dialog.width())));
    for (const QRadioButton *radio : radios(dialog))
        QVERIFY(radio->width() >= radio->sizeHint().width());
    verifyNothingClipped(dialog);

    const QImage image = dialog.grab().toImage();
    QVERIFY(!image.isNull());
    // Set BAKELOOP_GRAB_DIR to look at the dialog.
    const QString folder = qEnvironmentVariable("BAKELOOP_GRAB_DIR");
    if (!folder.isEmpty())
        QVERIFY(image.save(folder + QStringLiteral("/predictiondialog.png")));

    // In presentation mode, with a long recipe whose description wraps, every line still gets its room.
    QWidget window;
    QFont larger = window.font();
    larger.setPointSizeF(larger.pointSizeF() * 1.5);
    window.setFont(larger);
    BakeParameters longRecipe = recipe(475, 100, 250);
    longRecipe.speedPercent = 50;
    PredictionDialog presented(BakeMode::Threaded, longRecipe, &window);
    presented.show();
    QVERIFY(QTest::qWaitForWindowExposed(&presented));
    verifyNothingClipped(presented);
}

void TestPredictionDialog::verifyNothingClipped(const PredictionDialog &dialog)
{
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        if (!label->isVisible())
            continue;
        const int needed
            = label->hasHeightForWidth() ? label->heightForWidth(label->width()) : label->sizeHint().height();
        QVERIFY2(label->height() >= needed, qPrintable(label->text()));
        QVERIFY2(label->width() >= label->minimumSizeHint().width(), qPrintable(label->text()));
    }
}

QTEST_MAIN(TestPredictionDialog)
#include "tst_predictiondialog.moc"
