"""The Observers view: the roster with filters, the teams with the soft rules each
breaks and why, "Form teams" (off the GUI thread, with progress and Cancel), and drag
and drop of an observer onto another team (checked against the hard rules).

A self-contained panel for :meth:`ui.main_window.MainWindow.attach_panel`: it takes
the mission through :meth:`ObserversView.set_mission` and emits
:attr:`ObserversView.mission_changed` ``(mission, description)`` for every change,
which the window puts on its undo stack.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.model import Mission
from planner.teams import TeamsProgress, TeamsResult
from planner.teams.edit import move_observer, swap_observers
from planner.teams.store import apply_teams, stale_plan_teams
from ui import gui_gc
from ui.i18n import QT_TRANSLATE_NOOP, error_text, planner_text
from ui.teams_worker import FormFn, TeamsWorker
from ui.widgets.team_tree import TeamTree

translate = QCoreApplication.translate
COLUMNS = (
    QT_TRANSLATE_NOOP("Observers", "Observer"),
    QT_TRANSLATE_NOOP("Observers", "Name"),
    QT_TRANSLATE_NOOP("Observers", "Gender"),
    QT_TRANSLATE_NOOP("Observers", "Nationality"),
    QT_TRANSLATE_NOOP("Observers", "Languages"),
    QT_TRANSLATE_NOOP("Observers", "Missions"),
    QT_TRANSLATE_NOOP("Observers", "Delegation"),
    QT_TRANSLATE_NOOP("Observers", "Team"),
    QT_TRANSLATE_NOOP("Observers", "Base"),
)
#: filter key -> (label, tooltip)
FILTERS = {
    "nationality": (
        QT_TRANSLATE_NOOP("Observers", "Nationality"),
        QT_TRANSLATE_NOOP("Observers", "Show only observers of this nationality"),
    ),
    "language": (
        QT_TRANSLATE_NOOP("Observers", "Language"),
        QT_TRANSLATE_NOOP("Observers", "Show only observers who speak this language"),
    ),
    "gender": (
        QT_TRANSLATE_NOOP("Observers", "Gender"),
        QT_TRANSLATE_NOOP("Observers", "Show only observers of this gender"),
    ),
    "delegation": (
        QT_TRANSLATE_NOOP("Observers", "Delegation"),
        QT_TRANSLATE_NOOP("Observers", "Show only observers of this delegation"),
    ),
}


class ObserversView(QWidget):
    mission_changed = Signal(object, str)
    formed = Signal(object)  # TeamsResult, after "Form teams"

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        form: FormFn | None = None,
        time_limit_s: float = 10.0,
    ) -> None:
        super().__init__(parent)
        self._mission: Mission | None = None
        self._form = form
        self.time_limit_s = time_limit_s
        self._thread: QThread | None = None
        self._worker: TeamsWorker | None = None
        layout = QVBoxLayout(self)
        self.stale = QLabel()
        self.stale.setWordWrap(True)
        self.stale.setStyleSheet("color: #a33; font-weight: bold")
        layout.addWidget(self.stale)
        layout.addLayout(self._build_filters())
        layout.addWidget(self._build_lists(), 1)
        layout.addLayout(self._build_buttons())
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

    def _build_filters(self) -> QGridLayout:
        """Two label/box pairs a row, so the dock stays narrow and the map keeps its width."""
        filters = QGridLayout()
        self.filters: dict[str, QComboBox] = {}
        for i, (key, (label, tip)) in enumerate(FILTERS.items()):
            box = QComboBox()
            box.setToolTip(translate("Observers", tip))
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(6)
            box.currentIndexChanged.connect(self._fill_table)
            filters.addWidget(QLabel(translate("Observers", label)), i // 2, 2 * (i % 2))
            filters.addWidget(box, i // 2, 2 * (i % 2) + 1)
            self.filters[key] = box
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        self.unassigned = QCheckBox(translate("Observers", "Unassigned only"))
        self.unassigned.setToolTip(translate("Observers", "Show only observers in no team"))
        self.unassigned.toggled.connect(self._fill_table)
        filters.addWidget(self.unassigned, 2, 0, 1, 4)
        return filters

    def _build_lists(self) -> QSplitter:
        split = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("Observers", c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        split.addWidget(self.table)
        self.tree = TeamTree()
        self.tree.dropped.connect(self.drop)
        split.addWidget(self.tree)
        return split

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.form_button = QPushButton(translate("Observers", "Form teams"))
        self.form_button.setToolTip(
            translate("Observers", "Pair the observers into teams and send each team to a base")
        )
        self.form_button.clicked.connect(self.form_teams)
        self.cancel_button = QPushButton(translate("Observers", "Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        row.addWidget(self.form_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        return row

    # ------------------------------------------------------------------ state
    @property
    def mission(self) -> Mission | None:
        return self._mission

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def set_mission(self, mission: Mission) -> None:
        if mission is self._mission:
            return
        self._mission = mission
        values = {
            "nationality": sorted({o.nationality for o in mission.observers}),
            "language": sorted({lang for o in mission.observers for lang in o.languages}),
            "gender": sorted({o.gender for o in mission.observers}),
            "delegation": sorted({o.delegation for o in mission.observers if o.delegation}),
        }
        for key, box in self.filters.items():
            keep = _chosen(box)
            box.blockSignals(True)
            box.clear()
            box.addItems([translate("Observers", "All"), *values[key]])
            box.setCurrentIndex(1 + values[key].index(keep) if keep in values[key] else 0)
            box.blockSignals(False)
        stale = stale_plan_teams(mission)
        self.stale.setText(
            translate(
                "Observers",
                "The current plan was made for other teams ({n} changed: {ids}): plan again.",
            ).format(n=len(stale), ids=", ".join(stale[:8]) + (", ..." if len(stale) > 8 else ""))
            if stale
            else ""
        )
        self.stale.setVisible(bool(stale))
        self.form_button.setEnabled(bool(mission.observers) and not self.busy)
        self._fill_table()
        self._fill_tree()

    def _team_of(self) -> dict[str, str]:
        assert self._mission is not None
        return {i: t.team_id for t in self._mission.teams if t.available for i in t.observer_ids}

    def _fill_table(self) -> None:
        m = self._mission
        if m is None:
            return
        team_of = self._team_of()
        want = {k: _chosen(b) for k, b in self.filters.items()}
        rows = [
            o
            for o in m.observers
            if o.available
            and want["nationality"] in (None, o.nationality)
            and (want["language"] is None or want["language"] in o.languages)
            and want["gender"] in (None, o.gender)
            and want["delegation"] in (None, o.delegation)
            and (not self.unassigned.isChecked() or o.observer_id not in team_of)
        ]
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        for r, o in enumerate(rows):
            tid = team_of.get(o.observer_id, "")
            team = m.team_by_id.get(tid)
            cells = (
                o.observer_id,
                o.name,
                o.gender,
                o.nationality,
                ", ".join(o.languages),
                o.experience,
                o.delegation,
                tid,
                team.base_id if team else "",
            )
            for c, value in enumerate(cells):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                self.table.setItem(r, c, item)
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()

    def _fill_tree(self) -> None:
        assert self._mission is not None
        self.tree.show_teams(self._mission)

    # ------------------------------------------------------------------ edits
    def drop(self, oid: str, onto: str, target: str) -> bool:
        """Move ``oid`` to team ``target`` or swap it with observer ``target``."""
        m = self._mission
        if m is None:
            return False
        try:
            if onto == "team":
                new = move_observer(m, oid, target)
                what = translate("Observers", "Move observer {id} to team {team}").format(
                    id=oid, team=target
                )
            else:
                new = swap_observers(m, oid, target)
                what = translate("Observers", "Swap observers {a} and {b}").format(a=oid, b=target)
        except PlannerError as exc:
            self.message.setText(
                translate("Observers", "Not possible: {reason}").format(reason=error_text(exc))
            )
            return False
        if new is m:
            return False
        self.message.setText(what)
        self.mission_changed.emit(new, what)
        return True

    def form_teams(self) -> None:
        m = self._mission
        if m is None or self.busy:
            return
        kwargs = {"form": self._form} if self._form is not None else {}
        self._worker = TeamsWorker(m, time_limit_s=self.time_limit_s, seed=0, **kwargs)
        self._thread = QThread(self)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)
        self.form_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.message.setText(translate("Observers", "Forming teams…"))
        gui_gc.watch(self._thread)  # forming teams allocates: only the GUI thread collects
        self._thread.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.message.setText(translate("Observers", "Cancelling…"))

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()

    def _done(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread, self._worker = None, None
        self.form_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _on_progress(self, p: TeamsProgress) -> None:
        self.progress.setValue(round(100 * p.fraction))
        self.message.setText(planner_text(p.message))

    def _on_finished(self, result: TeamsResult) -> None:
        self._done()
        m = self._mission
        assert m is not None
        new = apply_teams(m, result, source="Observers view")
        self.message.setText(
            translate(
                "Observers", "{teams} teams, {changed} new or changed; soft-rule penalty {penalty}"
            ).format(teams=len(result.teams), changed=len(result.changed), penalty=result.penalty)
        )
        self.mission_changed.emit(new, translate("Observers", "Form teams"))
        self.formed.emit(result)

    def _on_failed(self, message: str) -> None:
        self._done()
        self.message.setText(
            translate("Observers", "Teams not formed: {reason}").format(reason=message)
        )

    def _on_cancelled(self) -> None:
        self._done()
        self.progress.setValue(0)
        self.message.setText(
            translate("Observers", "Forming teams cancelled; the teams are unchanged.")
        )


def _chosen(box: QComboBox) -> str | None:
    """The value a filter box asks for, or None for "All" (its first item)."""
    return box.currentText() if box.currentIndex() > 0 else None
