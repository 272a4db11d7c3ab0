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
        {IsNoteRole, "isNote"},
    });
    return names;
}

QVariant BakeLogModel::data(const QModelIndex &index, int role) const
{
    // Asking for the invalid index is how a view asks about "no row": its own Ctrl+C does so when nothing is
    // current, as after a Reset. Nothing is there; only an index that names no row of this model is a bug.
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    switch (role) {
    case IsHeaderRole:
        return row.kind == RowKind::Header;
    case IsNoteRole:
        return row.kind == RowKind::Note;
    case RunRole:
        return row.run;
    case Qt::DisplayRole:
        return row.kind == RowKind::Header ? runTitle(row.run) : line(index.row());
    case LineRole:
        return line(index.row());
    default:
        break;
    }
    if (row.kind == RowKind::Header)
        return {};
    if (row.kind == RowKind::Note) {
        if (role == TimeMsRole)
            return row.entry.timeMs;
        if (role == MessageRole)
            return m_notes[std::size_t(row.number)];
        return {};
    }

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

void BakeLogModel::appendRow(const Row &row)
{
    const int position = rowCount();
    beginInsertRows({}, position, position);
    m_rows.push_back(row);
    endInsertRows();
}

int BakeLogModel::beginRun(BakeMode mode, const BakeParameters &parameters)
{
    m_runs.push_back({mode, parameters, rowCount(), std::nullopt, 0, 0, -1, 0, {}, -1});
    const int run = int(m_runs.size()) - 1;
    appendRow({run, RowKind::Header, 0, {}});
    Q_EMIT runChanged(run);
    return run;
}

void BakeLogModel::appendEntry(const LogEntry &entry)
{
    if (m_runs.empty()) {
        qWarning("BakeLogModel: an entry came before any run began; it is dropped");
        return;
    }
    Run &run = m_runs.back();
    appendRow({int(m_runs.size()) - 1, RowKind::Entry, ++run.entryCount, entry});
}

void BakeLogModel::appendNote(qint64 timeMs, const QString &text)
{
    if (m_runs.empty()) {
        qWarning("BakeLogModel: a note came before any run began; it is dropped");
        return;
    }
    ++m_runs.back().noteCount;
    m_notes.push_back(text);
    LogEntry stamp;
    stamp.timeMs = timeMs;
    appendRow({int(m_runs.size()) - 1, RowKind::Note, int(m_notes.size()) - 1, stamp});
    Q_EMIT runChanged(int(m_runs.size()) - 1);
}

QList<LogEntry> BakeLogModel::entries(int run) const
{
    QList<LogEntry> result;
    result.reserve(entryCount(run));
    for (std::size_t row = std::size_t(headerRow(run)) + 1; row < m_rows.size() && m_rows[row].run == run; ++row) {
        if (m_rows[row].kind == RowKind::Entry)
            result.append(m_rows[row].entry);
    }
    return result;
}

int BakeLogModel::entryNumber(int row) const
{
    const Row &r = m_rows.at(std::size_t(row));
    return r.kind == RowKind::Entry ? r.number : 0;
}

void BakeLogModel::finishRun(const BakeOutcome &outcome)
{
    if (m_runs.empty())
        return;
    Run &run = m_runs.back();
    run.outcome = outcome;
    const QModelIndex header = index(run.headerRow);
    Q_EMIT dataChanged(header, header, {Qt::DisplayRole, LineRole});
    Q_EMIT runChanged(int(m_runs.size()) - 1);
}

void BakeLogModel::measureRun(qint64 maxStallMs, int lateHeartbeats, std::vector<LoopStall> stalls,
                              qint64 memoryGrowthBytes)
{
    if (m_runs.empty())
        return;
    Run &run = m_runs.back();
    run.maxStallMs = maxStallMs;
    run.lateHeartbeats = lateHeartbeats;
    run.stalls = std::move(stalls);
    run.memoryGrowthBytes = memoryGrowthBytes;
    Q_EMIT runChanged(int(m_runs.size()) - 1);
}

void BakeLogModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_runs.clear();
    m_notes.clear();
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
    // Times in the log are the recipe's; at another speed the wall clock ran faster or slower, and the title says so.
    if (r.parameters.speedPercent != 100)
        parts << QStringLiteral("at %1").arg(r.parameters.speedText());
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
    if (r.kind == RowKind::Header)
        return QStringLiteral("# ") + runTitle(r.run);
    if (r.kind == RowKind::Note)
        return QStringLiteral("[%1 ms] # %2").arg(r.entry.timeMs, 6).arg(m_notes[std::size_t(r.number)]);
    const bool manyCakes = m_runs[std::size_t(r.run)].parameters.cakes > 1;
    return r.entry.line({.timestamps = true, .cakeNumbers = manyCakes});
}
