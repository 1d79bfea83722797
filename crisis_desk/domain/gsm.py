"""Exact SMS length: the GSM 03.38 alphabet, its extension table, and UCS-2.

One segment holds 160 septets of the GSM 7-bit alphabet (an extension
character such as € or [ takes two), or 70 UTF-16 units as soon as any
character is outside the alphabet. Longer messages are split into segments of
153 septets or 67 units.
"""

from __future__ import annotations

from dataclasses import dataclass

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("^{}\\[~]|€\f")

SOCIAL_LIMIT = 280


@dataclass(frozen=True)
class SmsLength:
    """How an SMS text will be sent and how many segments it takes."""

    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int
    single_limit: int  # 160 or 70
    first_outside: str | None  # the first character that forced UCS-2

    @property
    def fits_one(self) -> bool:
        return self.units <= self.single_limit


def first_non_gsm(text: str) -> str | None:
    """The first character not in the GSM 03.38 alphabet or its extension."""
    for char in text:
        if char not in GSM_BASIC and char not in GSM_EXTENSION:
            return char
    return None


def sms_length(text: str) -> SmsLength:
    """Count ``text`` exactly as a phone network would."""
    outside = first_non_gsm(text)
    if outside is None:
        widths = [2 if char in GSM_EXTENSION else 1 for char in text]
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        widths = [len(char.encode("utf-16-le")) // 2 for char in text]
        single, multi, encoding = 70, 67, "UCS-2"
    units = sum(widths)
    segments = 1 if units <= single else _segments(widths, multi)
    return SmsLength(encoding, units, segments, single, outside)


def _segments(widths: list[int], per_segment: int) -> int:
    """Segments of a long message: phones never split an escape pair (€, [) or a
    surrogate pair (emoji) across two segments, so one may end a unit short."""
    segments, used = 1, 0
    for width in widths:
        if used + width > per_segment:
            segments, used = segments + 1, 0
        used += width
    return segments


def social_length(text: str) -> int:
    """Characters of a social post, counted as people see them (code points)."""
    return len(text)
