"""Qt models that adapt the core's objects for the views; no rule lives here.

``EditingState`` holds the organisation and the incident being written and
announces every change; ``StatusGridModel`` shows services × sites;
``ProblemListModel`` lists the checker's findings.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QUndoStack

from crisis_desk.domain import editing as incident_edit
from crisis_desk.domain.model import (
    CANCELLED,
    MAINTAINED,
    WILDCARD_SITE,
    Incident,
    Localised,
    Organisation,
)
from crisis_desk.domain.phrasing import bind_phrases
from crisis_desk.domain.problems import Problem, Severity
from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import N_, _, interface_language

from .undo import IncidentEdit

CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # (site id, service id)
# What Qt may pass to a model's methods: views hand over persistent indexes too.
AnyIndex = QModelIndex | QPersistentModelIndex
OPERATIONAL_BACKGROUND = QColor("#eef6f0")
# Marks a cell whose patients must do otherwise than its status says by default.
APPOINTMENT_MARKERS = {MAINTAINED: "✓", CANCELLED: "⊘"}
APPOINTMENT_TIPS = {
    MAINTAINED: N_("Unlike the usual rule for this status, patients with an appointment "
                   "come as planned."),
    CANCELLED: N_("Unlike the usual rule for this status, patients with an appointment do "
                  "not come; they will be contacted."),
}
UNAVAILABLE_BACKGROUND = QColor("#e4e4e4")


def pick_text(texts: Localised, preferred: tuple[str, ...] = ()) -> str:
    """A text in the interface language, else in a preferred language, else any."""
    for code in (interface_language(), *preferred):
        if texts.get(code, "").strip():
            return texts[code]
    return next((t for t in texts.values() if t.strip()), "")


def status_label(status_id: str) -> str:
    """A status's symbol and wording in the interface language: '■ Suspended'."""
    status = STATUSES[status_id]
    return f"{status.symbol} {_(status.label)}"


class EditingState(QObject):
    """The organisation and the incident being written; every edit goes through here."""

    changed = Signal()  # the incident changed (texts, statuses, header)
    languages_changed = Signal()  # the incident's languages changed: text columns differ
    organisation_changed = Signal()

    def __init__(self, organisation: Organisation, incident: Incident,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.organisation = organisation
        self.incident = incident
        self.revision = 0  # counts edits, so autosave knows what it has saved
        self.undo_stack = QUndoStack(self)

    def update(self, incident: Incident, merge_key: Hashable | None = None) -> None:
        """Replace the incident by an edited copy, which Ctrl+Z can take back.

        Edits with the same ``merge_key`` one after the other (typing in one
        field) are taken back together.
        """
        if incident == self.incident:
            return
        before = self.incident
        self._apply(incident)
        self.undo_stack.push(IncidentEdit(self._apply, before, incident, merge_key))

    def _apply(self, incident: Incident) -> None:
        """Show ``incident`` everywhere (an edit, or an undo or redo of one)."""
        if incident == self.incident:
            return
        languages_differ = incident.languages != self.incident.languages
        self.incident = incident
        self.revision += 1
        if languages_differ:
            self.languages_changed.emit()
        self.changed.emit()

    def replace_all(self, organisation: Organisation, incident: Incident) -> None:
        """Load another organisation and incident (import, next update, reload)."""
        self.undo_stack.clear()  # the edits belonged to what was open before
        self.organisation = organisation
        self.incident = incident
        self.revision += 1
        self.organisation_changed.emit()
        self.languages_changed.emit()
        self.changed.emit()

    def set_organisation(self, organisation: Organisation) -> None:
        self.organisation = organisation
        self.revision += 1
        self.organisation_changed.emit()
        self.changed.emit()

    def site_name(self, site_id: str) -> str:
        if site_id == WILDCARD_SITE:
            return _("All sites")
        if not self.organisation.has_site(site_id):
            return site_id
        return pick_text(self.organisation.site(site_id).name, self.incident.languages)

    def place_name(self, place_id: str) -> str:
        """Where a relocated service went: a site's name, else a partner's, else the id."""
        if self.organisation.has_site(place_id) or not self.organisation.has_partner(place_id):
            return self.site_name(place_id)
        return pick_text(self.organisation.partner(place_id).name, self.incident.languages)

    def service_name(self, service_id: str) -> str:
        if not self.organisation.has_service(service_id):
            return service_id
        return pick_text(self.organisation.service(service_id).name, self.incident.languages)


class StatusGridModel(QAbstractTableModel):
    """Services (rows) × "All sites" then each site (columns); each cell a status."""

    def __init__(self, state: EditingState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        state.changed.connect(self._refresh)
        state.organisation_changed.connect(self._reset)

    # -- shape
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.state.organisation.services)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.state.organisation.sites) + 1

    def site_id(self, column: int) -> str:
        return WILDCARD_SITE if column == 0 else self.state.organisation.sites[column - 1].id

    def service_id(self, row: int) -> str:
        return self.state.organisation.services[row].id

    def index_of(self, site_id: str, service_id: str) -> QModelIndex:
        columns = [WILDCARD_SITE, *(s.id for s in self.state.organisation.sites)]
        rows = [s.id for s in self.state.organisation.services]
        if site_id not in columns or service_id not in rows:
            return QModelIndex()
        return self.index(rows.index(service_id), columns.index(site_id))

    def applies(self, index: AnyIndex) -> bool:
        """Does the service exist at this column's site? (always for "All sites")"""
        site_id = self.site_id(index.column())
        service = self.state.organisation.services[index.row()]
        return site_id == WILDCARD_SITE or service.exists_at(site_id)

    # -- content
    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.state.site_name(self.site_id(section))
        return self.state.service_name(self.service_id(section))

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid() or not self.applies(index):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        site_id, service_id = self.site_id(index.column()), self.service_id(index.row())
        if role == CELL_ROLE:
            return site_id, service_id
        if not self.applies(index):
            return self._unavailable(role)
        # Notes as the documents word them (phrases in the organisation's words).
        shown = bind_phrases(self.state.organisation, self.state.incident)
        cell = incident_edit.cell_state(shown, site_id, service_id)
        return self._cell_data(cell, site_id, role)

    def _unavailable(self, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return "—"
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(UNAVAILABLE_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("This service does not exist at this site.")
        return None

    def _cell_data(self, cell: incident_edit.CellState, site_id: str, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell_text(cell, site_id)
        status = STATUSES.get(cell.status) if cell.status is not None else None
        colour = status.colour if status is not None and status.severity > 0 else None
        affected = colour is not None
        if role == Qt.ItemDataRole.BackgroundRole:
            if colour is not None:
                return QBrush(QColor(colour))
            return QBrush(OPERATIONAL_BACKGROUND) if site_id != WILDCARD_SITE else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("white")) if affected else None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(cell.inherited)
            font.setBold(affected and not cell.inherited)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cell, site_id)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._cell_text(cell, site_id)
        return None

    def _cell_text(self, cell: incident_edit.CellState, site_id: str) -> str:
        if cell.status is None:
            return "" if site_id == WILDCARD_SITE else status_label("operational")
        if cell.status not in STATUSES:
            return f"? {cell.status}"
        text = status_label(cell.status)
        if cell.status == "relocated" and cell.to:
            text = f"{STATUSES['relocated'].symbol} {self.state.place_name(cell.to)}"
        if cell.appointments_unusual:  # first, so that eliding a long name never hides it
            text = f"{APPOINTMENT_MARKERS[cell.appointments]} {text}"
        if any(n.strip() for n in cell.note.values()):
            text += "  ✎"
        if cell.inherited:
            text += "  ⇠"
        return text

    def _tooltip(self, cell: incident_edit.CellState, site_id: str) -> str:
        lines = []
        if cell.status in STATUSES:
            lines.append(_(STATUSES[cell.status].description))
        elif site_id == WILDCARD_SITE:
            lines.append(_("Click to set a status for every site at once."))
        if cell.inherited:
            lines.append(_("Follows the “All sites” column; click to set this site apart."))
        if cell.appointments_unusual:
            lines.append(f"{APPOINTMENT_MARKERS[cell.appointments]} "
                         f"{_(APPOINTMENT_TIPS[cell.appointments])}")
        lines += [f"{code.upper()}: {text}" for code, text in cell.note.items() if text.strip()]
        return "\n".join(lines)

    # -- updates
    def _refresh(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()


class ProblemListModel(QAbstractListModel):
    """The checker's findings, errors first, each saying where it is."""

    PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, state: EditingState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.problems: list[Problem] = []

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self.problems = sorted(problems, key=lambda p: p.severity != Severity.ERROR)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.problems)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        problem = self.problems[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "✖" if problem.severity == Severity.ERROR else "▲"
            return f"{mark}  {describe_field(problem, self.state)} — {problem.message}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#b3261e" if problem.severity == Severity.ERROR else "#7a4d00"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Double-click to go to this field.")
        if role == self.PROBLEM_ROLE:
            return problem
        return None

    @property
    def error_count(self) -> int:
        return sum(p.severity == Severity.ERROR for p in self.problems)


FIELD_LABELS = {
    "title": N_("Title"),
    "facts": N_("What happened"),
    "patient_advice": N_("Advice to patients"),
    "unknowns": N_("What is not yet known"),
    "actions": N_("What is being done"),
    "appointment_exceptions": N_("Exceptions to the appointment rule"),
    "quote": N_("Spokesperson's quote"),
    "data_consequences": N_("Consequences for patient data"),
    "data_measures": N_("Measures for patient data"),
    "issued": N_("Issued"),
    "next_update": N_("Next update"),
    "started": N_("Started"),
    "kind": N_("Kind"),
    "languages": N_("Languages"),
    "sms": N_("SMS"),
    "social": N_("Social media post"),
}


def describe_field(problem: Problem, state: EditingState) -> str:
    """Where a problem is, in words: 'What happened (NL)', 'Dialysis at Nivelles'."""
    name = problem.field
    if name in FIELD_LABELS:
        label = _(FIELD_LABELS[name])
    elif name.startswith("status["):
        label = _describe_entry(name, state)
    elif name.startswith("organisation"):
        label = _("Organisation profile: %(field)s") % {"field": name.partition(".")[2] or name}
    else:
        label = name
    return f"{label} ({problem.language.upper()})" if problem.language else label


def _describe_entry(name: str, state: EditingState) -> str:
    number = int(name[len("status["):name.index("]")])
    entry = incident_edit.entry_at(state.incident, number)
    if entry is None:
        return name
    return _("%(service)s at %(site)s") % {"service": state.service_name(entry.service),
                                          "site": state.site_name(entry.site)}

