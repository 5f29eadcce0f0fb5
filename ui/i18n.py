"""The interface language: Qt translators, the locale for numbers and dates.

Strings in ``ui/`` are marked with ``QCoreApplication.translate("Context", ...)``
and collected by ``pyside6-lupdate`` into ``ui/translations/sto_planner_<lang>.ts``
(``scripts/update-translations.sh``); ``pyside6-lrelease`` compiles them to
``.qm`` files, which are committed. Qt's own strings (standard buttons, file
dialogs) come from ``qtbase_<lang>.qm`` / ``qtwebengine_<lang>.qm`` shipped with
PySide6. The language is an application preference ("" = the system's).
Messages the planner builds at run time (:mod:`planner.i18n`: gettext catalogues in
``planner/locale``) follow the same language: :func:`install` sets it and
:func:`planner_text` renders them.
"""

from __future__ import annotations

import errno
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from planner import i18n as planner_i18n
from planner.errors import InputError, Problem
from planner.i18n import Message
from ui import app_settings

I18N_DIR = Path(__file__).resolve().parent / "translations"
#: language code -> its own name (shown in the settings in that language)
LANGUAGES = {"en": "English", "ru": "Русский"}
CATALOGUE = "sto_planner"

translate = QCoreApplication.translate
_installed: list[QTranslator] = []


def preferred_language() -> str:
    """The language chosen in the preferences, else the system's if we have it, else en."""
    chosen = str(app_settings.store().value("ui/language", "") or "")
    if chosen in LANGUAGES:
        return chosen
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def set_preferred_language(lang: str) -> None:
    """ "" = follow the system. Takes effect at the next start."""
    app_settings.store().setValue("ui/language", lang if lang in LANGUAGES else "")


def chosen_language() -> str:
    return str(app_settings.store().value("ui/language", "") or "")


def install(lang: str | None = None) -> str:
    """Install the translators for ``lang`` (default: preferred); returns the language."""
    app = QCoreApplication.instance()
    lang = lang or preferred_language()
    for tr in _installed:
        if app is not None:
            app.removeTranslator(tr)
    _installed.clear()
    planner_i18n.set_language(lang)
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Russian if lang == "ru" else QLocale.Language.English,
            QLocale.Country.Kazakhstan if lang == "ru" else QLocale.Country.UnitedKingdom,
        )
    )
    if lang == "en" or app is None:
        return lang
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (
        (f"{CATALOGUE}_{lang}", str(I18N_DIR)),
        (f"qtbase_{lang}", qt_dir),
        (f"qtwebengine_{lang}", qt_dir),
    ):
        tr = QTranslator(app)
        if tr.load(name, folder):
            app.installTranslator(tr)
            _installed.append(tr)
    return lang


def installed_catalogues() -> list[str]:
    return [tr.filePath() for tr in _installed]


def phase_name(phase: str) -> str:
    names = {
        "opening": translate("Phase", "opening"),
        "voting": translate("Phase", "voting"),
        "counting": translate("Phase", "counting"),
        "tabulation": translate("Phase", "tabulation"),
        "lunch": translate("Phase", "break"),
        "travel": translate("Phase", "travel"),
    }
    return names.get(phase, phase)


def locale() -> QLocale:
    """The interface's locale; the bare "C" locale (no thousands separator) reads as
    British English."""
    loc = QLocale()
    if loc.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return loc


def date_time(iso: str) -> str:
    """An ISO 8601 UTC time as the user reads it: local time, the locale's short form
    (``30/11/2026 22:45`` in English, ``30.11.2026 22:45`` in Russian)."""
    from PySide6.QtCore import QDateTime, Qt

    value = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not value.isValid():
        return iso
    return locale().toString(value.toLocalTime(), QLocale.FormatType.ShortFormat)


def number(value: float | int, decimals: int = 0) -> str:
    """A number in the interface's locale (thousands separated)."""
    loc = locale()
    if isinstance(value, int) and not isinstance(value, bool):
        return loc.toString(value)
    return loc.toString(float(value), "f", decimals)


def clock(minutes: float) -> str:
    from planner.presentation import format_clock

    return format_clock(minutes, next_day=translate("Time", "+1d"))


def duration(minutes: float) -> str:
    from planner.presentation import format_duration

    return format_duration(minutes, hours=translate("Time", "h"), mins=translate("Time", "min"))


def planner_text(text: str) -> str:
    """A string made by ``planner/`` in the interface language: a run-time message
    (:class:`planner.i18n.Message`: why a day does not work, a rule a plan breaks, a
    re-plan warning) from the planner's own catalogue; a fixed string (settings labels
    and help, group names...) from the Qt catalogue, where :mod:`ui.planner_strings`
    (generated, kept in sync by a test) lists it for the translators.
    """
    if isinstance(text, Message):
        return text.render()
    return translate("Planner", text) if text else text


def problem_text(problem: Problem) -> str:
    """An input problem in the interface language: ``FILE:ROW:COLUMN: message`` (the
    message alone when it belongs to no file, as the planner's own checks do)."""
    text = planner_i18n.localized(problem.message)
    if not problem.file and not problem.row:
        return text
    column = planner_i18n.localized(problem.column)
    return f"{problem.file}:{problem.row}:{column}: {text}"


def error_text(exc: BaseException) -> str:
    """An error in the interface language: the planner's message, if it has one (each
    problem of an :class:`InputError`); for an error a library raised (the system's
    OSError, YAML, GDAL/pyogrio, SQLite), what happened and what to do, with the
    library's own (untranslated) words as the details."""
    if isinstance(exc, InputError):
        return "\n".join(problem_text(p) for p in exc.problems)
    args = exc.args
    if len(args) == 1 and isinstance(args[0], Message):
        return planner_text(args[0])
    library = library_error_text(exc)
    return library if library is not None else str(exc)


def library_error_text(exc: BaseException) -> str | None:
    """What a library's error means and what to do, in the interface language, then
    ``Details:`` and the library's own words; None for an error of no known library."""
    detail = " ".join(str(exc).split())
    module = type(exc).__module__ or ""
    if isinstance(exc, OSError):
        if exc.strerror:
            name = exc.filename if exc.filename is not None else ""
            detail = f"{name}: {exc.strerror}".lstrip(": ")
        what = _os_error_meaning(exc)
    elif module.startswith("yaml"):
        what = translate(
            "Errors",
            "The file is not valid YAML. Correct it where the details point (line and "
            "column; a text editor shows them), save it and try again.",
        )
    elif module.startswith(("pyogrio", "fiona", "osgeo", "pyproj")):
        what = translate(
            "Errors",
            "The geodata library (GDAL) could not read the file. Check that it is a "
            "GeoPackage, GeoJSON or Shapefile (with its .shx, .dbf and .prj beside it) "
            "that opens in QGIS, then try again.",
        )
    elif module.startswith("sqlite3"):
        what = translate(
            "Errors",
            "The mission file (an SQLite database) could not be read or written. Close any "
            "other program that has it open (QGIS) and try again; if that does not help, "
            "open a backup copy.",
        )
    else:
        return None
    if len(detail) > MAX_DETAIL:  # GDAL may echo a whole bad input
        detail = detail[: MAX_DETAIL - 3] + "..."
    return what + "\n\n" + translate("Errors", "Details: {detail}").format(detail=detail)


# Characters of a library's own text kept in :func:`library_error_text`.
MAX_DETAIL = 300


def _os_error_meaning(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return translate(
            "Errors",
            "A file or folder was not found. Check that it still exists (a USB stick or "
            "network drive may have been removed) and try again.",
        )
    if isinstance(exc, PermissionError):
        return translate(
            "Errors",
            "STO Planner is not allowed to use this file or folder. Choose a folder you can "
            "write to (for example Documents), or close the program that holds the file, "
            "and try again.",
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return translate("Errors", "The disk is full. Free some space and try again.")
    return translate(
        "Errors",
        "The system could not read or write a file. Check the disk or drive and try again.",
    )


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 -- the name lupdate knows
    """Mark ``text`` for translation in ``context`` without translating it yet (typed
    stand-in for PySide6's, which returns ``object``); translate it when shown."""
    del context
    return text
