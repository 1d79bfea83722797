"""The shipped fonts: licensed, registered once, covering the names of Europe."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from crisis_desk.pdf.fonts import (
    BOLD,
    FONT_DIR,
    FONT_FILES,
    REGULAR,
    missing_glyphs,
    register_fonts,
)

EUROPEAN = "é è ê ë ï ç à ù œ Œ ĳ Ĳ ß ä ö ü ł Ł ő Ő ű ş Ş ș ț č ř ž å ø æ ñ « » € – — ’ “ ” …"
NARROW_NO_BREAK_SPACE = "\u202f"
STATUS_SYMBOLS = "● ▲ ◆ ➜ ■ ✖"


def test_fonts_and_their_licence_ship_with_the_package():
    for filename in FONT_FILES.values():
        assert (FONT_DIR / filename).stat().st_size > 100_000
    licence = (FONT_DIR / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "public domain" in licence


def test_every_character_we_print_has_a_glyph_in_both_weights():
    sample = EUROPEAN + NARROW_NO_BREAK_SPACE + "\u00a0" + STATUS_SYMBOLS
    for font in (REGULAR, BOLD):
        assert missing_glyphs(sample, font) == []


def test_a_character_without_a_glyph_is_reported():
    assert missing_glyphs("a\U0001f3e5b") == ["\U0001f3e5"]


def test_registered_once_per_process():
    register_fonts()
    first = pdfmetrics.getFont(REGULAR)
    register_fonts()
    assert pdfmetrics.getFont(REGULAR) is first
