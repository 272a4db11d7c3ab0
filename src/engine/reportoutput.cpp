// SPDX-License-Identifier: MIT
#include "reportoutput.h"

#include "outputfile.h"

#include <QJsonDocument>

#include <cerrno>
#include <cstdio>
#include <cstring>

bool ReportOutput::write(const QJsonObject &json, const QString &path, QString *error)
{
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Indented);
    if (path == QLatin1String("-")) {
        errno = 0;
        if (std::fwrite(text.constData(), 1, std::size_t(text.size()), stdout) == std::size_t(text.size())
            && std::fflush(stdout) == 0)
            return true;
        if (error)
            *error = QStringLiteral("cannot write the report to standard output: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(errno ? errno : EIO)));
        return false;
    }
    QString why;
    if (!OutputFile(path).write(text, &why)) {
        if (error)
            *error = QStringLiteral("cannot write the report to %1: %2").arg(path, why);
        return false;
    }
    return true;
}
