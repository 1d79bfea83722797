"""The easy-read notice as PDF: large type, and a pictogram before every sentence.

Easy-read rules (FALC, Makkelijk lezen, Leichte Sprache) ask for a large, plain
type and a picture that carries each action and each status. This module gives
the flowing layout (``crisis_desk.pdf.flowing``) bigger styles, body 16 pt and
nothing under 14 pt, and lays out the template's ``picture`` lines: the
pictogram of the service or action in a box, a status's drawn shape on its
corner (colour is never the only signal), then the sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from xml.sax.saxutils import escape  # every text is data, never markup

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from crisis_desk.domain.statuses import STATUSES
from crisis_desk.pdf.flowing import INK, NAVY, Look, Styles, render_flowing
from crisis_desk.pdf.fonts import BOLD, REGULAR, register_fonts
from crisis_desk.pdf.pictograms import draw_pictogram
from crisis_desk.pdf.shapes import draw_status_shape
from crisis_desk.rendering.context import LanguageView
from crisis_desk.rendering.request import RenderRequest
from crisis_desk.rendering.structure import Element, Structured

BODY_SIZE = 16.0  # easy-read guides ask for 14 pt at least; every text here is above
SMALLEST_SIZE = 14.0
PICTURE = 34.0  # the pictogram's box
BADGE = 15.0  # the status shape on its corner
GAP = 12.0  # between the pictogram and the sentence


@lru_cache(maxsize=1)
def easy_styles() -> Styles:
    """The easy notice's styles: nothing smaller than 14 pt."""
    register_fonts()
    body = ParagraphStyle("easy-body", fontName=REGULAR, fontSize=BODY_SIZE, leading=21,
                          textColor=INK, spaceAfter=5)
    heading = ParagraphStyle("easy-heading", body, fontName=BOLD, fontSize=20, leading=25,
                             textColor=NAVY, spaceBefore=10, spaceAfter=6, keepWithNext=1)
    return Styles(
        kicker=ParagraphStyle("easy-kicker", body, fontName=BOLD, textColor=NAVY),
        title=ParagraphStyle("easy-title", body, fontName=BOLD, fontSize=26, leading=32,
                             textColor=NAVY, spaceBefore=4, spaceAfter=6),
        body=body,
        heading=heading,
        site=ParagraphStyle("easy-site", body, fontName=BOLD, fontSize=17, leading=22,
                            spaceBefore=6, keepWithNext=1),
        status=body,
        question=ParagraphStyle("easy-question", body, fontName=BOLD),
        bullet=ParagraphStyle("easy-bullet", body, leftIndent=18, bulletIndent=4,
                              bulletFontName=REGULAR, bulletFontSize=BODY_SIZE),
        contact=ParagraphStyle("easy-contact", body, textColor=NAVY),
    )


class PictureLine(Flowable):
    """A pictogram (with a status shape on its corner), then its sentence beside it."""

    def __init__(self, icon: str, status: str, paragraph: Paragraph) -> None:
        super().__init__()
        self.icon, self.status, self.paragraph = icon, status, paragraph
        self.offset = PICTURE + GAP

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        _, height = self.paragraph.wrap(available_width - self.offset, available_height)
        self.height = max(height, PICTURE) + 6
        return available_width, self.height

    def draw(self) -> None:
        top = self.height - 3
        draw_pictogram(self.canv, self.icon, 0, top - PICTURE, PICTURE, NAVY)
        status = STATUSES.get(self.status)
        if status is not None:
            self.canv.setFillColorRGB(1, 1, 1)
            self.canv.circle(PICTURE - BADGE / 2 + 3, top - PICTURE + BADGE / 2 - 3,
                             BADGE / 2 + 1.5, stroke=0, fill=1)
            draw_status_shape(self.canv, status.shape, PICTURE - BADGE + 3,
                              top - PICTURE - 3, BADGE, status.colour)
        _, text_height = self.paragraph.wrap(self.width - self.offset, self.height)
        # The sentence is centred on the pictogram when it is shorter than it.
        self.paragraph.drawOn(self.canv, self.offset, top - max(text_height, PICTURE)
                              + max(0.0, (PICTURE - text_height) / 2))


def _picture(element: Element, s: Styles) -> list[Flowable]:
    line = " ".join(element.text.split())
    return [PictureLine(element.status or "generic", element.detail,
                        Paragraph(escape(line), s.body))]


def easy_look() -> Look:
    """The styles and layouts the easy notice is set in."""
    return Look(easy_styles(), {"picture": _picture})


def render_easy(kind_title: str, parts: Sequence[tuple[LanguageView, Structured]],
                request: RenderRequest) -> bytes:
    """The easy-read notice as PDF bytes, each language on its own pages."""
    return render_flowing(kind_title, parts, request, easy_look())
