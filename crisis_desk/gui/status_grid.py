"""The status grid: a status per site and service, and each cell's details.

The grid is one Tab stop with the arrow keys inside; a click or Enter opens the
status menu, keys 1-6 set a status at once, and the details dialog (F2) gives a
cell's destination, appointments, ambulances and note per language. Every change
goes through ``EditingState.update``, whose undo stack takes it back (Ctrl+Z).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QWidget,
)

from crisis_desk.domain import editing as incident_edit
from crisis_desk.domain.model import (
    CANCELLED,
    DIVERTING_STATUSES,
    MAINTAINED,
    WILDCARD_SITE,
    Localised,
    PhrasedText,
    StatusEntry,
    is_emergency,
)
from crisis_desk.domain.phrasing import phrasebook_for, phrased, placeholder_values
from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import LANGUAGES, N_, _

from .item_models import CELL_ROLE, EditingState, StatusGridModel, status_label
from .phrases import (
    PHRASE_TINT,
    NotePhraseBox,
    phrase_tooltip,
)

CELL_APPOINTMENT_CHOICES = (
    (MAINTAINED, N_("Come as planned")),
    (CANCELLED, N_("Do not come, we will contact you")),
)
FOLLOW_RULE = N_("Follow the rule (now: %(rule)s)")
AMBULANCE_CHOICES = (
    (None, N_("By the status")),
    ("accepted", N_("Ambulances accepted")),
    ("diverted", N_("Ambulances diverted")),
)


def status_icon(status_id: str, size: int = 16) -> QIcon:
    """A small square in the status colour with its symbol: colour never alone."""
    status = STATUSES[status_id]
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(status.colour))
    painter = QPainter(pixmap)
    painter.setPen(QColor("white"))
    font = QFont()
    font.setPixelSize(size - 4)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, status.symbol)
    painter.end()
    return QIcon(pixmap)


class StatusNoteDialog(QDialog):
    """A cell's details: status, where it moved, its appointments and its note per language."""

    def __init__(self, state: EditingState, site_id: str, service_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self.site_id, self.service_id = state, site_id, service_id
        self.setWindowTitle(_("%(service)s at %(site)s") % {
            "service": state.service_name(service_id), "site": state.site_name(site_id)})
        cell = incident_edit.cell_state(state.incident, site_id, service_id)
        self.status_box = QComboBox(self)
        for status_id in STATUSES:
            self.status_box.addItem(status_icon(status_id), status_label(status_id), status_id)
        self.status_box.setCurrentIndex(max(self.status_box.findData(cell.effective), 0))
        self.moved_box = self._destinations(cell.to)
        self.appointments_box = self._appointments(cell.own_appointments)
        # Only an emergency department takes or diverts ambulances.
        self.emergency = is_emergency(state.organisation.service(service_id))
        self.ambulance_box = QComboBox(self)
        for value, label in AMBULANCE_CHOICES:
            self.ambulance_box.addItem(_(label), value)
        self.ambulance_box.setCurrentIndex(max(self.ambulance_box.findData(cell.ambulances), 0))
        self.diverted_box = self._destinations(cell.ambulances_to)
        self.diverted_box.insertItem(0, _("Not said"), "")  # never a place nobody chose
        self.diverted_box.setCurrentIndex(
            max(self.diverted_box.findData(cell.ambulances_to), 0) if cell.ambulances_to else 0)
        # The note as the documents word it; a phrased one stays phrased unless typed in.
        self.note_phrases = cell.note.phrases if isinstance(cell.note, PhrasedText) else ()
        shown = self._phrase_texts(self.note_phrases) if self.note_phrases else cell.note
        self.note_edits = {code: QLineEdit(shown.get(code, ""), self)
                           for code in state.incident.languages if code in LANGUAGES}
        self.phrase_box = NotePhraseBox(state.organisation, state.incident.languages, self)
        self._lay_out()
        self.status_box.currentIndexChanged.connect(self._status_changed)
        self.phrase_box.activated.connect(self._phrase_chosen)
        for edit in self.note_edits.values():
            edit.textEdited.connect(self._note_typed)
        self._status_changed()
        self._mark_note()
        self.resize(560, self.sizeHint().height())

    def _phrase_texts(self, phrases: tuple[str, ...]) -> Localised:
        """The phrases in every language, with where the service moved as now chosen."""
        org = self.state.organisation
        to = self.moved_box.currentData() if hasattr(self, "moved_box") else None
        entry = StatusEntry(self.site_id, self.service_id, "relocated", to=to)
        return phrased(phrases, {}, phrasebook_for(org),
                       placeholder_values(org, self.state.incident, entry))

    def _phrase_chosen(self) -> None:
        """A phrase picked for the note: every language's note is written at once."""
        phrase_id = self.phrase_box.currentData()
        if phrase_id is None:
            return
        self.note_phrases = (phrase_id,)
        texts = self._phrase_texts(self.note_phrases)
        for code, edit in self.note_edits.items():
            edit.setText(texts.get(code, ""))
        self._mark_note()

    def _note_typed(self) -> None:
        """Typing in a note makes it free text again, visibly."""
        self.note_phrases = ()
        self._mark_note()

    def _mark_note(self) -> None:
        for edit in self.note_edits.values():
            edit.setProperty("phraseBacked", bool(self.note_phrases))
            edit.setStyleSheet(PHRASE_TINT if self.note_phrases else "")
            edit.setToolTip(phrase_tooltip(self.note_phrases))

    def _destinations(self, current: str | None) -> QComboBox:
        """The group's other sites, then the partner hospitals (marked as such)."""
        box = QComboBox(self)
        org = self.state.organisation
        for place in incident_edit.relocation_targets(org, self.site_id):
            name = self.state.place_name(place.id)
            if org.has_site(place.id):
                box.addItem(name, place.id)
            else:
                box.addItem(_("%(name)s (partner hospital)") % {"name": name}, place.id)
        if current:
            box.setCurrentIndex(max(box.findData(current), 0))
        return box

    def _appointments(self, current: str | None) -> QComboBox:
        box = QComboBox(self)
        box.addItem("", None)  # worded by _status_changed: the rule depends on the status
        for value, label in CELL_APPOINTMENT_CHOICES:
            box.addItem(_(label), value)
        box.setCurrentIndex(max(box.findData(current), 0))
        box.setToolTip(_("What patients with an appointment for this service must do. By "
                         "default: the incident's rule, else what the status means."))
        return box

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.addRow(_("Status"), self.status_box)
        form.addRow(_("Moved to"), self.moved_box)
        form.addRow(_("Appointments"), self.appointments_box)
        form.addRow(_("Note from the phrasebook"), self.phrase_box)
        if self.emergency:
            form.addRow(_("Ambulances"), self.ambulance_box)
            form.addRow(_("Ambulances diverted to"), self.diverted_box)
            self.ambulance_box.currentIndexChanged.connect(self._ambulances_changed)
            self._ambulances_changed()
        else:  # outside the form they would sit in a corner of the dialog
            self.ambulance_box.hide()
            self.diverted_box.hide()
        for code, edit in self.note_edits.items():
            edit.setPlaceholderText(_("Optional note, e.g. where to go instead"))
            form.addRow(_("Note (%(language)s)") % {"language": LANGUAGES[code].native_name},
                        edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _status_changed(self) -> None:
        status = self.status_box.currentData()
        self.moved_box.setEnabled(status == "relocated" and self.moved_box.count() > 0)
        rule = incident_edit.appointments_by_rule(self.state.incident, status)
        label = dict(CELL_APPOINTMENT_CHOICES)[rule]
        self.appointments_box.setItemText(0, _(FOLLOW_RULE) % {"rule": _(label)})

    def _ambulances_changed(self) -> None:
        self.diverted_box.setEnabled(self.ambulance_box.currentData() != "accepted")

    def apply(self) -> None:
        status = self.status_box.currentData()
        to = self.moved_box.currentData() if status == "relocated" else None
        incident = incident_edit.with_status(self.state.incident, self.site_id,
                                             self.service_id, status, to)
        incident = incident_edit.with_appointments(incident, self.site_id, self.service_id,
                                                   self.appointments_box.currentData())
        if self.emergency:
            ambulances = self.ambulance_box.currentData()
            diverted = self.ambulance_box.currentData() == "diverted" or (
                ambulances is None and status in DIVERTING_STATUSES)
            incident = incident_edit.with_ambulances(
                incident, self.site_id, self.service_id, ambulances,
                (self.diverted_box.currentData() or None) if diverted else None)
        if self.note_phrases:
            incident = incident_edit.with_note_phrases(incident, self.site_id, self.service_id,
                                                       self.note_phrases)
        else:
            for code, edit in self.note_edits.items():
                incident = incident_edit.with_note(incident, self.site_id, self.service_id,
                                                   code, edit.text().strip())
        self.state.update(incident)


class StatusGrid(QTableView):
    """Click a cell (or press Enter) for the status menu; keys 1–6 set a status at once.

    The grid is one stop of the Tab chain: Tab leaves it (Qt's tables would
    otherwise walk every cell), the arrow keys move inside it, Enter opens the
    status menu and F2 the cell's note and details.
    """

    def __init__(self, state: EditingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editing = state
        self.grid_model = StatusGridModel(state, self)
        self.setModel(self.grid_model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(26)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.setShowGrid(True)
        self.setTabKeyNavigation(False)
        self.setToolTip(_("Click a cell to set the status; keys 1 to 6 set it directly. "
                          "Arrow keys move, Enter opens the statuses, F2 the note."))
        self.clicked.connect(self.open_menu)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Arriving by Tab, the arrow keys work at once: a cell is current."""
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.grid_model.rowCount():
            self.setCurrentIndex(self.grid_model.index(0, 0))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        index = self.currentIndex()
        if index.isValid() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.open_menu(index)
            return
        if index.isValid() and event.key() == Qt.Key.Key_F2:
            if self.grid_model.applies(index):
                self.edit_details(index)
            return
        digit = event.text()
        if index.isValid() and digit and digit in "123456":
            status = list(STATUSES)[int(digit) - 1]
            if status != "relocated":
                self.set_status(index, status)
                return
        if index.isValid() and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear(index)
            return
        super().keyPressEvent(event)

    def open_menu(self, index: QModelIndex) -> None:
        if not index.isValid() or not self.grid_model.applies(index):
            return
        menu = self.status_menu(index)
        rect = self.visualRect(index)
        menu.exec(self.viewport().mapToGlobal(QPoint(rect.left(), rect.bottom())))

    def status_menu(self, index: QModelIndex) -> QMenu:
        site_id, service_id = index.data(CELL_ROLE)
        menu = QMenu(self)
        for number, status_id in enumerate(STATUSES, start=1):
            if status_id == "relocated":
                sub = menu.addMenu(status_icon(status_id), status_label(status_id))
                for place in incident_edit.relocation_targets(self.editing.organisation,
                                                              site_id):
                    action = sub.addAction(self.editing.place_name(place.id))
                    action.triggered.connect(
                        lambda _checked=False, to=place.id: self.set_status(index,
                                                                            "relocated", to))
                continue
            action = menu.addAction(status_icon(status_id), f"&{number}  "
                                    f"{status_label(status_id)}")
            action.triggered.connect(
                lambda _checked=False, s=status_id: self.set_status(index, s))
        menu.addSeparator()
        own = incident_edit.entry_number(self.editing.incident, site_id, service_id)
        if own is not None:
            label = _("Clear (every site as before)") if site_id == WILDCARD_SITE \
                else _("Same as “All sites”")
            menu.addAction(label).triggered.connect(lambda: self.clear(index))
        menu.addAction(_("Note and details…")).triggered.connect(
            lambda: self.edit_details(index))
        return menu

    def set_status(self, index: QModelIndex, status: str, to: str | None = None) -> None:
        site_id, service_id = index.data(CELL_ROLE)
        self.editing.update(incident_edit.with_status(self.editing.incident, site_id, service_id,
                                                    status, to))

    def clear(self, index: QModelIndex) -> None:
        site_id, service_id = index.data(CELL_ROLE)
        self.editing.update(incident_edit.without_status(self.editing.incident, site_id,
                                                       service_id))

    def edit_details(self, index: QModelIndex) -> None:
        site_id, service_id = index.data(CELL_ROLE)
        dialog = StatusNoteDialog(self.editing, site_id, service_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            dialog.apply()

    def focus_cell(self, site_id: str, service_id: str) -> bool:
        index = self.grid_model.index_of(site_id, service_id)
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
