"""Breaking styled text into lines for drawing straight on a canvas.

The posters do not use ReportLab paragraphs: their text is measured at many
sizes while fitting, and drawing strings directly means no markup is ever
parsed, so whatever a user typed is drawn as typed. Lines break at spaces and
tabs (never at no-break spaces, never before a lone ``:`` ``;`` ``!`` ``?`` or
``»``), at newlines the user typed, and inside a word only when the word alone
is wider than the line. Web addresses break only inside their path (``wrap_url``).
Styles, spans and lines are named tuples, immutable values that cost little to define.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from reportlab.pdfbase import pdfmetrics

from crisis_desk.pdf.colours import colour
from crisis_desk.pdf.fonts import register_fonts, text_width, width_per_point

if TYPE_CHECKING:  # for annotations only: importing ReportLab's canvas costs time
    from reportlab.pdfgen.canvas import Canvas

DESCENT = 0.24  # of the font size, below the baseline (DejaVu's descender, rounded up)
_BLANKS = re.compile(r"[ \t]+")
# Punctuation French sets after a space: never at the start of a line, it stays with
# the word before it ("rendez-vous :", "« mot »").
_NO_BREAK_BEFORE = re.compile(r"[:;!?»%]+[.,]?")


class Style(NamedTuple):
    """How a run of text is set: font, size, colour and line height (times the size)."""

    font: str
    size: float
    colour: str = "#111111"
    leading: float = 1.2

    def scaled(self, factor: float) -> Style:
        return self._replace(size=self.size * factor)

    @property
    def line_height(self) -> float:
        return self.size * self.leading


class Span(NamedTuple):
    """A piece of text in one style."""

    text: str
    style: Style


class Piece(NamedTuple):
    """Text drawn at ``x`` (from the line's start) in one style."""

    x: float
    text: str
    style: Style


class Line(NamedTuple):
    """One line of set text."""

    pieces: tuple[Piece, ...]
    height: float
    width: float

    @property
    def baseline(self) -> float:
        """Distance from the line's top to its baseline."""
        size = max((p.style.size for p in self.pieces), default=self.height)
        return self.height - DESCENT * size


def lines_height(lines: Sequence[Line]) -> float:
    return sum(line.height for line in lines)


class _LineBuilder:
    """Accumulates pieces for the current line and closes lines."""

    def __init__(self, width: float) -> None:
        self.width = width
        self.lines: list[Line] = []
        self.pieces: list[list] = []  # [x, text, style, width]
        self.x = 0.0
        self.space: Style | None = None  # a pending space, in the style of the text before it

    def close(self, empty_style: Style) -> None:
        height = max((p[2].line_height for p in self.pieces), default=empty_style.line_height)
        self.lines.append(Line(tuple(Piece(x, text, style) for x, text, style, _ in self.pieces),
                               height, self.x))
        self.pieces, self.x, self.space = [], 0.0, None

    def add_word(self, word: str, style: Style) -> None:
        word_width = width_per_point(word, style.font) * style.size
        space = self.space
        gap = width_per_point(" ", space.font) * space.size if self.pieces and space else 0.0
        if self.pieces and self.x + gap + word_width > self.width:
            self.close(style)
            gap = 0.0
        if not self.pieces and word_width > self.width:
            for chunk in _split_word(word, style, self.width):
                if self.pieces:
                    self.close(style)
                self._append(chunk, style, 0.0, text_width(chunk, style.font, style.size))
            self.space = None
            return
        self._append(word, style, gap, word_width)
        self.space = None

    def _append(self, word: str, style: Style, gap: float, word_width: float) -> None:
        last = self.pieces[-1] if self.pieces else None
        if last is not None and (last[2] is style or last[2] == style):
            last[1] += (" " if gap else "") + word
        else:
            self.pieces.append([self.x + gap, word, style, word_width])
        self.x += gap + word_width


def _split_word(word: str, style: Style, width: float) -> Iterator[str]:
    """Chunks of a word too long for a line, each as long as fits (at least one character)."""
    register_fonts()
    face = pdfmetrics.getFont(style.font).face
    scale = style.size / 1000.0
    start, used = 0, 0.0
    for index, char in enumerate(word):
        char_width = face.charWidths.get(ord(char), face.defaultWidth) * scale
        if index > start and used + char_width > width:
            yield word[start:index]
            start, used = index, 0.0
        used += char_width
    yield word[start:]


def wrap(spans: Sequence[Span], width: float) -> list[Line]:
    """Set ``spans`` in lines no wider than ``width`` (typed newlines are kept)."""
    # Fitting a poster sets the same texts at the same widths again and again (every
    # compaction level, every choice of services): the lines are frozen, so they are
    # set once and the caller gets its own list of them.
    return list(_wrapped(tuple(spans), width))


@lru_cache(maxsize=4096)
def _wrapped(spans: tuple[Span, ...], width: float) -> tuple[Line, ...]:
    register_fonts()
    builder = _LineBuilder(width)
    last_style = spans[0].style if spans else Style("Helvetica", 10)
    for span in spans:
        last_style = span.style
        for number, paragraph in enumerate(span.text.split("\n")):
            if number:
                builder.close(span.style)
            for token in _glued(_BLANKS.split(paragraph)):
                if token:
                    builder.add_word(token, span.style)
                builder.space = span.style
            # the split puts an empty token between blank runs: one pending space is enough
    if builder.pieces or not builder.lines:
        builder.close(last_style)
    return tuple(builder.lines)


def _glued(tokens: list[str]) -> list[str]:
    """``tokens`` with each lone ``:``, ``;``, ``!``, ``?`` or ``»`` joined to the word
    before it (by the space it followed), so no line starts with one."""
    out: list[str] = []
    for token in tokens:
        if out and out[-1] and _NO_BREAK_BEFORE.fullmatch(token):
            out[-1] += " " + token
        else:
            out.append(token)
    return out


def draw_lines(canvas: Canvas, lines: Sequence[Line], x: float, top: float, width: float = 0.0,
               align: str = "left") -> float:
    """Draw lines from ``top`` down, in one text object; return the y below the last line."""
    text = canvas.beginText()
    font: tuple[str, float] | None = None
    fill: str | None = None
    y = top
    for line in lines:
        shift = 0.0
        if align == "center":
            shift = (width - line.width) / 2
        elif align == "right":
            shift = width - line.width
        baseline = y - line.baseline
        for piece in line.pieces:
            if font != (piece.style.font, piece.style.size):
                font = (piece.style.font, piece.style.size)
                text.setFont(*font)
            if fill != piece.style.colour:
                fill = piece.style.colour
                text.setFillColor(colour(fill))
            text.setTextOrigin(x + shift + piece.x, baseline)
            text.textOut(piece.text)
        y -= line.height
    canvas.drawText(text)
    return y


def wrap_url(url: str, style: Style, width: float) -> list[Line]:
    """Set a web address in lines no wider than ``width``, breaking only after a ``/`` of
    its path: the query string (``?…``) stays whole on the last line, since a reader
    retyping a broken parameter gets the wrong page. A part wider than the line is
    left whole (it runs past ``width``) rather than broken."""
    path, mark, query = url.partition("?")
    parts = [part for part in re.split(r"(?<=/)", path) if part]
    if mark:
        if parts:
            parts[-1] += mark + query
        else:
            parts = [mark + query]
    lines: list[Line] = []
    current = ""
    for part in parts:
        if current and text_width(current + part, style.font, style.size) > width:
            lines.append(_url_line(current, style))
            current = ""
        current += part
    if current or not lines:
        lines.append(_url_line(current, style))
    return lines


def _url_line(text: str, style: Style) -> Line:
    return Line((Piece(0.0, text, style),), style.line_height,
                text_width(text, style.font, style.size))
