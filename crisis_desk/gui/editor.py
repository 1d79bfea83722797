"""The communication officer's editor: header, status grid, free texts, check panel.

Every widget writes through ``EditingState.update`` with an edited copy of the
incident made by ``incident_edit``; every widget refreshes itself from the
state, so an import or a new update simply replaces the state.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QModelIndex, QPoint, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crisis_desk.checking import check
from crisis_desk.domain import editing as incident_edit
from crisis_desk.domain.incident_kinds import KINDS
from crisis_desk.domain.model import (
    CANCELLED,
    DIVERTING_STATUSES,
    MAINTAINED,
    WILDCARD_SITE,
    Incident,
    Localised,
    PhrasedText,
    StatusEntry,
    is_emergency,
)
from crisis_desk.domain.phrasing import bind_phrases, phrasebook_for, phrased, placeholder_values
from crisis_desk.domain.problems import Problem
from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import LANGUAGES, N_, _, _n

from .item_models import CELL_ROLE, EditingState, ProblemListModel, StatusGridModel, status_label
from .phrases import (
    PHRASE_TINT,
    NotePhraseBox,
    PhraseOffer,
    is_phrase_backed,
    phrase_tooltip,
)
from .undo import leave_undo_to_the_window
from .workers import BackgroundWorker

CHECK_DELAY_MS = 400
NEXT_UPDATE_PROPOSAL = timedelta(hours=6)
TEXT_LABELS = {
    "title": (N_("Title"), N_("Headline of every document; the kind's wording is used "
                              "when it is empty.")),
    "facts": (N_("What happened"), N_("The confirmed facts, in a few sentences.")),
    "patient_advice": (N_("Advice to patients"), N_("What patients and visitors should do.")),
    "unknowns": (N_("What is not yet known"), N_("Optional: replaces the kind's standard "
                                                 "wording.")),
    "actions": (N_("What is being done"), N_("Optional: replaces the kind's standard "
                                             "wording.")),
    "appointment_exceptions": (
        N_("Exceptions to the appointment rule"),
        N_("Optional: who does otherwise than the rule, e.g. “Women 36 weeks pregnant or "
           "more come as planned.”")),
    "quote": (N_("Spokesperson's quote"),
              N_("Optional: the spokesperson's words, quoted in the press statement.")),
    "data_consequences": (
        N_("Consequences for patient data"),
        N_("Only used when patient data may be at risk: what may have happened to the "
           "data; replaces the kind's standard wording.")),
    "data_measures": (
        N_("Measures for patient data"),
        N_("Only used when patient data may be at risk: what is done to protect the data "
           "and what patients should watch for; replaces the kind's standard wording.")),
    "staff_instructions": (
        N_("Instructions for staff"),
        N_("Optional: what staff must do now; printed in the staff briefing.")),
}
SHORT_TEXTS = ("title",)  # one line; the others may take a few sentences
TALL_TEXTS = ("facts", "patient_advice")
APPOINTMENT_CHOICES = (
    (None, N_("Follows the statuses")),
    ("maintained", N_("Come unless contacted")),
    ("cancelled", N_("Stay away unless contacted")),
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


# -- header -------------------------------------------------------------------------------

def to_qdatetime(value: datetime, zone: str) -> QDateTime:
    """A moment shown as wall-clock time in the organisation's time zone."""
    local = value.astimezone(ZoneInfo(zone))
    return QDateTime(QDate(local.year, local.month, local.day),
                     QTime(local.hour, local.minute))


def from_qdatetime(value: QDateTime, zone: str) -> datetime:
    date, clock = value.date(), value.time()
    return datetime(date.year(), date.month(), date.day(), clock.hour(), clock.minute(),
                    tzinfo=ZoneInfo(zone))


class HeaderForm(QGroupBox):
    """Kind, times, update number, data risk, appointment rule and languages."""

    def __init__(self, state: EditingState, parent: QWidget | None = None) -> None:
        super().__init__(_("Incident"), parent)
        self.state = state
        self.kind_box = QComboBox(self)
        for kind in KINDS.values():
            self.kind_box.addItem(_(kind.name), kind.id)
        self.update_box = QSpinBox(self)
        self.update_box.setRange(1, 999)
        self.update_box.setPrefix(_("Update no. "))
        self.started_edit = self._moment_edit()
        self.issued_edit = self._moment_edit()
        self.next_check = QCheckBox(_("Next update"), self)
        self.next_edit = self._moment_edit()
        self.data_risk = QCheckBox(_("Patient data may be at risk"), self)
        self.appointments_box = QComboBox(self)
        for value, label in APPOINTMENT_CHOICES:
            self.appointments_box.addItem(_(label), value)
        self.language_checks = {code: QCheckBox(lang.native_name, self)
                                for code, lang in LANGUAGES.items()}
        self.physicians_edit = QLineEdit(self)
        self.physicians_edit.setPlaceholderText(_("The profile's, when empty"))
        self.physicians_edit.setToolTip(_("The direct line for physicians and ambulance "
                                          "dispatch, e.g. +32 63 55 00 50"))
        self._lay_out()
        self.refresh()
        self._connect()
        leave_undo_to_the_window(self.update_box, self.started_edit, self.issued_edit,
                                 self.next_edit)
        state.changed.connect(self.refresh)

    def _moment_edit(self) -> QDateTimeEdit:
        edit = QDateTimeEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        return edit

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.addWidget(QLabel(_("Kind")), 0, 0)
        grid.addWidget(self.kind_box, 0, 1)
        grid.addWidget(self.update_box, 0, 2)
        grid.addWidget(self.data_risk, 0, 3, 1, 2)
        grid.addWidget(QLabel(_("Started")), 1, 0)
        grid.addWidget(self.started_edit, 1, 1)
        grid.addWidget(QLabel(_("Issued")), 1, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.issued_edit, 1, 3)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_check)
        next_row.addWidget(self.next_edit, 1)
        grid.addLayout(next_row, 1, 4)
        grid.addWidget(QLabel(_("Appointments")), 2, 0)
        grid.addWidget(self.appointments_box, 2, 1)
        grid.addWidget(QLabel(_("Languages")), 2, 2, Qt.AlignmentFlag.AlignRight)
        languages = QHBoxLayout()
        for box in self.language_checks.values():
            languages.addWidget(box)
        languages.addStretch(1)
        grid.addLayout(languages, 2, 3, 1, 2)
        grid.addWidget(QLabel(_("Direct line for physicians")), 3, 0)
        grid.addWidget(self.physicians_edit, 3, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(4, 1)

    def _connect(self) -> None:
        self.kind_box.currentIndexChanged.connect(self._write)
        self.update_box.valueChanged.connect(self._write)
        for edit in (self.started_edit, self.issued_edit, self.next_edit):
            edit.dateTimeChanged.connect(self._write)
        self.next_check.toggled.connect(self._write)
        self.data_risk.toggled.connect(self._write)
        self.appointments_box.currentIndexChanged.connect(self._write)
        for box in self.language_checks.values():
            box.toggled.connect(self._write)
        self.physicians_edit.textEdited.connect(self._write)

    def refresh(self) -> None:
        incident, zone = self.state.incident, self.state.organisation.timezone
        widgets = [self.kind_box, self.update_box, self.started_edit, self.issued_edit,
                   self.next_check, self.next_edit, self.data_risk, self.appointments_box,
                   self.physicians_edit, *self.language_checks.values()]
        for widget in widgets:
            widget.blockSignals(True)
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(incident.kind), 0))
        self.update_box.setValue(incident.update)
        self.started_edit.setDateTime(to_qdatetime(incident.started, zone))
        self.issued_edit.setDateTime(to_qdatetime(incident.issued, zone))
        self.next_check.setChecked(incident.next_update is not None)
        self.next_edit.setEnabled(incident.next_update is not None)
        # Without a promised update the (disabled) field shows a sensible proposal, the
        # issue time plus six hours, never Qt's default of 1 January 2000.
        proposal = incident.next_update or incident.issued + NEXT_UPDATE_PROPOSAL
        self.next_edit.setDateTime(to_qdatetime(proposal, zone))
        self.data_risk.setChecked(incident.patient_data_at_risk)
        self.appointments_box.setCurrentIndex(
            max(self.appointments_box.findData(incident.appointments), 0))
        for code, box in self.language_checks.items():
            box.setChecked(code in incident.languages)
        if self.physicians_edit.text().strip() != incident.physicians_contact:
            self.physicians_edit.setText(incident.physicians_contact)
        for widget in widgets:
            widget.blockSignals(False)

    def _write(self) -> None:
        zone = self.state.organisation.timezone
        self.next_edit.setEnabled(self.next_check.isChecked())
        if self.next_check.isChecked() and self.state.incident.next_update is None:
            self.next_edit.blockSignals(True)
            self.next_edit.setDateTime(self.issued_edit.dateTime().addSecs(
                int(NEXT_UPDATE_PROPOSAL.total_seconds())))
            self.next_edit.blockSignals(False)
        current = self.state.incident.languages
        checked = {code for code, box in self.language_checks.items() if box.isChecked()}
        chosen = tuple(code for code in current if code in checked)
        chosen += tuple(code for code in self.language_checks
                        if code in checked and code not in chosen)
        self.state.update(replace(
            self.state.incident,
            kind=self.kind_box.currentData(),
            update=self.update_box.value(),
            started=from_qdatetime(self.started_edit.dateTime(), zone),
            issued=from_qdatetime(self.issued_edit.dateTime(), zone),
            next_update=(from_qdatetime(self.next_edit.dateTime(), zone)
                         if self.next_check.isChecked() else None),
            patient_data_at_risk=self.data_risk.isChecked(),
            appointments=self.appointments_box.currentData(),
            languages=chosen,
            physicians_contact=self.physicians_edit.text().strip(),
        ))

    def focus_field(self, field_name: str) -> bool:
        widget = {"kind": self.kind_box, "started": self.started_edit,
                  "issued": self.issued_edit, "next_update": self.next_edit,
                  "update": self.update_box, "appointments": self.appointments_box,
                  "physicians_contact": self.physicians_edit,
                  "languages": next(iter(self.language_checks.values()))}.get(field_name)
        if widget is None:
            return False
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


# -- status grid ------------------------------------------------------------------------

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


# -- free texts ---------------------------------------------------------------------------

class TextsPanel(QScrollArea):
    """The free texts, one column per language of the incident, side by side."""

    def __init__(self, state: EditingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.editors: dict[tuple[str, str], QLineEdit | QPlainTextEdit] = {}
        self.flagged: set[tuple[str, str | None]] = set()  # what the checker says is missing
        self.offer = PhraseOffer(self)
        self.offer.picked.connect(self.pick)
        self.rebuild()
        state.languages_changed.connect(self.rebuild)
        state.changed.connect(self.refresh)

    def rebuild(self) -> None:
        self.editors.clear()
        inner = QWidget(self)
        self.offer.setParent(inner)  # floats under the field being typed in
        self.offer.hide()
        grid = QGridLayout(inner)
        codes = [c for c in self.state.incident.languages if c in LANGUAGES]
        for column, code in enumerate(codes, start=1):
            header = QLabel(f"<b>{LANGUAGES[code].native_name}</b>", inner)
            grid.addWidget(header, 0, column)
            grid.setColumnStretch(column, 1)
        for row, (field_name, (label, hint)) in enumerate(TEXT_LABELS.items(), start=1):
            name = QLabel(_(label), inner)
            name.setToolTip(_(hint))
            name.setWordWrap(True)
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            for column, code in enumerate(codes, start=1):
                editor = self._editor(field_name, code, inner)
                editor.setToolTip(_(hint))
                grid.addWidget(editor, row, column)
                self.editors[(field_name, code)] = editor
        grid.setRowStretch(len(TEXT_LABELS) + 1, 1)
        self.setWidget(inner)
        self._restyle()

    def _editor(self, field_name: str, code: str,
                parent: QWidget) -> QLineEdit | QPlainTextEdit:
        text = getattr(self._shown(), field_name).get(code, "")
        editor: QLineEdit | QPlainTextEdit
        if field_name in SHORT_TEXTS:
            editor = line = QLineEdit(text, parent)
            line.textEdited.connect(lambda value, f=field_name, c=code: self._write(f, c, value))
        else:
            editor = box = QPlainTextEdit(text, parent)
            box.setTabChangesFocus(True)
            box.setUndoRedoEnabled(False)  # the window's undo covers every field at once
            box.setFixedHeight(78 if field_name in TALL_TEXTS else 56)
            box.textChanged.connect(
                lambda f=field_name, c=code, e=box: self._write(f, c, e.toPlainText()))
        editor.setObjectName(f"text-{field_name}-{code}")
        leave_undo_to_the_window(editor)
        return editor

    def _shown(self) -> Incident:
        """The incident as the documents word it: phrases in the organisation's words."""
        return bind_phrases(self.state.organisation, self.state.incident)

    def _write(self, field_name: str, code: str, text: str) -> None:
        # Typing in a phrase-backed field makes it free text, with the words it showed.
        self.state.update(incident_edit.with_text(self._shown(), field_name, code, text),
                          merge_key=(field_name, code))
        self.offer_phrases(field_name, code, text)

    def offer_phrases(self, field_name: str, code: str, text: str) -> list[str]:
        """Offer, under the field, the phrases matching the last words typed in it."""
        found = self.offer.offer(self.state.organisation, field_name, code, text)
        editor = self.editors.get((field_name, code))
        if found and editor is not None:
            below = editor.geometry().bottomLeft()
            self.offer.setGeometry(below.x(), below.y() + 2, max(editor.width(), 320),
                                   self.offer.maximumHeight())
            self.offer.raise_()
        return found

    def pick(self, field_name: str, phrase_id: str) -> None:
        """Write a phrase in every language of a free text at once."""
        self.state.update(incident_edit.with_phrase(self.state.incident, field_name,
                                                    phrase_id))

    def refresh(self) -> None:
        shown = self._shown()
        for (field_name, code), editor in self.editors.items():
            text = getattr(shown, field_name).get(code, "")
            current = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
            if current != text:
                editor.blockSignals(True)
                if isinstance(editor, QLineEdit):
                    editor.setText(text)
                else:
                    editor.setPlainText(text)
                editor.blockSignals(False)
        self._restyle()

    def mark_missing(self, problems: list[Problem]) -> None:
        """Outline in red the fields the checker says are missing."""
        self.flagged = {(p.field, p.language) for p in problems if p.severity == "error"}
        self._restyle()

    def _restyle(self) -> None:
        """Red for what is missing; tinted, with a tooltip saying so, for phrase-backed texts."""
        for (field_name, code), editor in self.editors.items():
            texts = getattr(self.state.incident, field_name)
            backed = is_phrase_backed(texts)
            editor.setProperty("phraseBacked", backed)
            style = PHRASE_TINT if backed else ""
            if (field_name, code) in self.flagged:
                style += "border: 2px solid #b3261e;"
            editor.setStyleSheet(style)
            editor.setToolTip(phrase_tooltip(texts.phrases) if isinstance(texts, PhrasedText)
                              and backed else _(TEXT_LABELS[field_name][1]))

    def focus_field(self, field_name: str, code: str | None) -> bool:
        candidates = [e for (f, c), e in self.editors.items()
                      if f == field_name and (code is None or c == code)]
        if not candidates:
            return False
        self.ensureWidgetVisible(candidates[0])
        candidates[0].setFocus(Qt.FocusReason.OtherFocusReason)
        return True


# -- check panel --------------------------------------------------------------------------

class CheckPanel(QWidget):
    """The checker's errors and warnings; activating one goes to its field."""

    problem_activated = Signal(object)  # Problem
    checked = Signal(list)

    def __init__(self, state: EditingState, worker: BackgroundWorker,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.worker = worker
        self.list_model = ProblemListModel(state, self)
        self.summary = QLabel(self)
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.list_view = QListView(self)
        self.list_view.setModel(self.list_model)
        self.list_view.setWordWrap(True)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.activated.connect(self._activated)
        self.list_view.doubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list_view, 1)
        self._checking = False
        self._stale = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.run_check)
        state.changed.connect(self._timer.start)  # F8 (next_problem) is in the window's menu

    def run_check(self) -> None:
        if self._checking:
            self._stale = True
            return
        self._checking = True
        self._stale = False
        org, incident = self.state.organisation, self.state.incident
        self.worker.submit(lambda: check(org, incident), self._show, self._failed)

    def _show(self, problems: list[Problem]) -> None:
        self._checking = False
        self.list_model.set_problems(problems)
        errors = self.list_model.error_count
        warnings = len(problems) - errors
        if not problems:
            self.summary.setText("✔ " + _("No problem found: ready to submit."))
            self.summary.setStyleSheet("color: #1b7a36; font-weight: bold;")
        else:
            counts = _("%(errors)s, %(warnings)s") % {
                "errors": _n("%(count)d error", "%(count)d errors", errors) % {"count": errors},
                "warnings": _n("%(count)d warning", "%(count)d warnings", warnings)
                % {"count": warnings}}
            self.summary.setText(_("%(counts)s. Errors block approval.") % {"counts": counts})
            self.summary.setStyleSheet("color: #b3261e; font-weight: bold;" if errors
                                       else "color: #7a4d00; font-weight: bold;")
        self.checked.emit(problems)
        if self._stale:
            self.run_check()

    def _failed(self, exc: Exception) -> None:
        self._checking = False
        self.summary.setText(_("The check failed: %(reason)s") % {"reason": exc})

    def _activated(self, index: QModelIndex) -> None:
        problem = index.data(ProblemListModel.PROBLEM_ROLE)
        if problem is not None:
            self.problem_activated.emit(problem)

    def next_problem(self) -> None:
        """Select the next finding and go to its field (F8)."""
        count = self.list_model.rowCount()
        if not count:
            return
        row = (self.list_view.currentIndex().row() + 1) % count
        index = self.list_model.index(row)
        self.list_view.setCurrentIndex(index)
        self._activated(index)
