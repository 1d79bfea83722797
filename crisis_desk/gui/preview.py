"""The live preview: any document of the incident, re-rendered as the officer types.

Edits restart a short timer; when typing pauses the document is rendered on the
background thread. While one render runs, further edits only mark the preview
stale, and one more render follows: the newest text always wins and renders
never pile up. Text documents show in a read-only text view, PDFs in QtPdf's
view.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crisis_desk.documents import PlannedDocument, kinds, render_planned
from crisis_desk.i18n import LANGUAGES, _
from crisis_desk.rendering.template_folders import organisation_template_dirs

from .item_models import EditingState
from .workers import BackgroundWorker

DEBOUNCE_MS = 200  # a PDF re-renders once typing pauses
TEXT_DEBOUNCE_MS = 40  # text, HTML and XML render in a few ms: follow the typing
FORMAT_ORDER = ("pdf", "txt", "html", "xml")
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 6.0
MIN_TEXT_POINTS, MAX_TEXT_POINTS = 6.0, 48.0


@dataclass(frozen=True)
class PreviewResult:
    """One finished render: what was rendered, the bytes, and how long it took."""

    document: PlannedDocument
    data: bytes
    seconds: float
    revision: int


def template_dirs_for(organisation_id: str) -> tuple[str, ...]:
    """The organisation's own templates, when it keeps any in the data folder."""
    return organisation_template_dirs(org_id=organisation_id)


def previewable_kinds() -> list[str]:
    """Kinds that can be rendered in at least one format right now."""
    return [kind_id for kind_id, kind in kinds().items() if kind.formats]


def formats_of(kind_id: str) -> list[str]:
    """A kind's formats, PDF first (what gets printed), then the others."""
    available = kinds()[kind_id].formats
    return sorted(available, key=lambda f: FORMAT_ORDER.index(f) if f in FORMAT_ORDER else 99)


class DocumentView(QStackedWidget):
    """Shows document bytes: text in a text view, PDF in a PDF view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_view = QPlainTextEdit(self)
        self.text_view.setReadOnly(True)
        self.text_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.pdf_document = QPdfDocument(self)
        self.pdf_view = QPdfView(self)
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._buffer: QBuffer | None = None
        self.addWidget(self.text_view)
        self.addWidget(self.pdf_view)

    def show_bytes(self, data: bytes, fmt: str) -> None:
        if fmt == "pdf":
            self._show_pdf(data)
        else:
            self._show_text(data.decode("utf-8", errors="replace"))

    def _show_text(self, text: str) -> None:
        bar = self.text_view.verticalScrollBar()
        position = bar.value()
        self.text_view.setPlainText(text)
        bar.setValue(position)
        self.setCurrentWidget(self.text_view)

    def _show_pdf(self, data: bytes) -> None:
        bar = self.pdf_view.verticalScrollBar()
        position = bar.value()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf_document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.setCurrentWidget(self.pdf_view)
        QTimer.singleShot(0, lambda: bar.setValue(position))

    def show_message(self, text: str) -> None:
        self.text_view.setPlainText(text)
        self.setCurrentWidget(self.text_view)

    @property
    def shown_text(self) -> str:
        return self.text_view.toPlainText()

    # -- zoom (the window's Go menu: Ctrl++, Ctrl+-, Ctrl+0)
    def zoom(self, steps: int) -> None:
        """Larger (steps > 0) or smaller, one step being a quarter, PDF and text alike."""
        factor = ZOOM_STEP ** steps
        if self.pdf_view.zoomMode() != QPdfView.ZoomMode.Custom:
            # from "fit to width" to a factor: start from the one it shows now
            self.pdf_view.setZoomFactor(self._fitted_factor())
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom)
        wanted = self.pdf_view.zoomFactor() * factor
        self.pdf_view.setZoomFactor(min(max(wanted, MIN_ZOOM), MAX_ZOOM))
        font = self.text_view.font()
        size = font.pointSizeF() * factor
        font.setPointSizeF(min(max(size, MIN_TEXT_POINTS), MAX_TEXT_POINTS))
        self.text_view.setFont(font)

    def fit(self) -> None:
        """The whole width of the page in view; text at its usual size."""
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.text_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))

    def _fitted_factor(self) -> float:
        """The factor "fit to width" shows: the view's width over the page's, in pixels."""
        points = self.pdf_document.pagePointSize(0).width()
        if points <= 0:
            return 1.0
        return self.pdf_view.viewport().width() / (points * self.logicalDpiX() / 72)


class PreviewPane(QWidget):
    """Pickers for document, site, language and format above the document view."""

    rendered = Signal(object)  # PreviewResult
    failed = Signal(str)

    def __init__(self, state: EditingState, worker: BackgroundWorker,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.worker = worker
        self.last_result: PreviewResult | None = None
        self._rendering = False
        self._stale = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.render_now)
        self._build()
        state.changed.connect(self.request_update)
        state.organisation_changed.connect(self._fill_sites)
        state.languages_changed.connect(self._fill_languages)

    # -- layout
    def _build(self) -> None:
        self.kind_box = QComboBox(self)
        self.site_box = QComboBox(self)
        self.language_box = QComboBox(self)
        self.format_box = QComboBox(self)
        for box, tip in ((self.kind_box, _("Which document to preview")),
                         (self.site_box, _("For which site (posters are made per site)")),
                         (self.language_box, _("In which language (press statements, SMS "
                                               "and posts are made per language)")),
                         (self.format_box, _("File format"))):
            box.setToolTip(tip)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(6)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("previewStatus")
        self.view = DocumentView(self)
        pickers = QHBoxLayout()
        pickers.addWidget(self.kind_box, 3)
        pickers.addWidget(self.site_box, 2)
        pickers.addWidget(self.language_box, 1)
        pickers.addWidget(self.format_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(pickers)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)
        self._fill_kinds()
        self._fill_sites()
        self._fill_languages()
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        for box in (self.site_box, self.language_box, self.format_box):
            box.currentIndexChanged.connect(self.request_update_now)

    def _fill_kinds(self) -> None:
        self.kind_box.blockSignals(True)
        self.kind_box.clear()
        for kind_id in previewable_kinds():
            self.kind_box.addItem(_(kinds()[kind_id].title), kind_id)
        self.kind_box.blockSignals(False)
        self._fill_formats()

    def _fill_sites(self) -> None:
        current = self.site_box.currentData()
        self.site_box.blockSignals(True)
        self.site_box.clear()
        for site in self.state.organisation.sites:
            self.site_box.addItem(self.state.site_name(site.id), site.id)
        found = self.site_box.findData(current)
        self.site_box.setCurrentIndex(max(found, 0))
        self.site_box.blockSignals(False)
        self._enable_pickers()

    def _fill_languages(self) -> None:
        current = self.language_box.currentData()
        self.language_box.blockSignals(True)
        self.language_box.clear()
        for code in self.state.incident.languages:
            if code in LANGUAGES:
                self.language_box.addItem(LANGUAGES[code].native_name, code)
        found = self.language_box.findData(current)
        self.language_box.setCurrentIndex(max(found, 0))
        self.language_box.blockSignals(False)
        self._enable_pickers()

    def _fill_formats(self) -> None:
        kind_id = self.kind_box.currentData()
        self.format_box.blockSignals(True)
        self.format_box.clear()
        for fmt in formats_of(kind_id) if kind_id else []:
            self.format_box.addItem(fmt.upper(), fmt)
        self.format_box.blockSignals(False)
        self._enable_pickers()

    def _enable_pickers(self) -> None:
        kind_id = self.kind_box.currentData()
        if not kind_id:
            return
        kind = kinds()[kind_id]
        self.site_box.setVisible(kind.per_site)
        self.language_box.setVisible(kind.per_language)
        self.format_box.setEnabled(self.format_box.count() > 1)

    def _kind_changed(self) -> None:
        self._fill_formats()
        self.request_update_now()

    # -- choosing
    def select(self, kind_id: str, *, site: str | None = None, language: str | None = None,
               fmt: str | None = None) -> None:
        """Show another document (used by the check panel and by tests)."""
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(kind_id), 0))
        for box, value in ((self.site_box, site), (self.language_box, language),
                           (self.format_box, fmt)):
            if value is not None and box.findData(value) >= 0:
                box.setCurrentIndex(box.findData(value))
        self.request_update_now()

    def planned(self) -> PlannedDocument | None:
        """The document the pickers describe."""
        kind_id, fmt = self.kind_box.currentData(), self.format_box.currentData()
        if not kind_id or not fmt:
            return None
        kind = kinds()[kind_id]
        site = self.site_box.currentData() if kind.per_site else None
        languages = tuple(self.state.incident.languages)
        if kind.per_language:
            languages = (self.language_box.currentData() or languages[0],)
        return PlannedDocument(kind_id, fmt, site, languages)

    # -- rendering
    def request_update(self) -> None:
        """Something changed: render when typing pauses (a short pause for text)."""
        is_pdf = self.format_box.currentData() == "pdf"
        self._timer.setInterval(DEBOUNCE_MS if is_pdf else TEXT_DEBOUNCE_MS)
        self._timer.start()

    def request_update_now(self) -> None:
        self._timer.stop()
        self.render_now()

    def render_now(self) -> None:
        if self._rendering:
            self._stale = True
            return
        document = self.planned()
        if document is None:
            self.view.show_message(_("No document can be previewed yet."))
            return
        self._rendering = True
        self._stale = False
        org, incident = self.state.organisation, self.state.incident
        revision = self.state.revision
        dirs = template_dirs_for(org.id)
        self.status_label.setText(_("Updating the preview…"))

        def render() -> PreviewResult:
            started = time.perf_counter()
            data = render_planned(document, org, incident, template_dirs=dirs)
            return PreviewResult(document, data, time.perf_counter() - started, revision)

        self.worker.submit(render, self._show, self._show_failure)

    def _show(self, result: PreviewResult) -> None:
        self._rendering = False
        self.last_result = result
        self.view.show_bytes(result.data, result.document.fmt)
        self.status_label.setText(
            _("Draft preview · rendered in %(ms)d ms") % {"ms": round(result.seconds * 1000)})
        self.rendered.emit(result)
        self._continue()

    def _show_failure(self, exc: Exception) -> None:
        self._rendering = False
        message = _("This document cannot be made yet: %(reason)s") % {"reason": exc}
        self.view.show_message(message)
        self.status_label.setText(message)
        self.failed.emit(str(exc))
        self._continue()

    def _continue(self) -> None:
        if self._stale:
            self.render_now()
