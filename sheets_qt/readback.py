"""The HTML going into a print and the PDF coming out of it, for :mod:`sheets_qt.job`.

Several teams' sheets are merged into one document per page load
(:func:`merge_sheets`); the printed PDF is read back to find the page on which each
team's sheet starts (:func:`team_starts`), so the PDF can be cut into one cached
piece per team.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtPdf import QPdfDocument

_BODY = re.compile(r"<body>(.*)</body>", re.DOTALL)

#: Characters of a team id that always fit on the sheet's first line.
SHEET_ID_PREFIX = 40


def merge_sheets(htmls: Sequence[str]) -> str:
    """One document with the sheets of several single-sheet documents, in order.

    Every sheet starts on a new page (``section.sheet`` breaks before it), so each
    team prints to the same pages as when printed alone.
    """
    head = htmls[0].split("<body>", 1)[0]
    bodies = []
    for html in htmls:
        match = _BODY.search(html)
        if match is None:
            raise ValueError("a route sheet's HTML has no body")
        bodies.append(match.group(1))
    return head + "<body>\n" + "\n".join(bodies) + "\n</body>\n</html>\n"


def team_starts(pdf: Path, teams: list[str]) -> list[int]:
    """0-based page on which each team's sheet starts (read back from the PDF)."""
    doc = QPdfDocument()
    try:
        if doc.load(str(pdf)) != QPdfDocument.Error.None_:
            raise ValueError(f"{pdf.name}: the printed PDF cannot be read back")
        # each sheet opens with "Team <id> · Команда <id>"; ids are matched whole
        # (an id may hold spaces or punctuation, a long one wraps), white space
        # left out on both sides
        heads = {t: "".join(f"Team {t} · Команда {t}".split()) for t in teams}
        found: dict[str, int] = {}
        texts = ["".join(doc.getAllText(i).text().split()) for i in range(doc.pageCount())]
        for i, text in enumerate(texts):
            for team, head in heads.items():
                if team not in found and head in text:
                    found[team] = i
        # a very long id is clipped on the page: its first characters must do
        for team in (t for t in teams if t not in found):
            head = "".join(f"Team {team[:SHEET_ID_PREFIX]}".split())
            pages = [i for i, text in enumerate(texts) if head in text]
            pages = [i for i in pages if i not in found.values()]
            if pages:
                found[team] = pages[0]
    finally:
        doc.close()
    starts = [found.get(t, -1) for t in teams]
    if starts[0] != 0 or -1 in starts or starts != sorted(starts):
        raise ValueError("the printed sheets could not be told apart by team")
    return starts
