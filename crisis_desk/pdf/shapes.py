"""The status shapes, drawn as vectors so that colour is never the only signal.

Each status of ``crisis_desk.domain.statuses`` names a shape: circle, triangle,
diamond, square, arrow or cross. They stay distinct in black and white and for
colour-blind readers. A shape is drawn filled in the status colour inside a
``size`` × ``size`` box whose lower-left corner is (x, y).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from crisis_desk.pdf.colours import colour

if TYPE_CHECKING:  # for annotations only: importing ReportLab's canvas costs time
    from reportlab.pdfgen.canvas import Canvas

Point = tuple[float, float]


def _polygon(canvas: Canvas, points: list[Point], x: float, y: float, size: float) -> None:
    path = canvas.beginPath()
    first, *rest = points
    path.moveTo(x + first[0] * size, y + first[1] * size)
    for px, py in rest:
        path.lineTo(x + px * size, y + py * size)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _circle(canvas: Canvas, x: float, y: float, size: float) -> None:
    canvas.circle(x + size / 2, y + size / 2, size * 0.47, stroke=0, fill=1)


def _triangle(canvas: Canvas, x: float, y: float, size: float) -> None:
    _polygon(canvas, [(0.5, 0.98), (1.0, 0.08), (0.0, 0.08)], x, y, size)


def _diamond(canvas: Canvas, x: float, y: float, size: float) -> None:
    _polygon(canvas, [(0.5, 1.0), (1.0, 0.5), (0.5, 0.0), (0.0, 0.5)], x, y, size)


def _square(canvas: Canvas, x: float, y: float, size: float) -> None:
    canvas.rect(x + size * 0.06, y + size * 0.06, size * 0.88, size * 0.88, stroke=0, fill=1)


def _arrow(canvas: Canvas, x: float, y: float, size: float) -> None:
    _polygon(canvas, [(0.0, 0.36), (0.52, 0.36), (0.52, 0.1), (1.0, 0.5), (0.52, 0.9),
                      (0.52, 0.64), (0.0, 0.64)], x, y, size)


def _cross(canvas: Canvas, x: float, y: float, size: float) -> None:
    t = 0.16  # half the bar's thickness, along each axis
    _polygon(canvas, [(0.05, 0.05 + t), (0.5 - t, 0.5), (0.05, 0.95 - t), (0.05 + t, 0.95),
                      (0.5, 0.5 + t), (0.95 - t, 0.95), (0.95, 0.95 - t), (0.5 + t, 0.5),
                      (0.95, 0.05 + t), (0.95 - t, 0.05), (0.5, 0.5 - t), (0.05 + t, 0.05)],
             x, y, size)


def _unknown(canvas: Canvas, x: float, y: float, size: float) -> None:
    """A ring: a status a newer profile added that this version has no shape for."""
    canvas.setLineWidth(size * 0.14)
    canvas.circle(x + size / 2, y + size / 2, size * 0.38, stroke=1, fill=0)


SHAPES: dict[str, Callable[..., None]] = {
    "circle": _circle,
    "triangle": _triangle,
    "diamond": _diamond,
    "square": _square,
    "arrow": _arrow,
    "cross": _cross,
}


def draw_status_shape(canvas: Canvas, shape: str, x: float, y: float, size: float,
                      ink: str) -> None:
    """Draw the status ``shape`` filled with ``ink`` (a hex colour) in the box at (x, y)."""
    canvas.saveState()
    canvas.setFillColor(colour(ink))
    canvas.setStrokeColor(colour(ink))
    SHAPES.get(shape, _unknown)(canvas, x, y, size)
    canvas.restoreState()
