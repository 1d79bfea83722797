"""Colours, parsed once.

ReportLab parses a colour given as a hex string on every call (through a small
expression evaluator); drawing code asks here instead and gets the parsed
colour from a cache.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.colors import Color, HexColor


@lru_cache(maxsize=256)
def colour(value: str) -> Color:
    """The ReportLab colour for a hex string such as ``"#17324d"``."""
    return HexColor(value)
