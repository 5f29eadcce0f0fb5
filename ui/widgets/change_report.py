"""The Changes panel's report of a re-plan (in the interface language)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from planner import i18n as planner_i18n
from planner.replan.core import ReplanResult
from planner.replan.describe import describe
from ui.i18n import planner_text

translate = QCoreApplication.translate

__all__ = ["report_text"]


def report_text(result: ReplanResult) -> str:
    """What a re-plan did, for the panel: each change, each team that changed, warnings."""
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
