"""What tells a draft from an approved document, and the PDF's own description.

A draft (no ``ApprovalMark``) carries a diagonal watermark on every page made
of the word for "draft" in each of its languages ("PROJET / ONTWERP"); an
approved document carries its number, version and approver instead. Both are
drawn last on a page, over everything else, so nothing can hide them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo

from crisis_desk.i18n import LANGUAGES, N_, format_date, format_time, gettext
from crisis_desk.pdf.colours import colour
from crisis_desk.pdf.fonts import BOLD, register_fonts, text_width

if TYPE_CHECKING:  # for annotations only: importing ReportLab's canvas costs time
    from reportlab.pdfgen.canvas import Canvas

    from crisis_desk.rendering.request import ApprovalMark

DRAFT = N_("DRAFT")
APPROVED = N_("Document %(number)s, version %(version)s, approved by %(approver)s on %(date)s "
              "at %(time)s")
WATERMARK_COLOUR = "#c0392b"
WATERMARK_ALPHA = 0.2
CREATOR = "Crisis Desk"


def draft_label(languages: Sequence[str]) -> str:
    """'PROJET / ONTWERP': the word for draft in each language, once each."""
    return " / ".join(dict.fromkeys(gettext(code, DRAFT) for code in languages))


def approval_line(approval: ApprovalMark, code: str, timezone: str = "Europe/Brussels") -> str:
    """The approval mark in one language: number, version, approver, date and time (in
    the organisation's time zone)."""
    when = approval.approved_at.astimezone(ZoneInfo(timezone))
    return gettext(code, APPROVED) % {
        "number": approval.number,
        "version": approval.version,
        "approver": approval.approver,
        "date": format_date(when, code, "long"),
        "time": format_time(when, code),
    }


def draw_watermark(canvas: Canvas, label: str, width: float, height: float) -> None:
    """The draft label across the page's diagonal, large and translucent."""
    register_fonts()
    angle = math.degrees(math.atan2(height, width))
    diagonal = math.hypot(width, height)
    size = min(150.0, 0.75 * diagonal / max(text_width(label, BOLD, 1.0), 1e-6))
    canvas.saveState()
    canvas.setFillColor(colour(WATERMARK_COLOUR), alpha=WATERMARK_ALPHA)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(angle)
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(0, -size * 0.35, label)
    canvas.restoreState()


class Metadata(NamedTuple):
    """The PDF's document information and language."""

    title: str
    author: str
    subject: str
    lang: str  # BCP 47, e.g. "fr-BE"

    def apply(self, canvas: Canvas) -> None:
        canvas.setTitle(self.title)
        canvas.setAuthor(self.author)
        canvas.setSubject(self.subject)
        canvas.setCreator(CREATOR)
        canvas.setProducer(CREATOR)


def language_tag(languages: Sequence[str]) -> str:
    """The document's main language (its first) as a BCP 47 tag."""
    return LANGUAGES[languages[0]].tag


def joined(texts: Sequence[str]) -> str:
    """Texts of several languages in one field, each once: 'Hôpital d'Arlon / Ziekenhuis Aarlen'."""
    return " / ".join(dict.fromkeys(t for t in texts if t))

