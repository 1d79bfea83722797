"""Notice, press statement and phone script as A4 documents.

They carry exactly the text of their plain-text versions: the same templates
are rendered per language (``render_text_parts``) and their lines laid out —
``== X ==`` becomes a heading, a line starting with a status symbol gets the
drawn status shape in its colour, a site name above its services becomes a
sub-heading, ``- `` lines become bullets. Each language starts on a new page
with the organisation's name in that language in the header; every page has
its number and, for a draft, the watermark; an approved document carries its
approval mark instead.

Every line is escaped before it becomes a ReportLab paragraph: markup a user
typed is printed, never interpreted.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Indenter,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from crisis_desk.documents import kind
from crisis_desk.documents.text import render_text_parts
from crisis_desk.domain.statuses import STATUSES, Status
from crisis_desk.i18n import gettext
from crisis_desk.pdf.colours import colour
from crisis_desk.pdf.fonts import BOLD, REGULAR, register_fonts
from crisis_desk.pdf.marks import Metadata, approval_line, draft_label, draw_watermark, joined
from crisis_desk.pdf.shapes import draw_status_shape
from crisis_desk.rendering.context import LanguageView, build_view
from crisis_desk.rendering.request import RenderRequest

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = RIGHT = 62.0
TOP, BOTTOM = 78.0, 64.0
NAVY = "#17324d"
GREY = "#5a6570"
INK = "#111111"

HEADING = re.compile(r"^== (.*) ==$")
SYMBOLS: dict[str, Status] = {status.symbol: status for status in STATUSES.values()}
INDENT_STEP = 9.0  # points per leading space of the text version
WORKING = "Operating normally: %(services)s"  # the text version's line for working services


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of the documents."""

    kicker: ParagraphStyle
    title: ParagraphStyle
    body: ParagraphStyle
    heading: ParagraphStyle
    site: ParagraphStyle
    status: ParagraphStyle
    question: ParagraphStyle
    bullet: ParagraphStyle


@lru_cache(maxsize=1)
def styles() -> Styles:
    """Built once per process."""
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=14.5,
                          textColor=INK, spaceAfter=2)
    return Styles(
        kicker=ParagraphStyle("kicker", body, fontName=BOLD, fontSize=10, leading=13,
                              textColor=NAVY),
        title=ParagraphStyle("title", body, fontName=BOLD, fontSize=19, leading=23,
                             textColor=NAVY, spaceBefore=4, spaceAfter=6),
        body=body,
        heading=ParagraphStyle("heading", body, fontName=BOLD, fontSize=13, leading=17,
                               textColor=NAVY, spaceBefore=10, spaceAfter=4,
                               keepWithNext=1),
        site=ParagraphStyle("site", body, fontName=BOLD, fontSize=11, leading=15,
                            spaceBefore=4, keepWithNext=1),
        status=ParagraphStyle("status", body, spaceAfter=1),
        question=ParagraphStyle("question", body, fontName=BOLD, spaceBefore=4,
                                keepWithNext=1),
        bullet=ParagraphStyle("bullet", body, leftIndent=14, bulletIndent=3,
                              bulletFontName=REGULAR),
    )


class StatusLine(Flowable):
    """A status line: the drawn status shape, then the text, which may run over pages."""

    def __init__(self, status: Status, paragraph: Paragraph, indent: float) -> None:
        super().__init__()
        self.status = status
        self.paragraph = paragraph
        self.indent = indent
        self.size = paragraph.style.fontSize * 0.85
        self.offset = indent + self.size + 6

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, height = self.paragraph.wrap(available_width - self.offset, available_height)
        self.height = max(height, self.size)
        return available_width, self.height

    def draw(self) -> None:
        style = self.paragraph.style
        baseline = self.height - style.leading + (style.leading - style.fontSize) / 2 + 1
        draw_status_shape(self.canv, self.status.shape, self.indent, baseline,
                          self.size, self.status.colour)
        self.paragraph.drawOn(self.canv, self.offset, 0)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = self.paragraph.split(available_width - self.offset, available_height)
        if len(parts) < 2:
            return []
        return [StatusLine(self.status, parts[0], self.indent), Indenter(left=self.offset),
                *parts[1:], Indenter(left=-self.offset)]

    def getSpaceAfter(self) -> float:  # noqa: N802 (ReportLab's name)
        return self.paragraph.style.spaceAfter


def _paragraph(text: str, style: ParagraphStyle, indent: int = 0, **bullet) -> Paragraph:
    if indent:
        style = ParagraphStyle(f"{style.name}+{indent}", style,
                               leftIndent=style.leftIndent + indent * INDENT_STEP,
                               bulletIndent=style.bulletIndent + indent * INDENT_STEP)
    return Paragraph(escape(text), style, **bullet)


def flowables(text: str, view: LanguageView) -> list[Flowable]:
    """Lay out one language's text version."""
    s = styles()
    title_lines = {line.strip() for line in view.incident.title.split("\n") if line.strip()}
    question = gettext(view.lang.code, "Q:")
    working = gettext(view.lang.code, WORKING).split("%(")[0]
    lines = text.split("\n")
    story: list[Flowable] = []
    masthead = True
    for number, raw in enumerate(lines):
        line = raw.rstrip()
        content = line.strip()
        if not content:
            story.append(Spacer(1, 5))
            continue
        indent = len(line) - len(line.lstrip(" "))
        heading = HEADING.match(content) if indent == 0 else None
        following = lines[number + 1] if number + 1 < len(lines) else ""
        if heading:
            masthead = False
            story.append(_paragraph(heading.group(1), s.heading))
        elif masthead:
            style = s.kicker if not story else s.title if content in title_lines else s.body
            story.append(_paragraph(content, style))
        elif content[:1] in SYMBOLS and content[1:2] == " ":
            story.append(StatusLine(SYMBOLS[content[0]], _paragraph(content[2:], s.status),
                                    indent * INDENT_STEP))
        elif working.strip() and content.startswith(working):
            story.append(StatusLine(STATUSES["operational"], _paragraph(content, s.status),
                                    indent * INDENT_STEP))
        elif indent == 0 and following.startswith("  ") and following.strip():
            story.append(_paragraph(content, s.site))
        elif content.startswith("- "):
            story.append(_paragraph(content[2:], s.bullet, indent, bulletText="•"))
        elif content.startswith(question):
            story.append(_paragraph(content, s.question, indent))
        else:
            story.append(_paragraph(content, s.body, indent))
    return story


class NumberedCanvas(Canvas):
    """Holds its pages back until the end, to print "page / pages" on each."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self.setFont(REGULAR, 8.5)
            self.setFillColor(colour(GREY))
            self.drawRightString(PAGE_WIDTH - RIGHT, BOTTOM - 30, f"{number} / {total}")
            super().showPage()
        super().save()


def _decorations(kind_title: str, view: LanguageView, request: RenderRequest):
    """The header and the marks of a page in one language."""
    title = gettext(view.lang.code, kind_title)
    watermark = draft_label(request.languages) if request.approval is None else ""
    approval = approval_line(request.approval, view.lang.code,
                             request.organisation.timezone) if request.approval else ""

    def header(canvas: Canvas, _doc) -> None:
        canvas.saveState()
        canvas.setFont(BOLD, 9)
        canvas.setFillColor(colour(NAVY))
        canvas.drawString(LEFT, PAGE_HEIGHT - 44, view.org.name)
        canvas.setFont(REGULAR, 9)
        canvas.setFillColor(colour(GREY))
        canvas.drawRightString(PAGE_WIDTH - RIGHT, PAGE_HEIGHT - 44, title)
        canvas.setStrokeColor(colour(NAVY))
        canvas.setLineWidth(1.2)
        canvas.line(LEFT, PAGE_HEIGHT - 52, PAGE_WIDTH - RIGHT, PAGE_HEIGHT - 52)
        canvas.restoreState()

    def marks(canvas: Canvas, _doc) -> None:
        canvas.saveState()
        canvas.setStrokeColor(colour("#c5ccd3"))
        canvas.setLineWidth(0.6)
        canvas.line(LEFT, BOTTOM - 18, PAGE_WIDTH - RIGHT, BOTTOM - 18)
        if approval:
            paragraph = Paragraph(escape(approval), ParagraphStyle(
                "approval", fontName=REGULAR, fontSize=8, leading=10, textColor=GREY))
            paragraph.wrapOn(canvas, PAGE_WIDTH - LEFT - RIGHT - 60, 40)
            paragraph.drawOn(canvas, LEFT, BOTTOM - 32)
        if watermark:
            draw_watermark(canvas, watermark, PAGE_WIDTH, PAGE_HEIGHT)
        canvas.restoreState()

    return header, marks


def render_document(kind_id: str, request: RenderRequest) -> bytes:
    """The document ``kind_id`` (notice, press, phone-script) as PDF bytes."""
    register_fonts()
    kind_title = kind(kind_id).title
    views = [build_view(request.organisation, request.incident, code, request.site,
                        request.languages) for code in request.languages]
    story: list[Flowable] = []
    texts = render_text_parts(kind_id, request)
    for number, (view, text) in enumerate(zip(views, texts, strict=True)):
        if number:
            story += [NextPageTemplate(f"language-{number}"), PageBreak()]
        story += flowables(text, view)
    metadata = Metadata(
        title=joined([f"{gettext(v.lang.code, kind_title)} — {v.incident.title}" for v in views]),
        author=joined([v.org.name for v in views]),
        subject=joined([v.incident.title for v in views]),
        lang=views[0].lang.tag,
    )
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer, pagesize=A4, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
        bottomMargin=BOTTOM, title=metadata.title, author=metadata.author,
        subject=metadata.subject, creator="Crisis Desk", producer="Crisis Desk",
        lang=metadata.lang, invariant=1, pageCompression=1, initialFontName=REGULAR)
    templates = []
    for number, view in enumerate(views):
        header, marks = _decorations(kind_title, view, request)
        frame = Frame(LEFT, BOTTOM, PAGE_WIDTH - LEFT - RIGHT, PAGE_HEIGHT - TOP - BOTTOM,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates.append(PageTemplate(id=f"language-{number}", frames=[frame], onPage=header,
                                      onPageEnd=marks, pagesize=A4))
    document.addPageTemplates(templates)
    document.build(story, canvasmaker=NumberedCanvas)
    return buffer.getvalue()
