// SPDX-License-Identifier: MIT
#include "bakelogmodel.h"

BakeLogModel::BakeLogModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int BakeLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> BakeLogModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({
        {IsHeaderRole, "isHeader"},
        {RunRole, "run"},
        {TimeMsRole, "timeMs"},
        {CakeRole, "cake"},
        {TaskRole, "task"},
        {TaskNameRole, "taskName"},
        {MessageRole, "message"},
        {LineRole, "line"},
        {OvenTemperatureRole, "ovenTemperature"},
        {MixesDoneRole, "mixesDone"},
        {PreheatStateRole, "preheatState"},
        {MixStateRole, "mixState"},
        {PreheatWakeMsRole, "preheatWakeMs"},
        {MixWakeMsRole, "mixWakeMs"},
        {EntryRole, "entry"},
    });
    return names;
}

QVariant BakeLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    switch (role) {
    case IsHeaderRole:
        return row.isHeader;
    case RunRole:
        return row.run;
    case Qt::DisplayRole:
        return row.isHeader ? runTitle(row.run) : line(index.row());
    case LineRole:
        return line(index.row());
    default:
        break;
    }
    if (row.isHeader)
        return {};

    const LogEntry &entry = row.entry;
    switch (role) {
    case TimeMsRole:
        return entry.timeMs;
    case CakeRole:
        return entry.cake;
    case TaskRole:
        return int(entry.task);
    case TaskNameRole:
        return taskName(entry.task);
    case MessageRole:
        return entry.message();
    case OvenTemperatureRole:
        return entry.kitchen.oven().temperature();
    case MixesDoneRole:
        return entry.kitchen.bowl().mixesDone();
    case PreheatStateRole:
        return int(entry.kitchen.state(TaskId::Preheat));
    case MixStateRole:
        return int(entry.kitchen.state(TaskId::Mix));
    case PreheatWakeMsRole:
        return entry.kitchen.wakeMs(TaskId::Preheat);
    case MixWakeMsRole:
        return entry.kitchen.wakeMs(TaskId::Mix);
    case EntryRole:
        return QVariant::fromValue(entry);
    default:
        return {};
    }
}

int BakeLogModel::beginRun(BakeMode mode, const BakeParameters &parameters)
{
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_runs.push_back({mode, parameters, row, std::nullopt});
    m_rows.push_back({int(m_runs.size()) - 1, true, {}});
    endInsertRows();
    return int(m_runs.size()) - 1;
}

void BakeLogModel::appendEntry(const LogEntry &entry)
{
    if (m_runs.empty()) {
        qWarning("BakeLogModel: an entry came before any run began; it is dropped");
        return;
    }
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_rows.push_back({int(m_runs.size()) - 1, false, entry});
    endInsertRows();
}

void BakeLogModel::finishRun(const BakeOutcome &outcome)
{
    if (m_runs.empty())
        return;
    Run &run = m_runs.back();
    run.outcome = outcome;
    const QModelIndex header = index(run.headerRow);
    Q_EMIT dataChanged(header, header, {Qt::DisplayRole, LineRole});
}

void BakeLogModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_runs.clear();
    endResetModel();
}

QString BakeLogModel::runTitle(int run) const
{
    const Run &r = m_runs.at(std::size_t(run));
    const QString separator = QStringLiteral(" · ");
    QStringList parts{
        bakeModeTitle(r.mode),
        QStringLiteral("%1 °F").arg(r.parameters.targetTemperature),
        r.parameters.mixCount == 1 ? QStringLiteral("1 mix") : QStringLiteral("%1 mixes").arg(r.parameters.mixCount),
        QStringLiteral("%1 ms").arg(r.parameters.stepMs),
    };
    if (r.parameters.cakes > 1)
        parts.insert(1, QStringLiteral("%1 cakes").arg(r.parameters.cakes));
    if (!r.outcome)
        parts << QStringLiteral("baking");
    else if (r.outcome->cancelled)
        parts << QStringLiteral("cancelled at %1 s").arg(r.outcome->totalMs / 1000.0, 0, 'f', 2);
    else
        parts << QStringLiteral("%1 s").arg(r.outcome->totalMs / 1000.0, 0, 'f', 2);
    return parts.join(separator);
}

QString BakeLogModel::line(int row) const
{
    const Row &r = m_rows.at(std::size_t(row));
    if (r.isHeader)
        return QStringLiteral("# ") + runTitle(r.run);
    const bool manyCakes = m_runs[std::size_t(r.run)].parameters.cakes > 1;
    return r.entry.line({.timestamps = true, .cakeNumbers = manyCakes});
}
