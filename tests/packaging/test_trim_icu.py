"""packaging/trim_icu.py: a smaller ICU data library that Qt uses exactly as before."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


def test_drops_only_other_languages_names() -> None:
    items = [
        "de.res",
        "ru_KZ.res",
        "root.res",
        "pool.res",
        "supplementalData.res",
        "lang/fr.res",
        "lang/kk.res",
        "zone/zh_Hant.res",
        "coll/de__PHONEBOOK.res",
        "coll/zh.res",
        "brkitr/ja.res",
        "curr/pool.res",
        "ibm-1048_P100-2000.cnv",
    ]
    assert _module("trim_icu").dropped(items) == [
        "de.res",
        "lang/fr.res",
        "zone/zh_Hant.res",
    ]


# What Qt takes from ICU: collation (here in the mission's languages and others),
# text codecs, case mapping, time-zone names in the app's languages.
QT_SCRIPT = """
import functools
from PySide6.QtCore import QCollator, QCoreApplication, QLocale, QStringDecoder, QTimeZone
app = QCoreApplication([])
words = ["ёж", "Ель", "яблоко", "Арбуз", "ель", "Ёлка", "Қазақ", "аға", "Zoë", "łódź",
         "lody", "Äpfel", "Apfel", "张", "李", "王", "阿"]
for loc in ("ru_RU", "kk_KZ", "en_GB", "de_DE", "pl_PL", "zh_CN"):
    print(loc, sorted(words, key=functools.cmp_to_key(QCollator(QLocale(loc)).compare)))
print([QStringDecoder(e).isValid() for e in ("windows-1251", "KOI8-R", "GB18030", "IBM866")])
print(QLocale("ru_RU").toUpper("straße ёж"), QLocale("tr_TR").toUpper("i"))
tz = QTimeZone(b"Asia/Almaty")
std, long = QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName
for loc in ("ru_RU", "kk_KZ", "en_GB"):
    print(tz.displayName(std, long, QLocale(loc)))
print([line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line][:1])
"""


def _qt_with(lib: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", QT_SCRIPT],
        capture_output=True,
        text=True,
        check=True,
        env={"LD_PRELOAD": str(lib), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    return done.stdout.splitlines()


@pytest.mark.skipif(
    not sys.platform.startswith("linux")
    or any(shutil.which(t) is None for t in ("icupkg", "nm", "as", "ld")),
    reason="Linux with icu-devtools and binutils",
)
def test_trimmed_library_is_smaller_and_qt_behaves_the_same(tmp_path: Path) -> None:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.[0-9]*"))
    if not found:
        pytest.skip("this PySide6 has no ICU of its own")
    original = found[0]
    lib = tmp_path / original.name
    shutil.copy2(original, lib)

    assert _module("trim_icu").main([str(tmp_path)]) == 0

    assert lib.stat().st_size < 0.6 * original.stat().st_size
    before, after = _qt_with(original), _qt_with(lib)
    assert after[-1] == repr([str(lib)])  # the trimmed library is the one Qt used
    assert after[:-1] == before[:-1]
    assert "zh_CN ['阿', '李', '王', '张'" in after[5]  # pinyin order, not code points
