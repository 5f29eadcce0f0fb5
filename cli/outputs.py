"""Write the output files of ``plan`` and ``replan`` into a folder.

Files (see docs/exports.md): ``assignments.csv``, ``coverage.csv``,
``gpx/<team_id>.gpx``, ``kml/<team_id>.kml``, ``apollo/locations.csv``,
``apollo/participants.csv``, ``coverage_map.html``, ``route_sheets.pdf`` and, when
``changed_teams`` is given, ``route_sheets_changed.pdf`` with only those teams.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from planner.errors import PlannerError
from planner.export.apollo import write_apollo
from planner.export.assignments import write_assignments
from planner.export.coverage_csv import write_coverage_csv
from planner.export.coverage_map import write_coverage_map
from planner.export.gpx import write_gpx
from planner.export.kml import write_kml
from planner.export.safe_paths import field_file_names
from planner.model import Mission, Plan


def _remove_stale(folder: Path, suffix: str, mission: Mission, keep: set[str]) -> None:
    """Drop field files of teams no longer in the plan (an earlier run's leftovers)."""
    if not folder.is_dir():
        return
    names = field_file_names(mission.team_by_id)
    for path in folder.glob(f"*{suffix}"):
        if path.stem in names.values() and path.stem not in keep:
            with contextlib.suppress(OSError):
                path.unlink()


def write_outputs(
    mission: Mission,
    plan: Plan,
    out_dir: Path,
    progress: Callable[..., None] | None = None,
    *,
    changed_teams: Sequence[str] | None = None,
    revision_notes: Mapping[str, str] | None = None,
    page_size: str = "A4",
    tiles: bool = False,
) -> list[Path]:
    """Write every output file for ``plan``; returns the paths written.

    ``revision_notes`` (team -> text) are printed on those teams' sheets; when
    ``changed_teams`` is given without notes, each changed team's sheet says which
    plan revision replaces the earlier one.
    """

    def say(message: str, *, force: bool = False) -> None:
        if progress:
            progress("outputs", message, force=force)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [write_assignments(plan, out_dir / "assignments.csv")]
    written.append(write_coverage_csv(mission, plan, out_dir / "coverage.csv"))
    routes = [r for r in plan.routes if r.visits]
    names = field_file_names([*mission.team_by_id, *(r.team_id for r in routes)])
    keep = {names[r.team_id] for r in routes}
    _remove_stale(out_dir / "gpx", ".gpx", mission, keep)
    _remove_stale(out_dir / "kml", ".kml", mission, keep)
    for i, route in enumerate(routes, start=1):
        name = names[route.team_id]  # never leaves out_dir (docs/security.md)
        written.append(write_gpx(mission, route, out_dir / "gpx" / f"{name}.gpx"))
        written.append(write_kml(mission, route, out_dir / "kml" / f"{name}.kml"))
        say(f"GPX/KML {i}/{len(routes)}")
    written += write_apollo(mission, plan, out_dir / "apollo")
    say("coverage map", force=True)
    written.append(write_coverage_map(mission, plan, out_dir / "coverage_map.html", tiles=tiles))
    try:
        from ui.printing import write_route_sheets_pdf
    except ImportError as exc:  # Qt WebEngine missing from this installation
        raise PlannerError(
            f"route sheets need Qt WebEngine (PySide6), not available: {exc}"
        ) from exc
    notes = dict(revision_notes or {})
    if changed_teams is not None and not revision_notes:
        stamp = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M")
        for team_id in changed_teams:
            notes[team_id] = (
                f"Revision {plan.revision}, {stamp} — replaces every earlier sheet of this team"
            )
    say(f"route sheets for {len(routes)} teams", force=True)
    written.append(
        write_route_sheets_pdf(
            mission, plan, out_dir / "route_sheets.pdf", revision_notes=notes, page_size=page_size
        )
    )
    if changed_teams is not None:
        changed = [t for t in changed_teams if plan.route(t) is not None]
        say(f"changed route sheets for {len(changed)} teams", force=True)
        written.append(
            write_route_sheets_pdf(
                mission,
                plan,
                out_dir / "route_sheets_changed.pdf",
                team_ids=changed,
                revision_notes=notes,
                page_size=page_size,
            )
        )
    say(f"wrote {len(written)} files to {out_dir}", force=True)
    return written
