"""The core never depends on the GUI: planner/ must not import ui/, cli/ or PySide6."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_planner_imports_no_gui() -> None:
    offenders = []
    for path in sorted((ROOT / "planner").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in ("ui", "cli", "PySide6", "PyQt5", "PyQt6"):
                    offenders.append(f"{path.relative_to(ROOT)}: imports {name}")
    assert offenders == []


def test_ortools_only_in_its_adapter() -> None:
    offenders = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        if path.parts[len(ROOT.parts)] in (".venv", "venv", ".venv-ci", "tests"):
            continue
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT).as_posix()
        adapters = ("planner/solver/_ortools", "planner/teams/_cpsat")
        if ("import ortools" in text or "from ortools" in text) and not rel.startswith(adapters):
            offenders.append(rel)
    assert offenders == []
