"""Keep the planner's message catalogues in step with the code (no GNU gettext needed).

Finds every ``msg("template", ...)`` in ``planner/`` (see :mod:`planner.i18n`), merges
the templates into each ``planner/locale/<lang>/LC_MESSAGES/planner.po`` (new ones get
an empty translation, ones no longer in the code are dropped, translations are kept)
and compiles each ``.po`` to the ``.mo`` that :mod:`gettext` reads. Run it after
changing a message, translate the empty ``msgstr`` entries (a text editor or Poedit),
run it again; commit both files. ``tests/planner/test_messages.py`` fails when a
template is untranslated or a ``.mo`` is stale.

Add a language: ``mkdir -p planner/locale/<lang>/LC_MESSAGES``, ``touch`` its
``planner.po``, run this script, translate.
"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANNER = ROOT / "planner"
LOCALE = PLANNER / "locale"
HEADER = (
    "Project-Id-Version: sto-planner\n"
    "Language: {lang}\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
)


def _is_msg_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    f = node.func
    return (isinstance(f, ast.Name) and f.id == "msg") or (
        isinstance(f, ast.Attribute) and f.attr == "msg"
    )


def extract(root: Path = PLANNER) -> tuple[dict[str, list[str]], list[str]]:
    """(template -> where it is used, ``path:line`` of calls without a literal template)."""
    found: dict[str, list[str]] = {}
    not_literal: list[str] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not _is_msg_call(node):
                continue
            assert isinstance(node, ast.Call)
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.setdefault(first.value, []).append(f"{rel}:{node.lineno}")
            else:
                not_literal.append(f"{rel}:{node.lineno}")
    return found, not_literal


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + escaped.replace("\n", "\\n") + '"'


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file (the header entry under ""); comments ignored."""
    entries: dict[str, str] = {}
    key: str | None = None
    current: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    for raw in [*lines, ""]:
        line = raw.strip()
        if not line or line.startswith("#"):
            if "msgid" in current:
                entries[current["msgid"]] = current.get("msgstr", "")
            current, key = {}, None
            continue
        if line.startswith(("msgid ", "msgstr ")):
            key, _, rest = line.partition(" ")
            current[key] = _unquote(rest)
        elif line.startswith('"') and key is not None:
            current[key] += _unquote(line)
    return entries


def write_po(path: Path, lang: str, templates: dict[str, list[str]], old: dict[str, str]) -> None:
    lines = ['msgid ""', "msgstr " + _quote(HEADER.format(lang=lang)), ""]
    for template, where in templates.items():
        lines += [f"#: {' '.join(where[:3])}"]
        if "{" in template:
            lines.append("#, python-brace-format")
        lines += [f"msgid {_quote(template)}", f"msgstr {_quote(old.get(template, ''))}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def mo_bytes(catalogue: dict[str, str]) -> bytes:
    """A GNU .mo file of the translated entries (little endian, no hash table)."""
    items = sorted((k.encode(), v.encode()) for k, v in catalogue.items() if v)
    n = len(items)
    originals_at = 7 * 4
    translations_at = originals_at + n * 8
    data_at = translations_at + n * 8
    table_o, table_t, blob = [], [], b""
    for key, _ in items:
        table_o.append((len(key), data_at + len(blob)))
        blob += key + b"\0"
    for _, value in items:
        table_t.append((len(value), data_at + len(blob)))
        blob += value + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, n, originals_at, translations_at, 0, data_at)
    tables = b"".join(struct.pack("<2I", *p) for p in (*table_o, *table_t))
    return head + tables + blob


def po_files() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/planner.po"))


def main() -> int:
    templates, not_literal = extract()
    if not_literal:
        print("msg() needs a literal template at: " + ", ".join(not_literal), file=sys.stderr)
        return 1
    for po in po_files():
        lang = po.parent.parent.name
        write_po(po, lang, templates, read_po(po))
        catalogue = read_po(po)
        po.with_suffix(".mo").write_bytes(mo_bytes(catalogue))
        missing = [t for t in templates if not catalogue.get(t)]
        print(f"{po.relative_to(ROOT)}: {len(templates)} messages, {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
