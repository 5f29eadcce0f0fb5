"""The main window's menus, keyboard shortcuts and toolbar (built once)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle

translate = QCoreApplication.translate

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class WindowActions:
    """The menus and actions of the main window, built by :func:`build_menus`."""

    recent_menu: QMenu
    view_menu: QMenu
    act_new: QAction
    act_open: QAction
    act_save: QAction
    act_save_as: QAction
    act_import: QAction
    act_export: QAction
    act_print: QAction
    act_undo: QAction
    act_redo: QAction
    act_find: QAction
    act_settings: QAction
    act_plan: QAction
    act_cancel: QAction
    act_pin: QAction
    act_remove: QAction
    act_up: QAction
    act_down: QAction
    act_add: QAction
    act_unavailable: QAction
    act_tiles: QAction
    act_uncovered: QAction
    act_guide: QAction
    language_actions: Any  # the interface-language menu's QActionGroup


def _action(  # noqa: PLR0917 -- a private helper: text, slot, shortcut, tip as in a menu table
    window: MainWindow,
    menu: Any,
    text: str,
    slot: Callable[[], Any],
    shortcut: Any = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        else:
            action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:  # noqa: PLR0915  # size: one statement per menu action; to split per menu
    """Menus, shortcuts and the toolbar of the main window."""
    mb = window.menuBar()
    file_menu = mb.addMenu(translate("Menus", "&File"))
    window.act_new = _action(
        window,
        file_menu,
        translate("Menus", "&New mission"),
        window.new_file,
        QKeySequence.StandardKey.New,
    )
    window.act_open = _action(
        window,
        file_menu,
        translate("Menus", "&Open…"),
        window.open_file,
        QKeySequence.StandardKey.Open,
    )
    window.recent_menu = file_menu.addMenu(translate("Menus", "Open &recent"))
    window.act_save = _action(
        window, file_menu, translate("Menus", "&Save"), window.save, QKeySequence.StandardKey.Save
    )
    window.act_save_as = _action(
        window,
        file_menu,
        translate("Menus", "Save &as…"),
        window.save_as,
        QKeySequence("Ctrl+Shift+S"),
    )
    file_menu.addSeparator()
    window.act_import = _action(
        window,
        file_menu,
        translate("Menus", "&Import layer…"),
        window.import_layer,
        QKeySequence("Ctrl+I"),
        translate(
            "Menus",
            "Import regions, DECs, stations, bases or teams from CSV, XLSX, GeoJSON, GPKG, SHP",
        ),
    )
    window.act_export = _action(
        window,
        file_menu,
        translate("Menus", "&Export outputs…"),
        window.export_outputs,
        QKeySequence("Ctrl+E"),
        translate("Menus", "Write assignments, route sheets, map and coverage files into a folder"),
    )
    window.act_print = _action(
        window,
        file_menu,
        translate("Menus", "&Print route sheets…"),
        window.print_sheets,
        QKeySequence.StandardKey.Print,
    )
    file_menu.addSeparator()
    _action(
        window, file_menu, translate("Menus", "&Quit"), window.close, QKeySequence.StandardKey.Quit
    )

    edit_menu = mb.addMenu(translate("Menus", "&Edit"))
    window.act_undo = window.undo_stack.createUndoAction(window, translate("Menus", "&Undo"))
    window.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
    window.act_redo = window.undo_stack.createRedoAction(window, translate("Menus", "&Redo"))
    window.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addAction(window.act_undo)
    edit_menu.addAction(window.act_redo)
    edit_menu.addSeparator()
    window.act_find = _action(
        window,
        edit_menu,
        translate("Menus", "&Find…"),
        window.browser.search.setFocus,
        QKeySequence.StandardKey.Find,
    )
    window.act_settings = _action(
        window,
        edit_menu,
        translate("Menus", "Mission &settings…"),
        window.edit_settings,
        QKeySequence("Ctrl+,"),
    )

    plan_menu = mb.addMenu(translate("Menus", "&Plan"))
    window.act_plan = _action(
        window,
        plan_menu,
        translate("Menus", "&Plan mission…"),
        window.plan_dialog,
        QKeySequence("Ctrl+R"),
        translate("Menus", "Plan every available team's day"),
    )
    window.act_cancel = _action(
        window, plan_menu, translate("Menus", "&Cancel planning"), window.cancel_plan, "Esc"
    )
    plan_menu.addSeparator()
    window.act_pin = _action(
        window, plan_menu, translate("Menus", "Pin/unpin stop"), window.pin_selected, "Ctrl+Shift+P"
    )
    window.act_remove = _action(
        window, plan_menu, translate("Menus", "Remove stop"), window.remove_selected, "Delete"
    )
    window.act_up = _action(
        window,
        plan_menu,
        translate("Menus", "Move stop earlier"),
        lambda: window.move_selected(-1),
        "Ctrl+Up",
    )
    window.act_down = _action(
        window,
        plan_menu,
        translate("Menus", "Move stop later"),
        lambda: window.move_selected(1),
        "Ctrl+Down",
    )
    window.act_add = _action(
        window,
        plan_menu,
        translate("Menus", "Add station to team…"),
        window.add_station_dialog,
        "Ctrl+Shift+A",
    )
    window.act_unavailable = _action(
        window,
        plan_menu,
        translate("Menus", "Toggle team available"),
        window.toggle_team_available,
        "Ctrl+Shift+U",
    )

    window.view_menu = mb.addMenu(translate("Menus", "&View"))
    window.act_tiles = QAction(
        translate("Menus", "Background map from the &internet (OpenStreetMap)"), window
    )
    window.act_tiles.setCheckable(True)
    window.act_tiles.setChecked(window.map.tiles)
    window.act_tiles.setStatusTip(
        translate(
            "Menus",
            "Off by default: the map works offline. On: map tiles are downloaded from "
            "openstreetmap.org (the map area you look at is sent to it).",
        )
    )
    window.act_tiles.toggled.connect(window.set_map_tiles)
    window.view_menu.addAction(window.act_tiles)
    window.act_uncovered = _action(
        window,
        window.view_menu,
        translate("Menus", "&What is not covered"),
        window.show_uncovered,
        QKeySequence("Ctrl+Shift+N"),
        translate("Menus", "Stations, DECs and regions the plan does not observe, per phase"),
    )
    _language_menu(window, window.view_menu.addMenu(translate("Menus", "Interface &language")))
    window.view_menu.addSeparator()
    for dock in (
        window.browser_dock,
        window.tables_dock,
        window.coverage_dock,
        window.uncovered_dock,
    ):
        window.view_menu.addAction(dock.toggleViewAction())

    help_menu = mb.addMenu(translate("Menus", "&Help"))
    window.act_guide = _action(
        window,
        help_menu,
        translate("Menus", "&User guide"),
        window.user_guide,
        QKeySequence.StandardKey.HelpContents,
        translate("Menus", "The user guide, offline"),
    )
    from ui.getting_started import add_help_actions

    add_help_actions(window, help_menu)  # Getting started, Open log folder
    _action(window, help_menu, translate("Menus", "&About STO Planner"), window.about)

    style = window.style()
    icons = {
        window.act_open: QStyle.StandardPixmap.SP_DialogOpenButton,
        window.act_save: QStyle.StandardPixmap.SP_DialogSaveButton,
        window.act_import: QStyle.StandardPixmap.SP_FileDialogNewFolder,
        window.act_export: QStyle.StandardPixmap.SP_DirOpenIcon,
        window.act_plan: QStyle.StandardPixmap.SP_MediaPlay,
        window.act_cancel: QStyle.StandardPixmap.SP_MediaStop,
        window.act_undo: QStyle.StandardPixmap.SP_ArrowBack,
        window.act_redo: QStyle.StandardPixmap.SP_ArrowForward,
    }
    for action, pixmap in icons.items():
        action.setIcon(style.standardIcon(pixmap))  # native icons of the platform style
    tools = window.addToolBar(translate("Menus", "Main"))
    tools.setObjectName("toolbar_main")
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action in (window.act_open, window.act_save, window.act_import, window.act_export):
        tools.addAction(action)
    tools.addSeparator()
    tools.addAction(window.act_plan)
    tools.addAction(window.act_undo)
    tools.addAction(window.act_redo)
    window._fill_recent()


def _language_menu(window: MainWindow, menu: Any) -> None:
    """System default / English / Русский; applies at the next start."""
    from PySide6.QtGui import QActionGroup
    from PySide6.QtWidgets import QMessageBox

    from ui import i18n

    group = QActionGroup(window)
    chosen = i18n.chosen_language()
    choices = [("", translate("Menus", "System default")), *list(i18n.LANGUAGES.items())]
    for code, name in choices:
        action = menu.addAction(name)
        action.setCheckable(True)
        action.setChecked(code == chosen)
        action.setData(code)
        group.addAction(action)

        def choose(_checked: bool = False, code: str = code) -> None:
            i18n.set_preferred_language(code)
            QMessageBox.information(
                window,
                translate("Menus", "Interface language"),
                translate("Menus", "The new language is used from the next start of STO Planner."),
            )

        action.triggered.connect(choose)
    window.language_actions = group
