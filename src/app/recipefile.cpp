// SPDX-License-Identifier: MIT
#include "recipefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace {
const QString bundledFolder = QStringLiteral(":/recipes");
const QByteArray summaryPrefix = QByteArrayLiteral("# Summary: ");

QString bundledPath(const QString &name)
{
    return bundledFolder + QLatin1Char('/') + name + QStringLiteral(".py");
}
} // namespace

QStringList RecipeFile::bundledNames()
{
    QStringList names;
    for (const QString &file : QDir(bundledFolder).entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name))
        names << file.chopped(3);
    return names;
}

QString RecipeFile::summaryOf(const QString &name)
{
    QFile file(bundledPath(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray first = file.readLine().trimmed();
    return first.startsWith(summaryPrefix) ? QString::fromUtf8(first.mid(summaryPrefix.size())) : QString();
}

std::optional<RecipeFile> RecipeFile::load(const QString &pathOrName, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const bool bundled = !pathOrName.contains(QLatin1Char('/')) && !pathOrName.endsWith(QStringLiteral(".py"))
        && QFile::exists(bundledPath(pathOrName));
    const QString path = bundled ? bundledPath(pathOrName) : pathOrName;
    const QFileInfo info(path);
    if (!bundled) {
        if (!info.exists())
            return fail(QStringLiteral("%1: no such file, and no bundled recipe of that name (bakeloop "
                                       "--list-recipes lists them)")
                            .arg(pathOrName));
        if (!info.isFile())
            return fail(QStringLiteral("%1: not a regular file").arg(pathOrName));
        if (info.size() > maxBytes)
            return fail(QStringLiteral("%1: %2 bytes, more than a recipe may have (%3)")
                            .arg(pathOrName)
                            .arg(info.size())
                            .arg(maxBytes));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: %2").arg(pathOrName, file.errorString()));
    // Read one byte past the limit: a file that grew since it was measured is still caught.
    RecipeFile recipe;
    recipe.bytes = file.read(maxBytes + 1);
    if (recipe.bytes.size() > maxBytes)
        return fail(QStringLiteral("%1: more than a recipe may have (%2 bytes)").arg(pathOrName).arg(maxBytes));
    // read() made room for the largest recipe; the recipe is kept for the whole run, its room need not be.
    recipe.bytes.squeeze();
    recipe.displayName = bundled ? pathOrName + QStringLiteral(".py") : pathOrName;
    recipe.pythonName
        = bundled || QDir::isAbsolutePath(pathOrName) ? recipe.displayName : QDir::currentPath() + u'/' + pathOrName;
    return recipe;
}
