"""Route sheets to PDF with Qt WebEngine: the text a team will read, in order."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader

from planner.model import format_hhmm
from tests.factories import tiny_mission
from tests.planner.export._export_plan import KAZAKH, tiny_plan, with_kazakh_names

pytestmark = pytest.mark.gui


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def booklet(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One booklet for the whole module (printing takes a browser start-up)."""
    from ui.printing import write_route_sheets_pdf

    mission = with_kazakh_names(tiny_mission())
    plan = tiny_plan(mission)
    path = tmp_path_factory.mktemp("sheets") / "route_sheets.pdf"
    out = write_route_sheets_pdf(
        mission, plan, path, revision_notes={"T001": "Revision 2 — replaces rev. 1"}
    )
    return mission, plan, out


def _printed(minutes: int) -> str:
    return f"{format_hhmm(minutes - 1440)} +1d" if minutes >= 1440 else format_hhmm(minutes)


def test_every_stop_in_order_with_times(booklet) -> None:  # type: ignore[no-untyped-def]
    mission, plan, path = booklet
    text = _flat(_text(path))
    for route in plan.routes:
        pos = text.index(f"Team {route.team_id}")
        for v in route.visits:
            times = f"{_printed(v.arrive)}–{_printed(v.depart)}"
            found = text.index(times, pos)  # after the previous stop: order is kept
            if v.ps_id:
                station = mission.station_by_id[v.ps_id]
                label = f"{station.pec_number} {_flat(station.name)}"
            else:
                label = f"Здание ОИК: {mission.dec_by_id[v.dec_id].name}"
            # (a long name may wrap inside its column: compare without spaces)
            assert label.replace(" ", "") in text[pos:found].replace(" ", ""), (
                route.team_id,
                v.ps_id,
                times,
            )
            pos = found


def test_kazakh_and_russian_letters_and_escaped_markup(booklet) -> None:  # type: ignore[no-untyped-def]
    _, _, path = booklet
    text = _text(path)
    for letter in KAZAKH:
        assert letter in text, letter
    assert "Маршрутный лист" in text
    # printed as text, not run (a long name may wrap inside its column)
    assert "<script>alert(1)</script>" in _flat(text).replace(" ", "")
    assert "Revision 2 — replaces rev. 1" in text


def test_booklet_is_a4_with_new_page_per_team_and_readable_permissions(booklet) -> None:  # type: ignore[no-untyped-def]
    _, plan, path = booklet
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    firsts = [i for i, p in enumerate(reader.pages) if "Team T00" in (p.extract_text() or "")]
    assert len(firsts) >= len(plan.routes)
    assert stat.S_IMODE(path.stat().st_mode) & 0o044 == 0o044


def test_changed_teams_only_letter_size(tmp_path: Path) -> None:
    from ui.printing import write_route_sheets_pdf

    mission = tiny_mission()
    plan = tiny_plan(mission)
    out = write_route_sheets_pdf(
        mission, plan, tmp_path / "changed.pdf", team_ids=["T002"], page_size="Letter"
    )
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = _text(out)
    assert "Team T002" in text and "Team T001" not in text and "Contents" not in text


def test_print_through_a_printer(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    from ui.printing import print_route_sheets

    mission = tiny_mission()
    plan = tiny_plan(mission)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_route_sheets(None, mission, plan, ["T001"], printer=printer)
    # Chromium hands the printer page images: one per page, sharp enough to read.
    reader = PdfReader(tmp_path / "printed.pdf")
    assert len(reader.pages) >= 1
    xobjects = reader.pages[0]["/Resources"]["/XObject"]
    widths = [int(xobjects[k].get_object()["/Width"]) for k in xobjects]
    assert max(widths) >= 2000  # >= ~240 dpi across an A4 page


def test_contents_give_the_page_each_team_starts_on(booklet) -> None:  # type: ignore[no-untyped-def]
    _, plan, path = booklet
    reader = PdfReader(path)
    toc = next(_flat(p.extract_text()) for p in reader.pages if "Contents" in p.extract_text())
    for route in plan.routes:
        match = re.search(rf"{route.team_id} .*? (\d+)(?= T\d{{3}} |$)", toc)
        assert match, route.team_id
        page = int(match.group(1))
        assert f"Team {route.team_id}" in reader.pages[page - 1].extract_text()


def _text_boxes(path: Path) -> list[tuple[int, float, float, float, float, str]]:
    """(page, x0, y0, x1, y1, word) for every word, in PDF points (pdftotext -bbox)."""
    import shutil
    import subprocess
    from xml.etree import ElementTree

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    root = ElementTree.fromstring(xml)
    out = []
    for n, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page")):
        for w in page.iter("{http://www.w3.org/1999/xhtml}word"):
            out.append(
                (
                    n,
                    float(w.get("xMin", 0)),
                    float(w.get("yMin", 0)),
                    float(w.get("xMax", 0)),
                    float(w.get("yMax", 0)),
                    w.text or "",
                )
            )
    return out


def test_text_stays_inside_the_printable_margins(booklet) -> None:  # type: ignore[no-untyped-def]
    """A desktop printer cannot print the outer ~5 mm: every word keeps 8 mm clear."""
    _mission, _plan, path = booklet
    reader = PdfReader(path)
    width = float(reader.pages[0].mediabox.width)
    height = float(reader.pages[0].mediabox.height)
    # pypdf: where each run of text starts
    starts: list[tuple[float, float]] = []

    def visit(text, cm, tm, _font, _size) -> None:  # type: ignore[no-untyped-def]
        if text.strip():  # the text matrix in page space: tm x cm
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            starts.append((float(x), float(y)))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    margin = 8 / 25.4 * 72  # 8 mm in points
    assert starts
    assert min(x for x, _y in starts) >= margin
    assert max(x for x, _y in starts) <= width - margin
    assert margin <= min(y for _x, y in starts) and max(y for _x, y in starts) <= height - margin
    boxes = _text_boxes(path)
    assert boxes
    assert min(b[1] for b in boxes) >= margin
    assert max(b[3] for b in boxes) <= width - margin
    assert min(b[2] for b in boxes) >= margin
    assert max(b[4] for b in boxes) <= height - margin
