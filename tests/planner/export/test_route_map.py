"""The sheet's route map: stop numbers that never overlap, and place names from the
mission's own data (settlements from the stations' addresses, DEC areas)."""

from __future__ import annotations

from dataclasses import replace
from xml.etree import ElementTree

from planner.export.route_svg import route_svg
from planner.model import Mission
from planner.places import declutter, settlement_name, settlements
from tests.factories import tiny_mission
from tests.planner.export._export_plan import tiny_plan

SVG = "{http://www.w3.org/2000/svg}"


def with_addresses(mission: Mission) -> Mission:
    """Stations of a DEC share a settlement, named as in real addresses."""
    stations = tuple(
        replace(
            p,
            address=f"{'г.' if p.settlement == 'urban' else 'с.'} "
            f"{'Town' if p.settlement == 'urban' else 'Village'}{p.dec_id}, ул. Абая, 1",
        )
        for p in mission.polling_stations
    )
    return replace(mission, polling_stations=stations)


def boxes(svg: str) -> list[tuple[str, str, tuple[float, float, float, float]]]:
    out = []
    for t in ElementTree.fromstring(svg).iter(f"{SVG}text"):
        cls = t.get("class", "")
        if not cls:
            continue  # the scale bar
        size = float(t.get("font-size", "10"))
        x, y = float(t.get("x", "0")), float(t.get("y", "0"))
        w = len(t.text or "") * size * 0.6
        out.append((cls, t.text or "", (x, y - size, x + w, y)))
    return out


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_settlement_names_from_addresses() -> None:
    assert settlement_name("с. Ортатал, ул. Тауелсиздик, 88") == "Ортатал"
    assert settlement_name("г. Кокшетау, ул. Гагарина, 103") == "Кокшетау"
    assert settlement_name("12 Main street") == ""


def test_route_map_numbers_every_stop_without_overlap_and_names_places() -> None:
    mission = with_addresses(tiny_mission())
    plan = tiny_plan(mission)
    for route in plan.routes:
        if not route.visits:
            continue
        svg = route_svg(mission, route)
        labels = boxes(svg)
        numbers: list[int] = []
        for cls, text, _box in labels:
            if cls == "stop-no":
                for part in text.split(", "):
                    a, _, b = part.partition("–")
                    numbers += list(range(int(a), int(b or a) + 1))
        assert sorted(numbers) == list(range(1, len(route.visits) + 1)), route.team_id
        for i, (_c1, t1, b1) in enumerate(labels):
            for _c2, t2, b2 in labels[i + 1 :]:
                assert not overlap(b1, b2), (route.team_id, t1, t2)
        names = {t for c, t, _b in labels if "place" in c}
        route_places = {p.name for p in settlements(mission, [v.ps_id for v in route.visits])}
        assert names & route_places, route.team_id  # at least the route's settlements
        dec = mission.dec_by_id[route.visits[-1].dec_id].name.upper()
        assert any(dec == t for c, t, _b in labels if "dec-area" in c) or len(names) > 1


def test_declutter_moves_or_drops_colliding_labels() -> None:
    placed = declutter([(10, 10, 30, 10), (10, 10, 30, 10), (11, 10, 30, 10)] * 3)
    kept = [b for b in placed if b is not None]
    assert len(kept) >= 3
    for i, a in enumerate(kept):
        for b in kept[i + 1 :]:
            assert not overlap(a, b)


def test_booklet_cover_figures_have_thousands_separators() -> None:
    from geodata import DEMO_MISSION
    from planner.export.route_sheet import _cover_chart
    from planner.io.mission import open_mission
    from tests.planner.export.test_export_map import nearby_plan

    mission = open_mission(DEMO_MISSION)  # 9,725 stations
    plan = nearby_plan(mission, voting=8)
    _chart, facts = _cover_chart(mission, plan)
    observed = dict(facts)["Stations observed / Участков"]
    assert int(observed.replace(",", "")) >= 1000
    assert "," in observed  # "2,554", not "2554"
