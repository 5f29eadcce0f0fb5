"""Worker threads never destroy or touch Qt objects (docs/architecture.md, "Threads").

A worker thread runs Python code, so CPython's cyclic garbage collector used to run
there too, and destroyed whatever unreachable Qt widgets it found (a Python-owned
widget in a reference cycle) on the worker thread: Qt then crashed now and then in
the GUI thread (a freed widget's timer fired) while an export ran. And a lambda
connected to a job's signal ran on the worker thread, so the export's progress text
was set on a status-bar label from there.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

import ui.controllers.export as export_controller
from ui import gui_gc
from ui.controllers.runner import Job, WorkerRunner

pytestmark = pytest.mark.gui


class _Panel(QWidget):
    """A widget class of our own, as every panel of the window is."""


class _Cycle:
    def __init__(self, widget: QWidget) -> None:
        self.widget = widget


def _garbage_widgets(n: int, destroyed_on: list[str]) -> None:
    """``n`` Python-owned widgets, each in a reference cycle, unreachable at return."""

    def record(*_args: Any) -> None:
        destroyed_on.append(threading.current_thread().name)

    for _ in range(n):
        panel = _Panel()
        QLabel("garbage", panel)
        panel.cycle = _Cycle(panel)  # type: ignore[attr-defined]
        # direct: runs in the thread that destroys the widget
        panel.destroyed.connect(record, Qt.ConnectionType.DirectConnection)


@pytest.fixture
def no_automatic_gc_by_the_test() -> Iterator[None]:
    """Collections only when the provoked code asks; the interpreter's settings after."""
    threshold = gc.get_threshold()
    gc.collect()
    gc.set_threshold(10**6, 10, 10)  # the test's own allocations do not collect
    yield
    gc.set_threshold(*threshold)


def test_garbage_widgets_die_on_the_gui_thread_while_an_export_runs(
    qtbot, window, tmp_path, monkeypatch, no_automatic_gc_by_the_test
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("STO_PLANNER_CACHE", str(tmp_path / "cache"))
    real = export_controller.write_data_outputs
    worker_saw: list[tuple[str, bool]] = []

    def collecting_eagerly(*args: Any, **kwargs: Any) -> Any:
        """The worker's data stage with a collection at every allocation (if enabled)."""
        worker_saw.append((threading.current_thread().name, gc.isenabled()))
        gc.set_threshold(1, 1, 1)
        try:
            return real(*args, **kwargs)
        finally:
            gc.set_threshold(10**6, 10, 10)

    monkeypatch.setattr(export_controller, "write_data_outputs", collecting_eagerly)
    destroyed_on: list[str] = []
    _garbage_widgets(20, destroyed_on)
    with qtbot.waitSignal(window.export_finished, timeout=60000) as finished:
        assert window.export_outputs(tmp_path / "out")
    assert finished.args and finished.args[0], "the export wrote nothing"
    gc.collect()
    assert len(destroyed_on) == 20
    assert set(destroyed_on) == {threading.main_thread().name}, destroyed_on
    assert worker_saw and worker_saw[0][0] != threading.main_thread().name
    assert worker_saw[0][1] is False, "automatic collection was on in the worker thread"


def test_a_jobs_signals_reach_lambdas_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = WorkerRunner()
    seen: list[tuple[str, str]] = []

    def here(what: str) -> None:
        seen.append((what, threading.current_thread().name))

    def work(progress: Any, _should_stop: Any) -> str:
        progress("half way")
        return "done"

    def broken(_progress: Any, _should_stop: Any) -> None:
        raise OSError(2, "No such file", "/nowhere")

    job = Job(work, "work")
    job.progressed.connect(lambda _message: here("progressed"))
    job.finished.connect(lambda _result: here("finished"))
    with qtbot.waitSignal(job.finished, timeout=10000):
        runner.start(job)
    failing = Job(broken, "broken")
    failing.failed.connect(lambda _message: here("failed"))
    with qtbot.waitSignal(failing.failed, timeout=10000) as failed:
        runner.start(failing)
    assert failed.args[0].endswith("Details: /nowhere: No such file")
    assert isinstance(failing.error, OSError)
    main = threading.main_thread().name
    assert seen == [("progressed", main), ("finished", main), ("failed", main)]
    runner.wait()
    qtbot.waitUntil(lambda: gui_gc.held() == 0, timeout=5000)


def test_automatic_collection_is_off_only_while_a_worker_runs(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = WorkerRunner()
    during: list[bool] = []
    job = Job(lambda _progress, _stop: during.append(gc.isenabled()))
    assert gc.isenabled()
    with qtbot.waitSignal(job.finished, timeout=10000):
        runner.start(job)
    assert during == [False]
    qtbot.waitUntil(lambda: gui_gc.held() == 0 and gc.isenabled(), timeout=5000)

    gc.disable()  # whoever switched it off keeps it off
    try:
        job = Job(lambda _progress, _stop: None)
        with qtbot.waitSignal(job.finished, timeout=10000):
            runner.start(job)
        qtbot.waitUntil(lambda: gui_gc.held() == 0, timeout=5000)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_due_collections_follow_the_interpreters_thresholds() -> None:
    threshold = gc.get_threshold()
    gc.collect()
    gc.disable()  # as while a worker runs: only collect_due collects
    try:
        cycle: list[Any] = []
        cycle.append(cycle)
        del cycle
        gc.set_threshold(10**6, 10, 10)
        assert gui_gc.collect_due() == 0  # nothing due yet: the cycle stays
        gc.set_threshold(1, 10, 10)
        assert gui_gc.collect_due() >= 1  # generation 0 was due: the cycle is gone
    finally:
        gc.set_threshold(*threshold)
        gc.enable()
