"""A new incident from a stored profile: its kind, its title per language, when it began.

Everything else starts empty or from the profile: update 1, issued now, the
profile's languages, every service operational. The officer fills the rest on
the editor's screen, where the checker says what is still missing.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from crisis_desk.domain import editing as incident_edit
from crisis_desk.domain.incident_kinds import KINDS
from crisis_desk.domain.model import Incident, Organisation
from crisis_desk.i18n import LANGUAGES, _

from .editor import from_qdatetime, to_qdatetime
from .item_models import pick_text


class NewIncidentDialog(QDialog):
    """Kind, title in each of the profile's languages, start time (now by default)."""

    def __init__(self, organisation: Organisation, now: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.organisation, self.now = organisation, now
        self.setWindowTitle(_("New incident"))
        self.kind_box = QComboBox(self)
        for kind in KINDS.values():
            self.kind_box.addItem(_(kind.name), kind.id)
        self.languages = tuple(c for c in organisation.languages if c in LANGUAGES)
        self.title_edits = {code: QLineEdit(self) for code in self.languages}
        for edit in self.title_edits.values():
            edit.setPlaceholderText(_("Empty: the kind's own wording"))
        self.started_edit = QDateTimeEdit(to_qdatetime(now, organisation.timezone), self)
        self.started_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.started_edit.setCalendarPopup(True)
        # it began at the latest now: the incident is issued now
        self.started_edit.setMaximumDateTime(to_qdatetime(now, organisation.timezone))
        form = QFormLayout(self)
        form.addRow(QLabel(_("For %(organisation)s") % {
            "organisation": pick_text(organisation.name, organisation.languages)
            or organisation.id}, self))
        form.addRow(_("Kind"), self.kind_box)
        for code, edit in self.title_edits.items():
            form.addRow(_("Title (%(language)s)") % {"language": LANGUAGES[code].native_name},
                        edit)
        form.addRow(_("Started"), self.started_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.kind_box.setFocus()

    def incident(self) -> Incident:
        """The incident as chosen: update 1, issued now, nothing affected yet."""
        zone = self.organisation.timezone
        now = self.now.astimezone(ZoneInfo(zone)).replace(second=0, microsecond=0)
        started = from_qdatetime(self.started_edit.dateTime(), zone)
        incident = incident_edit.new_incident(self.organisation.id,
                                              self.kind_box.currentData(), self.languages, now)
        titles = {code: edit.text().strip() for code, edit in self.title_edits.items()
                  if edit.text().strip()}
        return replace(incident, started=started, title=titles)
