// SPDX-License-Identifier: MIT
#pragma once

#include "bakemode.h"
#include "bakeparameters.h"
#include "prediction.h"

#include <QDialog>
#include <QList>

#include <memory>
#include <optional>

class QAbstractButton;
class QButtonGroup;
class QLabel;

namespace Ui {
class PredictionDialog;
}

/**
 * "Predict first": asks, before a bake, in which order its lines will come
 * and how long it will take. It names the mode about to run and the recipe,
 * offers the order choices Prediction makes for the recipe, each with its
 * lines, and a total in seconds.
 *
 * Bake accepts with the guess; Skip (or Esc) rejects, and the caller bakes
 * without one. Whether to ask again is the caller's to store. In the
 * window's presentation mode its larger font carries over to the dialog.
 */
class PredictionDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PredictionDialog)

public:
    PredictionDialog(BakeMode mode, const BakeParameters &recipe, QWidget *parent = nullptr);
    ~PredictionDialog() override;

    /**
     * Asks modally. Returns the guess after Bake, nullopt after Skip; either way
     * the caller bakes. @p askAgain, when given, sets the checkbox and gets its
     * final state.
     */
    static std::optional<Prediction> ask(BakeMode mode, const BakeParameters &recipe, QWidget *parent,
                                         bool *askAgain = nullptr);

    BakeMode mode() const { return m_mode; }
    const BakeParameters &recipe() const { return m_recipe; }
    /// The choices offered, in the order of their radio buttons.
    const QList<Prediction::Choice> &choices() const { return m_choices; }

    /// The order picked so far; nullopt while none is.
    std::optional<Prediction::Order> selectedOrder() const;
    /// Picks @p order, as a click on its radio button would; an order not offered picks nothing.
    void selectOrder(Prediction::Order order);
    /// The total in the spin box, in ms.
    qint64 guessedTotalMs() const;
    void setGuessedTotalMs(qint64 ms);
    /// The guess the form holds now, Bake or not; nullopt until both an order and a time are given.
    std::optional<Prediction> guess() const;
    /// The guess once the dialog was accepted with Bake; nullopt after Skip or before the dialog has ended.
    std::optional<Prediction> prediction() const;

    bool askBeforeEveryBake() const;
    void setAskBeforeEveryBake(bool ask);

    /// The spin box's upper end: twice the sum of all the recipe's steps.
    static qint64 maximumTotalMs(const BakeParameters &recipe);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void describeBake();
    void addChoices();
    void setUpTotal();
    void updateBakeButton();
    /// "oven 200 → mix 0 → …", each line in its task's colour, long sequences shortened in the middle.
    QString sequenceHtml(const QList<Prediction::Line> &lines) const;
    bool isComplete() const;

    std::unique_ptr<Ui::PredictionDialog> ui;
    BakeMode m_mode;
    BakeParameters m_recipe;
    QList<Prediction::Choice> m_choices;
    QButtonGroup *m_orderButtons;
    QList<QLabel *> m_sequenceLabels; ///< beneath each radio button; a click on one picks its order
    QAbstractButton *m_bakeButton = nullptr;
};
