"""The TrueType fonts every PDF embeds, registered once per process.

DejaVu Sans Condensed (regular and bold) ships in ``crisis_desk/fonts`` with its licence;
it covers French, Dutch, German, the Latin names of Europe and U+202F. Widths
are cached per word because the poster measures the same words at many sizes; the
parsed fonts are kept in the cache folder (``font_cache``).
"""

from __future__ import annotations

from functools import lru_cache

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics

from crisis_desk.pdf.font_cache import cached_font
from crisis_desk.support import resources

FONT_DIR = resources.fonts_dir()
REGULAR = "DejaVuSansCondensed"
BOLD = "DejaVuSansCondensed-Bold"
FONT_FILES = {REGULAR: "DejaVuSansCondensed.ttf", BOLD: "DejaVuSansCondensed-Bold.ttf"}
FAMILY = "DejaVuSansCondensed-Family"

_state = {"registered": False}


def register_fonts() -> None:
    """Make the shipped fonts known to ReportLab (does the work once per process)."""
    if _state["registered"]:
        return
    # Streams are compressed but not also ASCII85-encoded: smaller files, and the pure
    # Python encoder was a fifth of the drawing time.
    rl_config.useA85 = 0
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(cached_font(name, FONT_DIR / filename))
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=REGULAR,
                                  boldItalic=BOLD)
    _state["registered"] = True


@lru_cache(maxsize=65536)
def width_per_point(text: str, font: str) -> float:
    """The width of ``text`` set in ``font`` at 1 pt (fonts must be registered)."""
    return float(pdfmetrics.stringWidth(text, font, 1.0))  # ReportLab is untyped


def text_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` in points when set in ``font`` at ``size``."""
    register_fonts()
    return width_per_point(text, font) * size


def missing_glyphs(text: str, font: str = REGULAR) -> list[str]:
    """The characters of ``text`` the font has no glyph for (they would print as boxes)."""
    register_fonts()
    covered = pdfmetrics.getFont(font).face.charToGlyph
    return [c for c in dict.fromkeys(text) if c not in "\n\t " and ord(c) not in covered]
