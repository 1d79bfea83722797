"""User text is data: cleaning it once, the same way for every document."""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls except tab and newline, and the two non-characters XML forbids
# (U+FFFE, U+FFFF): they have no visible form, break XML and PDF text, and the
# checker refuses them; rendering removes them the same way everywhere so a draft
# still renders.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def clean(text: str) -> str:
    """Normalise line ends and drop invisible control characters."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def control_characters(text: str) -> list[str]:
    """The control characters ``clean`` would remove (for the checker's message)."""
    return _CONTROL.findall(text.replace("\r\n", "\n").replace("\r", "\n"))


# Zero-width characters and bidirectional overrides: invisible, yet they reorder or hide
# what a name or title shows ("Trojan Source" attacks on text). Refused by the checker.
_FORMATTING = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def invisible_formatting(text: str) -> list[str]:
    """Zero-width and bidirectional-override characters in ``text``."""
    return _FORMATTING.findall(text)


def right_to_left(text: str) -> list[str]:
    """Letters of right-to-left scripts (Arabic, Hebrew…), which the PDFs cannot lay out."""
    return [c for c in text if unicodedata.bidirectional(c) in ("R", "AL")]
