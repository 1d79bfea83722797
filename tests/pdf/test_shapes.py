"""Status shapes and pictograms: each one distinct, so colour is never the only signal."""

from __future__ import annotations

import hashlib
import io
import subprocess
import tempfile
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from crisis_desk.domain.statuses import STATUSES
from crisis_desk.pdf.pictograms import GENERIC, PICTOGRAMS, draw_pictogram, pictogram_name
from crisis_desk.pdf.shapes import SHAPES, draw_status_shape
from tests.pdf_tools import require

SERVICE_ICONS = ("emergency", "dialysis", "laboratory", "consultation", "surgery", "imaging",
                 "maternity", "pharmacy", "phone", "visits")


def raster(draw) -> str:
    """A hash of the drawing rasterised in black only: what is left without colour."""
    program = require("pdftoppm", "poppler-utils")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(40, 40), invariant=1)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "shape.pdf"
        pdf.write_bytes(buffer.getvalue())
        subprocess.run([program, "-r", "72", "-gray", str(pdf), str(Path(folder) / "s")],
                       check=True)
        return hashlib.sha256(next(Path(folder).glob("s*")).read_bytes()).hexdigest()


def test_every_status_names_a_shape_and_the_shapes_differ_in_black_and_white():
    assert {status.shape for status in STATUSES.values()} <= set(SHAPES)
    images = {shape: raster(lambda c, shape=shape: draw_status_shape(c, shape, 4, 4, 32,
                                                                     "#000000"))
              for shape in SHAPES}
    assert len(set(images.values())) == len(SHAPES)


def test_an_unknown_shape_still_draws_something():
    blank = raster(lambda c: None)
    assert raster(lambda c: draw_status_shape(c, "hexagon", 4, 4, 32, "#000000")) != blank


def test_every_service_has_its_own_pictogram():
    assert set(SERVICE_ICONS) <= set(PICTOGRAMS)
    images = {icon: raster(lambda c, icon=icon: draw_pictogram(c, icon, 4, 4, 32))
              for icon in (*SERVICE_ICONS, GENERIC)}
    assert len(set(images.values())) == len(images)


def test_unknown_icons_get_the_generic_sign():
    assert pictogram_name("helicopter") == GENERIC
    assert pictogram_name("consultations") == "consultation"
    assert raster(lambda c: draw_pictogram(c, "helicopter", 4, 4, 32)) == raster(
        lambda c: draw_pictogram(c, GENERIC, 4, 4, 32))
