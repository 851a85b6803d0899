"""The supervisor's overview: per sector what was inspected, found and rectified, as a
table and a bar chart (drawn with QPainter: QtCharts is not in PySide6-Essentials).

With a period or an area chosen, it shows the statistics report's figures for them
(inspector.statistics.compute, as the CLI and the exports count them; a record
counts per visit, 户次) and exports that report as XLSX or PDF."""

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import ids
from ..errors import InspectorError
from ..overview import SEVERITIES, overview_stats, overview_total, write_overview
from ..statistics import compute, periods
from . import labels
from .changes import RECTIFICATIONS, Follows
from .models import fit_columns
from .settings import get_str, settings

HEADERS = (QT_TRANSLATE_NOOP("Overview", "Sector"),
           QT_TRANSLATE_NOOP("Overview", "Subjects inspected"),
           QT_TRANSLATE_NOOP("Overview", "Self-checks received"),
           QT_TRANSLATE_NOOP("Overview", "Problems found"),
           *(labels.SEVERITY[s] for s in SEVERITIES),
           QT_TRANSLATE_NOOP("Overview", "Rectified"),
           QT_TRANSLATE_NOOP("Overview", "Overdue"),
           QT_TRANSLATE_NOOP("Overview", "Rectification rate"))
SERIES = ((QT_TRANSLATE_NOOP("Overview", "Problems found"), "problems", "#1565c0"),
          (QT_TRANSLATE_NOOP("Overview", "Rectified"), "rectified", "#2e7d32"),
          (QT_TRANSLATE_NOOP("Overview", "Overdue"), "overdue", "#c62828"))


# with a period or an area chosen, the second column counts visits (户次), as the report
VISITS = QT_TRANSLATE_NOOP("Overview", "Subjects checked (visits)")


def header_texts(visits: bool = False) -> list[str]:
    severities = range(4, 4 + len(SEVERITIES))
    texts = [QCoreApplication.translate("Labels" if n in severities else "Overview", text)
             for n, text in enumerate(HEADERS)]
    if visits:
        texts[1] = QCoreApplication.translate("Overview", VISITS)
    return texts


def nice_step(top: int) -> int:
    """A round tick step (1, 2, 5 x 10^n) such that four steps reach `top`."""
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            if factor * magnitude * 4 >= top:
                return factor * magnitude
        magnitude *= 10


def rate_text(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


class BarChart(QWidget):
    """Grouped bars per sector: problems found, rectified, overdue."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows = []
        self.setMinimumHeight(160)  # bars still readable; the page fits a 600-px screen
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_rows(self, rows) -> None:
        self.rows = rows
        self.update()

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        plot = QRectF(self.rect()).adjusted(48, 60, -16, -44)
        self._legend(painter)
        if not self.rows:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter,
                             QCoreApplication.translate("Overview", "Nothing found yet."))
            return
        step = nice_step(max(1, *(getattr(r, key) for r in self.rows for _, key, _ in SERIES)))
        top = step * 4
        self._axis(painter, plot, step)
        group = plot.width() / len(self.rows)
        bar = min(48.0, group * 0.7 / len(SERIES))
        for index, row in enumerate(self.rows):
            left = plot.left() + index * group + (group - bar * len(SERIES)) / 2
            for number, (_, key, colour) in enumerate(SERIES):
                value = getattr(row, key)
                height = plot.height() * value / top
                box = QRectF(left + number * bar, plot.bottom() - height, bar - 3, height)
                painter.fillRect(box, QColor(colour))
                painter.setPen(QColor("#37474f"))
                painter.drawText(QRectF(box.left() - 10, box.top() - 18, bar + 14, 16),
                                 Qt.AlignmentFlag.AlignCenter, str(value))
            painter.drawText(QRectF(plot.left() + index * group, plot.bottom() + 6, group, 34),
                             Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, row.name)

    def _axis(self, painter: QPainter, plot: QRectF, step: int) -> None:
        painter.setPen(QColor("#b0bec5"))
        for tick in range(5):
            y = plot.bottom() - plot.height() * tick / 4
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.drawText(QRectF(0, y - 8, plot.left() - 6, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             str(step * tick))

    def _legend(self, painter: QPainter) -> None:
        x = 48
        for text, _, colour in SERIES:
            painter.fillRect(QRectF(x, 12, 14, 14), QColor(colour))
            painter.setPen(QColor("#37474f"))
            label = QCoreApplication.translate("Overview", text)
            painter.drawText(QRectF(x + 20, 8, 200, 22), Qt.AlignmentFlag.AlignVCenter, label)
            x += 40 + painter.fontMetrics().horizontalAdvance(label)


class OverviewPage(Follows, QWidget):
    SHOWS = RECTIFICATIONS

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.follow(store)
        self.store = store
        self.rows = []
        self.today: str | None = None  # overdue as of this day; None: the real today
        self.report = None  # the statistics report shown, when a period or area is chosen
        title = QLabel(self.tr("Overview by sector"))
        title.setObjectName("pageTitle")
        self.period = QComboBox()
        self.period.setObjectName("overviewPeriod")
        self.period.setToolTip(self.tr("The period whose records count: a record by the "
                                       "Beijing day it started, an item by the day found"))
        self.area = QLineEdit()
        self.area.setObjectName("overviewArea")
        self.area.setPlaceholderText(self.tr("Area (part of the address)"))
        self.area.setClearButtonEnabled(True)
        self.area.setToolTip(self.area.placeholderText())
        self.area.setMinimumWidth(self.area.fontMetrics().horizontalAdvance(
            self.area.placeholderText()) + 40)
        self.fill_periods()
        self.period.currentIndexChanged.connect(self.refresh)
        self.area.editingFinished.connect(self.refresh)
        filters = QHBoxLayout()
        filters.addWidget(title, 1)
        filters.addWidget(QLabel(self.tr("Period")))
        filters.addWidget(self.period)
        filters.addWidget(self.area)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(header_texts())
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        fit_columns(self.table, stretch=0)  # the sector's name takes the room left
        self.chart = BarChart()
        export = QPushButton(self.tr("Export…"))
        export.clicked.connect(self.choose_export)
        self.message = QLabel()
        self.message.setObjectName("muted")
        self.report_button = QPushButton(self.tr("Report…"))
        self.report_button.setToolTip(self.tr("The statistics report of the period and area "
                                              "as XLSX or PDF"))
        self.report_button.clicked.connect(self.choose_report)
        buttons = QHBoxLayout()
        buttons.addWidget(export)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.chart, 3)
        layout.addLayout(buttons)  # filled by refresh() when shown: a scan of every item

    def fill_periods(self) -> None:
        """All periods (the overview as ever), recent months and quarters, campaigns."""
        from ..campaign.plans import campaigns

        self.period.addItem(self.tr("All periods"), None)
        for key in periods.recent(self.today):
            self.period.addItem(key, key)
        for plan in campaigns(self.store):
            self.period.addItem(plan["name"], periods.CAMPAIGN_PREFIX + plan["id"])
            self.period.setItemData(self.period.count() - 1, plan["name"],
                                    Qt.ItemDataRole.ToolTipRole)

    def scope(self) -> compute.Scope | None:
        """The report's scope, or None for the overview of everything."""
        key, area = self.period.currentData(), self.area.text().strip()
        if key is None and not area:
            return None
        period = periods.parse(key, self.store) if key else periods.Period(
            "", "1970-01-01", "9998-12-31")  # every record, within what a date holds
        return compute.Scope(period, area=area, today=self.today)

    def refresh(self) -> None:
        scope = self.scope()
        self.report_button.setEnabled(scope is not None and bool(scope.period.key))
        self.table.setHorizontalHeaderLabels(header_texts(visits=scope is not None))
        if scope is None:
            self.report = None
            self.rows = overview_stats(self.store, today=self.today)
        else:
            self.report = compute.report(self.store, scope, self.tr("Total"))
            # a row only figures entered by hand fill has nothing this table shows
            self.rows = [compute.sector_stats(r) for r in self.report.rows
                         if r["problems"] or r["subjects_checked"] or r["self_checks"]]
        total = overview_total(self.rows, self.tr("Total"))
        shown = [*self.rows, total] if self.rows else []
        self.table.setRowCount(len(shown))
        for number, row in enumerate(shown):
            values = [row.name, row.subjects_inspected, row.self_checks, row.problems,
                      *(row.by_severity.get(s, 0) for s in SEVERITIES), row.rectified,
                      row.overdue, rate_text(row.rate)]
            for column, value in enumerate(values):
                self._cell(number, column, value, bold=row is total)
        # as tall as its rows, or scrolling on a small screen (the chart keeps its room)
        rows = [self.table.rowHeight(r) for r in range(len(shown))]
        self.table.setMaximumHeight(self.table.horizontalHeader().height() + sum(rows) + 4)
        self.chart.set_rows(self.rows)

    def _cell(self, row: int, column: int, value, bold: bool) -> None:
        item = QTableWidgetItem(str(value))
        if not column:
            item.setToolTip(str(value))  # a long sector name the column cuts
        if column:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == len(HEADERS) - 2 and value:
            item.setForeground(QColor("#c62828"))
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        self.table.setItem(row, column, item)

    def focus(self) -> None:
        self.table.setFocus()

    def choose_export(self) -> None:
        folder = get_str("overview/export_folder") or str(Path.home())
        name = self.tr("Overview %1").replace("%1", ids.today())
        filters = [self.tr("Excel workbook (*.xlsx)"), self.tr("CSV, UTF-8 (*.csv)")]
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the overview"), str(Path(folder) / f"{name}.xlsx"),
            ";;".join(filters))
        if not path:
            return
        if Path(path).suffix.lower() not in (".xlsx", ".csv"):
            path += ".csv" if chosen == filters[1] else ".xlsx"
        settings().setValue("overview/export_folder", str(Path(path).parent))
        self.export_to(path)

    def export_to(self, path: str) -> None:
        rows = [*self.rows, overview_total(self.rows, self.tr("Total"))]
        try:
            write_overview(rows, header_texts(visits=self.report is not None), path)
        except (InspectorError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))
            return
        self.message.setText(self.tr("Written to %1").replace("%1", path))

    def choose_report(self) -> None:
        folder = get_str("overview/export_folder") or str(Path.home())
        name = self.tr("Statistics %1").replace("%1", self.report.scope.period.key)
        filters = [self.tr("Excel workbook (*.xlsx)"), self.tr("PDF (*.pdf)")]
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the statistics report"), str(Path(folder) / f"{name}.xlsx"),
            ";;".join(filters))
        if not path:
            return
        if Path(path).suffix.lower() not in (".xlsx", ".pdf"):
            path += ".pdf" if chosen == filters[1] else ".xlsx"
        settings().setValue("overview/export_folder", str(Path(path).parent))
        self.report_to(path)

    def report_to(self, path: str) -> None:
        """The report shown, in the default layout (XLSX) or as PDF."""
        from ..statistics import pdf, spreadsheet
        from ..statistics.manual import default_unit

        cover = compute.Cover(unit=default_unit(self.store))
        try:
            if Path(path).suffix.lower() == ".pdf":
                pdf.write(self.report, cover, path)
            else:
                spreadsheet.write_default(self.report, cover, path)
        except (InspectorError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Export failed"), str(exc))
            return
        self.message.setText(self.tr("Written to %1").replace("%1", path))
