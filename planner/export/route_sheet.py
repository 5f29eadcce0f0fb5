"""Route sheets as HTML: one sheet per team, or a booklet with a cover and contents.

The HTML is rendered from the Jinja2 templates in ``planner/export/templates`` (package
data, read with ``importlib.resources`` so an installed wheel or a frozen app finds them) with
autoescaping on, so every name and address typed by a user is printed as text.
``sheets_qt/`` turns the HTML into a PDF with Qt WebEngine; this module has no
Qt in it, so the same HTML can be checked in tests or opened in a browser.

Labels are English with Russian underneath; times are local to each stop's region
and the sheet says which UTC offset that is.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from planner.errors import PlannerError
from planner.export.alternates import Alternate, find_alternates
from planner.export.route_svg import bar_chart_svg, route_svg
from planner.export.sheet_robust import sheet_extras
from planner.model import Mission, Plan, TeamRoute, Visit
from planner.presentation import PHASE_COLOURS, PHASE_LABELS, duration, utc_label
from planner.presentation import sheet_time as _time
from planner.teams.edit import observer_line
from planner.travel import TravelProvider

# Templates and fonts travel inside this package (see pyproject's package-data).
PACKAGE = "planner.export"

PAGE_SIZES = {"A4": "A4", "LETTER": "letter"}

FIGURE_LABELS: dict[str, str] = {
    "openings": "Openings observed",
    "voting_visits": "Voting visits",
    "counts": "Counts observed",
    "tabulation_decs": "DECs at tabulation",
}


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a team's day as printed."""

    kind: str  # "start", "stop", "lunch"
    seq: str
    phase: str
    phase_en: str
    phase_ru: str
    pec: str
    place: str
    address: str
    dec: str
    arrive: str
    depart: str
    travel: str
    coords: str
    alternates: tuple[str, ...] = ()


def _coords(lat: float, lon: float) -> str:
    return f"{lat:.5f}, {lon:.5f}"


def _alt_text(mission: Mission, alt: Alternate) -> str:
    ps = mission.station_by_id[alt.ps_id]
    later = f" · next stops +{alt.delay_min} min / позже" if alt.delay_min > 0 else ""
    return (
        f"PEC {ps.pec_number} — {ps.name}, {ps.address} · {alt.distance_km:.1f} km · "
        f"{_time(alt.arrive)}–{_time(alt.depart)}{later} · "
        f"{_coords(ps.lat or 0.0, ps.lon or 0.0)}"
    )


def _stop_row(mission: Mission, seq: int, v: Visit, alternates: Sequence[Alternate]) -> Row:
    en, ru = PHASE_LABELS[v.phase]
    dec = mission.dec_by_id.get(v.dec_id)
    dec_text = f"{v.dec_id} {dec.name}" if dec else v.dec_id
    if v.ps_id:
        ps = mission.station_by_id.get(v.ps_id)
        pec = str(ps.pec_number) if ps else ""
        place = ps.name if ps else v.ps_id
        address = ps.address if ps else ""
        if ps and ps.kind != "regular":
            place = f"{place} ({ps.kind})"
    else:
        pec = ""
        place = f"DEC premises / Здание ОИК: {dec.name if dec else v.dec_id}"
        address = ""
    return Row(
        kind="stop",
        seq=str(seq),
        phase=v.phase,
        phase_en=en,
        phase_ru=ru,
        pec=pec,
        place=place,
        address=address,
        dec=dec_text,
        arrive=_time(v.arrive),
        depart=_time(v.depart),
        travel=f"{v.travel_min} min · {v.travel_km:.1f} km",
        coords=_coords(v.lat, v.lon),
        alternates=tuple(_alt_text(mission, a) for a in alternates),
    )


def _rows(
    mission: Mission,
    route: TeamRoute,
    alternates: Mapping[tuple[str, int], Sequence[Alternate]],
) -> list[Row]:
    rows = [
        Row(
            kind="start",
            seq="",
            phase="start",
            phase_en="Depart",
            phase_ru="Выезд",
            pec="",
            place="Overnight location / Место ночёвки",
            address="",
            dec="",
            arrive="",
            depart=_time(route.depart_start),
            travel="",
            coords=_coords(route.start_lat, route.start_lon),
        )
    ]
    lunch = route.lunch_start
    lunch_len = mission.settings.lunch_break_min
    lunch_done = lunch is None or lunch_len <= 0
    for seq, v in enumerate(route.visits, start=1):
        rows.append(_stop_row(mission, seq, v, alternates.get((route.team_id, seq), ())))
        nxt = route.visits[seq] if seq < len(route.visits) else None
        if (
            not lunch_done
            and lunch is not None
            and v.depart <= lunch
            and (nxt is None or lunch < nxt.arrive)
        ):
            lunch_done = True
            rows.append(
                Row(
                    kind="lunch",
                    seq="",
                    phase="lunch",
                    phase_en="Lunch break",
                    phase_ru="Обед",
                    pec="",
                    place=f"Break of {lunch_len} min / Перерыв {lunch_len} мин",
                    address="",
                    dec="",
                    arrive=_time(lunch),
                    depart=_time(lunch + lunch_len),
                    travel="",
                    coords="",
                )
            )
    return rows


def _team_context(
    mission: Mission,
    plan: Plan,
    route: TeamRoute,
    alternates: Mapping[tuple[str, int], Sequence[Alternate]],
    revision_note: str,
) -> dict[str, Any]:
    team = mission.team_by_id.get(route.team_id)
    base = mission.base_by_id.get(team.base_id) if team else None
    region_ids: list[str] = []
    for v in route.visits:
        if v.region_id not in region_ids:
            region_ids.append(v.region_id)
    regions = []
    offsets: list[str] = []
    for rid in region_ids:
        r = mission.region_by_id.get(rid)
        if r is None:
            regions.append(rid)
            continue
        names = [n for n in (r.name, r.name_ru, r.name_kk) if n]
        regions.append(" / ".join(dict.fromkeys(names)))
        label = utc_label(r.utc_offset_min)
        if label not in offsets:
            offsets.append(label)
    first = {p: route.phase_visits(p) for p in ("opening", "counting", "tabulation")}
    key_times = []
    if first["opening"]:
        v = first["opening"][0]
        key_times.append(("opening", "Opening", "Открытие", _time(v.arrive)))
    if first["counting"]:
        v = first["counting"][0]
        key_times.append(("counting", "Counting", "Подсчёт", _time(v.arrive)))
    if first["tabulation"]:
        v = first["tabulation"][0]
        key_times.append(("tabulation", "DEC", "ОИК", _time(v.arrive)))
    return {
        "team_id": route.team_id,
        "observers": observer_line(mission, team) if team else "",
        "interpreter": team.interpreter if team else "",
        "driver": team.driver if team else "",
        "phone": team.phone if team else "",
        "base": f"{base.name} ({base.base_id})" if base else (team.base_id if team else ""),
        "base_contacts": base.contacts if base else "",
        "regions": regions,
        "utc": ", ".join(offsets) or "UTC",
        "rows": _rows(mission, route, alternates),
        "map": Markup(route_svg(mission, route)) if route.visits else Markup(""),
        "revision_note": revision_note,
        "plan_revision": plan.revision,
        "driving": f"{duration(route.driving_min)} · {route.driving_km:.0f} km",
        "stops": len(route.visits),
        "voting_stops": len(route.phase_visits("voting")),
        "key_times": key_times,
        "note": route.note,
        "opening_pec": _pec(mission, first["opening"]),
        "counting_pec": _pec(mission, first["counting"]),
        "tabulation_dec": first["tabulation"][0].dec_id if first["tabulation"] else "",
    }


def _pec(mission: Mission, visits: Sequence[Visit]) -> str:
    if not visits:
        return ""
    ps = mission.station_by_id.get(visits[0].ps_id)
    return str(ps.pec_number) if ps else visits[0].ps_id


def _cover_chart(mission: Mission, plan: Plan) -> tuple[Markup, list[tuple[str, str]]]:
    """The coverage bar chart (this plan against the 2011 mission) and headline figures."""
    from planner.coverage import coverage

    cov = coverage(mission, plan)
    rows = [(FIGURE_LABELS.get(k, k), ref, value) for k, ref, value in cov.compare_2011()]
    s = cov.summary()
    facts = [
        ("Teams planned / Команд", f"{s.get('teams', 0) or 0:,}"),
        ("Stations observed / Участков", f"{s.get('observed_stations', 0) or 0:,}"),
        (
            "DECs with voting visits / ОИК",
            f"{s.get('dec_coverage', 0) or 0:,} of {s.get('decs', 0) or 0:,}",
        ),
    ]
    return Markup(bar_chart_svg(rows)), facts


def resource_file(*parts: str) -> Path:
    """A file shipped in this package, as a path on disk (fonts are loaded by file URI).

    In a normal install or a PyInstaller bundle the package is a folder, so this is the
    file itself; from a zipped install it is copied once to a temporary folder.
    """
    item = resources.files(PACKAGE).joinpath(*parts)
    if isinstance(item, Path):
        return item
    target = Path(tempfile.gettempdir(), "sto-planner-resources", *parts)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(item.read_bytes())
    return target


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader(PACKAGE, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@functools.cache
def _css() -> str:
    return resources.files(PACKAGE).joinpath("templates", "route_sheet.css").read_text("utf-8")


def _date_text(iso: str) -> str:
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return d.strftime("%d %B %Y").lstrip("0")


# size: one context entry per part of the sheet
def route_sheets_html(
    mission: Mission,
    plan: Plan,
    *,
    team_ids: Sequence[str] | None = None,
    revision_notes: Mapping[str, str] | None = None,
    page_size: str = "A4",
    booklet: bool | None = None,
    travel: TravelProvider | None = None,
    alternates: Mapping[tuple[str, int], Sequence[Alternate]] | None = None,
    toc_pages: Mapping[str, int] | None = None,
    front_only: bool = False,
) -> str:
    """The whole HTML document for the sheets of ``team_ids`` (None: every team).

    ``booklet`` (default: when all teams are printed) adds the cover with the
    coverage chart and the table of contents. ``toc_pages`` (team -> first page)
    fills the page column of the contents; a first rendering without it gives the
    page numbers (see ``sheets_qt``), the layout stays the same. ``front_only``
    renders the cover and contents without the sheets (a printer that prints and
    caches each team's sheet on its own puts them behind).
    """
    size = PAGE_SIZES.get(page_size.upper())
    if size is None:
        raise PlannerError(f"page size {page_size!r} unknown: use A4 or Letter")
    if team_ids is None:
        routes = [r for r in plan.routes if r.visits]
    else:
        unknown = [t for t in team_ids if plan.route(t) is None]
        if unknown:
            raise PlannerError(f"no route in the plan for team(s) {', '.join(unknown)}")
        routes = [r for t in team_ids if (r := plan.route(t)) is not None]
    if booklet is None:
        booklet = team_ids is None
    if alternates is None:
        alternates = find_alternates(
            mission, plan, team_ids=[r.team_id for r in routes], travel=travel
        )
    notes = revision_notes or {}
    extras = sheet_extras(mission, routes, travel=travel)  # leave-by, drop order, home
    sheets = [
        {
            **_team_context(mission, plan, r, alternates, notes.get(r.team_id, "")),
            **extras[r.team_id],
        }
        for r in routes
    ]
    s = mission.settings
    cover: dict[str, Any] | None = None
    if booklet:
        chart, facts = _cover_chart(mission, plan)
        cover = {"chart": chart, "facts": facts}
    css = _css()
    template = _environment().get_template("route_sheet.html.j2")
    return template.render(
        title=f"{s.mission_name} — route sheets",
        mission_name=s.mission_name,
        election_date=_date_text(s.election_date),
        plan_revision=plan.revision,
        plan_created=plan.created,
        page_size=size,
        font_regular=resource_file("fonts", "DejaVuSans.ttf").as_uri(),
        font_bold=resource_file("fonts", "DejaVuSans-Bold.ttf").as_uri(),
        css=Markup(css),
        phase_colours=PHASE_COLOURS,
        cover=cover,
        sheets=sheets,
        toc_pages=dict(toc_pages or {}),
        front_only=front_only,
    )
