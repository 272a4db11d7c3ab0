// SPDX-License-Identifier: MIT
#include "runstablemodel.h"

#include "bakelogmodel.h"

namespace {
// Numbers line up on their last digit; the mode reads as a word.
constexpr int numberAlignment = int(Qt::AlignRight | Qt::AlignVCenter);
constexpr int textAlignment = int(Qt::AlignLeft | Qt::AlignVCenter);
constexpr int secondsDecimals = 2;

QString seconds(qint64 ms)
{
    return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', secondsDecimals);
}

const char *columnTitle(int column)
{
    switch (column) {
    case RunsTableModel::RunColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel", "Run");
    case RunsTableModel::ModeColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel", "Mode");
    case RunsTableModel::TargetColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel", "Oven target");
    case RunsTableModel::MixesColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel", "Mixes");
    case RunsTableModel::StepColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel", "Step");
    case RunsTableModel::TotalColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel", "Total");
    case RunsTableModel::IdealColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel", "Ideal");
    case RunsTableModel::LargestStallColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel", "Largest stall");
    case RunsTableModel::InputsWaitedColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel", "Inputs that waited");
    case RunsTableModel::ThreadsColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel", "Threads");
    case RunsTableModel::MemoryColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel", "Extra memory");
    default:
        return nullptr;
    }
}

const char *columnExplanation(int column)
{
    switch (column) {
    case RunsTableModel::TotalColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel", "How long the bake took, from its start to its last task's end");
    case RunsTableModel::IdealColumn:
        return QT_TRANSLATE_NOOP(
            "RunsTableModel",
            "What the recipe promises: the sum of both tasks' steps in sync mode, the longer task in async mode");
    case RunsTableModel::LargestStallColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel", "The longest time the event loop could not answer during the run");
    case RunsTableModel::InputsWaitedColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel",
                                 "Clicks and key presses made while the loop was frozen, which had to wait for it");
    case RunsTableModel::ThreadsColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel", "Worker threads the run started; the event loop needs none");
    case RunsTableModel::MemoryColumn:
        return QT_TRANSLATE_NOOP("RunsTableModel",
                                 "How far the program's resident memory rose above where it stood as the run began");
    default:
        return nullptr;
    }
}
} // namespace

RunsTableModel::RunsTableModel(const BakeLogModel *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
{
    if (!log)
        return;
    m_rows = log->runCount();
    connect(log, &BakeLogModel::runChanged, this, &RunsTableModel::onRunChanged);
    connect(log, &QAbstractItemModel::modelAboutToBeReset, this, &RunsTableModel::onLogAboutToBeReset);
    connect(log, &QAbstractItemModel::modelReset, this, &RunsTableModel::onLogReset);
    connect(log, &QObject::destroyed, this, &RunsTableModel::onLogDestroyed);
}

int RunsTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int RunsTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags RunsTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return QAbstractTableModel::flags(index);
    return QAbstractTableModel::flags(index) | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> RunsTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, "sortValue");
    names.insert(RunRole, "run");
    return names;
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section < 0 || section >= ColumnCount)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return tr(columnTitle(section));
    case Qt::ToolTipRole:
        if (const char *explanation = columnExplanation(section))
            return tr(explanation);
        return {};
    case Qt::TextAlignmentRole:
        return section == ModeColumn ? textAlignment : numberAlignment;
    default:
        return {};
    }
}

QVariant RunsTableModel::data(const QModelIndex &index, int role) const
{
    if (!m_log || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int run = index.row();
    switch (role) {
    case Qt::DisplayRole:
        return displayText(run, index.column());
    case SortRole:
        return sortValue(run, index.column());
    case RunRole:
        return run;
    case Qt::TextAlignmentRole:
        return index.column() == ModeColumn ? textAlignment : numberAlignment;
    default:
        return {};
    }
}

QString RunsTableModel::displayText(int run, int column) const
{
    const BakeParameters parameters = m_log->runParameters(run);
    switch (column) {
    case RunColumn:
        return QString::number(run + 1);
    case ModeColumn:
        return bakeModeTitle(m_log->runMode(run));
    case TargetColumn:
        return QStringLiteral("%1 °F").arg(parameters.targetTemperature);
    case MixesColumn:
        return QString::number(parameters.mixCount);
    case StepColumn:
        return QStringLiteral("%1 ms").arg(parameters.stepMs);
    case TotalColumn: {
        const std::optional<BakeOutcome> outcome = m_log->runOutcome(run);
        if (!outcome)
            return tr("baking…");
        if (outcome->cancelled)
            return tr("cancelled after %1").arg(seconds(outcome->totalMs));
        return seconds(outcome->totalMs);
    }
    case IdealColumn:
        return seconds(parameters.idealMs(m_log->runMode(run)));
    case LargestStallColumn: {
        const qint64 stallMs = m_log->runMaxStallMs(run);
        return stallMs < 0 ? QStringLiteral("—") : QStringLiteral("%1 ms").arg(stallMs);
    }
    case InputsWaitedColumn:
        return QString::number(m_log->noteCount(run));
    case ThreadsColumn: {
        const std::optional<BakeOutcome> outcome = m_log->runOutcome(run);
        return outcome ? QString::number(outcome->threadsStarted) : QStringLiteral("—");
    }
    case MemoryColumn: {
        const qint64 bytes = m_log->runMemoryGrowthBytes(run);
        return bytes < 0 ? QStringLiteral("—") : QStringLiteral("%1 MB").arg(bytes / 1e6, 0, 'f', 1);
    }
    default:
        return {};
    }
}

QVariant RunsTableModel::sortValue(int run, int column) const
{
    const BakeParameters parameters = m_log->runParameters(run);
    switch (column) {
    case RunColumn:
        return run + 1;
    case ModeColumn:
        return bakeModeTitle(m_log->runMode(run));
    case TargetColumn:
        return parameters.targetTemperature;
    case MixesColumn:
        return parameters.mixCount;
    case StepColumn:
        return parameters.stepMs;
    case TotalColumn: {
        const std::optional<BakeOutcome> outcome = m_log->runOutcome(run);
        return outcome ? QVariant(outcome->totalMs) : QVariant();
    }
    case IdealColumn:
        return parameters.idealMs(m_log->runMode(run));
    case LargestStallColumn: {
        const qint64 stallMs = m_log->runMaxStallMs(run);
        return stallMs < 0 ? QVariant() : QVariant(stallMs);
    }
    case InputsWaitedColumn:
        return m_log->noteCount(run);
    case ThreadsColumn: {
        const std::optional<BakeOutcome> outcome = m_log->runOutcome(run);
        return outcome ? QVariant(outcome->threadsStarted) : QVariant();
    }
    case MemoryColumn: {
        const qint64 bytes = m_log->runMemoryGrowthBytes(run);
        return bytes < 0 ? QVariant() : QVariant(bytes);
    }
    default:
        return {};
    }
}

void RunsTableModel::onRunChanged(int run)
{
    const int runs = m_log->runCount();
    if (run >= m_rows && runs > m_rows) {
        beginInsertRows({}, m_rows, runs - 1);
        m_rows = runs;
        endInsertRows();
        return;
    }
    if (run >= 0 && run < m_rows)
        Q_EMIT dataChanged(index(run, 0), index(run, ColumnCount - 1), {Qt::DisplayRole, SortRole});
}

void RunsTableModel::onLogAboutToBeReset()
{
    beginResetModel();
}

void RunsTableModel::onLogReset()
{
    m_rows = m_log->runCount();
    endResetModel();
}

void RunsTableModel::onLogDestroyed()
{
    beginResetModel();
    m_rows = 0;
    endResetModel();
}
