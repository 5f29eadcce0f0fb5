"""packaging/strip_bundle.py strips what still loads afterwards and nothing else."""

from __future__ import annotations

import ctypes
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not (shutil.which("strip") and shutil.which("cc")),
    reason="Linux with binutils and a C compiler",
)


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "strip_bundle", ROOT / "packaging" / "strip_bundle.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("strip_bundle", module)  # (dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


def _openblas() -> Path:
    import numpy

    libs = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
    found = sorted(libs.glob("libscipy_openblas*.so"))
    if not found:
        pytest.skip("this numpy has no auditwheel-grafted OpenBLAS")
    return found[0]


def _load(path: Path) -> str:
    """'' if the library loads in a fresh process, else the loader's message."""
    done = subprocess.run(
        [sys.executable, "-c", "import ctypes, sys; ctypes.CDLL(sys.argv[1])", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return "" if done.returncode == 0 else done.stderr.strip().splitlines()[-1]


def test_strips_an_ordinary_library_and_it_still_works(tmp_path: Path) -> None:
    src = tmp_path / "answer.c"
    src.write_text("int answer(void) { return 42; }\n")
    lib = tmp_path / "bundle" / "libanswer.so"
    lib.parent.mkdir()
    subprocess.run(["cc", "-g", "-shared", "-fPIC", "-o", str(lib), str(src)], check=True)
    size = lib.stat().st_size
    mod = _module()
    assert mod.read_elf(lib).strippable

    saved, kept = mod.strip_tree(lib.parent)

    assert kept == []
    assert saved == size - lib.stat().st_size > 0
    assert not mod.read_elf(lib).strippable
    assert ctypes.CDLL(str(lib)).answer() == 42
    assert mod.strip_tree(lib.parent) == (0, [])  # nothing left to strip


def test_keeps_a_patchelf_rewritten_library_that_strip_would_break(tmp_path: Path) -> None:
    mod = _module()
    blas = _openblas()
    bundle = tmp_path / "bundle"
    shutil.copytree(blas.parent, bundle)  # with the libgfortran it needs
    copy = bundle / blas.name
    # what plain `strip` does to it: the loader refuses the result
    broken = tmp_path / "broken.so"
    subprocess.run(["strip", "--strip-unneeded", "-o", str(broken), str(copy)], check=True)
    strip_breaks_it = "not page-aligned" in _load(broken)
    if strip_breaks_it:  # strip_bundle predicts the loader's refusal
        assert "not page-aligned" in mod.loadable(mod.read_elf(copy), mod.read_elf(broken))

    _saved, kept = mod.strip_tree(bundle)

    if strip_breaks_it:  # numpy 2.4's OpenBLAS (Python 3.11 here): kept as it was
        assert copy in [path for path, _why in kept]
        assert copy.read_bytes() == blas.read_bytes()
    # whatever was stripped or kept, every library of the bundle still loads
    assert _load(copy) == ""
    for lib in bundle.iterdir():
        assert _load(lib) == "", lib.name


def test_only_elf_files_are_touched(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a library")
    (tmp_path / "link.so").symlink_to("notes.txt")
    assert _module().strip_tree(tmp_path) == (0, [])
    assert (tmp_path / "notes.txt").read_text() == "not a library"
    assert (tmp_path / "link.so").is_symlink()
