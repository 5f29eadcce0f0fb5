"""Trim the ICU data library Qt brings (Linux): 31 MB -> about 17 MB.

    python packaging/trim_icu.py DIST_DIR        (the spec runs it after COLLECT)

PySide6's Linux wheels carry ICU for Qt Core; ``libicudata.so.NN`` is one 31 MB
table (``icudtNN_dat``) with the data of every language ICU knows. Qt reads from it
collation (QCollator, e.g. the sorting of Qt's own file dialog), case mapping, text
codecs and Unicode properties: those stay whole, for every language. What goes are the
translated display names and locale formats of the languages the app does not speak
(language, country, currency, unit and time-zone names, number spell-out, calendars):
Qt takes its QLocale data from its own tables, not from ICU, so nothing the app shows
changes. English, Russian and Kazakh keep everything.

Needs ``icupkg`` (Debian: icu-devtools) and binutils (``nm``, ``as``, ``ld``); without
them the library stays as it is (the bundle is then 14 MB bigger). The new library is
the trimmed table put back under the same symbol and soname, assembled with
``.incbin`` (no C compiler).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LANGS = ("en", "ru", "kk")
#: data trees kept whole: collation, line/word breaking, transliteration
KEEP_TREES = ("coll", "brkitr", "translit")
_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]*)*\.res$")
_TOOLS = ("icupkg", "nm", "as", "ld")


def dropped(items: list[str]) -> list[str]:
    """The items of an ICU data package that are one language's names or formats,
    for the languages not kept (``root``/``pool``/non-locale items always stay)."""
    out = []
    for item in items:
        *tree, name = item.split("/")
        if tree and tree[0] in KEEP_TREES:
            continue
        m = _LOCALE.match(name)
        if m and m.group(1) not in KEEP_LANGS and name not in ("root.res", "pool.res"):
            out.append(item)
    return out


def _run(*cmd: str, cwd: Path | None = None) -> str:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=True).stdout


def _table(lib: Path, symbol: str) -> bytes:
    """The bytes of ``symbol`` in the shared library (found with ``nm``)."""
    for line in _run("nm", "-D", "-S", str(lib)).splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] == symbol:
            vaddr, size = int(parts[0], 16), int(parts[1], 16)
            break
    else:
        raise ValueError(f"{lib.name} has no {symbol}")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from strip_bundle import read_elf

    elf = read_elf(lib)
    assert elf is not None
    for sec in elf.loaded():
        if sec.addr <= vaddr and vaddr + size <= sec.addr + sec.size:
            start = sec.offset + vaddr - sec.addr
            return elf.data[start : start + size]
    raise ValueError(f"{symbol} is in no section of {lib.name}")


def trim(lib: Path) -> int:
    """Replace ``lib`` (libicudata.so.NN) by its trimmed version; bytes saved."""
    version = lib.name.rsplit(".", 1)[-1]
    symbol, package = f"icudt{version}_dat", f"icudt{version}l"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dat = work / f"{package}.dat"
        dat.write_bytes(_table(lib, symbol))
        items = _run("icupkg", "-l", str(dat)).split()
        (work / "drop.txt").write_text("\n".join(dropped(items)) + "\n")
        _run("icupkg", "-r", str(work / "drop.txt"), str(dat))  # refuses to break a dependency
        (work / "data.S").write_text(
            f"\t.globl {symbol}\n"
            '\t.section .note.GNU-stack,"",%progbits\n'
            "\t.section .rodata\n\t.balign 16\n"
            f"\t.type {symbol},%object\n{symbol}:\n"
            f'\t.incbin "{dat.name}"\n'
            f"\t.size {symbol}, .-{symbol}\n"
        )
        _run("as", "-o", "data.o", "data.S", cwd=work)
        _run(
            "ld",
            "-shared",
            "-soname",
            lib.name,
            "-z",
            "noexecstack",
            "-o",
            "lib.so",
            "data.o",
            cwd=work,
        )
        new = work / "lib.so"
        if _table(new, symbol) != dat.read_bytes():
            raise ValueError("the rebuilt library does not hold the trimmed data")
        saved = lib.stat().st_size - new.stat().st_size
        shutil.copymode(lib, new)
        new.replace(lib)
    return saved


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.splitlines()[2].strip(), file=sys.stderr)
        return 2
    libs = sorted(Path(argv[0]).rglob("libicudata.so.*"))
    libs = [p for p in libs if not p.is_symlink() and re.fullmatch(r"libicudata\.so\.\d+", p.name)]
    missing = [t for t in _TOOLS if shutil.which(t) is None]
    if not libs or missing:
        why = f"no {', '.join(missing)}" if missing else "no libicudata"
        print(f"trim_icu: {why}: ICU data left as it is", file=sys.stderr)
        return 0
    for lib in libs:
        saved = trim(lib)
        print(f"trim_icu: {lib.name}: {saved / 2**20:.0f} MB of other languages' names removed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
