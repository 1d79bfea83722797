"""Service pictograms drawn as vectors: sharp at any size, nothing to ship or load.

A service names its pictogram with ``icon`` in the organisation profile. Each
pictogram is drawn in a unit box (0..1 on both axes) scaled to ``size``; an
icon this module does not know gets the generic "information" sign, so a new
service never breaks a poster.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from crisis_desk.pdf.colours import colour

if TYPE_CHECKING:  # for annotations only: importing ReportLab's canvas costs time
    from reportlab.pdfgen.canvas import Canvas

STROKE = 0.075  # line width, in units of the pictogram's size


def _stroke(canvas: Canvas, points: list[tuple[float, float]], width: float = STROKE) -> None:
    canvas.setLineWidth(width)
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    canvas.drawPath(path, stroke=1, fill=0)


def _fill(canvas: Canvas, points: list[tuple[float, float]]) -> None:
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _emergency(canvas: Canvas) -> None:
    """A flashing beacon."""
    canvas.roundRect(0.16, 0.08, 0.68, 0.14, 0.03, stroke=0, fill=1)
    dome = canvas.beginPath()
    dome.moveTo(0.27, 0.25)
    dome.lineTo(0.27, 0.46)
    dome.arcTo(0.27, 0.23, 0.73, 0.69, 180, -180)
    dome.lineTo(0.73, 0.25)
    dome.close()
    canvas.drawPath(dome, stroke=0, fill=1)
    for start, end in (((0.5, 0.8), (0.5, 0.95)), ((0.22, 0.68), (0.1, 0.78)),
                       ((0.78, 0.68), (0.9, 0.78)), ((0.16, 0.46), (0.03, 0.46)),
                       ((0.84, 0.46), (0.97, 0.46))):
        _stroke(canvas, [start, end], 0.07)


def _dialysis(canvas: Canvas) -> None:
    """A drop of blood in a circuit."""
    drop = canvas.beginPath()
    drop.moveTo(0.5, 0.84)
    drop.curveTo(0.56, 0.7, 0.7, 0.56, 0.7, 0.42)
    drop.arcTo(0.3, 0.22, 0.7, 0.62, 0, -180)
    drop.curveTo(0.3, 0.56, 0.44, 0.7, 0.5, 0.84)
    drop.close()
    canvas.drawPath(drop, stroke=0, fill=1)
    canvas.setLineWidth(0.06)
    for start, extent in ((200, 120), (20, 120)):
        arc = canvas.beginPath()
        arc.arc(0.04, 0.04, 0.96, 0.96, start, extent)
        canvas.drawPath(arc, stroke=1, fill=0)
    _fill(canvas, [(0.1, 0.2), (0.27, 0.06), (0.04, 0.02)])
    _fill(canvas, [(0.9, 0.8), (0.73, 0.94), (0.96, 0.98)])


def _laboratory(canvas: Canvas) -> None:
    """A laboratory flask, half full."""
    _stroke(canvas, [(0.4, 0.9), (0.4, 0.58), (0.12, 0.08), (0.88, 0.08), (0.6, 0.58),
                     (0.6, 0.9)])
    _stroke(canvas, [(0.32, 0.92), (0.68, 0.92)])
    _fill(canvas, [(0.12, 0.08), (0.88, 0.08), (0.72, 0.36), (0.28, 0.36)])


def _consultation(canvas: Canvas) -> None:
    """A stethoscope."""
    tubes = canvas.beginPath()
    tubes.moveTo(0.22, 0.9)
    tubes.lineTo(0.22, 0.6)
    tubes.arcTo(0.22, 0.36, 0.66, 0.8, 180, 180)
    tubes.lineTo(0.66, 0.9)
    canvas.setLineWidth(STROKE)
    canvas.drawPath(tubes, stroke=1, fill=0)
    lead = canvas.beginPath()
    lead.moveTo(0.44, 0.36)
    lead.curveTo(0.44, 0.08, 0.78, 0.02, 0.78, 0.3)
    canvas.drawPath(lead, stroke=1, fill=0)
    canvas.circle(0.78, 0.38, 0.11, stroke=0, fill=1)
    canvas.circle(0.22, 0.9, 0.05, stroke=0, fill=1)
    canvas.circle(0.66, 0.9, 0.05, stroke=0, fill=1)


def _surgery(canvas: Canvas) -> None:
    """A scalpel."""
    canvas.saveState()
    canvas.translate(0.5, 0.5)
    canvas.rotate(40)
    canvas.roundRect(-0.5, -0.06, 0.52, 0.12, 0.05, stroke=0, fill=1)
    blade = canvas.beginPath()
    blade.moveTo(0.06, -0.06)
    blade.lineTo(0.06, 0.08)
    blade.curveTo(0.26, 0.14, 0.44, 0.08, 0.5, -0.06)
    blade.close()
    canvas.drawPath(blade, stroke=0, fill=1)
    canvas.restoreState()


def _imaging(canvas: Canvas) -> None:
    """An X-ray of a chest: a frame, a spine and ribs."""
    canvas.setLineWidth(0.06)
    canvas.roundRect(0.06, 0.06, 0.88, 0.88, 0.06, stroke=1, fill=0)
    _stroke(canvas, [(0.5, 0.2), (0.5, 0.82)], 0.06)
    canvas.setLineWidth(0.045)
    for y in (0.72, 0.57, 0.42):
        for side in (-1, 1):
            rib = canvas.beginPath()
            rib.moveTo(0.5 + side * 0.04, y)
            rib.curveTo(0.5 + side * 0.2, y + 0.04, 0.5 + side * 0.3, y - 0.02,
                        0.5 + side * 0.32, y - 0.12)
            canvas.drawPath(rib, stroke=1, fill=0)


def _maternity(canvas: Canvas) -> None:
    """A baby carriage."""
    basket = canvas.beginPath()
    basket.moveTo(0.14, 0.5)
    basket.arcTo(0.14, 0.14, 0.86, 0.86, 180, 180)
    basket.close()
    canvas.drawPath(basket, stroke=0, fill=1)
    hood = canvas.beginPath()
    hood.moveTo(0.54, 0.54)
    hood.lineTo(0.54, 0.88)
    hood.arcTo(0.2, 0.2, 0.88, 0.88, 90, -90)
    hood.close()
    canvas.drawPath(hood, stroke=0, fill=1)
    _stroke(canvas, [(0.14, 0.5), (0.04, 0.66)], 0.06)
    canvas.circle(0.3, 0.09, 0.08, stroke=0, fill=1)
    canvas.circle(0.7, 0.09, 0.08, stroke=0, fill=1)


def _pharmacy(canvas: Canvas) -> None:
    """A capsule, one half filled."""
    canvas.saveState()
    canvas.translate(0.5, 0.5)
    canvas.rotate(45)
    canvas.setLineWidth(0.06)
    canvas.roundRect(-0.44, -0.17, 0.88, 0.34, 0.17, stroke=1, fill=0)
    half = canvas.beginPath()
    half.moveTo(0.0, -0.17)
    half.lineTo(-0.27, -0.17)
    half.arcTo(-0.44, -0.17, -0.1, 0.17, 270, -180)
    half.lineTo(0.0, 0.17)
    half.close()
    canvas.drawPath(half, stroke=0, fill=1)
    canvas.restoreState()


def _phone(canvas: Canvas) -> None:
    """A telephone handset."""
    canvas.saveState()
    canvas.translate(0.5, 0.5)
    canvas.rotate(-35)
    canvas.setLineWidth(0.14)
    body = canvas.beginPath()
    body.arc(-0.36, -0.2, 0.36, 0.52, 200, 140)
    canvas.drawPath(body, stroke=1, fill=0)
    canvas.roundRect(-0.46, -0.02, 0.22, 0.3, 0.06, stroke=0, fill=1)
    canvas.roundRect(0.24, -0.02, 0.22, 0.3, 0.06, stroke=0, fill=1)
    canvas.restoreState()


def _visits(canvas: Canvas) -> None:
    """Two people side by side."""
    canvas.circle(0.68, 0.66, 0.12, stroke=0, fill=1)
    back = canvas.beginPath()
    back.moveTo(0.44, 0.06)
    back.arcTo(0.44, -0.18, 0.92, 0.5, 180, -180)
    back.close()
    canvas.drawPath(back, stroke=0, fill=1)
    canvas.saveState()
    canvas.setStrokeColor(colour("#ffffff"))
    canvas.setLineWidth(0.05)
    canvas.circle(0.34, 0.7, 0.14, stroke=1, fill=1)
    front = canvas.beginPath()
    front.moveTo(0.04, 0.06)
    front.arcTo(0.04, -0.24, 0.64, 0.52, 180, -180)
    front.close()
    canvas.drawPath(front, stroke=1, fill=1)
    canvas.restoreState()


def _generic(canvas: Canvas) -> None:
    """An information sign, for services without a pictogram of their own."""
    canvas.setLineWidth(STROKE)
    canvas.circle(0.5, 0.5, 0.42, stroke=1, fill=0)
    canvas.circle(0.5, 0.71, 0.065, stroke=0, fill=1)
    canvas.rect(0.445, 0.22, 0.11, 0.36, stroke=0, fill=1)


PICTOGRAMS: dict[str, Callable[..., None]] = {
    "emergency": _emergency,
    "dialysis": _dialysis,
    "laboratory": _laboratory,
    "consultation": _consultation,
    "surgery": _surgery,
    "imaging": _imaging,
    "maternity": _maternity,
    "pharmacy": _pharmacy,
    "phone": _phone,
    "visits": _visits,
}
ALIASES = {"consultations": "consultation", "lab": "laboratory", "visit": "visits",
           "radiology": "imaging", "switchboard": "phone", "telephone": "phone"}
GENERIC = "generic"


def pictogram_name(icon: str) -> str:
    """The pictogram drawn for ``icon``: its own, an alias's, or the generic sign."""
    icon = ALIASES.get(icon, icon)
    return icon if icon in PICTOGRAMS else GENERIC


def draw_pictogram(canvas: Canvas, icon: str, x: float, y: float, size: float,
                   ink: str = "#1f2d3d") -> None:
    """Draw the pictogram for ``icon`` in the ``size`` box whose lower-left corner is (x, y)."""
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(size, size)
    canvas.setFillColor(colour(ink))
    canvas.setStrokeColor(colour(ink))
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    PICTOGRAMS.get(pictogram_name(icon), _generic)(canvas)
    canvas.restoreState()
