"""Run-time texts that once stayed English in the Russian window: how an observer
change re-formed a team, import reading notes ("reprojected from ..."), the solver's
own progress lines, and errors raised by libraries (the OS, YAML, GDAL, SQLite). Each
reads Russian in the window; the command line and files keep the English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest

from planner.model import Mission
from planner.observers import Observer
from tests.factories import tiny_mission
from ui import i18n

pytestmark = pytest.mark.gui

ENGLISH = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def russian(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    assert i18n.install("ru") == "ru"
    yield
    i18n.install("en")


def _with_observers(m: Mission) -> Mission:
    """Each team of ``m`` with two observers of different nationalities; no reserve."""
    nats = ["DE", "FR", "IT", "SE", "PL", "GB", "NL", "AT"]
    observers, teams = [], []
    for k, t in enumerate(m.teams):
        ids = (f"O{2 * k + 1}", f"O{2 * k + 2}")
        for j, oid in enumerate(ids):
            observers.append(Observer(oid, f"Name {oid}", "m", nats[2 * k + j], ("en",)))
        teams.append(replace(t, members=tuple(f"Name {i}" for i in ids), observer_ids=ids))
    return replace(m, observers=tuple(observers), teams=tuple(teams))


def test_how_an_observer_change_reformed_a_team_reads_russian(russian, qtbot) -> None:  # type: ignore[no-untyped-def]
    from planner.replan.core import replan
    from planner.replan.observer_changes import ObserverUnavailable
    from tests.planner.replan.test_replan import planned_mission
    from ui.widgets.changes_panel import ChangesPanel

    base = _with_observers(planned_mission())
    panel = ChangesPanel()
    qtbot.addWidget(panel)
    panel.set_mission(base)
    panel.add_change(ObserverUnavailable("O2"))  # T001's O1 has no reserve: joins a pair
    with qtbot.waitSignal(panel.replanned, timeout=30000):
        panel.apply()
    report = panel.result_view.toPlainText()
    # T001 is withdrawn; the report says why: who left and where the partner went
    line = next(x for x in report.splitlines() if x.startswith("T001: "))
    assert "O2 выбыл(а); O1 присоединился(ась) к T003: команда снята" in line, report
    assert not ENGLISH.findall(report), report
    # the command line and changes.csv keep the English
    i18n.install("en")
    result = replan(base, [ObserverUnavailable("O2")], source="CHANGES.yaml")
    why = {t.team_id: str(t.why) for t in result.teams}
    assert "O2 unavailable; O1 joined T003: team withdrawn" in why["T001"]
    assert "O1 joined (now a team of three)" in str(result.applied[0].note)


def test_an_added_observer_teamed_with_a_reserve_reads_russian(russian, qtbot) -> None:  # type: ignore[no-untyped-def]
    from planner.replan.observer_changes import ObserverAdded
    from tests.planner.replan.test_replan import planned_mission
    from ui.widgets.changes_panel import ChangesPanel

    base = _with_observers(planned_mission())
    reserve = Observer("O9", "Name O9", "f", "IE", ("en",), base_id="BN")
    base = replace(base, observers=(*base.observers, reserve))
    panel = ChangesPanel()
    qtbot.addWidget(panel)
    panel.set_mission(base)
    panel.add_change(ObserverAdded(Observer("O10", "Ann Lee", "f", "ES", ("en",), base_id="BN")))
    with qtbot.waitSignal(panel.replanned, timeout=30000):
        panel.apply()
    report = panel.result_view.toPlainText()
    # the new team waits for a wide re-plan: the applied change says how it was formed
    line = report.splitlines()[0]
    assert (
        line
        == "наблюдатель O10 добавлен: применено (T005: O10 добавлен(а), в паре с резервистом O9)"
    )
    assert "added" not in report and "reserve" not in report, report


def test_import_reading_notes_read_russian(russian, qtbot, make_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from planner.io.importers import load_layer
    from tests.planner.io.test_importers_formats import MISSION, _frame
    from ui.dialogs.import_dialog import ImportDialog

    mission = MISSION
    frame = _frame().to_crs(32642)  # UTM zone 42N: read back in WGS 84, with a note
    path = tmp_path / "stations.gpkg"
    frame.to_file(path, engine="pyogrio")
    window = make_window(mission)
    dialog = ImportDialog(window.mission, window)
    qtbot.addWidget(dialog)
    dialog.set_file("polling_stations", path)
    status = dialog.status.text()
    assert "координаты пересчитаны из EPSG:32642 в `WGS 84`" in status, status
    assert "reprojected" not in status
    # the command line's summary keeps the English note
    notes = load_layer("polling_stations", path, mission).notes
    assert [str(n) for n in notes] == ["reprojected from EPSG:32642 to WGS 84"]


def test_the_solvers_progress_lines_read_russian(russian, qtbot, make_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from planner.solver import solve

    w = make_window(tiny_mission(n_teams=4), solve=solve)
    w.planning.workers = 1
    tips: list[str] = []
    label = w.progress_label
    set_tip = label.setToolTip
    monkeypatch.setattr(label, "setToolTip", lambda text: (tips.append(text), set_tip(text)))
    with qtbot.waitSignal(w.plan_finished, timeout=60000):
        w.start_plan(time_limit_s=1, seed=1)
    assert "размещение команд: 4" in tips, tips
    assert "выбор участков открытия и подсчёта" in tips, tips
    assert "расчёт времени каждого маршрута" in tips, tips
    assert any(
        re.fullmatch(r"спланировано команд: 4 за \d+,\d с|спланировано команд: 4 за \d+\.\d с", t)
        for t in tips
    ), tips
    english = [t for t in tips if re.search(r"\b(deploying|timing|planned|routed|routing)\b", t)]
    assert not english, english


def test_the_solvers_progress_stays_english_for_the_command_line() -> None:
    from planner.solver import solve

    said: list[str] = []
    solve(
        tiny_mission(n_teams=2),
        time_limit_s=1,
        workers=1,
        on_progress=lambda p: said.append(str(p.message)),
    )
    assert said[0] == "deploying 2 teams" and "timing every route" in said
    assert re.fullmatch(r"planned 2 teams in \d+\.\d s", said[-1]), said


def test_a_damaged_mission_file_says_so_in_russian(
    russian, qtbot, make_window, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The mission file's own errors (SQLite's words inside) are planner messages."""
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    bad = tmp_path / "bad.gpkg"
    con = sqlite3.connect(bad)
    con.execute("CREATE TABLE other (x)")
    con.commit()
    con.close()
    w = make_window(tiny_mission())
    w.document.mark_clean()
    assert not w.document.open_path(bad)
    assert shown and shown[0].startswith(f"{bad}: это `GeoPackage`, но не миссия"), shown
    assert "Импортируйте" in shown[0] and "Import its layers" not in shown[0]


@pytest.mark.parametrize(
    ("make_error", "russian_words", "detail"),
    [
        (
            lambda: PermissionError(13, "Permission denied", "/media/usb/mission.gpkg"),
            "нет доступа",
            "/media/usb/mission.gpkg: Permission denied",
        ),
        (
            lambda: FileNotFoundError(2, "No such file or directory", "/tmp/gone.csv"),
            "не найдены",
            "/tmp/gone.csv: No such file or directory",
        ),
        (
            lambda: OSError(28, "No space left on device"),
            "Диск заполнен",
            "No space left on device",
        ),
    ],
    ids=["permission", "not-found", "disk-full"],
)
def test_os_errors_say_what_to_do_in_russian(russian, make_error, russian_words, detail) -> None:  # type: ignore[no-untyped-def]
    text = i18n.error_text(make_error())
    what, details = text.split("\n\n")
    assert russian_words in what and "попробуйте ещё раз" in what, text
    assert not ENGLISH.findall(what.replace("STO Planner", "")), what
    assert details == f"Подробности: {detail}"  # the system's own words, as they are


def test_yaml_and_gdal_errors_say_what_to_do_in_russian(russian, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pyogrio
    import yaml

    with pytest.raises(yaml.YAMLError) as y:
        yaml.safe_load("a: [1, 2\nb: 3\n")
    text = i18n.error_text(y.value)
    assert text.startswith("Файл не является корректным YAML. Исправьте его"), text
    assert "Подробности: " in text and "line 2" in text  # PyYAML's words, untranslated
    junk = tmp_path / "map.gpkg"
    junk.write_text("not a geopackage")
    with pytest.raises(pyogrio.errors.DataSourceError) as g:
        pyogrio.read_dataframe(junk)
    text = i18n.error_text(g.value)
    assert text.startswith("Библиотека геоданных (GDAL) не смогла прочитать файл."), text
    assert "QGIS" in text and "Подробности: " in text and "map.gpkg" in text
    # the English interface: the same shape, in English
    i18n.install("en")
    assert i18n.error_text(y.value).startswith("The file is not valid YAML.")


def test_an_os_error_in_a_worker_reads_russian(russian, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.controllers.runner import Job, WorkerRunner

    def run(_progress, _stop):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied", "/srv/out/assignments.csv")

    runner = WorkerRunner()
    job = Job(run, "Export")
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        runner.start(job)
    runner.wait()
    text = blocker.args[0]
    assert text.startswith("У STO Planner нет доступа") and text.endswith(
        "Подробности: /srv/out/assignments.csv: Permission denied"
    ), text
