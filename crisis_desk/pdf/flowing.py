"""Documents that flow over A4 pages: the notice, press statement and phone script.

They are laid out from the structure their templates write alongside the text
version (``crisis_desk.rendering.structure``): a heading is set as a heading, a
status row gets the drawn shape of its status in its colour, a site above its
services becomes a sub-heading, a question is set apart from its answer. The
caller (the document registry) renders the templates and hands over each
language's view and structure; this module knows no document kind. Each
language starts on a new page with the organisation's name in that language in
the header; every page has its number and, for a draft, the watermark; an
approved document carries its approval mark instead.

Every text is escaped before it becomes a ReportLab paragraph: markup a user
typed is printed, never interpreted.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
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
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import _, gettext
from crisis_desk.pdf.colours import colour
from crisis_desk.pdf.fonts import BOLD, REGULAR, register_fonts
from crisis_desk.pdf.marks import Metadata, approval_line, draft_label, draw_watermark, joined
from crisis_desk.pdf.shapes import draw_status_shape
from crisis_desk.rendering.context import LanguageView
from crisis_desk.rendering.request import RenderRequest
from crisis_desk.rendering.structure import BLANK, TEXT, Element, Structured
from crisis_desk.support.errors import LayoutFailed

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = RIGHT = 46.0
TOP, BOTTOM = 64.0, 50.0
NAVY = "#17324d"
GREY = "#5a6570"
INK = "#111111"
BOX_FILL = "#eef3f8"  # the summary box: what a reader needs first
BOX_PADDING = 8.0
TABLE_PADDING = 6.0  # ReportLab's default cell padding, left and right
BODY_SIZE = 11.0  # never smaller: the notice is read by patients of every age

STATUS_INDENT = 8.0  # a status row stands in from its site's name
GAP = 2.0  # the height of a blank line: headings bring their own space
UNKNOWN_SHAPE = ""  # draw_status_shape's ring, for a status id this version does not know


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
    contact: ParagraphStyle


@lru_cache(maxsize=1)
def styles() -> Styles:
    """Built once per process."""
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=BODY_SIZE, leading=13,
                          textColor=INK, spaceAfter=1)
    return Styles(
        kicker=ParagraphStyle("kicker", body, fontName=BOLD, fontSize=BODY_SIZE, leading=13,
                              textColor=NAVY),
        title=ParagraphStyle("title", body, fontName=BOLD, fontSize=16, leading=19,
                             textColor=NAVY, spaceBefore=2, spaceAfter=3),
        body=body,
        heading=ParagraphStyle("heading", body, fontName=BOLD, fontSize=12.5, leading=15,
                               textColor=NAVY, spaceBefore=2, spaceAfter=1,
                               keepWithNext=1),
        site=ParagraphStyle("site", body, fontName=BOLD, fontSize=11, leading=13,
                            spaceBefore=1, keepWithNext=1),
        status=ParagraphStyle("status", body, spaceAfter=1),
        question=ParagraphStyle("question", body, fontName=BOLD, spaceBefore=4,
                                keepWithNext=1),
        bullet=ParagraphStyle("bullet", body, leftIndent=14, bulletIndent=3,
                              bulletFontName=REGULAR, bulletFontSize=BODY_SIZE),
        contact=ParagraphStyle("contact", body, textColor=NAVY),
    )


class StatusLine(Flowable):
    """A status row: the drawn status shape, then the text, which may run over pages."""

    def __init__(self, shape: str, ink: str, paragraph: Paragraph, indent: float) -> None:
        super().__init__()
        self.shape = shape
        self.ink = ink
        self.paragraph = paragraph
        self.indent = indent
        self.size = paragraph.style.fontSize * 0.85
        self.offset = text_offset(paragraph.style, indent)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _width, height = self.paragraph.wrap(available_width - self.offset, available_height)
        self.height = max(height, self.size)
        return available_width, self.height

    def draw(self) -> None:
        style = self.paragraph.style
        baseline = self.height - style.leading + (style.leading - style.fontSize) / 2 + 1
        draw_status_shape(self.canv, self.shape, self.indent, baseline, self.size, self.ink)
        self.paragraph.drawOn(self.canv, self.offset, 0)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = self.paragraph.split(available_width - self.offset, available_height)
        if len(parts) < 2:
            return []
        return [StatusLine(self.shape, self.ink, parts[0], self.indent),
                Indenter(left=self.offset), *parts[1:], Indenter(left=-self.offset)]

    def getSpaceAfter(self) -> float:  # noqa: N802 (ReportLab's name)
        return float(self.paragraph.style.spaceAfter)  # ReportLab is untyped


def text_offset(style: ParagraphStyle, indent: float) -> float:
    """Where a status row's text starts: after the indent, the shape and a gap."""
    return indent + float(style.fontSize) * 0.85 + 6


def _paragraph(text: str, style: ParagraphStyle, indent: float = 0,
               bullet_text: str | None = None) -> Paragraph:
    if indent:
        style = ParagraphStyle(f"{style.name}+{indent:g}", style,
                               leftIndent=style.leftIndent + indent,
                               bulletIndent=style.bulletIndent + indent)
    return Paragraph(escape(text), style, bulletText=bullet_text)


def _lines(text: str, style: ParagraphStyle, indent: float = 0,
           bullet_text: str | None = None) -> list[Flowable]:
    """A text that may hold several lines: a paragraph per line, a gap per empty line."""
    if not text.strip():
        return []
    return [_paragraph(line.strip(), style, indent, bullet_text) if line.strip()
            else Spacer(1, GAP)
            for line in text.strip().split("\n")]


def _status_row(element: Element, s: Styles) -> list[Flowable]:
    status = STATUSES.get(element.status)
    shape, ink = (status.shape, status.colour) if status else (UNKNOWN_SHAPE, GREY)
    # The note follows the status on the same line: one glance per service, and a
    # notice that stays on one page.
    line = " — ".join(" ".join(part.split()) for part in (element.text, element.detail)
                      if part.strip())
    return [StatusLine(shape, ink, _paragraph(line, s.status), STATUS_INDENT)]


def _question(element: Element, s: Styles) -> list[Flowable]:
    return [*_lines(element.text, s.question), *_lines(element.detail, s.body)]


def _summary(element: Element, s: Styles) -> list[Flowable]:
    """The boxed summary: its heading, then a bullet per line, on a tinted ground."""
    inside: list[Flowable] = [*_lines(element.text, s.heading)]
    for line in element.detail.split("\n"):
        if line.strip():
            inside.append(_paragraph(line.strip(), s.bullet, bullet_text="•"))
    # splitInRow: a summary longer than a page goes on over the next (never a failure)
    box = Table([[inside]], colWidths=[PAGE_WIDTH - LEFT - RIGHT], splitInRow=1)
    box.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, colour(NAVY)),
        ("BACKGROUND", (0, 0), (-1, -1), colour(BOX_FILL)),
        ("LEFTPADDING", (0, 0), (-1, -1), BOX_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), BOX_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), BOX_PADDING - 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), BOX_PADDING),
    ]))
    return [Spacer(1, 4), box, Spacer(1, 2)]


def _table(element: Element, s: Styles) -> list[Flowable]:
    """A grid with a header row; long cells wrap inside their column."""
    rows = [row.split("\t") for row in element.detail.split("\n") if row.strip()]
    if not rows:
        return []
    header = ParagraphStyle("cell-head", s.body, fontName=BOLD)
    cells = [[_paragraph(cell.strip(), header if number == 0 else s.body) for cell in row]
             for number, row in enumerate(rows)]
    grid = Table(cells, colWidths=_column_widths(rows, header), repeatRows=1,
                 splitInRow=1)  # a cell taller than a page goes on over the next
    grid.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colour("#9aa5b1")),
        ("LEFTPADDING", (0, 0), (-1, -1), TABLE_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), TABLE_PADDING),
        ("BACKGROUND", (0, 0), (-1, 0), colour(BOX_FILL)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return [grid, Spacer(1, 3)]


def _column_widths(rows: list[list[str]], header: ParagraphStyle) -> list[float]:
    """Each column at least as wide as its longest word (a town is never cut in two);
    the first column, the services, takes what is left."""
    width = PAGE_WIDTH - LEFT - RIGHT
    columns = max(len(row) for row in rows)
    share = width * 0.7 / max(columns - 1, 1)
    widths = [max(share, _longest_word(rows, column, header) + 2 * TABLE_PADDING)
              for column in range(1, columns)]
    return [max(width - sum(widths), width * 0.2), *widths]


def _longest_word(rows: list[list[str]], column: int, style: ParagraphStyle) -> float:
    return max((stringWidth(word, style.fontName, style.fontSize)
                for row in rows if column < len(row) for word in row[column].split()),
               default=0.0)


def _page_break(_element: Element, _s: Styles) -> list[Flowable]:
    return [PageBreak()]


def _simple(style: Callable[[Styles], ParagraphStyle],
            bullet_text: str | None = None) -> Callable[[Element, Styles], list[Flowable]]:
    def lay_out(element: Element, s: Styles) -> list[Flowable]:
        return _lines(element.text, style(s), bullet_text=bullet_text)
    return lay_out


LAYOUTS: dict[str, Callable[[Element, Styles], list[Flowable]]] = {  # by element kind
    "kicker": _simple(lambda s: s.kicker),
    "subtitle": _simple(lambda s: s.body),
    "title": _simple(lambda s: s.title),
    "meta": _simple(lambda s: s.body),
    "heading": _simple(lambda s: s.heading),
    "subheading": _simple(lambda s: s.site),
    "paragraph": _simple(lambda s: s.body),
    "status": _status_row,
    "question": _question,
    "bullet": _simple(lambda s: s.bullet, bullet_text="•"),
    "contact": _simple(lambda s: s.contact),
    "summary": _summary,
    "table": _table,
    "page-break": _page_break,
    TEXT: _simple(lambda s: s.body),
}


Layout = Callable[[Element, Styles], list[Flowable]]


@dataclass(frozen=True)
class Look:
    """Another set of styles, and layouts for some elements (the easy-read notice's)."""

    styles: Styles
    layouts: Mapping[str, Layout]


def flowables(structure: Structured, look: Look | None = None) -> list[Flowable]:
    """Lay out one language's structure; a line outside any element is a plain paragraph."""
    s = look.styles if look else styles()
    layouts = {**LAYOUTS, **look.layouts} if look else LAYOUTS
    story: list[Flowable] = []
    for element in structure.elements:
        if element.kind == BLANK:
            story.append(Spacer(1, GAP))
        else:
            story += layouts.get(element.kind, layouts[TEXT])(element, s)
    return story


# What ReportLab calls on each page with the canvas and the document being built.
PageDecoration = Callable[[Canvas, object], None]


class NumberedCanvas(Canvas):
    """Holds its pages back until the end, to print "page / pages" on each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # Canvas's own arguments
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


def _decorations(kind_title: str, view: LanguageView,
                 request: RenderRequest) -> tuple[PageDecoration, PageDecoration]:
    """The header and the marks of a page in one language."""
    title = gettext(view.lang.code, kind_title)
    watermark = draft_label(request.languages) if request.approval is None else ""
    approval = approval_line(request.approval, view.lang.code,
                             request.organisation.timezone) if request.approval else ""

    def header(canvas: Canvas, _doc: object) -> None:
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

    def marks(canvas: Canvas, _doc: object) -> None:
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


def render_flowing(kind_title: str, parts: Sequence[tuple[LanguageView, Structured]],
                   request: RenderRequest, look: Look | None = None) -> bytes:
    """A document as PDF bytes, from each language's view and structure, in order.

    ``kind_title`` is the msgid of the document's name, printed in every page's header;
    ``look`` replaces the styles and some layouts (None: the notice's).
    """
    register_fonts()
    views = [view for view, _structure in parts]
    story: list[Flowable] = []
    for number, (_view, structure) in enumerate(parts):
        if number:
            story += [NextPageTemplate(f"language-{number}"), PageBreak()]
        story += flowables(structure, look)
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
    try:
        document.build(story, canvasmaker=NumberedCanvas)
    except LayoutError:  # the limits of ``check`` keep this away; a message, never a trace
        raise LayoutFailed(_("The document “%(document)s” cannot be laid out: one of its texts "
                             "does not fit on a page. Shorten the longest texts.")
                           % {"document": _(kind_title)}) from None
    return buffer.getvalue()
