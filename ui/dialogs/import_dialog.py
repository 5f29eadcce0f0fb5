"""Import one layer into the open mission: every problem listed, nothing imported
until the file is clean.

The file is read and checked as soon as it is chosen (``planner.io.importers``). Each
problem is one row ``FILE:ROW:COLUMN: message`` (ROW as a spreadsheet shows it). The
Import button stays disabled while there is any problem; the result replaces the
layer in the mission in memory (undoable) and is written at the next save.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.errors import InputError, PlannerError, Problem
from planner.i18n import localized
from planner.io.importers import KINDS, load_layer
from planner.io.mission import record, with_layer
from planner.io.refs import layer_reference_problems
from planner.model import Mission
from ui.i18n import QT_TRANSLATE_NOOP, error_text, number, planner_text
from ui.table_models import SimpleTableModel

translate = QCoreApplication.translate

FILE_FILTER = QT_TRANSLATE_NOOP(
    "ImportDialog",
    "Tables and GIS files (*.csv *.txt *.xlsx *.geojson *.json *.gpkg *.shp);;All files (*)",
)


def layer_name(kind: str) -> str:
    names = {
        "regions": translate("ImportDialog", "regions"),
        "decs": translate("ImportDialog", "DECs"),
        "dec_areas": translate("ImportDialog", "DEC areas"),
        "polling_stations": translate("ImportDialog", "polling stations"),
        "bases": translate("ImportDialog", "bases"),
        "teams": translate("ImportDialog", "teams"),
    }
    return names.get(kind, kind.replace("_", " "))


class ImportDialog(QDialog):
    """After ``exec()`` returns Accepted, :attr:`result_mission` holds the new mission."""

    # size: builds the dialog's form, one statement per widget
    def __init__(self, mission: Mission, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ImportDialog", "Import a layer"))
        self.mission = mission
        self.result_mission: Mission | None = None
        self.description = ""
        self.problems: list[Problem] = []
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(layer_name(kind), kind)
        self.path = QLineEdit()
        self.path.setPlaceholderText(
            translate("ImportDialog", "CSV, XLSX, GeoJSON, GeoPackage or Shapefile")
        )
        browse = QPushButton(translate("ImportDialog", "Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow(translate("ImportDialog", "Layer"), self.kind)
        form.addRow(translate("ImportDialog", "File"), row)
        self.status = QLabel(
            translate("ImportDialog", "Choose a file: it is checked before anything is imported.")
        )
        self.status.setWordWrap(True)
        self.model = SimpleTableModel(
            (
                translate("ImportDialog", "File"),
                translate("ImportDialog", "Row"),
                translate("ImportDialog", "Column"),
                translate("ImportDialog", "Problem"),
            )
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            translate("ImportDialog", "Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(False)
        self.copy_button = self.buttons.addButton(
            translate("ImportDialog", "Copy problems"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self._copy)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.path.editingFinished.connect(self.check)
        self.kind.currentIndexChanged.connect(self.check)
        fm = self.fontMetrics()
        self.resize(fm.averageCharWidth() * 110, fm.height() * 28)

    def set_file(self, kind: str, path: Path) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.path.setText(str(path))
        self.check()

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("ImportDialog", "File to import"),
            "",
            translate("ImportDialog", FILE_FILTER),
        )
        if name:
            self.path.setText(name)
            self.check()

    # size: check, show every problem, then offer import; to split
    def check(self) -> None:
        """Read and check the file; list problems or get ready to import."""
        self.result_mission = None
        self.problems = []
        self.import_button.setEnabled(False)
        text = self.path.text().strip()
        if not text:
            self._show_problems()
            return
        kind = str(self.kind.currentData())
        path = Path(text)
        try:
            read = load_layer(kind, path, self.mission)
            updated = with_layer(self.mission, kind, read.items)
            refs = layer_reference_problems(updated, kind, path.name)
            if refs:
                raise InputError(refs)
        except InputError as exc:
            self.problems = list(exc.problems)
            self._show_problems()
            self.status.setText(
                translate(
                    "ImportDialog",
                    "<b>{n} problem(s)</b> in {file}: nothing will be imported until the "
                    "file is corrected.",
                ).format(n=number(len(self.problems)), file=path.name)
            )
            return
        except PlannerError as exc:
            self.problems = [Problem(path.name, 0, "", error_text(exc))]
            self._show_problems()
            self.status.setText(
                translate("ImportDialog", "<b>Cannot read {file}</b>").format(file=path.name)
            )
            return
        previous = len(getattr(self.mission, kind))
        self.description = translate("ImportDialog", "Import {n} {layer} from {file}").format(
            n=number(len(read.items)), layer=layer_name(kind), file=path.name
        )
        self.result_mission = record(
            updated,
            "import",
            {"kind": kind, "file": path.name, "rows": len(read.items), "replaced": previous},
        )
        self._show_problems()
        notes = "; ".join(planner_text(n) for n in read.notes)  # "reprojected from ..."
        ignored = ", ".join(read.ignored_columns)
        self.status.setText(
            translate(
                "ImportDialog",
                "{file} is clean: {n} {layer} will replace the {old} in the mission.",
            ).format(
                file=path.name,
                n=number(len(read.items)),
                layer=self.kind.currentText(),
                old=number(previous),
            )
            + (f" {notes}." if notes else "")
            + (
                " " + translate("ImportDialog", "Ignored columns: {cols}.").format(cols=ignored)
                if ignored
                else ""
            )
        )
        self.import_button.setEnabled(True)

    def _show_problems(self) -> None:
        self.model.set_rows(
            [str(i) for i in range(len(self.problems))],
            [(p.file, p.row or None, p.column, localized(p.message)) for p in self.problems],
        )
        self.copy_button.setEnabled(bool(self.problems))

    def problem_lines(self) -> list[str]:
        """The problems as ``FILE:ROW:COLUMN: message``, the message as shown."""
        return [f"{p.file}:{p.row}:{p.column}: {localized(p.message)}" for p in self.problems]

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.problem_lines()))
