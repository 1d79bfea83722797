"""Printing PDFs through Qt: the print dialog, print preview, A4 or A3, page by page.

A PDF's pages are rendered by QtPdf at the printer's resolution (capped, so an
A3 poster on a 1200 dpi printer does not need gigabytes) and painted onto the
printer. The bytes printed are always what the core rendered: an approved
document with its approval line, or a draft with its watermark.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from crisis_desk.i18n import _

MAX_RENDER_DPI = 300  # what the eye sees on paper; beyond it only memory grows
PAGE_SIZES = {"poster-a3": QPageSize.PageSizeId.A3}


class PrintError(Exception):
    """The document could not be painted onto the printer."""


def page_size_for(kind_id: str) -> QPageSize:
    """A3 for the A3 poster, A4 for everything else."""
    return QPageSize(PAGE_SIZES.get(kind_id, QPageSize.PageSizeId.A4))


def new_printer(kind_id: str, title: str) -> QPrinter:
    """A printer set up for a document: its paper size, portrait, named for the queue."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, kind_id, title)
    return printer


def prepare_printer(printer: QPrinter, kind_id: str, title: str) -> None:
    printer.setPageSize(page_size_for(kind_id))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF brings its own margins
    printer.setDocName(title)


def load_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QtPdf document over the bytes (keep the buffer alive as long as the document)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise PrintError(_("The document could not be read for printing."))
    return document, buffer


def paint_pdf(printer: QPrinter, data: bytes,
              progress: Callable[[int, int], bool] | None = None) -> int:
    """Paint every page of a PDF onto ``printer``; returns the number of pages printed.

    Safe on a background thread (QPainter may paint on a QPrinter there).
    ``progress(done, total)`` returning False stops after the current page.
    """
    document, _buffer = load_pdf(data)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(_("The printer could not be started."))
    try:
        pages = document.pageCount()
        for page in range(pages):
            if page:
                printer.newPage()
            _paint_page(painter, printer, document, page)
            if progress is not None and not progress(page + 1, pages):
                return page + 1
        return pages
    finally:
        painter.end()


def _paint_page(painter: QPainter, printer: QPrinter, document: QPdfDocument,
                page: int) -> None:
    target = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
    points = document.pagePointSize(page)
    dpi = min(printer.resolution(), MAX_RENDER_DPI)
    image_size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    options = QPdfDocumentRenderOptions()
    options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)
    image = document.render(page, image_size, options)
    if image.isNull():
        raise PrintError(_("Page %(page)d could not be rendered.") % {"page": page + 1})
    painter.drawImage(_fitted(target, image), image)


def _fitted(target: QRectF, image: QImage) -> QRectF:
    """The largest rectangle of the image's proportions centred in ``target``."""
    scale = min(target.width() / image.width(), target.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    return QRectF(target.x() + (target.width() - width) / 2,
                  target.y() + (target.height() - height) / 2, width, height)


def ask_printer(printer: QPrinter, parent: QWidget | None) -> bool:
    """The standard print dialog (printer, copies, paper); True when the person prints."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def show_print_preview(printer: QPrinter, data: bytes, parent: QWidget | None) -> bool:
    """Qt's print preview of the PDF as it will come out; True when printed from there."""
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(_("Print preview"))
    dialog.paintRequested.connect(lambda target: paint_pdf(target, data))
    dialog.resize(900, 1000)
    dialog.setWindowState(dialog.windowState() | Qt.WindowState.WindowMaximized)
    return dialog.exec() == QPrintPreviewDialog.DialogCode.Accepted
