"""The entrance poster of one site, A4 or A3, in every language of the document.

Layout, top to bottom: a band with the site's name, the headline in each
language (stacked, same size), one row per affected service (pictogram, status
shape, then per language its name, status word, note and alternative, in
columns of equal width), the services working normally as compact chips
(pictogram and names) under one row with their status shape and word, what to
do, and a footer with the information line, the update and a QR code to the
status page.

Everything is laid out in A4 points; the A3 poster is the same page scaled by
√2. The texts come from ``templates/poster/poster.j2`` and the view model.
Fitting: the layout is tried from generous to tight sizes (headline 64 → 48 pt,
body text down to a legible minimum) and the first that fits is drawn. Past the
minimum, the page is still drawn, smaller, so nothing is ever cut, and
``measure_fit`` names the texts that are too long (the poster check of the
document registry reports them as errors).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial

from reportlab.lib.pagesizes import A3, A4
from reportlab.pdfgen.canvas import Canvas

from crisis_desk.i18n import gettext
from crisis_desk.pdf.colours import colour
from crisis_desk.pdf.fonts import BOLD, REGULAR, register_fonts, text_width
from crisis_desk.pdf.marks import (
    Metadata,
    approval_line,
    draft_label,
    draw_watermark,
    joined,
    language_tag,
)
from crisis_desk.pdf.pictograms import draw_pictogram
from crisis_desk.pdf.poster_texts import (
    PosterTexts,
    ServiceRow,
    poster_texts,
)
from crisis_desk.pdf.qr import draw_qr
from crisis_desk.pdf.shapes import draw_status_shape
from crisis_desk.pdf.wrap import Line, Span, Style, draw_lines, lines_height, wrap
from crisis_desk.rendering.context import StatusView
from crisis_desk.rendering.request import RenderRequest

PAGE_WIDTH, PAGE_HEIGHT = A4
PAGE_SIZES = {"A4": (A4, 1.0), "A3": (A3, math.sqrt(2))}

MARGIN = 24.0
GUTTER = 16.0
MIN_GAP = 8.0  # at least this much between the services and the footer
QR_SIZE = 72.0  # 25 mm on A4 (35 mm on A3): phones read it from an arm's length
HEADLINE_MAX, HEADLINE_MIN = 64.0, 48.0
BODY_MIN = 0.7  # body sizes times this are the smallest legible (notes ≈ 7.7 pt on A4)

NAVY = "#17324d"
INK = "#111111"
GREY = "#3d4650"
PALE = "#c9d6e3"
RULE = "#c5ccd3"
FOOTER_BACKGROUND = "#eef2f6"
EMERGENCY_RED = "#b3261e"

# Body styles at scale 1 (A4 points).
STYLES = {
    "band_org": Style(REGULAR, 10.5, PALE),
    "band_site": Style(BOLD, 21, "#ffffff", 1.15),
    "name": Style(BOLD, 14, INK, 1.15),
    "status": Style(BOLD, 12.5, INK, 1.2),
    "note": Style(REGULAR, 11, GREY, 1.2),
    "heading": Style(BOLD, 12.5, NAVY, 1.25),
    "advice": Style(REGULAR, 12, INK, 1.25),
    "emergency": Style(BOLD, 12.5, EMERGENCY_RED, 1.2),
    "small": Style(REGULAR, 9.5, GREY, 1.25),
    "small_bold": Style(BOLD, 9.5, NAVY, 1.25),
    "hotline": Style(BOLD, 25, NAVY, 1.1),
    "approval": Style(REGULAR, 7.5, GREY, 1.25),
}

# What share of the page one text may take at the smallest legible size before
# ``measure_fit`` names it as the one to shorten.
CEILINGS = {"title": 0.3, "patient_advice": 0.15, "note": 0.08, "name": 0.06,
            "site": 0.08, "organisation": 0.06, "hours": 0.05}


# -- sizes -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sizes:
    """One step of the fitting ladder."""

    headline: float
    body: float
    legible: bool = True

    def style(self, name: str) -> Style:
        return STYLES[name].scaled(self.body)


def _ladder() -> tuple[Sizes, ...]:
    steps = [Sizes(HEADLINE_MAX - (HEADLINE_MAX - HEADLINE_MIN) * i / 8, 1.0 - 0.12 * i / 8)
             for i in range(9)]
    body = 0.88
    while body > BODY_MIN + 1e-9:
        body = round(body - 0.02, 4)
        steps.append(Sizes(HEADLINE_MIN, max(body, BODY_MIN)))
    steps += [Sizes(HEADLINE_MIN * f, BODY_MIN * f, legible=False)
              for f in (0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3)]
    return tuple(steps)


LADDER = _ladder()
SMALLEST_LEGIBLE = max(i for i, step in enumerate(LADDER) if step.legible)


# -- layout ------------------------------------------------------------------------------

Draw = Callable[[Canvas], object]  # a drawing step; what it returns is not used


@dataclass(frozen=True)
class Measured:
    """A user's text on the poster; its height is measured only when blame is needed."""

    kind: str  # a key of CEILINGS
    field: str
    language: str | None
    text: str
    style: Style
    width: float
    line: int | None

    @property
    def height(self) -> float:
        return lines_height(wrap([Span(self.text, self.style)], self.width))


@dataclass
class Layout:
    """The poster laid out: drawing operations (A4 points) and how much room it needed."""

    width: float
    height: float
    ops: list[Draw] = field(default_factory=list)
    top_end: float = 0.0  # y where the upper part ends
    footer_top: float = 0.0  # y where the footer starts
    blocks: list[Measured] = field(default_factory=list)

    @property
    def slack(self) -> float:
        return self.top_end - self.footer_top - MIN_GAP

    @property
    def fits(self) -> bool:
        return self.slack >= 0

    def text(self, lines: list[Line], x: float, top: float, width: float = 0.0,
             align: str = "left") -> None:
        self.ops.append(lambda c: draw_lines(c, lines, x, top, width, align))

    def note_block(self, kind: str, field_name: str, code: str | None, text: str,
                   style: Style, width: float, line: int | None = None) -> None:
        """Remember where a user's text went, so an overflow can be blamed on its field."""
        self.blocks.append(Measured(kind, field_name, code, text, style, width, line))


def _columns(count: int, left: float, width: float) -> list[tuple[float, float]]:
    column = (width - (count - 1) * GUTTER) / count
    return [(left + i * (column + GUTTER), column) for i in range(count)]


def _stack(parts: Sequence[tuple[str, Style]], width: float, gap: float = 0.0) -> list[Line]:
    lines: list[Line] = []
    for text, style in parts:
        if not text:
            continue
        if lines and gap:
            lines.append(Line((), gap, 0.0))
        lines += wrap([Span(text, style)], width)
    return lines


def compose(texts: PosterTexts, sizes: Sizes, width: float = PAGE_WIDTH,
            height: float = PAGE_HEIGHT, spread: float = 0.0,
            approval_lines: Sequence[str] = ()) -> Layout:
    """Lay the poster out at ``sizes`` on a page of ``width`` × ``height``."""
    layout = Layout(width, height)
    y = _band(layout, texts, sizes, height)
    y = _headlines(layout, texts, sizes, y - 12 * sizes.body - spread)
    y = _services(layout, texts, sizes, y - 11 * sizes.body - spread)
    y = _what_to_do(layout, texts, sizes, y - 10 * sizes.body - spread)
    layout.top_end = y
    layout.footer_top = _footer(layout, texts, sizes, approval_lines)
    return layout


def _band(layout: Layout, texts: PosterTexts, sizes: Sizes, top: float) -> float:
    pad = 9 * sizes.body
    content = []
    for (x, width), lang in zip(_columns(len(texts.languages), MARGIN,
                                         layout.width - 2 * MARGIN), texts.languages,
                                strict=True):
        org_lines = wrap([Span(lang.organisation, sizes.style("band_org"))], width)
        site_lines = wrap([Span(lang.site, sizes.style("band_site"))], width)
        layout.note_block("organisation", "organisation.name", lang.code, lang.organisation,
                          sizes.style("band_org"), width)
        layout.note_block("site", f"organisation.site[{texts.site_id}].name", lang.code,
                          lang.site, sizes.style("band_site"), width)
        content.append((x, org_lines + [Line((), 2 * sizes.body, 0.0)] + site_lines))
    band = 2 * pad + max(lines_height(lines) for _, lines in content)
    width = layout.width

    def background(c: Canvas) -> None:
        c.setFillColor(colour(NAVY))
        c.rect(0, top - band, width, band, stroke=0, fill=1)

    layout.ops.append(background)
    for x, lines in content:
        layout.text(lines, x, top - pad)
    return top - band


def _headlines(layout: Layout, texts: PosterTexts, sizes: Sizes, top: float) -> float:
    style = Style(BOLD, sizes.headline, INK, 1.03)
    width = layout.width - 2 * MARGIN
    y = top
    for number, lang in enumerate(texts.languages):
        if number:
            rule_y = y - 7 * sizes.body
            layout.ops.append(partial(_rule, x=MARGIN, y=rule_y, length=90, ink=NAVY,
                                      thickness=2.5))
            y -= 16 * sizes.body
        lines = wrap([Span(lang.headline, style)], width)
        layout.text(lines, MARGIN, y)
        layout.note_block("title", "title", lang.code, lang.headline, style, width)
        y -= lines_height(lines)
    return y


def _rule(canvas: Canvas, x: float, y: float, length: float, ink: str,
          thickness: float) -> None:
    canvas.setStrokeColor(colour(ink))
    canvas.setLineWidth(thickness)
    canvas.line(x, y, x + length, y)


@dataclass(frozen=True)
class _RowGeometry:
    """Where a service row puts its pictogram, its status shape and its language columns."""

    s: float
    icon: float
    shape: float
    pad: float
    columns: list[tuple[float, float]]

    @classmethod
    def make(cls, sizes: Sizes, page_width: float, languages: int) -> _RowGeometry:
        s = sizes.body
        icon, shape = 26 * s, 16 * s
        cell = 12 * s + icon + 6 * s + shape + 10 * s
        return cls(s, icon, shape, 4.5 * s,
                   _columns(languages, MARGIN + cell, page_width - 2 * MARGIN - cell))

    @property
    def icon_x(self) -> float:
        return MARGIN + 12 * self.s

    @property
    def shape_x(self) -> float:
        return self.icon_x + self.icon + 6 * self.s


def _is_chip(row: ServiceRow) -> bool:
    """A service working normally with nothing to add is shown as a compact chip."""
    return row.status.severity == 0 and not any(t.note or t.alternative for t in row.texts)


def _services(layout: Layout, texts: PosterTexts, sizes: Sizes, top: float) -> float:
    geometry = _RowGeometry.make(sizes, layout.width, len(texts.languages))
    width = layout.width
    y = top
    for row in texts.rows:
        if not _is_chip(row):
            y = _service_row(layout, texts, row, sizes, geometry, y)
    chips: dict[str, list[ServiceRow]] = {}
    for row in texts.rows:
        if _is_chip(row):
            chips.setdefault(row.status.id, []).append(row)
    for rows in chips.values():
        y = _chip_group(layout, texts, rows, sizes, geometry, y)
    layout.ops.append(lambda c: _rule(c, MARGIN, y, width - 2 * MARGIN, RULE, 0.8))
    return y


def _status_style(sizes: Sizes, status: StatusView) -> Style:
    return Style(BOLD, STYLES["status"].size * sizes.body, status.colour, 1.2)


def _service_row(layout: Layout, texts: PosterTexts, row: ServiceRow, sizes: Sizes,
                 geometry: _RowGeometry, top: float) -> float:
    """One service: pictogram and shape, then name · status, note, alternative per language."""
    s = sizes.body
    name_style, note_style = sizes.style("name"), sizes.style("note")
    alternative_style = Style(BOLD, note_style.size, row.status.colour, note_style.leading)
    cells = []
    for (x, width), text, lang in zip(geometry.columns, row.texts, texts.languages,
                                      strict=True):
        heading = wrap([Span(text.name, name_style), Span("·", _grey(name_style)),
                        Span(text.status, _status_style(sizes, row.status))], width)
        rest = _stack([(text.note, note_style), (text.alternative, alternative_style)], width)
        cells.append((x, heading + rest))
        layout.note_block("name", f"organisation.service[{row.id}].name", lang.code, text.name,
                          name_style, width)
        if text.note:
            layout.note_block("note", row.note_field, lang.code, text.note, note_style, width,
                              row.line)
    height = 2 * geometry.pad + max(geometry.icon, *(lines_height(ls) for _, ls in cells))
    layout.ops.append(_row_background(row.status, top, height, layout.width, s))
    layout.ops.append(_dividers(geometry, top - geometry.pad, height - 2 * geometry.pad))
    _row_marks(layout, row.icon, row.status, geometry, top - geometry.pad - geometry.icon)
    for x, lines in cells:
        layout.text(lines, x, top - geometry.pad)
    return top - height


def _dividers(geometry: _RowGeometry, top: float, height: float) -> Draw:
    """Hairlines between the language columns, so each language reads as its own column."""
    def draw(c: Canvas) -> None:
        c.setStrokeColor(colour(RULE))
        c.setLineWidth(0.6)
        for x, _width in geometry.columns[1:]:
            c.line(x - GUTTER / 2, top, x - GUTTER / 2, top - height)
    return draw


def _row_marks(layout: Layout, icon: str | None, status: StatusView, geometry: _RowGeometry,
               icon_y: float) -> None:
    if icon is not None:
        layout.ops.append(lambda c: draw_pictogram(c, icon, geometry.icon_x, icon_y,
                                                   geometry.icon))
    layout.ops.append(lambda c: draw_status_shape(
        c, status.shape, geometry.shape_x, icon_y + (geometry.icon - geometry.shape) / 2,
        geometry.shape, status.colour))


def _chip_group(layout: Layout, texts: PosterTexts, rows: list[ServiceRow], sizes: Sizes,
                geometry: _RowGeometry, top: float) -> float:
    """Services working normally: the status once per language, then a grid of chips."""
    s, status = sizes.body, rows[0].status
    first_op = len(layout.ops)
    labels = [(x, wrap([Span(text.status, _status_style(sizes, status))], width))
              for (x, width), text in zip(geometry.columns, rows[0].texts, strict=True)]
    label_height = max(lines_height(lines) for _, lines in labels)
    y = top - geometry.pad
    shape_y = y - label_height / 2 - geometry.icon / 2
    _row_marks(layout, None, status, geometry, shape_y)
    for x, lines in labels:
        layout.text(lines, x, y)
    y -= max(label_height, geometry.shape) + 5 * s
    left = geometry.icon_x
    area = layout.width - MARGIN - left
    count = max(1, int(area // (150 * s)))
    chip_width = area / count
    for start in range(0, len(rows), count):
        y = _chip_line(layout, texts, rows[start:start + count], sizes, left, chip_width, y)
    height = top - y + geometry.pad - 4 * s
    layout.ops.insert(first_op, _row_background(status, top, height, layout.width, s))
    return top - height


def _chip_line(layout: Layout, texts: PosterTexts, rows: list[ServiceRow], sizes: Sizes,
               left: float, chip_width: float, top: float) -> float:
    s = sizes.body
    icon = 20 * s
    name_style = sizes.style("name")
    tallest = icon
    for number, row in enumerate(rows):
        x = left + number * chip_width
        names = list(dict.fromkeys(text.name for text in row.texts))
        names_width = chip_width - icon - 14 * s
        lines = _stack([(name, name_style) for name in names], names_width)
        for lang, text in zip(texts.languages, row.texts, strict=True):
            layout.note_block("name", f"organisation.service[{row.id}].name", lang.code,
                              text.name, name_style, names_width)
        tallest = max(tallest, lines_height(lines))
        layout.ops.append(partial(draw_pictogram, icon=row.icon, x=x, y=top - icon, size=icon))
        layout.text(lines, x + icon + 8 * s, top)
    return top - tallest - 4 * s


def _grey(style: Style) -> Style:
    return Style(REGULAR, style.size, RULE, style.leading)


def _row_background(status: StatusView, top: float, height: float, page_width: float,
                    s: float) -> Draw:
    def draw(c: Canvas) -> None:
        if status.severity > 0:
            c.setFillColor(colour(_tint(status.colour, 0.1)))
            c.rect(MARGIN, top - height, page_width - 2 * MARGIN, height, stroke=0, fill=1)
        c.setFillColor(colour(status.colour))
        c.rect(MARGIN, top - height, 5 * s, height, stroke=0, fill=1)
        _rule(c, MARGIN, top, page_width - 2 * MARGIN, RULE, 0.8)  # over the row above's fill
    return draw


def _tint(hex_colour: str, strength: float) -> str:
    """``hex_colour`` mixed with white: a background that keeps the status colour's hue."""
    channels = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - v) * strength) for v in channels]
    return "#" + "".join(f"{v:02x}" for v in mixed)


def _what_to_do(layout: Layout, texts: PosterTexts, sizes: Sizes, top: float) -> float:
    s = sizes.body
    columns = _columns(len(texts.languages), MARGIN, layout.width - 2 * MARGIN)
    cells = []
    for (x, width), lang in zip(columns, texts.languages, strict=True):
        layout.note_block("patient_advice", "patient_advice", lang.code, lang.what_to_do,
                          sizes.style("advice"), width)
        lines = wrap([Span(lang.what_to_do_heading, sizes.style("heading")),
                      Span(lang.what_to_do, sizes.style("advice"))], width)
        lines += [Line((), 4 * s, 0.0)] + wrap([Span(lang.emergency, sizes.style("emergency"))],
                                               width)
        cells.append((x, lines))
    layout.ops.append(lambda c: _rule(c, MARGIN, top, layout.width - 2 * MARGIN, NAVY, 2))
    for x, lines in cells:
        layout.text(lines, x, top - 8 * s)
    return top - 8 * s - max(lines_height(lines) for _, lines in cells)


def _footer(layout: Layout, texts: PosterTexts, sizes: Sizes,
            approval_lines: Sequence[str]) -> float:
    """Lay the footer out from the bottom of the page up; return its top.

    Left, the information line and the update; under them the approval mark;
    right, the QR code with its caption.
    """
    s = sizes.body
    pad = 9 * s
    inner = layout.width - 2 * MARGIN
    qr = QR_SIZE if texts.status_url else 0.0
    caption_width = 112 * s if texts.status_url else 0.0
    left_width = inner - (qr + caption_width + 2 * GUTTER if qr else 0.0)
    hotline_width = left_width * 0.5
    update_width = left_width - hotline_width - GUTTER
    hotline = _hotline_lines(texts, sizes, hotline_width - 34 * s)
    update: list[Line] = []
    for lang in texts.languages:
        if update:
            update.append(Line((), 3 * s, 0.0))
        update += _stack([(lang.update, sizes.style("small")),
                          (lang.next_update, sizes.style("small"))], update_width)
    caption = _stack([(lang.qr_caption, sizes.style("small_bold")) for lang in texts.languages]
                     + [(texts.status_link, sizes.style("small"))], caption_width) \
        if texts.status_url else []
    # The approval's lines have their room on drafts too, so a draft that fits stays fitting.
    marks = _stack([(text, sizes.style("approval")) for text in approval_lines]
                   or [(" ", sizes.style("approval")) for _ in texts.languages], left_width)
    for lang in texts.languages:
        layout.note_block("hours", "organisation.hotline.hours", lang.code,
                          lang.hotline_hours, sizes.style("small"), hotline_width)
    upper = max(lines_height(hotline), lines_height(update))
    body = max(upper + 6 * s + lines_height(marks), lines_height(caption), qr)
    top = MARGIN / 2 + body + 2 * pad
    width = layout.width

    def background(c: Canvas) -> None:
        c.setFillColor(colour(FOOTER_BACKGROUND))
        c.rect(0, 0, width, top, stroke=0, fill=1)
        _rule(c, 0, top, width, NAVY, 3)

    layout.ops.append(background)
    content_top = top - pad
    if texts.hotline:
        phone = 26 * s
        layout.ops.append(lambda c: draw_pictogram(c, "phone", MARGIN, content_top - phone
                                                   - lines_height(hotline[:1]), phone, NAVY))
    layout.text(hotline, MARGIN + (34 * s if texts.hotline else 0.0), content_top)
    layout.text(update, MARGIN + hotline_width + GUTTER, content_top)
    layout.text(marks, MARGIN, content_top - body + lines_height(marks))
    if texts.status_url:
        x = layout.width - MARGIN - qr
        layout.text(caption, x - GUTTER - caption_width, content_top, caption_width, "right")
        layout.ops.append(lambda c: draw_qr(c, texts.status_url, x, content_top - qr, qr))
    return top


def _hotline_lines(texts: PosterTexts, sizes: Sizes, width: float) -> list[Line]:
    if not texts.hotline:
        return []
    heading = joined([lang.hotline_heading for lang in texts.languages])
    hours = [(lang.hotline_hours, sizes.style("small")) for lang in texts.languages
             if lang.hotline_hours]
    number = sizes.style("hotline")
    # A telephone number is read in one piece: smaller rather than broken over two lines.
    natural = max(text_width(texts.hotline, number.font, number.size), 1e-6)
    number = number.scaled(min(1.0, 0.98 * width / natural))
    return _stack([(heading, sizes.style("small_bold")), (texts.hotline, number), *hours],
                  width)


# -- fitting -----------------------------------------------------------------------------

def fit(texts: PosterTexts, approval_lines: Sequence[str] = ()) -> tuple[Layout, float]:
    """The most generous layout that fits, and the zoom (1 unless even the ladder's end is
    too big: then the page is laid out larger and drawn smaller, so nothing is cut)."""
    return _fit(texts, tuple(approval_lines))


@lru_cache(maxsize=32)
def _fit(texts: PosterTexts, approval_lines: tuple[str, ...]) -> tuple[Layout, float]:
    # The A4 and A3 posters of a site share their layout: fitted once.
    tried: dict[int, Layout] = {}

    def at(index: int) -> Layout:
        if index not in tried:
            tried[index] = compose(texts, LADDER[index], approval_lines=approval_lines)
        return tried[index]

    if at(SMALLEST_LEGIBLE).fits:  # the usual case: search the legible steps
        low, high = 0, SMALLEST_LEGIBLE
        while low < high:
            middle = (low + high) // 2
            low, high = (low, middle) if at(middle).fits else (middle + 1, high)
        best: int | None = low
    else:  # too long: the check reports it; still draw everything, smaller
        best = next((i for i in range(SMALLEST_LEGIBLE + 1, len(LADDER)) if at(i).fits), None)
    if best is None:
        return _zoomed(texts, LADDER[-1], approval_lines)
    spread = min(max(at(best).slack - 0.01, 0.0) / 3, 24.0)  # three gaps share the room
    return compose(texts, LADDER[best], spread=spread, approval_lines=approval_lines), 1.0


def _zoomed(texts: PosterTexts, sizes: Sizes, approval_lines: Sequence[str]
            ) -> tuple[Layout, float]:
    zoom = 1.0
    for _ in range(40):
        layout = compose(texts, sizes, PAGE_WIDTH / zoom, PAGE_HEIGHT / zoom,
                         approval_lines=approval_lines)
        if layout.fits:
            return layout, zoom
        needed = layout.height - layout.slack
        zoom *= max(0.5, min(0.95, math.sqrt(layout.height / needed)))
    return layout, zoom


# -- drawing -----------------------------------------------------------------------------

PAGES = {"poster": "A4", "poster-a3": "A3"}
# The kinds' titles, the msgids the document registry marks (and the catalogs
# translate): drawing sits below the registry, so it is told only the kind's id.
TITLES = {"poster": "Poster (A4)", "poster-a3": "Poster (A3)"}


def render_poster(request: RenderRequest, kind_id: str = "poster") -> bytes:
    """The poster of ``request.site`` as PDF bytes: A4 for "poster", A3 for "poster-a3"."""
    if not request.site:
        raise ValueError("a poster is made for one site")
    register_fonts()
    texts = poster_texts(request.organisation, request.incident, request.site,
                         request.languages, request.template_dirs)
    marks = [approval_line(request.approval, lang.code, request.organisation.timezone)
             for lang in texts.languages] if request.approval else []
    layout, zoom = fit(texts, marks)
    (width, height), scale = PAGE_SIZES[PAGES[kind_id]]
    metadata = _metadata(texts, kind_id)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1, pageCompression=1,
                    lang=metadata.lang, initialFontName=REGULAR)
    metadata.apply(canvas)
    canvas.scale(scale * zoom, scale * zoom)
    for draw in layout.ops:
        draw(canvas)
    if request.approval is None:
        draw_watermark(canvas, draft_label(request.languages), layout.width, layout.height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _metadata(texts: PosterTexts, kind_id: str) -> Metadata:
    title = TITLES[kind_id]
    return Metadata(
        title=joined([f"{gettext(lang.code, title)} — {lang.site}" for lang in texts.languages]),
        author=joined([lang.organisation for lang in texts.languages]),
        subject=joined([lang.headline for lang in texts.languages]),
        lang=language_tag([lang.code for lang in texts.languages]),
    )


# -- measuring ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Overflow:
    """A user's text to shorten: it takes too much of the page at the smallest legible size."""

    field: str
    language: str | None
    line: int | None
    share: float  # of the page's height, this text alone


@dataclass(frozen=True)
class PosterFit:
    """Whether the poster of one site fits at a legible size, and if not, what to shorten."""

    site: str
    overflows: tuple[Overflow, ...]

    @property
    def fits(self) -> bool:
        return not self.overflows


def measure_fit(request: RenderRequest) -> PosterFit:
    """Lay the poster of ``request.site`` out at the smallest legible size and, when it does
    not fit, name the texts that take more than their share of the page."""
    if not request.site:
        raise ValueError("a poster is made for one site")
    texts = poster_texts(request.organisation, request.incident, request.site,
                         request.languages, request.template_dirs)
    layout = compose(texts, LADDER[SMALLEST_LEGIBLE])
    return PosterFit(request.site, () if layout.fits else _blame(layout))


def _blame(layout: Layout) -> tuple[Overflow, ...]:
    heights = {block: block.height for block in layout.blocks}
    blamed = [block for block, height in heights.items()
              if height > CEILINGS[block.kind] * layout.height]
    if not blamed:  # no text alone is too long: the one furthest past its share
        blamed = [max(heights, key=lambda block: heights[block] / CEILINGS[block.kind])]
    return tuple(Overflow(block.field, block.language, block.line,
                          heights[block] / layout.height) for block in blamed)
