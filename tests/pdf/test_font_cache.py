"""Parsed fonts kept in the cache folder: the same font as parsing gives, or parsed again."""

from __future__ import annotations

import io
import os

import pytest
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from crisis_desk.pdf import font_cache
from crisis_desk.pdf.font_cache import cached_font
from crisis_desk.pdf.fonts import BOLD, FONT_DIR, FONT_FILES, REGULAR

TEXT = "Urgences : ouvertes 24 h/24 — Spoeddienst open · Notaufnahme geöffnet ➜ 112"


def _entries(cache):
    return sorted((cache / "fonts").glob("*.marshal"))


def _pdf_with(font: TTFont) -> bytes:
    """A one-line PDF in ``font``, registered under a name of its own for this test."""
    from reportlab.pdfbase import pdfmetrics

    pdfmetrics.registerFont(font)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.setFont(font.fontName, 18)
    canvas.drawString(40, 700, TEXT)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("CRISIS_DESK_CACHE_DIR", str(folder))
    return folder


@pytest.mark.parametrize("name", [REGULAR, BOLD])
def test_a_cached_font_measures_and_embeds_as_the_parsed_one(cache, name):
    path = FONT_DIR / FONT_FILES[name]
    parsed = TTFont(f"parsed-{name}", str(path))
    first = cached_font(f"first-{name}", path)  # parsed, then written to the cache
    assert len(_entries(cache)) == 1
    second = cached_font(f"second-{name}", path)  # from the cache
    assert second.face is not first.face
    for font in (first, second):
        assert font.stringWidth(TEXT, 18) == parsed.stringWidth(TEXT, 18)
        assert font.face.charToGlyph == parsed.face.charToGlyph
        assert font.face.name == parsed.face.name and font.face.name.ustr
        assert font.shapable == parsed.shapable
    assert set(vars(second)) == set(vars(parsed))
    assert set(vars(second.face)) == set(vars(parsed.face))
    # The same PDF, byte for byte, whichever way the font was read (names aside).
    expected = _pdf_with(TTFont("probe", str(path)))
    assert _pdf_with(_renamed(second, "probe")) == expected


def _renamed(font: TTFont, name: str) -> TTFont:
    font.fontName = name
    return font


def test_both_weights_keep_their_own_entry(cache):
    for name in (REGULAR, BOLD):
        cached_font(name, FONT_DIR / FONT_FILES[name])
    names = [entry.name for entry in _entries(cache)]
    assert len(names) == 2 and any("Bold" in n for n in names)


def test_a_damaged_entry_is_parsed_again_and_rewritten(cache):
    path = FONT_DIR / FONT_FILES[REGULAR]
    cached_font("a", path)
    (entry,) = _entries(cache)
    entry.write_bytes(b"\x00not marshal data")
    font = cached_font("b", path)
    assert font.stringWidth(TEXT, 12) == TTFont("c", str(path)).stringWidth(TEXT, 12)
    assert cached_font("d", path).face.charWidths == font.face.charWidths
    entry.write_bytes(__import__("marshal").dumps({"unexpected": 1}))  # another layout
    assert cached_font("e", path).face.charWidths == font.face.charWidths


def test_a_changed_font_file_is_not_read_from_an_old_entry(cache, tmp_path):
    copy = tmp_path / "Font.ttf"
    copy.write_bytes((FONT_DIR / FONT_FILES[REGULAR]).read_bytes())
    cached_font("a", copy)
    copy.write_bytes((FONT_DIR / FONT_FILES[BOLD]).read_bytes())  # same name, other font
    os.utime(copy, ns=(1, 1))
    font = cached_font("b", copy)
    assert font.face.charWidths == TTFont("c", str(copy)).face.charWidths
    assert len(_entries(cache)) == 1  # the stale entry went


def test_without_a_usable_cache_folder_fonts_are_parsed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CRISIS_DESK_CACHE_DIR", str(blocker / "cache"))
    font = cached_font("a", FONT_DIR / FONT_FILES[REGULAR])
    assert font.stringWidth("112", 24) > 0


def test_a_full_disk_leaves_no_partial_entry(cache, monkeypatch):
    def full(self, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(font_cache.Path, "write_bytes", full)
    font = cached_font("a", FONT_DIR / FONT_FILES[REGULAR])
    assert font.stringWidth("112", 24) > 0
    assert list((cache / "fonts").glob("*")) == []
