"""Parsed TrueType fonts kept in the cache folder, so a process does not parse them again.

ReportLab reads a TrueType file's tables (6,000 glyphs' widths, the character map)
in pure Python: about 20 ms per font, paid by every command that makes a PDF. The
result is plain data (numbers, byte strings, dictionaries, lists), so it is kept
with ``marshal`` (never ``pickle``: nothing in the file is executed) beside the
compiled templates and catalogs, under a name made of the font file's size and
modification time and of ReportLab's and Python's versions. A missing, stale or damaged entry is
parsed again and rewritten; no cache folder simply means parsing every time.

The font's own bytes are not kept (a PDF embeds a subset cut from them): they are
read from the shipped file, which costs a copy, not a parse.
"""

from __future__ import annotations

import marshal
import re
import sys
from pathlib import Path
from typing import Any

import reportlab
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from crisis_desk.support.atomic import write_cache_entry
from crisis_desk.support.paths import cache_dir

FORMAT = 1  # bump when what is stored changes
_NAME = "__ttf_name__"  # marks a TrueType name string (bytes that know their text)
_OWN_ENTRY = re.compile(r"\d+-\d+-rl.*\.marshal")  # after "<stem>-"
_LEFT_OUT = ("_ttf_data", "_pdfScale")  # the file's bytes; a function of unitsPerEm
# What a parsed face must hold to measure and embed text; an entry without them is
# from another ReportLab and is parsed again.
_NEEDED = ("charWidths", "charToGlyph", "glyphPos", "hmetrics", "table", "unitsPerEm",
           "ascent", "descent", "flags", "bbox", "name", "defaultWidth")


def cached_font(name: str, path: Path) -> TTFont:
    """The font of ``path`` registered under ``name``: from the cache when it holds this
    very file, else parsed (and then cached)."""
    entry = _entry(path)
    face = _load(entry, path) if entry is not None else None
    if face is None:
        font = TTFont(name, str(path))
        if entry is not None:
            _store(entry, path.stem, font.face)
        return font
    return _font_with_face(name, face)


def _entry(path: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    stat = path.stat()
    # marshal's format is the running Python's: another Python keeps its own entry.
    return (folder / "fonts" / f"{path.stem}-{stat.st_size}-{stat.st_mtime_ns}"
            f"-rl{reportlab.Version}-{sys.implementation.cache_tag}-{FORMAT}.marshal")


def _load(entry: Path, path: Path) -> TTFontFace | None:
    try:
        state = marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(state, dict) or any(key not in state for key in _NEEDED):
        return None
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update({key: _decoded(value) for key, value in state.items()})
    face._ttf_data = path.read_bytes()
    face._pdfScale = _scale(face.unitsPerEm)
    return face


def _store(entry: Path, stem: str, face: TTFontFace) -> None:
    state = {key: _encoded(value) for key, value in vars(face).items()
             if key not in _LEFT_OUT}
    try:
        data = marshal.dumps(state)
    except ValueError:  # something ReportLab added that is not plain data: not cached
        return
    older = [stale for stale in entry.parent.glob(f"{stem}-*.marshal")
             if _OWN_ENTRY.fullmatch(stale.name.removeprefix(f"{stem}-"))]  # not Bold's
    write_cache_entry(entry, data, older)


def _encoded(value: Any) -> Any:
    if isinstance(value, TTFNameBytes):
        return (_NAME, value.ustr)
    return value


def _decoded(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 2 and value[0] == _NAME:
        return TTFNameBytes(value[1].encode("utf-8"), "utf-8")
    return value


def _scale(units_per_em: int) -> Any:
    """ReportLab's conversion of font units to thousandths of an em."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _font_with_face(name: str, face: TTFontFace) -> TTFont:
    """A ``TTFont`` set up as its constructor does, around a face already parsed."""
    from weakref import WeakKeyDictionary

    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = _shapable(name)
    return font


def _shapable(name: str) -> bool:
    from fnmatch import fnmatch

    return not any(fnmatch(name, pattern) for pattern in rl_config.unShapedFontGlob)
