"""Use case "write the outputs of a plan into a folder" (``plan``, ``replan``, Export).

Files (see docs/exports.md): ``assignments.csv``, ``coverage.csv``,
``gpx/<team_id>.gpx``, ``kml/<team_id>.kml``, ``apollo/locations.csv``,
``apollo/participants.csv``, ``coverage_map.html``, ``route_sheets.pdf``, after a
re-plan ``route_sheets_changed.pdf`` (only the changed teams) and ``changes.csv``.

Everything but the route sheets is written here (no Qt). The sheets are HTML
(:mod:`planner.export.route_sheet`) printed to PDF by Qt WebEngine, which the
application layer must not import: the caller passes a :class:`SheetPrinter`
(``sheets_qt.printer.print_sheets_blocking`` on the command line; the window drives
``sheets_qt.printer.SheetJob`` itself so that it never blocks). A printer gets
:class:`SheetRequest` objects, which know the HTML of every team's sheet and of the
booklet's front matter, so that a printer can print (and cache) one team at a time.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from planner.app.cache import AlternatesMemo
from planner.app.staging import Staging
from planner.errors import PlannerError
from planner.export.alternates import Alternate, find_alternates
from planner.export.apollo import write_apollo
from planner.export.assignments import write_assignments
from planner.export.changes_csv import write_changes_csv
from planner.export.coverage_csv import write_coverage_csv
from planner.export.coverage_map import write_coverage_map
from planner.export.gpx import write_gpx
from planner.export.kml import write_kml
from planner.export.route_sheet import route_sheets_html
from planner.export.safe_paths import field_file_names
from planner.i18n import msg
from planner.model import Mission, Plan, TeamRoute
from planner.replan.core import ReplanResult

Progress = Callable[..., None]  # progress(stage, message, force=False), as cli.progress


def sheet_revisions(mission: Mission, plan: Plan) -> dict[str, int]:
    """Team -> the plan revision its day last changed in (printed on its sheet).

    A team whose route is the same as in the plan's parent revision keeps the
    parent's number, so an unchanged team's sheet reads the same after a re-plan
    (the team's paper copy stays valid, and the printed page can be reused).
    """
    by_rev = {p.revision: p for p in mission.plans}
    out: dict[str, int] = {}
    for route in plan.routes:
        rev, current = plan.revision, plan
        while current.parent and current.parent in by_rev:
            parent = by_rev[current.parent]
            if parent.revision >= current.revision or parent.route(route.team_id) != route:
                break
            rev, current = parent.revision, parent
        out[route.team_id] = rev
    return out


@dataclass(frozen=True)
class SheetRequest:
    """One PDF of route sheets to print: a booklet (``team_ids`` None) or some teams."""

    mission: Mission
    plan: Plan
    path: Path
    team_ids: tuple[str, ...] | None = None
    revision_notes: Mapping[str, str] = field(default_factory=dict)
    page_size: str = "A4"
    _alternates: dict[tuple[str, int], Sequence[Alternate]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _revisions: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _html: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_booklet(self) -> bool:
        return self.team_ids is None

    @property
    def teams(self) -> list[str]:
        """The teams printed, in print order."""
        if self.team_ids is None:
            return [r.team_id for r in self.plan.routes if r.visits]
        return list(self.team_ids)

    def prepare(self) -> None:
        """Work out the alternates and revisions (seconds on a big plan; any thread)."""
        if not self._revisions:
            self._revisions.update(sheet_revisions(self.mission, self.plan))
            memo = AlternatesMemo()
            found = find_alternates(self.mission, self.plan, team_ids=self.teams, memo=memo)
            self._alternates.update(found)
            memo.save()

    def team_html(self, team_id: str) -> str:
        """The HTML of one team's sheet alone (what the printer prints and caches)."""
        self.prepare()
        route: TeamRoute | None = self.plan.route(team_id)
        if route is None:
            raise PlannerError(msg("no route in the plan for team {team}", team=team_id))
        rev = self._revisions.get(team_id, self.plan.revision)
        return route_sheets_html(
            self.mission,
            replace(self.plan, revision=rev),
            team_ids=[team_id],
            revision_notes=self.revision_notes,
            page_size=self.page_size,
            booklet=False,
            alternates=self._alternates,
        )

    def render(self) -> dict[str, str]:
        """Every team's sheet HTML (computed once; call it off the GUI thread first)."""
        if len(self._html) != len(self.teams):
            for team_id in self.teams:
                if team_id not in self._html:
                    self._html[team_id] = self.team_html(team_id)
        return self._html

    def front_html(self, toc_pages: Mapping[str, int] | None = None) -> str | None:
        """The booklet's cover and contents (None for a set of single sheets)."""
        if not self.is_booklet:
            return None
        self.prepare()
        return route_sheets_html(
            self.mission,
            self.plan,
            revision_notes=self.revision_notes,
            page_size=self.page_size,
            alternates=self._alternates,
            toc_pages=toc_pages,
            front_only=True,
        )

    def empty_html(self) -> str:
        """The page printed when the set has no team (says so in both languages)."""
        return route_sheets_html(
            self.mission, self.plan, team_ids=[], page_size=self.page_size, booklet=False
        )


class SheetPrinter(Protocol):
    """Prints one :class:`SheetRequest` to ``request.path``; returns the path."""

    def __call__(
        self,
        request: SheetRequest,
        *,
        progress: Callable[[int, int], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> Path: ...


def _remove_stale(folder: Path, suffix: str, mission: Mission, keep: set[str]) -> None:
    """Drop field files of teams no longer in the plan (an earlier run's leftovers)."""
    if not folder.is_dir():
        return
    names = field_file_names(mission.team_by_id)
    for path in folder.glob(f"*{suffix}"):
        if path.stem in names.values() and path.stem not in keep:
            with contextlib.suppress(OSError):
                path.unlink()


def _write_data(
    mission: Mission,
    plan: Plan,
    stage: Staging,
    say: Callable[..., None],
    *,
    tiles: bool,
    replan: ReplanResult | None,
) -> list[Path]:
    """Every output but the route sheets, into the staging folder; the staged paths."""
    folder = stage.path
    written = [write_assignments(plan, folder / "assignments.csv")]
    written.append(write_coverage_csv(mission, plan, folder / "coverage.csv"))
    routes = [r for r in plan.routes if r.visits]
    names = field_file_names([*mission.team_by_id, *(r.team_id for r in routes)])
    keep = {names[r.team_id] for r in routes}
    for sub, suffix in (("gpx", ".gpx"), ("kml", ".kml")):
        target = stage.out_dir / sub
        stage.cleanups.append(functools.partial(_remove_stale, target, suffix, mission, keep))
    for i, route in enumerate(routes, start=1):
        name = names[route.team_id]  # never leaves the folder (docs/security.md)
        written.append(write_gpx(mission, route, folder / "gpx" / f"{name}.gpx"))
        written.append(write_kml(mission, route, folder / "kml" / f"{name}.kml"))
        say(msg("GPX/KML {done}/{total}", done=i, total=len(routes)))
    written += write_apollo(mission, plan, folder / "apollo")
    say(msg("coverage map"), force=True)
    written.append(write_coverage_map(mission, plan, folder / "coverage_map.html", tiles=tiles))
    if replan is not None:
        written.append(write_changes_csv(replan, folder / "changes.csv"))
    return written


def _sayer(
    progress: Progress | None, should_stop: Callable[[], bool] | None
) -> Callable[..., None]:
    from planner.errors import Cancelled

    def say(message: str, *, force: bool = False) -> None:
        if progress:
            progress("outputs", message, force=force)
        if should_stop is not None and should_stop():
            raise Cancelled("export cancelled")

    return say


def write_data_outputs(
    mission: Mission,
    plan: Plan,
    out_dir: Path,
    progress: Progress | None = None,
    *,
    tiles: bool = False,
    replan: ReplanResult | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[Path]:
    """Every output but the route sheets (no Qt: may run off the GUI thread).

    All or nothing: the files are written into a staging folder and moved into
    ``out_dir`` only when all are written (:mod:`planner.app.staging`).
    """
    say = _sayer(progress, should_stop)
    with Staging(Path(out_dir)) as stage:
        staged = _write_data(mission, plan, stage, say, tiles=tiles, replan=replan)
        return stage.commit(staged)


def sheet_requests(
    mission: Mission,
    plan: Plan,
    out_dir: Path,
    *,
    changed_teams: Sequence[str] | None = None,
    revision_notes: Mapping[str, str] | None = None,
    page_size: str = "A4",
) -> list[SheetRequest]:
    """The PDFs of route sheets to print: the booklet, and the changed teams' sheets.

    ``revision_notes`` (team -> text) are printed on those teams' sheets; when
    ``changed_teams`` is given without notes, each changed team's sheet says which
    plan revision replaces the earlier one. ``changed_teams=[]`` (a re-plan that
    changed nobody) removes an earlier ``route_sheets_changed.pdf``: it would mislead.
    """
    out_dir = Path(out_dir)
    notes = dict(revision_notes or {})
    if changed_teams and not revision_notes:
        stamp = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M")
        for team_id in changed_teams:
            notes[team_id] = (
                f"Revision {plan.revision}, {stamp} — replaces every earlier sheet of this team"
            )
    requests = [SheetRequest(mission, plan, out_dir / "route_sheets.pdf", None, notes, page_size)]
    if changed_teams:
        changed = tuple(t for t in changed_teams if plan.route(t) is not None)
        requests.append(
            SheetRequest(
                mission, plan, out_dir / "route_sheets_changed.pdf", changed, notes, page_size
            )
        )
    elif changed_teams is not None:
        with contextlib.suppress(FileNotFoundError):
            (out_dir / "route_sheets_changed.pdf").unlink()
    return requests


def _print_sheets(
    requests: Sequence[SheetRequest],
    printer: SheetPrinter,
    progress: Progress | None,
    should_stop: Callable[[], bool] | None,
) -> list[Path]:
    printed = []
    for request in requests:
        n = len(request.teams)
        if progress:
            said = msg("{file}: route sheets of {n} teams", file=request.path.name, n=n)
            progress("outputs", said, force=True)

        def step(done: int, total: int, name: str = request.path.name) -> None:
            if progress:
                progress(
                    "outputs",
                    msg("{file}: {done}/{total} teams", file=name, done=done, total=total),
                )

        printed.append(printer(request, progress=step, should_stop=should_stop))
    return printed


def export_outputs(
    mission: Mission,
    plan: Plan,
    out_dir: Path,
    *,
    printer: SheetPrinter,
    progress: Progress | None = None,
    changed_teams: Sequence[str] | None = None,
    revision_notes: Mapping[str, str] | None = None,
    replan: ReplanResult | None = None,
    page_size: str = "A4",
    tiles: bool = False,
    should_stop: Callable[[], bool] | None = None,
) -> list[Path]:
    """Write every output file for ``plan`` (sheets through ``printer``); the paths.

    After a re-plan pass ``replan`` (writes ``changes.csv``; the changed teams and
    their revision notes come from it unless given). An unwritable folder is a
    :class:`PlannerError` naming it, never a traceback.
    """
    if replan is not None:
        if changed_teams is None:
            changed_teams = replan.changed_teams
        if revision_notes is None:
            revision_notes = replan.revision_notes() or None
    out_dir = Path(out_dir)
    try:
        with Staging(out_dir) as stage:
            staged = _write_data(
                mission,
                plan,
                stage,
                _sayer(progress, should_stop),
                tiles=tiles,
                replan=replan,
            )
            requests = sheet_requests(
                mission,
                plan,
                stage.path,
                changed_teams=changed_teams,
                revision_notes=revision_notes,
                page_size=page_size,
            )
            if changed_teams is not None and not changed_teams:  # it would mislead
                gone = out_dir / "route_sheets_changed.pdf"
                stage.cleanups.append(lambda: gone.unlink(missing_ok=True))
            staged += _print_sheets(requests, printer, progress, should_stop)
            written = stage.commit(staged)
    except OSError as exc:
        why = exc.strerror or exc
        raise PlannerError(
            msg("{folder}: could not write the outputs ({reason})", folder=out_dir, reason=why)
        ) from exc
    if progress:
        said = msg("wrote {n} files to {folder}", n=len(written), folder=out_dir)
        progress("outputs", said, force=True)
    return written
