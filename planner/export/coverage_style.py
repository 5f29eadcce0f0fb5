"""How the coverage map shades regions and explains itself: share classes and legend.

The classes come from the plan's own regions (quintiles of their shares), so the
shading always shows which regions get less than the others; fixed bounds put
every region of a real plan into one class.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from planner.model import Mission, Plan
from planner.presentation import PHASE_COLOURS, UNPLANNED_COLOUR

NOT_PLANNED = UNPLANNED_COLOUR
BASE_COLOUR = "#ffd54f"  # as in the app's map: yellow with a black ring
#: Share classes per phase (upper bounds) for the region shading; 5 steps of one ramp.
SHARE_BINS: dict[str, tuple[float, ...]] = {
    "opening": (0.005, 0.01, 0.02, 0.04),
    "voting": (0.05, 0.1, 0.15, 0.25),
    "counting": (0.005, 0.01, 0.02, 0.04),
    "tabulation": (0.25, 0.5, 0.75, 0.99),
}
RAMP = ("#ffffe5", "#fee391", "#fec44f", "#ec7014", "#993404")  # YlOrBr: apart from phase colours
PHASE_TITLES = {
    "opening": "opening",
    "voting": "voting",
    "counting": "counting",
    "tabulation": "tabulation (DECs)",
}


def share_bins(shares: Sequence[float | None]) -> tuple[float, ...]:
    """Upper bounds of five classes holding about as many regions each (quintiles).

    Fixed bounds put every region of a real plan into one class (the voting share
    is about the same everywhere), so the shading said nothing; classes from the
    plan's own shares show which regions get less than the others.
    """
    values = sorted(v for v in shares if v is not None)
    if not values:
        return SHARE_BINS["voting"]
    bounds: list[float] = []
    for k in range(1, len(RAMP)):
        q = values[min(len(values) - 1, round(k * len(values) / len(RAMP)))]
        if q > values[0] and (not bounds or q > bounds[-1]):
            bounds.append(q)
    return tuple(bounds)


def ramp(share: float | None, bins: Sequence[float]) -> str:
    if share is None:
        return "#ffffff"
    # spread the classes over the whole ramp when there are fewer than five
    step = (len(RAMP) - 1) / max(len(bins), 1)
    for i, upper in enumerate(bins):
        if share < upper:
            return RAMP[round(i * step)]
    return RAMP[-1]


def legend_html(
    mission: Mission, plan: Plan | None, bins_by_phase: dict[str, tuple[float, ...]]
) -> str:
    swatch = (
        '<i style="display:inline-block;width:11px;height:11px;border-radius:50%;'
        'background:{c};margin-right:4px;border:1px solid #333"></i>{t}<br>'
    )
    stations = "".join(
        swatch.format(c=PHASE_COLOURS[ph], t=ph) for ph in ("counting", "opening", "voting")
    ) + swatch.format(c=NOT_PLANNED, t="not planned")
    ramp_cells = "".join(
        f'<td style="background:{c};width:26px;height:10px;border:1px solid #999"></td>'
        for c in RAMP
    )
    scale_rows = "".join(
        f"<tr><td style='padding-right:4px'>{escape(PHASE_TITLES[ph])}</td>"
        + "".join(
            f"<td style='font-size:9px;text-align:center'>&lt;{b * 100:.1f}%</td>" for b in bins
        )
        + f"<td style='font-size:9px;text-align:center'>≥{bins[-1] * 100:.1f}%</td></tr>"
        for ph, bins in bins_by_phase.items()
        if bins
    )
    title = escape(mission.settings.mission_name)
    rev = f" · plan revision {plan.revision}" if plan is not None else " · no plan"
    # bottom right, over the map's emptiest corner (not over the country's west),
    # and folding away on a click
    return (
        '<details id="sto-legend" open style="position:fixed;bottom:28px;right:10px;'
        "z-index:9999;background:rgba(255,255,255,0.93);padding:6px 10px;"
        'border:1px solid #888;border-radius:4px;font:12px/1.35 sans-serif;max-width:330px">'
        f"<summary><b>Legend</b> · {title}{escape(rev)}</summary>"
        f"<b>Stations</b> (by phase observed)<br>{stations}"
        "<b>Regions</b>: share observed, in five classes of this plan's regions "
        "(switch phase in the layer control)"
        f"<table style='border-collapse:collapse;margin-top:2px'><tr><td></td>{ramp_cells}</tr>"
        f"{scale_rows}</table>"
        '<i style="display:inline-block;width:11px;height:11px;border-radius:50%;'
        f'background:{BASE_COLOUR};border:2px solid #000;margin-right:4px"></i>base &nbsp; '
        f'<i style="display:inline-block;width:11px;height:11px;border-radius:50%;'
        f'background:{PHASE_COLOURS["tabulation"]};margin-right:4px"></i>DEC (tabulation observed)'
        "</details>"
    )
