"""The communication officer's screen: write on the left, see and check on the right.

Left: the incident header, the grid of sites × services, the free texts side by
side. Right: the live preview of any document and the check panel. Across the
top: where the documents stand, the legal deadlines of the obligations (GDPR,
NIS2; red when overdue), the manager's comments, Save and Submit. Where the
documents and their deadlines stand is read on the background worker; Save and
Submit wait while the session saves or submits, so neither can start twice.
"""

from __future__ import annotations

import re
from collections import Counter
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from crisis_desk import desk
from crisis_desk.domain import editing as incident_edit
from crisis_desk.domain.obligations import Clock, ClockState
from crisis_desk.domain.problems import Problem
from crisis_desk.i18n import N_, _, format_datetime, interface_language

from .check_panel import CheckPanel
from .crisis_clock import CrisisClock
from .editor import HeaderForm
from .item_models import pick_text
from .layout import split, titled
from .obligations_panel import ObligationsPanel, texts_and_obligations
from .preview import PreviewPane
from .session import DeskSession
from .status_grid import StatusGrid
from .texts_panel import TextsPanel
from .wording import state_count
from .workers import BackgroundWorker, error_text

_STATUS_FIELD = re.compile(r"^status\[(\d+)\]")
CLOCK_WORDS = {
    ClockState.DRAFTED: N_("drafted"),
    ClockState.SUBMITTED: N_("submitted"),
    ClockState.APPROVED: N_("approved"),
    ClockState.OVERDUE: N_("overdue"),
}
CLOCK_COLOURS = {ClockState.OVERDUE: "#b3261e", ClockState.APPROVED: "#1b7a36"}


class ClocksBar(QWidget):
    """The legal deadlines (GDPR, NIS2) and where each obligation's document stands.

    One label per obligation, so that each has its own colour: red when overdue
    (never colour alone: the word says it too), green when approved.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clocksBar")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.labels: list[QLabel] = []
        self.hide()

    def show_clocks(self, found: list[Clock], timezone: str) -> None:
        for label in self.labels:
            self.row.removeWidget(label)
            label.deleteLater()
        self.labels = [self._label(clock, ZoneInfo(timezone)) for clock in found]
        for label in self.labels:
            self.row.addWidget(label)
        self.setVisible(bool(found))

    def _label(self, clock: Clock, zone: ZoneInfo) -> QLabel:
        title, word = _(clock.obligation.title), _(CLOCK_WORDS[clock.state])
        if clock.deadline is None:
            text = _("%(obligation)s: without undue delay — %(state)s") % {
                "obligation": title, "state": word}
        else:
            due = format_datetime(clock.deadline.astimezone(zone), interface_language(),
                                  "short")
            text = _("%(obligation)s: due %(deadline)s — %(state)s") % {
                "obligation": title, "deadline": due, "state": word}
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setProperty("clockState", str(clock.state))
        colour = CLOCK_COLOURS.get(clock.state, "#333")
        weight = "bold" if clock.overdue else "normal"
        label.setStyleSheet(f"color: {colour}; font-weight: {weight}; "
                            f"border: 1px solid {colour}; padding: 2px 6px;")
        return label


class OfficerView(QWidget):
    """Everything the officer needs on one screen."""

    # Another worker thread for the quick reads that follow another desk's work, so that
    # they never wait behind a long render (the main window sets it).
    quick_worker: BackgroundWorker | None = None

    def _reader(self, urgent: bool) -> BackgroundWorker:
        return self.quick_worker if urgent and self.quick_worker is not None else self.worker

    submit_requested = Signal()
    save_requested = Signal()
    profile_requested = Signal()

    def __init__(self, session: DeskSession, worker: BackgroundWorker,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.worker = worker
        if session.state is None:
            raise ValueError("the officer's screen shows an open incident; none is open")
        # The session keeps this one editing state for every incident it opens.
        self.state = state = session.state
        self.header = HeaderForm(state, self)
        self.grid = StatusGrid(state, self)
        self.texts = TextsPanel(state, self)
        self.obligations = ObligationsPanel(state, self)
        self.preview = PreviewPane(state, worker, self)
        self.check_panel = CheckPanel(state, worker, self)
        self._build_bar()
        self._lay_out()
        self.check_panel.problem_activated.connect(self.go_to)
        self.check_panel.checked.connect(self._checked)
        session.documents_changed.connect(self.refresh_documents)
        session.saved.connect(self._saved)
        session.autosaved.connect(self._autosaved)
        session.busy_changed.connect(self._session_busy)
        state.changed.connect(self._edited)
        self.refresh_documents()
        self.check_panel.run_check()
        self.preview.request_update_now()

    # -- layout
    def _build_bar(self) -> None:
        self.title_label = QLabel(self)
        self.title_label.setObjectName("incidentTitle")
        self.title_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        # a long title may be cut on a small screen; the buttons beside it never are
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                       QSizePolicy.Policy.Preferred)
        self.documents_label = QLabel(self)
        self.documents_label.setStyleSheet("color: #333;")
        self.saved_label = QLabel(self)
        self.saved_label.setStyleSheet("color: #555;")
        self.crisis_clock = CrisisClock(self.state, self)
        self.save_button = QPushButton(_("Save"), self)
        self.save_button.setToolTip(_("Save a new version (Ctrl+S); typing is also kept "
                                      "every few seconds."))
        self.save_button.clicked.connect(self.save_requested)
        self.submit_button = QPushButton(_("Submit for approval"), self)
        self.submit_button.setObjectName("submitButton")
        self.submit_button.setToolTip(_("Save and send every draft to a manager "
                                        "(Ctrl+Enter)"))
        self.submit_button.setStyleSheet(
            "QPushButton { background: #1d5fa8; color: white; font-weight: bold; "
            "padding: 6px 18px; border-radius: 4px; } "
            "QPushButton:disabled { background: #9db4cf; }")
        self.submit_button.clicked.connect(self.submit_requested)
        self.comment_banner = QLabel(self)
        self.comment_banner.setWordWrap(True)
        self.comment_banner.setStyleSheet("background: #fff4ce; border: 1px solid #c9a227; "
                                          "padding: 6px;")
        self.comment_banner.hide()
        self.clocks_bar = ClocksBar(self)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.title_label, 1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.submit_button)
        status_line = QHBoxLayout()
        status_line.addWidget(self.documents_label)
        status_line.addSpacing(16)
        status_line.addWidget(self.saved_label)
        status_line.addStretch(1)
        status_line.addWidget(self.crisis_clock)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.header)
        grid_title = QLabel(_("Services per site — click a cell to set its status"), top)
        grid_title.setStyleSheet("font-weight: bold;")
        top_layout.addWidget(grid_title)
        top_layout.addWidget(self.grid, 1)
        legend = QLabel(_("Keys 1–6 set the selected cell. ✎ has a note. Italic with ⇠: follows "
                          "“All sites”. —: the service does not exist at that site."), top)
        legend.setStyleSheet("color: #555;")
        legend.setWordWrap(True)
        top_layout.addWidget(legend)
        texts_box = texts_and_obligations(self.texts, self.obligations, self)
        left = split(Qt.Orientation.Vertical, self, (top, 3), (texts_box, 2))
        check_box = titled(_("Check"), self.check_panel, self)
        right = split(Qt.Orientation.Vertical, self, (self.preview, 4), (check_box, 1))
        columns = split(Qt.Orientation.Horizontal, self, (left, 11), (right, 9))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(status_line)
        layout.addWidget(self.clocks_bar)
        layout.addWidget(self.comment_banner)
        layout.addWidget(columns, 1)

    # -- state shown
    def refresh_documents(self, urgent: bool = False) -> None:
        """Read where the documents stand (``urgent``: another desk just acted)."""
        snapshot = self.session.snapshot
        if snapshot is None:
            return
        incident = self.state.incident
        title = pick_text(incident.title, incident.languages) or _("(untitled incident)")
        self.title_label.setText(_("%(title)s — update %(update)d, version %(version)d") % {
            "title": title, "update": incident.update, "version": snapshot.version})
        store, incident_id = self.session.store, snapshot.incident_id
        self._reader(urgent).submit(lambda: desk.documents(store, incident_id),
                           lambda docs: self._show_documents(incident_id, docs),
                           self._documents_failed, owner=self, urgent=urgent)
        timezone = snapshot.organisation.timezone
        self.worker.submit(lambda: desk.obligation_clocks(store, incident_id),
                           lambda found: self._show_clocks(incident_id, found, timezone),
                           self._documents_failed, owner=self)
        self._edited()

    def _show_clocks(self, incident_id: int, found: list[Clock], timezone: str) -> None:
        if self.session.incident_id == incident_id:  # not another incident opened meanwhile
            self.clocks_bar.show_clocks(found, timezone)

    def _show_documents(self, incident_id: int, docs: list[desk.DocumentInfo]) -> None:
        if self.session.incident_id != incident_id:  # another incident was opened meanwhile
            return
        counts = Counter(doc.state for doc in docs)
        self.documents_label.setText(
            _("Documents: %(counts)s") % {"counts": ", ".join(
                state_count(state, counts[state]) for state in desk.DocumentState)})
        comments = sorted({doc.comment for doc in docs if doc.comment and
                           doc.state == desk.DocumentState.DRAFT})
        self.comment_banner.setVisible(bool(comments))
        if comments:
            self.comment_banner.setText(_("Sent back by a manager: %(comments)s")
                                        % {"comments": " · ".join(comments)})

    def _documents_failed(self, exc: Exception) -> None:
        self.documents_label.setText(error_text(exc))

    def _session_busy(self, busy: bool) -> None:
        for button in (self.save_button, self.submit_button):
            button.setEnabled(not busy)

    def _saved(self, _snapshot: desk.Snapshot) -> None:
        self.refresh_documents()

    def _edited(self) -> None:
        self.saved_label.setStyleSheet("color: #555;")
        if self.session.has_unsaved_changes:
            self.saved_label.setText(_("Unsaved changes"))
        elif self.session.snapshot is not None:
            self.saved_label.setText(_("Saved"))

    def _autosaved(self, when) -> None:
        self.saved_label.setText(_("Unsaved changes (kept at %(time)s)")
                                 % {"time": when.strftime("%H:%M:%S")})

    def _checked(self, problems: list[Problem]) -> None:
        self.texts.mark_missing(problems)
        self.obligations.mark_missing(problems)
        errors = any(p.severity == "error" for p in problems)
        self.submit_button.setToolTip(
            _("The check finds errors: fix them before submitting.") if errors
            else _("Save and send every draft to a manager (Ctrl+Enter)"))

    # -- other desks
    def other_desk_changed(self) -> None:
        """Something was done at some desk: read the documents and any newer version."""
        self.refresh_documents(urgent=True)
        self.session.follow_other_desks(self._typing_over)

    def _typing_over(self, version: int) -> None:
        self.saved_label.setText(_("Another desk saved version %(version)d; saving now will "
                                   "ask you which to keep.") % {"version": version})
        self.saved_label.setStyleSheet("color: #b3261e; font-weight: bold;")

    # -- the keyboard's shortcuts to each part of the screen (the window's Go menu)
    def focus_grid(self) -> None:
        self.grid.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_texts(self) -> None:
        """The first free text of the first language, ready to type."""
        first = next(iter(self.texts.editors.values()), None)
        if first is not None:
            self.texts.ensureWidgetVisible(first)
            first.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_check(self) -> None:
        """The checker's list, its first finding selected (Enter goes to its field)."""
        view = self.check_panel.list_view
        if not view.currentIndex().isValid() and self.check_panel.list_model.rowCount():
            view.setCurrentIndex(self.check_panel.list_model.index(0))
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_preview(self) -> None:
        self.preview.kind_box.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def zoom_in(self) -> None:
        self.preview.view.zoom(1)

    def zoom_out(self) -> None:
        self.preview.view.zoom(-1)

    def zoom_to_fit(self) -> None:
        self.preview.view.fit()

    def check_now(self) -> None:
        self.check_panel.run_check()
        self.focus_check()

    # -- navigation from the check panel
    def go_to(self, problem: Problem) -> None:
        field_name = problem.field
        if field_name in incident_edit.TEXT_FIELDS:
            self.texts.focus_field(field_name, problem.language)
            return
        match = _STATUS_FIELD.match(field_name)
        if match:
            entry = incident_edit.entry_at(self.state.incident, int(match.group(1)))
            if entry is not None:
                self.grid.focus_cell(entry.site, entry.service)
            return
        if field_name in ("sms", "social"):
            self.preview.select(field_name, language=problem.language, fmt="txt")
            return
        if field_name.startswith("organisation"):
            self.profile_requested.emit()
            return
        if self.obligations.focus_field(field_name, problem.language):
            return
        self.header.focus_field(field_name)
