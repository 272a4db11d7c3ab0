// SPDX-License-Identifier: MIT
#include "predictiondialog.h"

#include "oven.h"
#include "taskpalette.h"
#include "ui_predictiondialog.h"

#include <QButtonGroup>
#include <QMouseEvent>
#include <QPushButton>
#include <QRadioButton>
#include <QStyle>

#include <algorithm>
#include <cmath>

namespace {
/// The question reads as the dialog's heading, a size up from its text.
constexpr double headingFontScale = 1.35;
/// Room between one choice's lines and the next radio button.
constexpr int choiceSpacing = 8;
/// Longer sequences show their first and last lines around a count of those left out.
constexpr int maxShownLines = 8;
constexpr int shownLinesAtEnd = 2;
/// A tooltip lists at most this many lines in full.
constexpr int maxTooltipLines = 14;

QString compactLine(const Prediction::Line &line)
{
    return line.task == TaskId::Preheat ? PredictionDialog::tr("oven %1").arg(line.value)
                                        : PredictionDialog::tr("mix %1").arg(line.value);
}

QString stepsText(int steps)
{
    return steps == 1 ? PredictionDialog::tr("1 step") : PredictionDialog::tr("%1 steps").arg(steps);
}

/// Decimals enough for one step: "3.0 s" with whole or tenth-second steps, "0.25 s" with 250 ms ones.
int decimalsForStep(int stepMs)
{
    if (stepMs % 100 == 0)
        return 1;
    return stepMs % 10 == 0 ? 2 : 3;
}

QString secondsText(qint64 ms, int decimals)
{
    return PredictionDialog::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', decimals);
}
} // namespace

PredictionDialog::PredictionDialog(BakeMode mode, const BakeParameters &recipe, QWidget *parent)
    : QDialog(parent)
    , ui(std::make_unique<Ui::PredictionDialog>())
    , m_mode(mode)
    , m_recipe(recipe)
    , m_choices(Prediction::choices(recipe))
    , m_orderButtons(new QButtonGroup(this))
{
    // A dialog is a window of its own and would keep the default font; presentation mode's larger one should reach it.
    setAttribute(Qt::WA_WindowPropagation);
    ui->setupUi(this);

    QFont heading = ui->headingLabel->font();
    heading.setPointSizeF(heading.pointSizeF() * headingFontScale);
    heading.setBold(true);
    ui->headingLabel->setFont(heading);

    m_bakeButton = ui->buttonBox->button(QDialogButtonBox::Ok);
    m_bakeButton->setText(tr("&Bake"));
    m_bakeButton->setToolTip(tr("Bake with this guess; afterwards it is shown against what happened."));
    QAbstractButton *skip = ui->buttonBox->button(QDialogButtonBox::Cancel);
    skip->setText(tr("&Skip"));
    skip->setToolTip(tr("Bake without a guess."));

    describeBake();
    addChoices();
    setUpTotal();

    connect(m_orderButtons, &QButtonGroup::idToggled, this, &PredictionDialog::updateBakeButton);
    connect(ui->totalSpin, &QDoubleSpinBox::valueChanged, this, &PredictionDialog::updateBakeButton);
    updateBakeButton();
}

PredictionDialog::~PredictionDialog() = default;

std::optional<Prediction> PredictionDialog::ask(BakeMode mode, const BakeParameters &recipe, QWidget *parent,
                                                bool *askAgain)
{
    PredictionDialog dialog(mode, recipe, parent);
    if (askAgain)
        dialog.setAskBeforeEveryBake(*askAgain);
    dialog.exec();
    if (askAgain)
        *askAgain = dialog.askBeforeEveryBake();
    return dialog.prediction();
}

std::optional<Prediction::Order> PredictionDialog::selectedOrder() const
{
    const int id = m_orderButtons->checkedId();
    if (id < 0)
        return std::nullopt;
    return m_choices.at(id).order;
}

void PredictionDialog::selectOrder(Prediction::Order order)
{
    for (qsizetype i = 0; i < m_choices.size(); ++i) {
        if (m_choices[i].order == order)
            m_orderButtons->button(int(i))->setChecked(true);
    }
}

qint64 PredictionDialog::guessedTotalMs() const
{
    return std::llround(ui->totalSpin->value() * 1000.0);
}

void PredictionDialog::setGuessedTotalMs(qint64 ms)
{
    ui->totalSpin->setValue(double(ms) / 1000.0);
}

std::optional<Prediction> PredictionDialog::guess() const
{
    if (!isComplete())
        return std::nullopt;
    return Prediction(*selectedOrder(), guessedTotalMs());
}

std::optional<Prediction> PredictionDialog::prediction() const
{
    if (result() != QDialog::Accepted)
        return std::nullopt;
    return guess();
}

bool PredictionDialog::askBeforeEveryBake() const
{
    return ui->askCheck->isChecked();
}

void PredictionDialog::setAskBeforeEveryBake(bool ask)
{
    ui->askCheck->setChecked(ask);
}

qint64 PredictionDialog::maximumTotalMs(const BakeParameters &recipe)
{
    return 2 * qint64(recipe.ovenSteps() + recipe.mixSteps()) * recipe.stepMs;
}

bool PredictionDialog::eventFilter(QObject *watched, QEvent *event)
{
    // The lines under a choice belong to it: clicking them picks it, as clicking its text would.
    if (event->type() == QEvent::MouseButtonPress) {
        const auto found = std::find(m_sequenceLabels.cbegin(), m_sequenceLabels.cend(), watched);
        const auto index = found - m_sequenceLabels.cbegin();
        if (found != m_sequenceLabels.cend() && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton) {
            QAbstractButton *radio = m_orderButtons->button(int(index));
            radio->setChecked(true);
            radio->setFocus(Qt::MouseFocusReason);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void PredictionDialog::describeBake()
{
    const int decimals = decimalsForStep(m_recipe.stepMs);
    const int ovenSteps = m_recipe.ovenSteps();
    const int mixSteps = m_recipe.mixSteps();
    const QString oven = ovenSteps == 0
        ? tr("the oven is already at %1 °F (no step)").arg(Oven::startTemperature)
        : tr("the oven heats to %1 °F (%2)").arg(m_recipe.targetTemperature).arg(stepsText(ovenSteps));
    const QString mixing = mixSteps == 0 ? tr("the batter is not mixed")
        : mixSteps == 1                  ? tr("the batter is mixed once (1 step)")
                        : tr("the batter is mixed %1 times (%2)").arg(mixSteps).arg(stepsText(mixSteps));
    QString text
        = tr("<b>%1</b> runs next: %2, %3, and one step takes %4.")
              .arg(bakeModeTitle(m_mode).toHtmlEscaped(), oven, mixing, secondsText(m_recipe.stepMs, decimals));
    // The log, the timeline and the verdict all keep the recipe's times; at another speed the wall clock differs.
    if (m_recipe.speedPercent != 100)
        text += QLatin1Char(' ')
            + tr("It runs at %1 speed: guess the recipe's time, as the log will show it.").arg(m_recipe.speedText());
    ui->aboutLabel->setText(text);
}

void PredictionDialog::addChoices()
{
    const QStyle *style = this->style();
    // Lines start under the radio button's text, not under its circle.
    const int indent = style->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth, nullptr, this)
        + style->pixelMetric(QStyle::PM_RadioButtonLabelSpacing, nullptr, this);

    QWidget *previous = nullptr;
    for (qsizetype i = 0; i < m_choices.size(); ++i) {
        const Prediction::Choice &choice = m_choices[i];
        // Numbered, so a class can vote by number, and Alt+number picks one.
        auto *radio = new QRadioButton(tr("&%1  %2").arg(i + 1).arg(choice.title), ui->orderGroup);
        auto *lines = new QLabel(sequenceHtml(choice.lines), ui->orderGroup);
        lines->setTextFormat(Qt::RichText);
        // A sequence stays on one line, so its arrows read left to right; long ones are shortened instead.
        lines->setWordWrap(false);
        lines->setContentsMargins(indent, 0, 0, i + 1 < m_choices.size() ? choiceSpacing : 0);
        lines->installEventFilter(this);

        QStringList texts;
        for (const Prediction::Line &line :
             choice.lines.first(std::min<qsizetype>(choice.lines.size(), maxTooltipLines)))
            texts << line.text();
        if (choice.lines.size() > maxTooltipLines)
            texts << tr("… and %n more", nullptr, int(choice.lines.size() - maxTooltipLines));
        const QString allLines = texts.join(QLatin1Char('\n'));
        radio->setToolTip(allLines);
        lines->setToolTip(allLines);
        radio->setAccessibleDescription(texts.join(QStringLiteral(", ")));

        m_orderButtons->addButton(radio, int(i));
        m_sequenceLabels << lines;
        ui->choicesLayout->addWidget(radio, int(2 * i), 0);
        ui->choicesLayout->addWidget(lines, int(2 * i + 1), 0);
        if (previous)
            setTabOrder(previous, radio);
        previous = radio;
    }

    // With one choice there is nothing to guess: it is picked, and the note says why.
    const bool onlyOne = m_choices.size() == 1;
    ui->oneOrderLabel->setVisible(onlyOne);
    if (onlyOne && m_choices.constFirst().lines.isEmpty())
        ui->oneOrderLabel->setText(tr("With this recipe neither task has a step, so no line comes at all."));
    if (onlyOne)
        m_orderButtons->button(0)->setChecked(true);
    if (previous)
        setTabOrder(previous, ui->totalSpin);
    setTabOrder(ui->totalSpin, ui->askCheck);
    setTabOrder(ui->askCheck, ui->buttonBox);
    // The first thing to answer has the focus, so arrows and Space work at once.
    if (onlyOne || m_choices.isEmpty())
        ui->totalSpin->setFocus(Qt::OtherFocusReason);
    else
        m_orderButtons->button(0)->setFocus(Qt::OtherFocusReason);
}

void PredictionDialog::setUpTotal()
{
    const int decimals = decimalsForStep(m_recipe.stepMs);
    QDoubleSpinBox *spin = ui->totalSpin;
    spin->setDecimals(decimals);
    spin->setRange(0.0, double(maximumTotalMs(m_recipe)) / 1000.0);
    // An arrow press is one step of the recipe, the unit the bake's time is made of.
    spin->setSingleStep(double(m_recipe.stepMs) / 1000.0);
    spin->setValue(0.0);
    spin->setToolTip(tr("The recipe's total, from the first step to the last line."));
    ui->totalHintLabel->setText(
        tr("The arrows move one step, %1; the box takes up to %2.")
            .arg(secondsText(m_recipe.stepMs, decimals), secondsText(maximumTotalMs(m_recipe), decimals)));
}

bool PredictionDialog::isComplete() const
{
    // A recipe without steps takes no time, so 0 is then the only guess there is.
    const bool timeGiven = guessedTotalMs() > 0 || maximumTotalMs(m_recipe) == 0;
    return selectedOrder().has_value() && timeGiven;
}

void PredictionDialog::updateBakeButton()
{
    const bool complete = isComplete();
    m_bakeButton->setEnabled(complete);
    if (complete)
        ui->statusLabel->setText(tr("Bake to see your guess against what happens."));
    else if (!selectedOrder())
        ui->statusLabel->setText(tr("Pick an order and a time, or Skip to bake without guessing."));
    else
        ui->statusLabel->setText(tr("Now guess the time, or Skip to bake without guessing."));
}

QString PredictionDialog::sequenceHtml(const QList<Prediction::Line> &lines) const
{
    if (lines.isEmpty())
        return tr("<i>no lines at all</i>");
    const auto token = [this](const Prediction::Line &line) {
        QString text = compactLine(line).toHtmlEscaped();
        text.replace(QLatin1Char(' '), QStringLiteral("&nbsp;"));
        return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(taskColor(line.task, palette()).name(), text);
    };
    QStringList tokens;
    if (lines.size() <= maxShownLines) {
        for (const Prediction::Line &line : lines)
            tokens << token(line);
    } else {
        const qsizetype atStart = maxShownLines - shownLinesAtEnd;
        for (qsizetype i = 0; i < atStart; ++i)
            tokens << token(lines[i]);
        tokens << tr("<i>%n&nbsp;more</i>", nullptr, int(lines.size() - maxShownLines));
        for (qsizetype i = lines.size() - shownLinesAtEnd; i < lines.size(); ++i)
            tokens << token(lines[i]);
    }
    return tokens.join(QStringLiteral(" → "));
}
