"""The teams tree of the Observers view: each team with its observers and the soft
rules it breaks (names translated here; the reasons come from the planner, in
English), and drag and drop of an observer onto a team or another observer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from planner.model import Mission
from planner.teams.edit import explain_teams
from ui.i18n import QT_TRANSLATE_NOOP, planner_text

translate = QCoreApplication.translate
ROLE_ID = Qt.ItemDataRole.UserRole

#: soft rule id (planner.teams.rules.Broken.rule) -> its name in the interface
RULE_NAMES = {
    "mixed_gender": QT_TRANSLATE_NOOP("Observers", "not mixed gender"),
    "experience": QT_TRANSLATE_NOOP("Observers", "no experienced observer"),
    "priority_base": QT_TRANSLATE_NOOP("Observers", "priority base without experience"),
    "local_language": QT_TRANSLATE_NOOP("Observers", "no local-language speaker"),
    "prefer_with": QT_TRANSLATE_NOOP("Observers", "wish to work together unmet"),
    "delegation": QT_TRANSLATE_NOOP("Observers", "against the delegation policy"),
}


def rule_name(rule: str) -> str:
    return translate("Observers", RULE_NAMES[rule]) if rule in RULE_NAMES else rule


class TeamTree(QTreeWidget):
    """Teams with their observers; an observer dropped on a team moves there, dropped
    on another observer the two swap. The tree itself never changes: it asks the
    view, which checks the hard rules and emits the new mission."""

    dropped = Signal(str, str, str)  # observer_id, onto "team"/"observer", target id

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderLabels(
            [
                translate("Observers", "Team / observer"),
                translate("Observers", "Soft rules broken"),
            ]
        )
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 -- Qt's name
        source = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        event.ignore()  # the view rebuilds the tree from the new mission
        if source is None or target is None or source.parent() is None:
            return
        oid = str(source.data(0, ROLE_ID))
        if target.parent() is None:
            self.dropped.emit(oid, "team", str(target.data(0, ROLE_ID)))
        else:
            self.dropped.emit(oid, "observer", str(target.data(0, ROLE_ID)))

    def show_teams(self, m: Mission) -> None:
        """The mission's teams with their observers and the soft rules each breaks."""
        broken = explain_teams(m)
        by_id = m.observer_by_id
        self.clear()
        for t in m.teams:
            if not t.available or not t.observer_ids:
                continue
            rules = broken.get(t.team_id, ())
            top = QTreeWidgetItem(
                [f"{t.team_id} · {t.base_id}", ", ".join(rule_name(b.rule) for b in rules)]
            )
            top.setData(0, ROLE_ID, t.team_id)
            top.setToolTip(
                1,
                "\n".join(
                    f"{rule_name(b.rule)}: {planner_text(b.reason)}"
                    if b.reason
                    else rule_name(b.rule)
                    for b in rules
                )
                or translate("Observers", "No soft rule broken"),
            )
            top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsDragEnabled)
            for oid in t.observer_ids:
                o = by_id.get(oid)
                text = (
                    translate(
                        "Observers",
                        "{id}  {name} ({nationality}, {gender}, {languages}, {n} missions)",
                    ).format(
                        id=oid,
                        name=o.name,
                        nationality=o.nationality,
                        gender=o.gender,
                        languages=", ".join(o.languages),
                        n=o.experience,
                    )
                    if o
                    else oid
                )
                child = QTreeWidgetItem([text, ""])
                child.setData(0, ROLE_ID, oid)
                top.addChild(child)
            self.addTopLevelItem(top)
        self.expandAll()
        self.resizeColumnToContents(0)
