"""What the status bar says while a plan is made, honestly.

* The bar never moves backwards; while the teams are being deployed (matrices,
  candidates: no fraction to show yet) it is a busy bar, not "0 %".
* The solver's second round restarts its team counter: the text says which
  round it is ("Routing, round 2") instead of jumping from 190/190 to 12/190.
* Elapsed time is shown next to the time limit, and the limit is explained as
  the search time (preparing and checking come on top); the time the last plan
  really took is remembered to say what to expect next time.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QProgressBar

from ui import app_settings
from ui.i18n import number, planner_text

translate = QCoreApplication.translate


def _mmss(seconds: float) -> str:
    s = max(0, round(seconds))
    return f"{s // 60}:{s % 60:02d}"


def last_run() -> tuple[float, float] | None:
    """(time limit, seconds the whole plan took) of the last finished plan."""
    value = app_settings.store().value("plan/last_run", "")
    try:
        limit, took = (float(x) for x in str(value).split("/"))
    except ValueError:
        return None
    return limit, took


def remember_run(limit_s: float, took_s: float) -> None:
    app_settings.store().setValue("plan/last_run", f"{limit_s:.0f}/{took_s:.0f}")


def expected_text(limit_s: float) -> str:
    """What to expect for ``limit_s``, from the last run (shown in the plan dialog)."""
    last = last_run()
    if last is None or last[0] <= 0:
        return translate(
            "PlanProgress",
            "The limit is the search time; reading the map data before and checking the "
            "plan after come on top.",
        )
    extra = max(0.0, last[1] - last[0])
    return translate(
        "PlanProgress",
        "Expect about {total} s in all: the last plan took {took} s with a {limit} s "
        "search limit (preparing and checking come on top).",
    ).format(total=round(limit_s + extra), took=round(last[1]), limit=round(last[0]))


class PlanProgress:
    """Drives the status bar's progress label and bar from the solver's reports."""

    def __init__(self, label: QLabel, bar: QProgressBar) -> None:
        self.label = label
        self.bar = bar
        self.limit_s = 0.0
        self.started = time.monotonic()
        self.best = 0
        self.round = 1
        self._last_done = 0
        self._last_stage = ""

    def start(self, limit_s: float) -> None:
        self.limit_s = limit_s
        self.started = time.monotonic()
        self.best = 0
        self.round = 1
        self._last_done = 0
        self._last_stage = ""
        self.bar.setRange(0, 0)  # busy until the solver reports a fraction
        self.label.setText(translate("PlanProgress", "Preparing…"))

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def update(self, p: Any) -> None:
        stage = str(getattr(p, "stage", "") or "")
        fraction = getattr(p, "fraction", None)
        done, total = getattr(p, "teams_done", None), getattr(p, "teams_total", None)
        restarted = isinstance(done, int) and done < self._last_done
        if stage == "routing" and self._last_stage == "routing" and restarted:
            self.round += 1  # the second round counts its teams from zero again
        if isinstance(done, int):
            self._last_done = done
        self._last_stage = stage
        if isinstance(fraction, (int, float)) and fraction > 0:
            value = round(max(0.0, min(1.0, float(fraction))) * 1000)
            self.best = max(self.best, value)
            self.bar.setRange(0, 1000)
            self.bar.setValue(self.best)
        elif self.best == 0:
            self.bar.setRange(0, 0)
        names = {
            "deploy": translate("PlanProgress", "Deploying teams (preparing distances)"),
            "routing": translate("PlanProgress", "Routing, round {n}").format(n=self.round),
            "timing": translate("PlanProgress", "Timing every route"),
            "done": translate("PlanProgress", "Checking the plan"),
        }
        parts = [names.get(stage, stage)]
        if total and stage == "routing":
            parts.append(
                translate("PlanProgress", "teams {done}/{total}").format(
                    done=number(done or 0), total=number(total)
                )
            )
        visits = getattr(p, "voting_visits", None)
        if isinstance(visits, int) and visits:
            parts.append(translate("PlanProgress", "{n} visits").format(n=number(visits)))
        elapsed = self.elapsed()
        if self.limit_s and elapsed > self.limit_s:
            parts.append(
                translate("PlanProgress", "{elapsed} (search limit {limit} s; finishing)").format(
                    elapsed=_mmss(elapsed), limit=round(self.limit_s)
                )
            )
        else:
            parts.append(
                translate("PlanProgress", "{elapsed} of the {limit} s search").format(
                    elapsed=_mmss(elapsed), limit=round(self.limit_s)
                )
            )
        self.label.setText(" · ".join(x for x in parts if x))
        message = getattr(p, "message", "")
        if message:
            self.label.setToolTip(planner_text(message))  # the solver's words, translated

    def finished(self) -> None:
        if self.limit_s:
            remember_run(self.limit_s, self.elapsed())
