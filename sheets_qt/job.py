"""Print route sheets to PDF without ever waiting: Qt WebEngine driven by callbacks.

A :class:`PrintJob` prints a list of :class:`planner.app.SheetRequest` (the booklet,
the changed teams' sheets) on the GUI thread, one step per event-loop turn:

1. every team's sheet HTML is hashed; a sheet already in the :class:`PageCache`
   is not printed again;
2. the missing sheets are printed in chunks of :data:`CHUNK` teams (one page load +
   ``printToPdf`` each, both asynchronous); each chunk's PDF is cut into one PDF per
   team (the page where "Team X · Команда" starts) and cached;
3. a booklet's cover and contents are printed, the contents numbered from the
   cached sheets' page counts;
4. the pages are joined into the target file (atomically).

Between steps the event loop runs, so the window stays responsive and Cancel works
(:meth:`PrintJob.cancel`); the command line runs a local event loop until the job
is over (:func:`sheets_qt.printer.print_sheets_blocking`).
"""

from __future__ import annotations

import contextlib
import functools
import tempfile
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, QUrl, Signal, qVersion
from PySide6.QtWebEngineCore import QWebEnginePage

from planner.app import SheetRequest
from planner.errors import InputError, PlannerError
from planner.export.route_sheet import resource_file
from planner.i18n import localized
from sheets_qt.cache import Assembler, PageCache, Pages, page_count
from sheets_qt.engine import LOAD_TIMEOUT_S, PRINT_TIMEOUT_S, ensure_app, page_layout
from sheets_qt.readback import merge_sheets, team_starts

#: Teams printed per page load: small enough for a quick Cancel and steady progress,
#: large enough that the browser's per-load cost does not dominate.
CHUNK = 12
#: Cached sheets joined per event-loop turn (about 0.1 s).
JOIN_STEP = 10
FONT_FILES = (
    resource_file("fonts", "DejaVuSans.ttf"),
    resource_file("fonts", "DejaVuSans-Bold.ttf"),
)


def printer_salt() -> str:
    """What else decides the printed pages besides the HTML: Qt and the page margins."""
    margins = page_layout("A4").margins()
    edges = (margins.left(), margins.top(), margins.right(), margins.bottom())
    return f"Qt {qVersion()} margins {edges}"


# the interface language's text (English when no translator is installed: the CLI)
translate = QCoreApplication.translate


def _message(exc: BaseException) -> str:
    """The planner's message of ``exc`` (kept a translatable message when it is one)."""
    if isinstance(exc, InputError):
        return str(exc)
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)


class PrintJob(QObject):
    """Prints sheet requests step by step on the GUI thread (see the module doc)."""

    progressed = Signal(int, int, str)  # teams done, teams in all, what happens now
    finished = Signal(object)  # list[Path] written
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        requests: Sequence[SheetRequest],
        *,
        cache: PageCache | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        ensure_app()
        self.requests = list(requests)
        self.cache = cache or PageCache(salt=printer_salt())
        self.written: list[Path] = []
        self.printed_teams = 0  # sheets printed (not found in the cache)
        self._tmp = tempfile.TemporaryDirectory(prefix="sto-sheets-")
        self._page: QWebEnginePage | None = None
        self._steps: list[Callable[[], None]] = []
        self._on_pdf: Callable[[Path], None] | None = None
        self._pdf_target: Path | None = None
        self._font_tries = 0
        self._busy = False
        self._over = False
        self._cancelling = False
        self._done = 0
        self._total = sum(len(r.teams) for r in self.requests)
        self._seq = 0
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(lambda: self._fail("printing the route sheets timed out"))

    # ------------------------------------------------------------------ control
    @property
    def is_running(self) -> bool:
        return not self._over

    def start(self) -> None:
        for request in self.requests:
            self._steps.append(functools.partial(self._plan_request, request))
        self._next()

    def cancel(self) -> None:
        """Stop after the page being printed now (the sheets printed so far stay cached)."""
        if self._over:
            return
        self._cancelling = True
        if not self._busy:
            self._finish_cancelled()

    def _next(self) -> None:
        QTimer.singleShot(0, self._step)

    def _step(self) -> None:
        if self._over:
            return
        if self._cancelling:
            self._finish_cancelled()
            return
        if not self._steps:
            self._close()
            self.cache.trim()
            self.finished.emit(list(self.written))
            return
        step = self._steps.pop(0)
        self._guard(step)

    def _guard(self, call: Callable[[], None]) -> None:
        """Run one step; any error ends the job with a message (a slot must not raise)."""
        try:
            call()
        except (OSError, ValueError, PlannerError) as exc:
            self._fail(
                translate("PrintJob", "route sheets: {error}").format(
                    error=localized(_message(exc))
                )
            )
        except Exception as exc:  # a bug must not leave the job (and a waiting CLI) hanging
            traceback.print_exc()
            self._fail(
                translate(
                    "PrintJob", "printing the route sheets failed unexpectedly: {error}"
                ).format(error=repr(exc))
            )

    def _say(self, message: str) -> None:
        self.progressed.emit(self._done, self._total, message)

    # ------------------------------------------------------------------ one request
    def _plan_request(self, request: SheetRequest) -> None:
        """Hash every sheet; queue printing of the missing ones, the front, the join."""
        teams = request.teams
        if not teams:
            self._steps[0:0] = [lambda: self._print_empty(request)]
            self._next()
            return
        htmls = request.render()
        keys = {t: self.cache.key(htmls[t], request.page_size, FONT_FILES) for t in teams}
        missing = [t for t in teams if self.cache.get(keys[t]) is None]
        self._done += len(teams) - len(missing)
        self._say(
            translate("PrintJob", "{file}: {n} sheets unchanged").format(
                file=request.path.name, n=len(teams) - len(missing)
            )
        )
        steps: list[Callable[[], None]] = []
        for i in range(0, len(missing), CHUNK):
            chunk = missing[i : i + CHUNK]
            steps.append(functools.partial(self._print_chunk, request, chunk, htmls, keys))
        steps.append(lambda: self._front_and_join(request, keys))
        self._steps[0:0] = steps
        self._next()

    def _print_chunk(
        self, request: SheetRequest, teams: list[str], htmls: dict[str, str], keys: dict[str, str]
    ) -> None:
        self._say(
            translate("PrintJob", "{file}: printing teams {first}–{last}").format(
                file=request.path.name, first=teams[0], last=teams[-1]
            )
        )

        def split(pdf: Path) -> None:
            starts = team_starts(pdf, teams)
            ends = [*starts[1:], page_count(pdf)]
            spans = [
                (keys[team], first, end - first)
                for team, first, end in zip(teams, starts, ends, strict=True)
            ]
            self.cache.put_printed(pdf, spans)
            self.printed_teams += len(teams)
            self._done += len(teams)
            self._say(
                translate("PrintJob", "{file}: printed {n} sheets").format(
                    file=request.path.name, n=len(teams)
                )
            )
            self._next()

        self._print_html(merge_sheets([htmls[t] for t in teams]), request.page_size, split)

    def _front_and_join(self, request: SheetRequest, keys: dict[str, str]) -> None:
        parts: list[tuple[str | None, Pages]] = []
        for team in request.teams:
            pages = self.cache.get(keys[team])
            if pages is None:
                raise ValueError(f"the sheet of team {team} is missing from the cache")
            parts.append((f"Team {team}", pages))
        if not request.is_booklet:
            self._join(request, parts)
            return
        counts = [p.count for _, p in parts]

        def toc_for(front_pages: int) -> dict[str, int]:
            pages, at = {}, front_pages + 1
            for team, n in zip(request.teams, counts, strict=True):
                pages[team] = at
                at += n
            return pages

        note = f"front-{len(parts)}-{request.page_size.upper()}"

        def with_front(front: Pages, guess: int, attempt: int) -> None:
            n = front.count
            if n != guess and attempt < 3:  # the guess was wrong: number the pages again
                self._front(request, toc_for(n), lambda f: with_front(f, n, attempt + 1))
                return
            self.cache.set_note(note, n)
            self._join(request, [("Contents", front), *parts])

        # The contents need their own length to number the pages: start from last
        # time's length for this many teams (one print), else from an unnumbered print.
        guess = self.cache.note(note)
        if guess is not None:
            self._front(request, toc_for(guess), lambda f: with_front(f, guess, 1))
            return

        def unnumbered(front: Pages) -> None:
            n = front.count
            self._front(request, toc_for(n), lambda f: with_front(f, n, 1))

        self._front(request, None, unnumbered)

    def _front(
        self, request: SheetRequest, toc: dict[str, int] | None, then: Callable[[Pages], None]
    ) -> None:
        html = request.front_html(toc)
        assert html is not None
        key = self.cache.key(html, request.page_size, FONT_FILES)
        cached = self.cache.get(key)
        if cached is not None:
            then(cached)
            return

        def store(pdf: Path) -> None:
            then(self.cache.put_printed(pdf, [(key, 0, page_count(pdf))])[0])

        self._say(
            translate("PrintJob", "{file}: cover and contents").format(file=request.path.name)
        )
        self._print_html(html, request.page_size, store)

    def _print_empty(self, request: SheetRequest) -> None:
        def done(pdf: Path) -> None:
            self._join(request, [(None, Pages(pdf, 0, page_count(pdf)))])

        self._print_html(request.empty_html(), request.page_size, done)

    def _join(self, request: SheetRequest, parts: list[tuple[str | None, Pages]]) -> None:
        """Join the parts into the target, :data:`JOIN_STEP` parts per event-loop turn."""
        title = f"{request.mission.settings.mission_name} — route sheets"
        assembler = Assembler(request.path, title=title)

        def add(batch: list[tuple[str | None, Pages]]) -> None:
            for label, pdf in batch:
                assembler.add(label, pdf)
            self._next()

        def write() -> None:
            self.written.append(assembler.write())
            self._next()

        steps: list[Callable[[], None]] = [
            functools.partial(add, parts[i : i + JOIN_STEP])
            for i in range(0, len(parts), JOIN_STEP)
        ]
        steps.append(write)
        self._steps[0:0] = steps
        self._say(
            translate("PrintJob", "{file}: joining {n} parts").format(
                file=request.path.name, n=len(parts)
            )
        )
        self._next()

    # ------------------------------------------------------------------ the browser
    def _print_html(self, html: str, page_size: str, then: Callable[[Path], None]) -> None:
        """Load ``html``, wait for its fonts, print it; call ``then(pdf)`` (all async)."""
        self._seq += 1
        folder = Path(self._tmp.name)
        html_file = folder / f"part{self._seq}.html"
        html_file.write_text(html, encoding="utf-8")
        self._pdf_target = folder / f"part{self._seq}.pdf"
        self._on_pdf = then
        self._page_size = page_size
        if self._page is None:
            self._page = QWebEnginePage(self)
            self._page.loadFinished.connect(self._loaded)
            self._page.pdfPrintingFinished.connect(self._printed)
        self._busy = True
        self._watchdog.start(int(LOAD_TIMEOUT_S * 1000))
        self._page.load(QUrl.fromLocalFile(str(html_file)))

    def _loaded(self, ok: bool) -> None:
        if self._stopped():
            return
        if not ok:
            self._fail("the route sheets could not be laid out (page failed to load)")
            return
        self._font_tries = 0
        self._check_fonts()

    def _check_fonts(self) -> None:
        if self._stopped() or self._page is None:
            return
        self._page.runJavaScript("document.fonts.status", 0, self._fonts_status)

    def _fonts_status(self, status: Any) -> None:
        if self._stopped() or self._page is None:
            return
        self._guard(lambda: self._print_when_ready(status))

    def _print_when_ready(self, status: Any) -> None:
        assert self._page is not None
        self._font_tries += 1
        if status != "loaded" and self._font_tries < 200:
            QTimer.singleShot(20, self._check_fonts)  # web fonts may still be loading
            return
        assert self._pdf_target is not None
        self._watchdog.start(int(PRINT_TIMEOUT_S * 1000))
        self._page.printToPdf(str(self._pdf_target), page_layout(self._page_size))

    def _printed(self, _path: str, ok: bool) -> None:
        self._watchdog.stop()
        self._busy = False
        if self._stopped():
            return
        target, then = self._pdf_target, self._on_pdf
        if not ok or target is None or then is None or not target.exists():
            self._fail("the route sheets' PDF could not be written")
            return
        self._guard(lambda: then(target))

    def _stopped(self) -> bool:
        """True when the job is over; finishes a requested cancel once idle."""
        if self._over:
            return True
        if self._cancelling:
            self._busy = False
            self._finish_cancelled()
            return True
        return False

    # ------------------------------------------------------------------ the end
    def _close(self) -> None:
        self._over = True
        self._watchdog.stop()
        if self._page is not None:
            self._page.deleteLater()
            self._page = None
        with contextlib.suppress(OSError):
            self._tmp.cleanup()

    def _finish_cancelled(self) -> None:
        if self._over:
            return
        self._close()
        self.cancelled.emit()

    def _fail(self, message: str) -> None:
        if self._over:
            return
        self._busy = False
        self._close()
        self.failed.emit(message)
