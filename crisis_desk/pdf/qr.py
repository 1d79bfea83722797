"""QR codes drawn as vector squares, so they stay sharp on any printer.

The ``qrcode`` package computes the matrix (byte mode: ``?``, ``&`` and ``=``
of a URL are kept exactly); this module draws it as one path of rectangles,
one per run of dark modules, with the four-module quiet zone readers need.
Rectangles never overlap, so the fill rule does not matter.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from crisis_desk.pdf.colours import colour

if TYPE_CHECKING:  # for annotations only: importing ReportLab's canvas costs time
    from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


@lru_cache(maxsize=16)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code of ``data`` (error correction M), without its quiet zone."""
    from qrcode.constants import ERROR_CORRECT_M
    from qrcode.main import QRCode

    code = QRCode(error_correction=ERROR_CORRECT_M, border=0, box_size=1)
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


@lru_cache(maxsize=16)
def _dark_modules(data: str) -> str:
    """PDF path operators filling the dark modules, one rectangle per run, in module units
    with the origin at the top-left of the code (y grows downwards as negative values)."""
    operators = []
    for row_number, row in enumerate(qr_matrix(data)):
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            operators.append(f"{start} {-row_number - 1} {column - start} 1 re")
    return "\n".join(operators) + "\nf"


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float,
            ink: str = "#000000") -> None:
    """Draw the QR code of ``data`` with its quiet zone in the square (x, y, size)."""
    modules = len(qr_matrix(data)) + 2 * QUIET_ZONE
    module = size / modules
    canvas.saveState()
    canvas.setFillColor(colour("#ffffff"))
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(colour(ink))
    canvas.translate(x + QUIET_ZONE * module, y + size - QUIET_ZONE * module)
    canvas.scale(module, module)
    # The same code is drawn on every poster: its path is built once, as integers.
    canvas.addLiteral(_dark_modules(data))
    canvas.restoreState()
