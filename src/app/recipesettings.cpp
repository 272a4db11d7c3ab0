// SPDX-License-Identifier: MIT
#include "recipesettings.h"

#include "applogging.h"

#include <QSettings>

namespace {
const QString targetTemperatureKey = QStringLiteral("recipe/targetTemperature");
const QString mixCountKey = QStringLiteral("recipe/mixCount");
const QString stepMsKey = QStringLiteral("recipe/stepMs");
const QString speedPercentKey = QStringLiteral("recipe/speedPercent");
const QString cakesKey = QStringLiteral("recipe/cakes");
const QString askForPredictionKey = QStringLiteral("lesson/askForPrediction");

/// The whole number stored at @p key if it is one and lies in @p range; else @p fallback, with a warning.
int wholeNumber(const QSettings &settings, const QString &key, const ParameterRange &range, int fallback)
{
    if (!settings.contains(key))
        return fallback;
    const QString text = settings.value(key).toString().trimmed();
    bool isNumber = false;
    // Read as 64 bits, so that a huge number is seen as out of range rather than wrapped into it.
    const qlonglong value = text.toLongLong(&isNumber, 10);
    if (isNumber && value >= range.minimum && value <= range.maximum)
        return int(value);
    qCWarning(lcApp).noquote() << "settings:" << key << "is" << text << "but must be a whole number from"
                               << range.describe() << "; using" << fallback;
    return fallback;
}

/// A yes or no as QSettings writes it (true, false), or as a hand might (1, 0); anything else is @p fallback.
bool yesOrNo(const QSettings &settings, const QString &key, bool fallback)
{
    if (!settings.contains(key))
        return fallback;
    const QString text = settings.value(key).toString().trimmed().toLower();
    if (text == QLatin1String("true") || text == QLatin1String("1"))
        return true;
    if (text == QLatin1String("false") || text == QLatin1String("0"))
        return false;
    qCWarning(lcApp).noquote() << "settings:" << key << "is" << text << "but must be true or false; using"
                               << (fallback ? "true" : "false");
    return fallback;
}
} // namespace

RecipeSettings RecipeSettings::read(const QSettings &settings)
{
    RecipeSettings stored;
    BakeParameters &recipe = stored.recipe;
    recipe.targetTemperature
        = wholeNumber(settings, targetTemperatureKey, BakeParameters::targetTemperatureRange, recipe.targetTemperature);
    recipe.mixCount = wholeNumber(settings, mixCountKey, BakeParameters::mixCountRange, recipe.mixCount);
    recipe.stepMs = wholeNumber(settings, stepMsKey, BakeParameters::stepMsRange, recipe.stepMs);
    recipe.speedPercent
        = wholeNumber(settings, speedPercentKey, BakeParameters::speedPercentRange, recipe.speedPercent);
    recipe.cakes = wholeNumber(settings, cakesKey, BakeParameters::cakesRange, recipe.cakes);
    stored.askForPrediction = yesOrNo(settings, askForPredictionKey, stored.askForPrediction);
    return stored;
}

bool RecipeSettings::write(QSettings &settings) const
{
    settings.setValue(targetTemperatureKey, recipe.targetTemperature);
    settings.setValue(mixCountKey, recipe.mixCount);
    settings.setValue(stepMsKey, recipe.stepMs);
    settings.setValue(speedPercentKey, recipe.speedPercent);
    settings.setValue(cakesKey, recipe.cakes);
    settings.setValue(askForPredictionKey, askForPrediction);
    // QSettings writes lazily and says nothing of a failure unless asked after a sync.
    settings.sync();
    return settings.status() == QSettings::NoError;
}
