"""The reception print desk: pick your site, press the big Print button.

One card per document a reception desk prints (the posters for its site, the
patient notice, the phone script), each saying at a glance whether it is
approved, with a large Print button and a print preview. Approved documents
print with their approval line; a document not yet approved prints only as the
watermarked draft the core renders, and its button says so. The incidents, the
site's documents, every render and the print log are read and written on the
background worker; while a document prints the cards wait, so a second press
cannot print it twice.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crisis_desk import desk
from crisis_desk.documents import kinds
from crisis_desk.domain.model import Organisation
from crisis_desk.i18n import LANGUAGES, _, _n

from . import printing
from .item_models import pick_text
from .settings import DeskSettings
from .workers import BackgroundWorker, error_text

DEFAULT_TIMEZONE = "Europe/Brussels"  # a profile's own default, until one is read
RECEPTION_KINDS = ("poster", "poster-a3", "notice", "phone-script")
REFRESH_MS = 30000  # other desks approve meanwhile
PRIMARY_STYLE = ("QPushButton { background: #1b7a36; color: white; font-size: 18px; "
                 "font-weight: bold; padding: 12px 28px; border-radius: 6px; } "
                 "QPushButton:focus { border: 3px solid #0b3d1b; }")
DRAFT_STYLE = ("QPushButton { background: #e8e8e8; color: #333; font-size: 14px; "
               "padding: 10px 18px; border-radius: 6px; border: 1px solid #999; }")


def document_title(info: desk.DocumentInfo, site_name: str) -> str:
    title = _(kinds()[info.kind].title)
    return f"{title} — {site_name}" if info.site else title


class DocumentCard(QFrame):
    """One printable document: what it is, whether it is approved, and Print."""

    print_clicked = Signal(object)  # DocumentInfo
    preview_clicked = Signal(object)

    def __init__(self, info: desk.DocumentInfo, title: str, parent: QWidget | None = None,
                 timezone: str = DEFAULT_TIMEZONE) -> None:
        super().__init__(parent)
        self.info = info
        self.timezone = timezone  # the organisation's: the poster's times are in it too
        approved = info.printable_approved  # the approved version in force, maybe older
        self.setObjectName("documentCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#documentCard { background: white; border: 1px solid #c8c8c8; "
                           "border-radius: 6px; }")
        name = QLabel(title, self)
        name.setStyleSheet("font-size: 17px; font-weight: bold;")
        languages = " · ".join(LANGUAGES[c].native_name for c in info.languages
                               if c in LANGUAGES)
        details = QLabel(f"{languages}   ·   {info.number}", self)
        details.setStyleSheet("color: #555;")
        self.badge = QLabel(self._badge_text(), self)
        self.badge.setStyleSheet(
            "color: #1b7a36; font-weight: bold; font-size: 14px;" if approved
            else "color: #9a4a00; font-weight: bold; font-size: 14px;")
        self.badge.setWordWrap(True)
        self.print_button = QPushButton(_("Print") if approved
                                        else _("Print draft (watermarked)"), self)
        self.print_button.setMinimumWidth(190)
        self.print_button.setObjectName("printButton")
        self.print_button.setStyleSheet(PRIMARY_STYLE if approved else DRAFT_STYLE)
        self.print_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.print_button.clicked.connect(lambda: self.print_clicked.emit(self.info))
        self.preview_button = QPushButton(_("Print preview"), self)
        self.preview_button.clicked.connect(lambda: self.preview_clicked.emit(self.info))
        if "pdf" not in kinds()[info.kind].formats:
            for button in (self.print_button, self.preview_button):
                button.setEnabled(False)
                button.setToolTip(_("This document cannot be printed yet."))
        text = QVBoxLayout()
        text.addWidget(name)
        text.addWidget(details)
        text.addWidget(self.badge)
        buttons = QVBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.preview_button)
        layout = QHBoxLayout(self)
        layout.addLayout(text, 1)
        layout.addLayout(buttons)

    def _badge_text(self) -> str:
        info = self.info
        if info.printable_approved:
            when = info.approved_at.astimezone(ZoneInfo(self.timezone)).strftime(
                "%d/%m %H:%M") if info.approved_at else ""
            text = "✔ " + _("Approved — version %(version)s, by %(name)s, %(when)s") % {
                "version": info.approved_version, "name": info.approved_by or "", "when": when}
            if info.state == "submitted":
                text += "\n⏳ " + _("A newer version awaits approval; this approved version "
                                    "prints until then.")
            elif info.state == "draft":
                text += "\n✎ " + _("A newer version is being prepared; this approved version "
                                   "prints until it is approved.")
            return text
        if info.approval_problem:
            return "⚠ " + info.approval_problem
        if info.state == "submitted":
            return "⏳ " + _("Waiting for approval: prints with the DRAFT watermark")
        return "✎ " + _("Not approved yet: prints with the DRAFT watermark")


class ReceptionView(QWidget):
    """Site picker, then the documents of that site with big Print buttons."""

    # Another worker thread for the quick reads that follow another desk's work, so that
    # they never wait behind a long render (the main window sets it).
    quick_worker: BackgroundWorker | None = None

    def _reader(self, urgent: bool) -> BackgroundWorker:
        return self.quick_worker if urgent and self.quick_worker is not None else self.worker

    printed = Signal(object, int)  # DocumentInfo, pages
    print_failed = Signal(str)
    refreshed = Signal()  # the cards show the documents as just read

    def __init__(self, store, actor: desk.Actor, worker: BackgroundWorker,
                 settings: DeskSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor, self.worker, self.settings = store, actor, worker, settings
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.cards: list[DocumentCard] = []
        self.timezone = DEFAULT_TIMEZONE  # until the incident's organisation is read
        title = QLabel(_("Print desk"), self)
        title.setStyleSheet("font-size: 24px; font-weight: bold;")
        self.site_box = QComboBox(self)
        self.site_box.setStyleSheet("font-size: 18px; padding: 4px;")
        self.site_box.setMinimumWidth(320)
        self.incident_box = QComboBox(self)
        self.incident_box.setMinimumWidth(360)
        self.status_label = QLabel(self)
        self.status_label.setStyleSheet("font-size: 14px;")
        self.status_label.setWordWrap(True)
        refresh = QPushButton(_("Refresh"), self)
        refresh.setToolTip(_("See documents approved meanwhile (F5)"))
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(24)
        top.addWidget(QLabel(_("Your site:"), self))
        top.addWidget(self.site_box)
        top.addSpacing(12)
        self.incident_label = QLabel(_("Incident:"), self)
        top.addWidget(self.incident_label)
        top.addWidget(self.incident_box)
        top.addStretch(1)
        top.addWidget(refresh)
        self.cards_widget = QWidget(self)
        self.cards_layout = QVBoxLayout(self.cards_widget)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.cards_widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addWidget(scroll, 1)
        self.site_box.currentIndexChanged.connect(self._site_changed)
        self.incident_box.currentIndexChanged.connect(self._incident_changed)
        # Ctrl+P (print_first) is the window's File › Print, listed in its menu.
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self._fill_incidents()

    # -- choosing
    def _fill_incidents(self) -> None:
        store = self.store
        self.worker.submit(lambda: desk.incidents(store), self._show_incidents,
                           self._show_error)

    def _show_incidents(self, summaries: list[desk.IncidentSummary]) -> None:
        self.incident_box.blockSignals(True)
        self.incident_box.clear()
        for summary in summaries:
            label = _("%(title)s (update %(update)d)") % {"title": summary.title or "—",
                                                          "update": summary.update}
            self.incident_box.addItem(label, summary.id)
        self.incident_box.blockSignals(False)
        several = self.incident_box.count() > 1
        self.incident_box.setVisible(several)
        self.incident_label.setVisible(several)
        self._incident_changed()

    def _incident_changed(self) -> None:
        incident_id = self.incident_box.currentData()
        if incident_id is None:
            self._show_cards([])
            self.status_label.setText(_("There is no incident yet: nothing to print."))
            return
        store = self.store
        self.worker.submit(lambda: desk.load_incident(store, incident_id).organisation,
                           lambda organisation: self._fill_sites(incident_id, organisation),
                           self._show_error, owner=self)

    def _fill_sites(self, incident_id: int, organisation: Organisation) -> None:
        if self.incident_box.currentData() != incident_id:  # another one was chosen meanwhile
            return
        self.timezone = organisation.timezone
        remembered = self.site_box.currentData() or self.settings.get("reception_site")
        self.site_box.blockSignals(True)
        self.site_box.clear()
        for site in organisation.sites:
            self.site_box.addItem(pick_text(site.name), site.id)
        found = self.site_box.findData(remembered)
        self.site_box.setCurrentIndex(max(found, 0))
        self.site_box.blockSignals(False)
        self.refresh()

    def _site_changed(self) -> None:
        self.settings.set("reception_site", self.site_box.currentData())
        self.refresh()

    def select_site(self, site_id: str) -> None:
        self.site_box.setCurrentIndex(max(self.site_box.findData(site_id), 0))

    # -- the cards
    def refresh(self, urgent: bool = False) -> None:
        """Read the site's documents again (background), then show their cards.

        ``urgent``: another desk approved meanwhile; read before slower work waiting.
        """
        incident_id, site_id = self.incident_box.currentData(), self.site_box.currentData()
        if incident_id is None or site_id is None:
            return
        store = self.store
        self._reader(urgent).submit(lambda: desk.documents(store, incident_id, site=site_id),
                           lambda found: self._show_documents(incident_id, site_id, found),
                           self._show_error, owner=self, urgent=urgent)

    def _show_documents(self, incident_id: int, site_id: str,
                        found: list[desk.DocumentInfo]) -> None:
        if (self.incident_box.currentData(), self.site_box.currentData()) != \
                (incident_id, site_id):  # the desk chose another site meanwhile
            return
        infos = [d for d in found if d.kind in RECEPTION_KINDS]
        infos.sort(key=lambda d: (not d.printable_approved, RECEPTION_KINDS.index(d.kind)))
        self._show_cards(infos)
        approved = sum(d.printable_approved for d in infos)
        if approved:
            self.status_label.setText(_n("%(count)d approved document ready to print for "
                                         "%(site)s.", "%(count)d approved documents ready to "
                                         "print for %(site)s.", approved)
                                      % {"count": approved, "site": self.site_box.currentText()})
        else:
            self.status_label.setText(_("Nothing is approved yet for %(site)s. Drafts print "
                                        "with a DRAFT watermark; ask the crisis cell.")
                                      % {"site": self.site_box.currentText()})
        self.refreshed.emit()

    def _show_error(self, exc: Exception) -> None:
        self.status_label.setText(error_text(exc))

    def _show_cards(self, infos: list[desk.DocumentInfo]) -> None:
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        while self.cards_layout.count():
            self.cards_layout.takeAt(0)
        site_name = self.site_box.currentText()
        for info in infos:
            card = DocumentCard(info, document_title(info, site_name), self.cards_widget,
                                self.timezone)
            card.print_clicked.connect(self.print_document)
            card.preview_clicked.connect(self.preview_document)
            self.cards_layout.addWidget(card)
            self.cards.append(card)
        self.cards_layout.addStretch(1)

    # -- printing
    def print_first(self) -> None:
        """Ctrl+P prints the first card: the approved A4 poster when there is one."""
        if self.cards and self.cards[0].print_button.isEnabled() \
                and self.cards_widget.isEnabled():
            self.print_document(self.cards[0].info)

    def _printing(self) -> tuple[QWidget, ...]:
        """What waits while a document is rendered or printed: every card's buttons."""
        return (self.cards_widget,)

    def print_document(self, info: desk.DocumentInfo) -> None:
        """Render (background), ask the print dialog, paint (background), log it."""
        self.status_label.setText(_("Preparing %(number)s…") % {"number": info.number})
        store = self.store
        self.worker.submit(lambda: desk.render_document(store, info.id, "pdf"),
                           lambda data: self._ask_and_print(info, data), self._failed,
                           owner=self, busy=self._printing())

    def _ask_and_print(self, info: desk.DocumentInfo, data: bytes) -> None:
        printing.prepare_printer(self.printer, info.kind, info.number)
        if not printing.ask_printer(self.printer, self):
            self.status_label.setText(_("Printing cancelled."))
            return
        self._paint(info, data)

    def _paint(self, info: desk.DocumentInfo, data: bytes) -> None:
        self.status_label.setText(_("Printing %(number)s…") % {"number": info.number})
        printer, store, actor = self.printer, self.store, self.actor

        def paint() -> int:
            pages = printing.paint_pdf(printer, data)
            desk.record_print(store, actor, info.id, "pdf")
            return pages

        self.worker.submit(paint, lambda pages: self._printed(info, pages), self._failed,
                           owner=self, busy=self._printing())

    def _printed(self, info: desk.DocumentInfo, pages: int) -> None:
        self.status_label.setText(_n("Printed %(number)s (%(pages)d page).",
                                     "Printed %(number)s (%(pages)d pages).", pages)
                                  % {"number": info.number, "pages": pages})
        self.printed.emit(info, pages)

    def preview_document(self, info: desk.DocumentInfo) -> None:
        store = self.store
        self.worker.submit(lambda: desk.render_document(store, info.id, "pdf"),
                           lambda data: self._preview(info, data), self._failed,
                           owner=self, busy=self._printing())

    def _preview(self, info: desk.DocumentInfo, data: bytes) -> None:
        printing.prepare_printer(self.printer, info.kind, info.number)
        if printing.show_print_preview(self.printer, data, self):
            store, actor = self.store, self.actor
            self.worker.submit(lambda: desk.record_print(store, actor, info.id, "pdf"),
                               lambda _result: self._printed(info, 0), self._failed,
                               owner=self, busy=self._printing())

    def _failed(self, exc: Exception) -> None:
        message = _("Printing failed: %(reason)s") % {"reason": exc}
        self.status_label.setText(message)
        self.print_failed.emit(str(exc))
        QMessageBox.warning(self, _("Print desk"), message)
