"""User text is data: cleaning it once, the same way for every document."""

from __future__ import annotations

import re

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
