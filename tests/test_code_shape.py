"""The shape of the code: no module over 400 lines, no function over 60 lines,
unless a reason is written beside it (docs/architecture-proof.md, STYLE.md).

The reason is a comment ``# size: <why>``:

* for a function, on the line right above its ``def`` (or its decorators), or on a
  line of its signature (``def build(  # size: one table per column``);
* for a module, on a line of its own before the first import (after the docstring).

A reason is a promise to split the code later or an argument why one piece reads
better than several; ``# size:`` with nothing after it does not count.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("planner", "cli", "ui", "geodata")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
REASON = re.compile(r"#\s*size:\s*\S")


def _sources() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def _module_reason(lines: list[str], tree: ast.Module) -> bool:
    first_code = next((n.lineno for n in tree.body if not isinstance(n, ast.Expr)), len(lines) + 1)
    return any(
        REASON.search(line) for line in lines[: first_code - 1] if line.lstrip().startswith("#")
    )


def _function_reason(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A ``# size:`` comment above the def (or its decorators) or in its signature."""
    top = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    above = lines[top - 2] if top >= 2 else ""
    signature = lines[node.lineno - 1 : node.body[0].lineno - 1]
    return bool(REASON.search(above)) or any(REASON.search(line) for line in signature)


def offenders() -> tuple[list[str], list[str]]:
    """(modules, functions) over the limits without a reason, as ``path:line`` texts."""
    modules: list[str] = []
    functions: list[str] = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        tree = ast.parse(text)
        rel = path.relative_to(ROOT)
        if len(lines) > MAX_MODULE_LINES and not _module_reason(lines, tree):
            modules.append(f"{rel}: {len(lines)} lines")
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            size = (node.end_lineno or node.lineno) - node.lineno + 1
            if size > MAX_FUNCTION_LINES and not _function_reason(lines, node):
                functions.append(f"{rel}:{node.lineno} {node.name}: {size} lines")
    return modules, functions


def test_no_module_over_400_lines_without_a_reason() -> None:
    modules, _ = offenders()
    assert not modules, "split these modules or write `# size: <why>` before the imports:\n" + (
        "\n".join(modules)
    )


def test_no_function_over_60_lines_without_a_reason() -> None:
    _, functions = offenders()
    assert not functions, "split these functions or write `# size: <why>` on the def line:\n" + (
        "\n".join(functions)
    )


def test_the_check_sees_a_long_function(tmp_path: Path) -> None:
    """The measure itself: a 61-line function is caught, the same with a reason is not."""
    body = "\n".join(f"    x{i} = {i}" for i in range(59))
    long_fn = f"def f() -> None:\n{body}\n    return None\n"
    tree = ast.parse(long_fn)
    node = tree.body[0]
    assert isinstance(node, ast.FunctionDef)
    assert (node.end_lineno or 0) - node.lineno + 1 == MAX_FUNCTION_LINES + 1
    assert _function_reason(long_fn.splitlines(), node) is False
    with_reason = ["# size: one table, read top to bottom", *long_fn.splitlines()]
    moved = ast.parse("\n".join(with_reason)).body[0]
    assert isinstance(moved, ast.FunctionDef)
    assert _function_reason(with_reason, moved) is True
    assert not REASON.search("def f() -> None:  # size:")
