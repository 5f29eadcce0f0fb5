"""The Changes panel's form: one row set per change kind, read back as a ``Change``.

:class:`ChangeForms` owns the kind chooser and the stack of forms; the Changes panel
(:mod:`ui.widgets.changes_panel`) lays them out and turns the form into a change.
"""

from __future__ import annotations

import json
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QTimeEdit,
    QWidget,
)

from planner.errors import InputError
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
    parse_changes_text,
)
from planner.replan.observer_changes import ObserverAdded, ObserverUnavailable
from ui.i18n import QT_TRANSLATE_NOOP, phase_name

translate = QCoreApplication.translate


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


def touch_note(change: Change) -> str:
    """What the list adds to the teams a change touches (re-planning reaches further)."""
    if isinstance(change, TeamUnavailable):
        return translate("Changes", " + up to 2 neighbours")
    if isinstance(change, PriorityChange):
        return translate("Changes", " + nearby teams")
    return ""


def weak_attr(owner: object, name: str) -> Callable[[], Any]:
    """``getattr(owner, name)`` later, without keeping ``owner`` alive.

    The panel hands its mission to the forms this way: a closure over the panel would
    make a reference cycle panel -> forms -> panel, and PySide can crash when the
    garbage collector frees a widget tree through such a cycle (docs/architecture.md).
    """
    ref = weakref.ref(owner)
    return lambda: getattr(ref(), name, None)


class ChangeForms:
    """The kind chooser (:attr:`kind`) and a form per change kind (:attr:`forms`)."""

    def __init__(self, mission: Callable[[], Mission | None]) -> None:
        self._mission = mission
        self.kind = QComboBox()
        for k in KINDS:
            self.kind.addItem(translate("Changes", LABELS[k]), k)
        self.forms = QStackedWidget()
        self.fields: dict[str, dict[str, Any]] = {}
        for k in KINDS:
            self.forms.addWidget(self._form(k))
        self.kind.currentIndexChanged.connect(self._show_form)
        self._show_form(0)

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
        mission = self._mission()
        f = self.fields["voting_hours"]
        ps = mission.station_by_id.get(f["ps_id"].text().strip()) if mission else None
        if ps is not None:
            f["open"].setTime(_time(ps.open_time))
            f["close"].setTime(_time(ps.close_time))

    def complete_stations(self, stations: list[str]) -> None:
        """Offer the mission's station ids in the forms that name a station."""
        for kind in ("polling_station_closed", "polling_station_moved", "voting_hours"):
            edit = self.fields[kind]["ps_id"]
            edit.setCompleter(QCompleter(stations, edit))

    def fill(self, kind: str, **values: Any) -> None:
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

    def change(self) -> Change:  # noqa: PLR0911, PLR0912  # size: one branch per change kind of the form
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
            m = self._mission()
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
