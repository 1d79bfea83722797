"""The entrance poster of one site, A4 or A3, in every language of the document.

Written to be read from 2 m by someone in a hurry. Top to bottom: a band with the
site's name; per language, the event's short name as the headline, the title
smaller, then the action lines (is the emergency department open, who comes and
who does not, 112); then the affected services (pictogram, status shape, then
per language its name, status word, note and alternative), the most important
first; at the bottom the information line, the update and a QR code to the
status page.

The type sizes are fixed minimums, never shrunk to make a text fit (``A4_SIZES``;
A3 is laid out again at 1.4 times them on its own page). What has no room is
left out in a fixed order — first the notes of the services, then the services
from the least important, then the title — and the poster says how many
affected services it could not show. When the languages' headlines and action
lines do not all fit on one page, the poster has one page per group of
languages, each a complete poster (``pages``; the check warns). Only when the
headline, the action lines and the footer of one language alone do not fit is
its page drawn smaller (so nothing is ever cut) and ``measure_fit`` names the
text to shorten, one of those parts; the poster check of the document registry
reports it as an error.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import NamedTuple

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
from crisis_desk.pdf.poster_groups import language_groups, only
from crisis_desk.pdf.poster_texts import LanguageTexts, PosterTexts, ServiceRow, poster_texts
from crisis_desk.pdf.qr import QUIET_ZONE, draw_qr, qr_matrix
from crisis_desk.pdf.shapes import draw_status_shape
from crisis_desk.pdf.wrap import Line, Piece, Span, Style, draw_lines, lines_height, wrap, wrap_url
from crisis_desk.rendering.request import RenderRequest

NAVY = "#17324d"
INK = "#111111"
GREY = "#3d4650"
PALE = "#c9d6e3"
RULE = "#c5ccd3"
FOOTER_BACKGROUND = "#eef2f6"
EMERGENCY_RED = "#b3261e"

MM = 72 / 25.4


class Sizes(NamedTuple):
    """The poster's type sizes and measures for one paper size, in points.

    The A4 values are the minimums for reading from 2 m (capitals of 5 mm and more
    for the service names, 8 mm for the action lines); A3 multiplies every one by 1.4.
    """

    headline: float = 48.0
    title: float = 16.0
    action: float = 24.0
    service: float = 18.0
    note: float = 12.0
    more: float = 14.0
    hotline: float = 26.0
    hotline_label: float = 13.0
    update: float = 11.5
    band_site: float = 22.0
    band_org: float = 11.0
    approval: float = 7.5
    qr_code: float = 36 * MM  # the code itself; its quiet zone comes around it
    icon: float = 30.0
    shape: float = 20.0
    margin: float = 26.0
    gutter: float = 14.0
    gap: float = 10.0  # between the parts of the page

    def times(self, factor: float) -> Sizes:
        return Sizes(*(value * factor for value in self))


A4_SIZES = Sizes()
# A3 sets every type and the QR code 1.4 times larger; its white space grows less, so
# the larger page also shows more services (it is laid out again, not scaled).
A3_SIZES = A4_SIZES.times(1.4)._replace(margin=A4_SIZES.margin * 1.15,
                                        gutter=A4_SIZES.gutter * 1.15,
                                        gap=A4_SIZES.gap * 1.15)
PAGES = {"poster": "A4", "poster-a3": "A3"}
PAPER = {"A4": (A4, A4_SIZES), "A3": (A3, A3_SIZES)}
HEADLINE_MIN = A4_SIZES.headline
# The kinds' titles, the msgids the document registry marks (and the catalogs
# translate): drawing sits below the registry, so it is told only the kind's id.
TITLES = {"poster": "Poster (A4)", "poster-a3": "Poster (A3)"}

# What share of the page one text may take before ``measure_fit`` names it as the one
# to shorten: past it, no poster could show it beside what must be there.
CEILINGS = {"title": 0.12, "note": 0.15, "name": 0.08, "site": 0.1, "organisation": 0.06,
            "hours": 0.06, "actions": 0.3}
# The texts of the parts every poster keeps whatever else gives way (the band's site
# name, each language's headline and action lines, the information line's hours): when
# those alone overflow, the longest of them is the one to shorten, never a service's.
REQUIRED = frozenset({"site", "actions", "hours"})


# -- layout ------------------------------------------------------------------------------

Draw = Callable[[Canvas], object]  # a drawing step; what it returns is not used


class Measured(NamedTuple):
    """A user's text on the poster, and the height it takes there."""

    kind: str  # a key of CEILINGS
    field: str
    language: str | None
    height: float
    line: int | None = None


@dataclass
class Part:
    """A horizontal slice of the poster, drawn from its top at any y."""

    height: float
    draw: Callable[[Canvas, float], object]

    def at(self, top: float) -> Draw:
        """The drawing step that draws this part from ``top`` down."""
        return lambda canvas: self.draw(canvas, top)


@dataclass
class Layout:
    """The poster laid out: drawing operations in page points, and what it left out."""

    width: float
    height: float
    ops: list[Draw] = field(default_factory=list)
    needed: float = 0.0  # the height of what must be there
    shown: tuple[str, ...] = ()  # the ids of the services on the page
    hidden: int = 0  # affected services without room
    notes: bool = True
    title: bool = True
    blocks: list[Measured] = field(default_factory=list)

    @property
    def fits(self) -> bool:
        return self.needed <= self.height


def _columns(count: int, left: float, width: float, gutter: float
             ) -> list[tuple[float, float]]:
    column = (width - (count - 1) * gutter) / count
    return [(left + i * (column + gutter), column) for i in range(count)]


def _stack(parts: Sequence[tuple[str, Style]], width: float) -> list[Line]:
    lines: list[Line] = []
    for text, style in parts:
        if text:
            lines += wrap([Span(text, style)], width)
    return lines


def _text(lines: list[Line], x: float, width: float = 0.0, align: str = "left"
          ) -> Callable[[Canvas, float], object]:
    return lambda c, top: draw_lines(c, lines, x, top, width, align)


def _rule(canvas: Canvas, x: float, y: float, length: float, ink: str,
          thickness: float) -> None:
    canvas.setStrokeColor(colour(ink))
    canvas.setLineWidth(thickness)
    canvas.line(x, y, x + length, y)


class Compaction(NamedTuple):
    """What a compaction level keeps: never a type size, only what can be done without."""

    next_update: bool = True  # the line "next update: …" (the status page has it)
    caption: bool = True  # the words and the address beside the QR code
    organisation: bool = True  # the group's name above the site's, in the band
    tight: bool = False  # half the room between the parts of the page
    leading: float = 1.12  # line height of the action lines, times their size
    stacked_more: bool = False  # "other services" one language under the other, full width


_LEAN = {"next_update": False, "caption": False, "organisation": False, "tight": True}
COMPACTION = (Compaction(), Compaction(next_update=False),
              Compaction(next_update=False, caption=False), Compaction(**_LEAN),
              Compaction(**_LEAN, leading=1.04, stacked_more=True))


class Composer:
    """Lays one poster out on one page size: the parts, then what fits of the rest."""

    def __init__(self, texts: PosterTexts, paper: str, approval_lines: Sequence[str]) -> None:
        (self.width, self.height), self.sizes = PAPER[paper]
        self.texts = texts
        self.approval_lines = tuple(approval_lines)
        self.inner = self.width - 2 * self.sizes.margin
        self.blocks: list[Measured] = []
        self.level = COMPACTION[0]
        # A service's row does not depend on the compaction level: built once, and its
        # texts measured once.
        self.rows: dict[tuple[str, bool], Part] = {}
        self.row_blocks: list[Measured] = []

    def compose(self) -> Layout:
        """The richest layout whose fixed parts fit: each compaction level leaves out a
        little more of what a reader can do without (see ``COMPACTION``)."""
        affected = [row for row in self.texts.rows if row.affected]
        chosen = None
        for level in COMPACTION:
            self.level, self.blocks = level, []
            band, footer = self.band(), self.footer()
            languages = [self.language(lang) for lang in self.texts.languages]
            # When no service has room, the line saying how many there are must have.
            more = self.more(len(affected))
            fixed = band.height + footer.height + sum(p.height for p in languages) \
                + self.gap * (len(languages) + 1)
            reserve = more.height if more is not None else 0.0
            candidate = (level, band, languages, footer, fixed, reserve)
            if fixed + reserve > self.height:
                continue
            chosen = chosen or candidate
            # Leaving out the next update or the QR code's caption is worth it when it
            # makes room for the most important service.
            if not affected or self.services_that_fit(affected, self.height - fixed)[0]:
                chosen = candidate
                break
        level, band, languages, footer, fixed, reserve = chosen or candidate
        if self.level is not level:  # the parts were measured at a later level
            self.level, self.blocks = level, []
            band, footer = self.band(), self.footer()
            languages = [self.language(lang) for lang in self.texts.languages]
        return self.fill(band, languages, footer, fixed, reserve)

    @property
    def gap(self) -> float:
        return self.sizes.gap * (0.5 if self.level.tight else 1.0)

    def fill(self, band: Part, languages: list[Part], footer: Part, fixed: float,
             reserve: float) -> Layout:
        """Add what fits of the services and the titles to the fixed parts, and place all
        (``reserve``: the room of the line saying how many services have none)."""
        s = self.sizes
        page = max(self.height, fixed + reserve)  # too long: laid out taller, drawn smaller
        room = page - fixed
        titles = [self.title(lang) for lang in self.texts.languages]
        affected = [row for row in self.texts.rows if row.affected]
        rows, notes = self.services_that_fit(affected, room)
        services = [self.service(row, notes) for row in rows]
        more = self.more(len(affected) - len(rows))
        used = sum(p.height for p in services) + (more.height if more else 0.0)
        show_title = used + sum(p.height for p in titles) <= room
        layout = Layout(self.width, self.height, needed=fixed + reserve,
                        shown=tuple(row.id for row in rows), hidden=len(affected) - len(rows),
                        notes=notes, title=show_title,
                        blocks=self.blocks + self.row_blocks)
        body = [self.language(lang, title) for lang, title
                in zip(self.texts.languages, titles, strict=True)] if show_title else languages
        slack = max(room - used - (sum(p.height for p in titles) if show_title else 0.0), 0.0)
        spread = min(slack / (len(body) + 2), 3 * s.gap)
        self.place(layout, page, band, body, services, more, footer, spread)
        return layout

    def place(self, layout: Layout, page: float, band: Part, body: list[Part],
              services: list[Part], more: Part | None, footer: Part, spread: float) -> None:
        s, y, gap = self.sizes, page, self.gap
        layout.ops.append(band.at(y))
        y -= band.height + gap + spread
        for number, part in enumerate(body):
            if number:
                y -= gap + spread
                layout.ops.append(partial(_rule, x=s.margin, y=y + (gap + spread) / 2,
                                          length=3 * s.headline, ink=NAVY,
                                          thickness=0.05 * s.headline))
            layout.ops.append(part.at(y))
            y -= part.height
        y -= gap + spread
        for part in [*services, *([more] if more else [])]:
            layout.ops.append(part.at(y))
            y -= part.height
        layout.ops.append(footer.at(footer.height))

    # -- the parts -----------------------------------------------------------------------

    def band(self) -> Part:
        s = self.sizes
        pad = 0.4 * s.band_site
        org, site = Style(REGULAR, s.band_org, PALE), Style(BOLD, s.band_site, "#ffffff", 1.1)
        content = []
        columns = _columns(len(self.texts.languages), s.margin, self.inner, s.gutter)
        for (x, width), lang in zip(columns, self.texts.languages, strict=True):
            org_lines, site_lines = _stack([(lang.organisation, org)], width), \
                _stack([(lang.site, site)], width)
            self.measure("organisation", "organisation.name", lang.code, org_lines)
            if not self.level.organisation:
                org_lines = []
            self.measure("site", f"organisation.site[{self.texts.site_id}].name", lang.code,
                         site_lines)
            content.append((x, org_lines + site_lines))
        if not self.level.organisation:  # the sites' names only, one after the other
            names = list(dict.fromkeys(lang.site for lang in self.texts.languages))
            content = [(s.margin, _stack([(" · ".join(names), site)], self.inner))]
            pad *= 0.6
        height = 2 * pad + max(lines_height(lines) for _, lines in content)
        width = self.width

        def draw(c: Canvas, top: float) -> None:
            c.setFillColor(colour(NAVY))
            c.rect(0, top - height, width, height, stroke=0, fill=1)
            for x, lines in content:
                draw_lines(c, lines, x, top - pad)
        return Part(height, draw)

    def language(self, lang: LanguageTexts, title: Part | None = None) -> Part:
        """The headline, the title when it has room, and the action lines of one language."""
        s = self.sizes
        headline = _stack([(lang.headline, Style(BOLD, s.headline, INK,
                                                 min(1.05, self.level.leading)))], self.inner)
        action = Style(BOLD, s.action, INK, 1.15)
        actions: list[Line] = []
        for text in lang.actions:
            ink = EMERGENCY_RED if text == lang.emergency else INK
            if actions:
                actions.append(Line((), (0.1 if self.level.tight else 0.25) * s.action, 0.0))
            actions += wrap([Span(text, Style(action.font, action.size, ink,
                                              self.level.leading))],
                            self.inner)
        self.measure("actions", "appointment_exceptions", lang.code, actions)
        gap = (0.1 if self.level.tight else 0.3) * s.action
        above = lines_height(headline) + (title.height if title else 0.0)
        x = s.margin

        def draw(c: Canvas, top: float) -> None:
            draw_lines(c, headline, x, top)
            if title:
                title.draw(c, top - lines_height(headline))
            draw_lines(c, actions, x, top - above - gap)
        return Part(above + gap + lines_height(actions), draw)

    def title(self, lang: LanguageTexts) -> Part:
        lines = _stack([(lang.title, Style(REGULAR, self.sizes.title, GREY, 1.2))], self.inner)
        self.measure("title", "title", lang.code, lines)
        return Part(lines_height(lines), _text(lines, self.sizes.margin))

    def services_that_fit(self, rows: list[ServiceRow], room: float
                          ) -> tuple[list[ServiceRow], bool]:
        """The most important services that fit in ``room``, in their order; a row too
        tall for what is left is passed over for a shorter one. With their notes if that
        costs no service (the notes are in the patient notice too)."""
        options = []
        for notes in (True, False):
            chosen: list[ServiceRow] = []
            used = 0.0
            for row in rows:
                height = self.service(row, notes).height
                more = self.more(len(rows) - len(chosen) - 1)
                if used + height + (more.height if more else 0.0) <= room:
                    chosen.append(row)
                    used += height
            options.append((chosen, notes))
            if len(chosen) == len(rows):
                break
        # The most services; among as many, the more important ones; then the notes.
        return min(options, key=lambda option: (-len(option[0]),
                                                [rows.index(r) for r in option[0]],
                                                not option[1]))

    def service(self, row: ServiceRow, notes: bool) -> Part:
        """One service: pictogram and shape, then per language name · status, note."""
        key = (row.id, notes)
        if key not in self.rows:
            blocks, self.blocks = self.blocks, self.row_blocks
            self.rows[key] = self._service(row, notes)
            self.blocks = blocks
        return self.rows[key]

    def _service(self, row: ServiceRow, notes: bool) -> Part:
        s = self.sizes
        pad = 0.3 * s.service
        left = s.margin + 0.4 * s.service
        cell = left - s.margin + s.icon + 0.3 * s.service + s.shape + 0.6 * s.service
        columns = _columns(len(self.texts.languages), s.margin + cell, self.inner - cell,
                           s.gutter)
        name = Style(BOLD, s.service, INK, 1.12)
        status = Style(BOLD, s.service, row.status.colour, 1.12)
        note = Style(REGULAR, s.note, GREY, 1.2)
        alternative = Style(BOLD, s.note, row.status.colour, 1.2)
        cells = []
        for (x, width), text, lang in zip(columns, row.texts, self.texts.languages,
                                          strict=True):
            heading = wrap([Span(text.name, name), Span("·", Style(REGULAR, s.service, RULE)),
                            Span(text.status, status)], width)
            if len(heading) > 1:  # the status under the name, without a dangling "·"
                heading = _stack([(text.name, name), (text.status, status)], width)
            self.measure("name", f"organisation.service[{row.id}].name", lang.code,
                         wrap([Span(text.name, name)], width))
            rest = _stack([(text.note, note)], width)
            if text.note:
                self.measure("note", row.note_field, lang.code, rest, row.line)
            rest = (rest if notes else []) + _stack([(text.alternative, alternative)], width)
            cells.append((x, heading + rest))
        height = 2 * pad + max(s.icon, *(lines_height(lines) for _, lines in cells))
        icon_x, shape_x = left, left + s.icon + 0.3 * s.service
        page_width = self.width

        def draw(c: Canvas, top: float) -> None:
            c.setFillColor(colour(_tint(row.status.colour, 0.1)))
            c.rect(s.margin, top - height, page_width - 2 * s.margin, height, stroke=0, fill=1)
            c.setFillColor(colour(row.status.colour))
            c.rect(s.margin, top - height, 0.25 * s.service, height, stroke=0, fill=1)
            _rule(c, s.margin, top, page_width - 2 * s.margin, "#ffffff", 1.5)
            icon_y = top - pad - s.icon
            if row.icon:
                draw_pictogram(c, row.icon, icon_x, icon_y, s.icon)
            draw_status_shape(c, row.status.shape, shape_x, icon_y + (s.icon - s.shape) / 2,
                              s.shape, row.status.colour)
            c.setStrokeColor(colour(RULE))
            c.setLineWidth(0.6)
            for x, lines in cells:
                draw_lines(c, lines, x, top - pad)
            for x, _width in columns[1:]:
                c.line(x - s.gutter / 2, top - pad, x - s.gutter / 2, top - height + pad)
        return Part(height, draw)

    def more(self, count: int) -> Part | None:
        """"Other affected services: N. See the status page…" in every language."""
        if count <= 0:
            return None
        s = self.sizes
        style = Style(BOLD, s.more, NAVY, 1.2)
        if self.level.stacked_more:
            style = Style(BOLD, s.note, NAVY, 1.15)
            cells = [(s.margin, _stack([(lang.more(count), style)
                                        for lang in self.texts.languages], self.inner))]
        else:
            columns = _columns(len(self.texts.languages), s.margin, self.inner, s.gutter)
            cells = [(x, _stack([(lang.more(count), style)], width))
                     for (x, width), lang in zip(columns, self.texts.languages, strict=True)]
        pad = (0.2 if self.level.tight else 0.4) * s.more
        height = 2 * pad + max(lines_height(lines) for _, lines in cells)

        def draw(c: Canvas, top: float) -> None:
            for x, lines in cells:
                draw_lines(c, lines, x, top - pad)
        return Part(height, draw)

    def footer(self) -> Part:
        """Left, the information line and what the QR code opens; middle, the update;
        right, the QR code. Under the shorter column the approval mark (its room is kept
        on drafts too, so a draft that fits stays fitting once approved)."""
        s, texts = self.sizes, self.texts
        pad = (0.25 if self.level.tight else 0.4) * s.hotline
        qr = self.qr_size()
        left_width = self.inner - (qr + s.gutter if qr else 0.0)
        number_width = text_width(texts.hotline, BOLD, s.hotline) if texts.hotline else 0.0
        hotline_width = min(max(0.45 * left_width, number_width), 0.6 * left_width)
        middle_width = left_width - hotline_width - s.gutter
        small = Style(REGULAR, s.update, GREY, 1.2)
        left = self.hotline_lines(hotline_width)
        if qr and self.level.caption:
            if left:
                left.append(Line((), 0.4 * s.update, 0.0))
            left += _stack([(lang.qr_caption, Style(BOLD, s.update, NAVY, 1.2))
                            for lang in texts.languages], hotline_width)
            left += wrap_url(texts.status_link, small, hotline_width)
        middle = _stack([(t, small) for lang in texts.languages
                         for t in (lang.update, lang.next_update if self.level.next_update
                                   else "")], middle_width)
        approval = Style(REGULAR, s.approval, GREY, 1.25)
        marks_in_middle = lines_height(middle) < lines_height(left)
        marks = _stack([(text, approval) for text in self.approval_lines]
                       or [(" ", approval) for _ in texts.languages],
                       middle_width if marks_in_middle else hotline_width)
        shorter, longer = (middle, left) if marks_in_middle else (left, middle)
        body = max(lines_height(shorter) + 0.5 * s.gap + lines_height(marks),
                   lines_height(longer), qr)
        margin = s.margin
        marks_x = margin + (hotline_width + s.gutter if marks_in_middle else 0.0)
        height = body + 2 * pad
        width = self.width

        def draw(c: Canvas, top: float) -> None:
            c.setFillColor(colour(FOOTER_BACKGROUND))
            c.rect(0, 0, width, top, stroke=0, fill=1)
            _rule(c, 0, top, width, NAVY, 0.12 * s.hotline)
            content = top - pad
            draw_lines(c, left, margin, content)
            draw_lines(c, marks, marks_x, pad + lines_height(marks))
            draw_lines(c, middle, margin + hotline_width + s.gutter, content)
            if qr:
                draw_qr(c, texts.status_url, width - margin - qr, content - qr, qr)
        return Part(height, draw)

    def qr_size(self) -> float:
        """The QR code's square with its quiet zone: the code itself is ``qr_code`` wide."""
        if not self.texts.status_url:
            return 0.0
        modules = len(qr_matrix(self.texts.status_url))
        return self.sizes.qr_code * (modules + 2 * QUIET_ZONE) / modules

    def hotline_lines(self, width: float) -> list[Line]:
        texts, s = self.texts, self.sizes
        if not texts.hotline:
            return []
        heading = joined([lang.hotline_heading for lang in texts.languages])
        hours = Style(REGULAR, s.update, GREY, 1.2)
        lines = _stack([(heading, Style(BOLD, s.hotline_label, NAVY, 1.2))], width)
        # A telephone number is read in one piece: it is never broken over two lines.
        number = Style(BOLD, s.hotline, NAVY, 1.15)
        lines.append(Line((Piece(0.0, texts.hotline, number),), number.line_height,
                          text_width(texts.hotline, BOLD, s.hotline)))
        for lang in texts.languages:
            if lang.hotline_hours:
                hour_lines = _stack([(lang.hotline_hours, hours)], width)
                self.measure("hours", "organisation.hotline.hours", lang.code, hour_lines)
                lines += hour_lines
        return lines

    def measure(self, kind: str, field_name: str, code: str | None, lines: list[Line],
                line: int | None = None) -> None:
        """Remember how much a user's text took, so an overflow can be blamed on its field."""
        self.blocks.append(Measured(kind, field_name, code, lines_height(lines), line))


def _tint(hex_colour: str, strength: float) -> str:
    """``hex_colour`` mixed with white: a background that keeps the status colour's hue."""
    channels = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(255 - (255 - v) * strength) for v in channels]
    return "#" + "".join(f"{v:02x}" for v in mixed)


def compose(texts: PosterTexts, paper: str = "A4", approval_lines: Sequence[str] = ()
            ) -> Layout:
    """Lay the poster out on ``paper`` ("A4" or "A3") at its fixed sizes."""
    return _compose(texts, paper, tuple(approval_lines))


@lru_cache(maxsize=32)
def _compose(texts: PosterTexts, paper: str, approval_lines: tuple[str, ...]) -> Layout:
    # A kit checks a site's poster and then draws it: laid out once.
    return Composer(texts, paper, approval_lines).compose()


# -- drawing -----------------------------------------------------------------------------

def render_poster(request: RenderRequest, kind_id: str = "poster") -> bytes:
    """The poster of ``request.site`` as PDF bytes: A4 for "poster", A3 for "poster-a3";
    one page per group of languages when they do not all fit on one (see ``pages``)."""
    if not request.site:
        raise ValueError("a poster is made for one site")
    register_fonts()
    texts = poster_texts(request.organisation, request.incident, request.site,
                         request.languages, request.template_dirs)
    paper = PAGES[kind_id]
    metadata = _metadata(texts, kind_id)
    buffer = io.BytesIO()
    width, height = PAPER[paper][0]
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1,
                    pageCompression=1, lang=metadata.lang, initialFontName=REGULAR)
    metadata.apply(canvas)
    for page in pages(texts, paper):
        marks = [approval_line(request.approval, lang.code, request.organisation.timezone)
                 for lang in page.languages] if request.approval else []
        _draw_page(canvas, compose(page, paper, marks), request.approval is None,
                   tuple(lang.code for lang in page.languages))
    canvas.save()
    return buffer.getvalue()


def pages(texts: PosterTexts, paper: str) -> tuple[PosterTexts, ...]:
    """The texts of each page of the poster: every language on one page when they fit
    there, else as many per page as fit, in the incident's order. Grouped as a draft is
    laid out, so that approving a poster never changes its pages."""
    groups = language_groups(texts, lambda page: compose(page, paper).fits)
    return tuple(only(texts, codes) for codes in groups)


def _draw_page(canvas: Canvas, layout: Layout, draft: bool, languages: tuple[str, ...]
               ) -> None:
    if not layout.fits:  # too long for any poster: the check says so; nothing is cut
        zoom = layout.height / layout.needed  # laid out on a page ``needed`` tall
        canvas.saveState()  # the watermark, after, covers the whole page
        canvas.translate(layout.width * (1 - zoom) / 2, 0)
        canvas.scale(zoom, zoom)
    for draw in layout.ops:
        draw(canvas)
    if not layout.fits:
        canvas.restoreState()
    if draft:
        draw_watermark(canvas, draft_label(languages), layout.width, layout.height)
    canvas.showPage()


def _metadata(texts: PosterTexts, kind_id: str) -> Metadata:
    title = TITLES[kind_id]
    return Metadata(
        title=joined([f"{gettext(lang.code, title)} — {lang.site}" for lang in texts.languages]),
        author=joined([lang.organisation for lang in texts.languages]),
        subject=joined([lang.title or lang.headline for lang in texts.languages]),
        lang=language_tag([lang.code for lang in texts.languages]),
    )


# -- measuring ---------------------------------------------------------------------------

class Overflow(NamedTuple):
    """A user's text to shorten: no poster could hold it beside what must be there."""

    field: str
    language: str | None
    line: int | None
    share: float  # of the page's height, this text alone (or, crowded, all that must be)
    # The parts every poster keeps do not fit together, in every language, even with no
    # service, note or title: ``share`` is then theirs, and this field the longest of them.
    crowded: bool = False


class PosterFit(NamedTuple):
    """Whether the poster of one site holds its texts at its sizes, and if not, what to
    shorten; and the languages of each of its pages."""

    site: str
    overflows: tuple[Overflow, ...]
    groups: tuple[tuple[str, ...], ...] = ()

    @property
    def fits(self) -> bool:
        return not self.overflows


def measure_fit(request: RenderRequest) -> PosterFit:
    """Lay the A4 poster of ``request.site`` out (A3 is larger in the same proportion),
    one page per group of languages that fits, and name the texts no poster could hold:
    one past its share of the page, or, when what must be there does not fit even for
    one language alone, the longest of those parts (see ``REQUIRED``)."""
    if not request.site:
        raise ValueError("a poster is made for one site")
    texts = poster_texts(request.organisation, request.incident, request.site,
                         request.languages, request.template_dirs)
    groups = pages(texts, "A4")
    overflows = dict.fromkeys(o for page in groups for o in _blame(compose(page, "A4")))
    return PosterFit(request.site, tuple(overflows),
                     tuple(tuple(lang.code for lang in page.languages) for page in groups))


def _blame(layout: Layout) -> tuple[Overflow, ...]:
    blocks = {(b.kind, b.field, b.language, b.line): b for b in layout.blocks}.values()
    blamed = [b for b in blocks if b.height > CEILINGS[b.kind] * layout.height]
    if blamed or layout.fits:
        return tuple(Overflow(b.field, b.language, b.line, b.height / layout.height)
                     for b in blamed)
    # Services, notes and titles have already given way: only what must be there is
    # to blame, and the share that tells the user how far off it is is theirs together.
    longest = max((b for b in blocks if b.kind in REQUIRED), key=lambda b: b.height)
    return (Overflow(longest.field, longest.language, longest.line,
                     layout.needed / layout.height, crowded=True),)
