"""The Changes panel: enter last-minute changes, see whom they touch, re-plan, undo.

A self-contained widget. Give it the mission (:meth:`ChangesPanel.set_mission`);
it emits :attr:`ChangesPanel.mission_changed` ``(mission, description)`` with the
re-planned mission (changes applied and recorded, new plan revision stored) and,
after translate("Changes", "Undo all"), with the mission as it was before. The window that docks it
connects that signal to its own ``set_mission`` (which makes it undoable there too).

The re-plan runs off the GUI thread; the panel stays usable while it runs.
"""

# size: one form per change kind; to split into a form per kind (GUI owner)
from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from planner import i18n as planner_i18n
from planner.errors import InputError, PlannerError
from planner.model import PHASES, Mission
from planner.replan.changes import (
    KINDS,
    AreaBlocked,
    Change,
    Pin,
    PriorityChange,
    StationClosed,
    StationMoved,
    TeamAdded,
    TeamUnavailable,
    VotingHours,
    changes_to_yaml,
    check_changes,
    parse_changes_text,
    read_changes,
)
from planner.replan.core import ReplanResult, replan, touched_by
from planner.replan.describe import describe
from planner.replan.observer_changes import ObserverAdded, ObserverUnavailable
from ui import gui_gc
from ui.i18n import QT_TRANSLATE_NOOP, error_text, phase_name, planner_text

translate = QCoreApplication.translate

ReplanFn = Callable[..., ReplanResult]

LABELS = {
    "team_unavailable": QT_TRANSLATE_NOOP("Changes", "Team unavailable"),
    "team_added": QT_TRANSLATE_NOOP("Changes", "Team added"),
    "polling_station_closed": QT_TRANSLATE_NOOP("Changes", "Polling station closed"),
    "polling_station_moved": QT_TRANSLATE_NOOP("Changes", "Polling station moved"),
    "voting_hours": QT_TRANSLATE_NOOP("Changes", "Voting hours changed"),
    "area_blocked": QT_TRANSLATE_NOOP("Changes", "Area blocked"),
    "priority": QT_TRANSLATE_NOOP("Changes", "Priority for a DEC or station"),
    "pin": QT_TRANSLATE_NOOP("Changes", "Pin a stop to a team"),
    "observer_unavailable": QT_TRANSLATE_NOOP("Changes", "Observer unavailable"),
    "observer_added": QT_TRANSLATE_NOOP("Changes", "Observer added"),
}


class ReplanWorker(QObject):
    """Runs ``replan(mission, changes)`` off the GUI thread."""

    finished = Signal(object)  # ReplanResult
    failed = Signal(str)

    def __init__(self, fn: ReplanFn, mission: Mission, changes: list[Change]) -> None:
        super().__init__()
        self._fn = fn
        self._mission = mission
        self._changes = changes

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self._mission, self._changes, source="Changes panel")
        except PlannerError as exc:
            self.failed.emit(error_text(exc))
        except Exception as exc:  # a bug must not take the window down
            traceback.print_exc()
            self.failed.emit(f"re-planning failed unexpectedly: {exc!r}")
        else:
            self.finished.emit(result)


def _observer_added(values: dict[str, str]) -> ObserverAdded:
    """An observer_added change from the form (the same checks as in CHANGES.yaml)."""
    text = "{" + ", ".join(f"{k}: {json.dumps(v)}" for k, v in values.items() if v) + "}"
    (change,) = parse_changes_text(f"- observer_added: {text}\n", "Observer added")
    assert isinstance(change, ObserverAdded)
    return change


def _time(minutes: int) -> QTime:
    return QTime(min(minutes // 60, 23), minutes % 60)


def _minutes(t: QTime) -> int:
    return t.hour() * 60 + t.minute()


class ChangesPanel(QWidget):
    """Enter changes (a form per kind), preview, apply as a re-plan, undo the set."""

    mission_changed = Signal(object, str)  # Mission, description for the undo stack
    replanned = Signal(object)  # ReplanResult
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, replan_fn: ReplanFn = replan) -> None:
        super().__init__(parent)
        self._replan_fn = replan_fn
        self._mission: Mission | None = None
        self._changes: list[Change] = []
        self._before: Mission | None = None
        self._thread: QThread | None = None
        self._worker: ReplanWorker | None = None
        self.last_result: ReplanResult | None = None
        self._touch_cache: dict[Change, list[str]] = {}
        self._build()
        self._update()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.kind = QComboBox()
        for k in KINDS:
            self.kind.addItem(translate("Changes", LABELS[k]), k)
        layout.addWidget(self.kind)
        self.forms = QStackedWidget()
        self.fields: dict[str, dict[str, Any]] = {}
        for k in KINDS:
            self.forms.addWidget(self._form(k))
        self.kind.currentIndexChanged.connect(self._show_form)
        layout.addWidget(self.forms)
        self._show_form(0)
        self.add_button = QPushButton(translate("Changes", "Add change"))
        self.add_button.clicked.connect(self.add_from_form)
        layout.addWidget(self.add_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addWidget(
            QLabel(translate("Changes", "<b>Changes to apply</b> (and the teams they touch)"))
        )
        self.list = QListWidget()
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.remove_button = QPushButton(translate("Changes", "Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.load_button = QPushButton(translate("Changes", "Load…"))
        self.load_button.clicked.connect(self._load_dialog)
        self.save_button = QPushButton(translate("Changes", "Save…"))
        self.save_button.clicked.connect(self._save_dialog)
        for b in (self.remove_button, self.load_button, self.save_button):
            row.addWidget(b)
        layout.addLayout(row)
        row2 = QHBoxLayout()
        self.apply_button = QPushButton(translate("Changes", "Apply and re-plan"))
        self.apply_button.clicked.connect(self.apply)
        self.undo_button = QPushButton(translate("Changes", "Undo all"))
        self.undo_button.clicked.connect(self.undo_all)
        row2.addWidget(self.apply_button)
        row2.addWidget(self.undo_button)
        layout.addLayout(row2)
        layout.addWidget(QLabel(translate("Changes", "<b>Last re-plan</b>")))
        self.result_view = QPlainTextEdit()
        self.result_view.setReadOnly(True)
        layout.addWidget(self.result_view, 1)

    def _show_form(self, index: int) -> None:
        """Show one kind's form; the stack is only as tall as that form."""
        for i in range(self.forms.count()):
            page = self.forms.widget(i)
            if page is None:
                continue
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.forms.setCurrentIndex(index)
        self.forms.adjustSize()

    # size: one form row per change kind
    def _form(self, kind: str) -> QWidget:  # noqa: PLR0915  # size: to split into named steps (issue 10 shape pass)
        w = QWidget()
        form = QFormLayout(w)
        f: dict[str, Any] = {}

        def line(name: str, label: str, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit()
            edit.setPlaceholderText(placeholder)
            form.addRow(label, edit)
            f[name] = edit
            return edit

        def spin(name: str, label: str, lo: float, hi: float, *, value: float, dec: int) -> None:
            box = QDoubleSpinBox()
            box.setRange(lo, hi)
            box.setDecimals(dec)
            box.setValue(value)
            form.addRow(label, box)
            f[name] = box

        if kind in ("team_unavailable",):
            line("team_id", translate("Changes", "Team"), translate("Changes", "e.g. T042"))
        elif kind == "team_added":
            line("team_id", translate("Changes", "New team"), translate("Changes", "e.g. T191"))
            line("base_id", translate("Changes", "Base"), translate("Changes", "e.g. AKT"))
            line(
                "members",
                translate("Changes", "Members"),
                translate("Changes", "First Last; First Last"),
            )
        elif kind in ("polling_station_closed",):
            line("ps_id", translate("Changes", "Station"), translate("Changes", "e.g. AKT-0166"))
        elif kind == "polling_station_moved":
            line("ps_id", translate("Changes", "Station"), translate("Changes", "e.g. AKT-0167"))
            spin("lat", translate("Changes", "Latitude"), -90, 90, value=0, dec=5)
            spin("lon", translate("Changes", "Longitude"), -180, 180, value=0, dec=5)
        elif kind == "voting_hours":
            line(
                "ps_id", translate("Changes", "Station"), translate("Changes", "e.g. SEV-0288")
            ).editingFinished.connect(self._fill_hours)
            for name, label, minutes in (
                ("open", translate("Changes", "Opens"), 420),
                ("close", translate("Changes", "Closes"), 1200),
            ):
                t = QTimeEdit(_time(minutes))
                t.setDisplayFormat("HH:mm")
                form.addRow(label, t)
                f[name] = t
        elif kind == "area_blocked":
            text = QPlainTextEdit()
            text.setPlaceholderText(
                translate("Changes", "one point per line: lon, lat (at least 3)")
            )
            form.addRow(translate("Changes", "Polygon"), text)
            f["polygon"] = text
            line("name", translate("Changes", "Name"), translate("Changes", "e.g. road closed"))
        elif kind == "priority":
            line(
                "target",
                translate("Changes", "DEC or station"),
                translate("Changes", "e.g. AKT-D05 or AKT-0001"),
            )
            spin("weight", translate("Changes", "Weight"), 0.1, 100, value=3.0, dec=2)
        elif kind == "observer_unavailable":
            line(
                "observer_id", translate("Changes", "Observer"), translate("Changes", "e.g. O0123")
            )
        elif kind == "observer_added":
            line(
                "observer_id",
                translate("Changes", "New observer"),
                translate("Changes", "e.g. O0381"),
            )
            line("name", translate("Changes", "Name"), translate("Changes", "First Last"))
            line("gender", translate("Changes", "Gender"), translate("Changes", "f, m or x"))
            line(
                "nationality", translate("Changes", "Nationality"), translate("Changes", "e.g. IE")
            )
            line(
                "languages", translate("Changes", "Languages"), translate("Changes", "e.g. en, ru")
            )
            line(
                "base_id", translate("Changes", "Base (optional)"), translate("Changes", "e.g. AKT")
            )
        elif kind == "pin":
            line("team_id", translate("Changes", "Team"), translate("Changes", "e.g. T001"))
            line(
                "target",
                translate("Changes", "Station (or DEC for tabulation)"),
                translate("Changes", "e.g. AKM-0001"),
            )
            phase = QComboBox()
            for ph in PHASES:
                phase.addItem(phase_name(ph), ph)
            form.addRow(translate("Changes", "Phase"), phase)
            f["phase"] = phase
        self.fields[kind] = f
        return w

    def _fill_hours(self) -> None:
        """Start the hours form from the station's current hours."""
        f = self.fields["voting_hours"]
        ps = self._mission.station_by_id.get(f["ps_id"].text().strip()) if self._mission else None
        if ps is not None:
            f["open"].setTime(_time(ps.open_time))
            f["close"].setTime(_time(ps.close_time))

    # ------------------------------------------------------------------ state
    @property
    def changes(self) -> list[Change]:
        return list(self._changes)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def set_mission(self, mission: Mission) -> None:
        """The mission the changes apply to (the window calls this on every change)."""
        if mission is self._mission:
            return
        self._mission = mission
        self._touch_cache.clear()
        stations = sorted(mission.station_by_id)
        for kind in ("polling_station_closed", "polling_station_moved", "voting_hours"):
            edit = self.fields[kind]["ps_id"]
            edit.setCompleter(QCompleter(stations, edit))
        self._refresh_list()
        self._update()

    def set_form(self, kind: str, **values: Any) -> None:
        """Choose a kind and fill its form (the map or a table can pre-fill it)."""
        self.kind.setCurrentIndex(KINDS.index(kind))
        for name, value in values.items():
            widget = self.fields[kind][name]
            if isinstance(widget, QLineEdit):
                widget.setText(str(value))
            elif isinstance(widget, QDoubleSpinBox):
                widget.setValue(float(value))
            elif isinstance(widget, QTimeEdit):
                widget.setTime(_time(int(value)))
            elif isinstance(widget, QComboBox):
                widget.setCurrentText(str(value))
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(str(value))

    def _change_from_form(self) -> Change:  # noqa: PLR0911, PLR0912  # size: one branch per change kind of the form
        kind = str(self.kind.currentData())
        f = self.fields[kind]

        def text(name: str) -> str:
            value = f[name].text().strip()
            if not value:
                raise InputError(
                    translate("Changes", "{kind}: fill in {field}").format(
                        kind=translate("Changes", LABELS[kind]), field=name.replace("_", " ")
                    )
                )
            return str(value)

        if kind == "team_unavailable":
            return TeamUnavailable(text("team_id"))
        if kind == "team_added":
            members = tuple(m.strip() for m in f["members"].text().split(";") if m.strip())
            return TeamAdded(text("team_id"), text("base_id"), members)
        if kind == "polling_station_closed":
            return StationClosed(text("ps_id"))
        if kind == "polling_station_moved":
            return StationMoved(text("ps_id"), f["lat"].value(), f["lon"].value())
        if kind == "voting_hours":
            opens, closes = _minutes(f["open"].time()), _minutes(f["close"].time())
            if closes <= opens:
                raise InputError(
                    translate("Changes", "Voting hours: the station must close after it opens")
                )
            return VotingHours(text("ps_id"), opens, closes)
        if kind == "area_blocked":
            return AreaBlocked(_polygon(f["polygon"].toPlainText()), f["name"].text().strip())
        if kind == "priority":
            target = text("target")
            weight = float(f["weight"].value())
            m = self._mission
            if m is not None and target in m.station_by_id:
                return PriorityChange(weight, ps_id=target)
            return PriorityChange(weight, dec_id=target)
        if kind == "observer_unavailable":
            return ObserverUnavailable(text("observer_id"))
        if kind == "observer_added":
            return _observer_added({k: f[k].text().strip() for k in f})
        # pin
        phase = str(f["phase"].currentData())
        target = text("target")
        if phase == "tabulation":
            return Pin(text("team_id"), "tabulation", dec_id=target)
        for station_phase in ("opening", "voting", "counting"):
            if phase == station_phase:
                return Pin(text("team_id"), station_phase, ps_id=target)
        raise InputError(translate("Changes", "unknown phase {phase}").format(phase=repr(phase)))

    # ------------------------------------------------------------------ actions
    def add_from_form(self) -> bool:
        """Check the form's change against the mission and add it to the list."""
        try:
            change = self._change_from_form()
        except InputError as exc:
            self._say(planner_i18n.localized(exc.problems[0].message))
            return False
        return self.add_change(change)

    def add_change(self, change: Change) -> bool:
        if self._mission is None:
            self._say(translate("Changes", "Open a mission first."))
            return False
        try:
            check_changes(self._mission, [*self._changes, change])
        except InputError as exc:
            self._say("\n".join(planner_i18n.localized(p.message) for p in exc.problems))
            return False
        self._changes.append(change)
        self._say(
            translate("Changes", "Added: {change}").format(change=planner_text(describe(change)))
        )
        self._refresh_list()
        self._update()
        return True

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._changes):
            del self._changes[row]
            self._refresh_list()
            self._update()

    def load_file(self, path: Path) -> bool:
        try:
            changes = read_changes(path)
            if self._mission is not None:
                check_changes(self._mission, changes, str(path))
        except InputError as exc:
            self._say(error_text(exc))
            return False
        self._changes = list(changes)
        self._say(
            translate("Changes", "{n} changes read from {file}").format(
                n=len(changes), file=path.name
            )
        )
        self._refresh_list()
        self._update()
        return True

    def save_file(self, path: Path) -> None:
        path.write_text(changes_to_yaml(self._changes), encoding="utf-8")
        self._say(
            translate("Changes", "Saved {n} changes to {file}").format(
                n=len(self._changes), file=path.name
            )
        )

    def _load_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("Changes", "Load changes"),
            "",
            translate("Changes", "YAML (*.yaml *.yml)"),
        )
        if name:
            self.load_file(Path(name))

    def _save_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("Changes", "Save changes"),
            "CHANGES.yaml",
            translate("Changes", "YAML (*.yaml)"),
        )
        if name:
            self.save_file(Path(name))

    def apply(self) -> None:
        """Re-plan with the listed changes (off the GUI thread)."""
        if self._mission is None or not self._changes or self.busy:
            return
        if self._mission.current_plan is None:
            self._say(translate("Changes", "The mission has no plan yet: plan it first."))
            return
        self._before = self._mission
        worker = ReplanWorker(self._replan_fn, self._mission, list(self._changes))
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(self._done)
        worker.failed.connect(self._failed)
        # quit from the worker's own thread, so that wait() cannot block on it
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        worker.failed.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._thread_over)
        self._thread, self._worker = thread, worker
        self._say(translate("Changes", "Re-planning…"))
        self._update()
        gui_gc.watch(thread)  # the re-plan allocates: only the GUI thread collects
        thread.start()

    def wait(self, timeout_ms: int = 60000) -> None:
        if self._thread is not None:
            self._thread.wait(timeout_ms)

    def _thread_over(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None
        self._update()

    def _done(self, result: ReplanResult) -> None:
        self.last_result = result
        self.result_view.setPlainText(_report(result))
        self._mission = result.mission
        self._touch_cache.clear()
        self._changes = []
        self._refresh_list()
        if result.is_new_revision:
            self._say(
                translate("Changes", "Plan revision {rev}: {n} route sheets to reprint.").format(
                    rev=result.plan.revision, n=len(result.changed_teams)
                )
            )
        else:
            self._say(
                translate("Changes", "Nothing to re-plan: every change was already in effect.")
            )
        self.mission_changed.emit(
            result.mission,
            translate("Changes", "Re-plan ({n} changes)").format(n=len(result.applied)),
        )
        self.replanned.emit(result)
        self._update()

    def _failed(self, message: str) -> None:
        self._before = None
        self._say(message)
        self.failed.emit(message)
        self._update()

    def undo_all(self) -> None:
        """Go back to the mission as it was before the last re-plan."""
        if self._before is None or self.busy:
            return
        before, self._before = self._before, None
        self._mission = before
        self._touch_cache.clear()
        if self.last_result is not None:
            self._changes = [a.change for a in self.last_result.applied]
        self.result_view.setPlainText("")
        self._say(translate("Changes", "Re-plan undone: the changes are back in the list."))
        self._refresh_list()
        self.mission_changed.emit(before, translate("Changes", "Undo re-plan"))
        self._update()

    # ------------------------------------------------------------------ display
    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _refresh_list(self) -> None:
        self.list.clear()
        for change in self._changes:
            teams = self._touched(change)
            extra = ""
            if isinstance(change, TeamUnavailable):
                extra = translate("Changes", " + up to 2 neighbours")
            elif isinstance(change, PriorityChange):
                extra = translate("Changes", " + nearby teams")
            who = ", ".join(teams) if teams else translate("Changes", "no team")
            touches = translate("Changes", "touches: {who}{extra}").format(who=who, extra=extra)
            item = QListWidgetItem(f"{planner_text(describe(change))}\n    {touches}")
            item.setData(256, teams)  # Qt.UserRole
            self.list.addItem(item)

    def _touched(self, change: Change) -> list[str]:
        """Teams a change touches (cached per mission: the list is redrawn often)."""
        if self._mission is None:
            return []
        if change not in self._touch_cache:
            try:
                self._touch_cache[change] = touched_by(self._mission, change)
            except (PlannerError, KeyError):
                self._touch_cache[change] = []
        return self._touch_cache[change]

    def touched_teams(self, row: int) -> list[str]:
        item = self.list.item(row)
        return list(item.data(256)) if item is not None else []

    def _update(self) -> None:
        has = self._mission is not None
        self.add_button.setEnabled(has and not self.busy)
        self.apply_button.setEnabled(has and bool(self._changes) and not self.busy)
        self.undo_button.setEnabled(self._before is not None and not self.busy)
        self.remove_button.setEnabled(bool(self._changes) and not self.busy)
        self.save_button.setEnabled(bool(self._changes))


def _polygon(text: str) -> tuple[tuple[float, float], ...]:
    points = []
    for n, raw in enumerate(text.replace(";", "\n").splitlines(), start=1):
        if not raw.strip():
            continue
        parts = raw.replace(",", " ").split()
        try:
            lon, lat = float(parts[0]), float(parts[1])
        except (ValueError, IndexError):
            raise InputError(
                translate("Changes", "Area blocked: point {n} is not 'lon, lat'").format(n=n)
            ) from None
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise InputError(
                translate(
                    "Changes", "Area blocked: point {n} ({lon}, {lat}) is not lon, lat in degrees"
                ).format(n=n, lon=lon, lat=lat)
            )
        points.append((lon, lat))
    if len(points) < 3:
        raise InputError(translate("Changes", "Area blocked: give at least 3 points"))
    shape = AreaBlocked(tuple(points)).geometry
    if not shape.is_valid or shape.area <= 0:
        raise InputError(
            translate("Changes", "Area blocked: the polygon crosses itself or encloses no area")
        )
    return tuple(points)


def _report(result: ReplanResult) -> str:
    lines = []
    for a in result.applied:
        if a.note == "could not be placed":
            state = translate("Changes", "NOT applied (see warnings)")
        elif a.effective:
            state = translate("Changes", "applied")
        else:
            state = translate("Changes", "already in effect")
        # what the change did, when the planner says it (observers: who went where)
        note = f" ({planner_text(a.note)})" if isinstance(a.note, planner_i18n.Message) else ""
        lines.append(f"{planner_text(describe(a.change))}: {state}{note}")
    lines.append("")
    statuses = {
        "changed": translate("Changes", "changed"),
        "added": translate("Changes", "added"),
        "removed": translate("Changes", "removed"),
    }
    for t in result.teams:
        if t.status == "unchanged":
            continue
        if t.status == "removed":
            lines.append(
                translate("Changes", "{team}: removed ({n} stops; {why})").format(
                    team=t.team_id, n=len(t.removed), why=planner_text(t.why)
                )
            )
            continue
        parts: list[str] = [statuses.get(t.status, t.status)]
        if t.added:
            parts.append(translate("Changes", "added {ids}").format(ids=", ".join(t.added)))
        if t.removed:
            parts.append(translate("Changes", "removed {ids}").format(ids=", ".join(t.removed)))
        if t.retimed:
            parts.append(translate("Changes", "{n} re-timed").format(n=len(t.retimed)))
        why = f" ({planner_text(t.why)})" if t.why else ""  # e.g. how observers re-formed it
        lines.append(f"{t.team_id}: " + "; ".join(parts) + why)
    lines += [
        translate("Changes", "warning: {text}").format(text=planner_text(w))
        for w in result.warnings
    ]
    return "\n".join(lines)
