"""The communication officer's editor: its header, and the times it shows.

The editor is four parts that ``officer.OfficerView`` lays out: this header
(kind, times, update, data risk, appointment rule, languages), the status grid
(``status_grid``), the free texts (``texts_panel``) and the checker's list
(``check_panel``). Every part writes through ``EditingState.update`` with an
edited copy of the incident made by ``incident_edit``, and refreshes itself
from the state, so an import or a new update simply replaces the state.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from crisis_desk.domain.incident_kinds import KINDS
from crisis_desk.i18n import LANGUAGES, N_, _

from .item_models import EditingState
from .undo import leave_undo_to_the_window

NEXT_UPDATE_PROPOSAL = timedelta(hours=6)
APPOINTMENT_CHOICES = (
    (None, N_("Follows the statuses")),
    ("maintained", N_("Come unless contacted")),
    ("cancelled", N_("Stay away unless contacted")),
)


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
