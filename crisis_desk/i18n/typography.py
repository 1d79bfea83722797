"""How each language sets fixed wording, times and dates, on top of Babel's CLDR data.

Babel gives dates and times in the CLDR pattern of each locale ("10:00", "1 décembre");
professional writers of each language set them differently in running text:

- French: a narrow no-break space (U+202F) before ``; : ! ?`` and inside « », hours
  as "10 h" / "10 h 30", and "1er" for the first day of a month;
- German: "7:15 Uhr"; Dutch: "10 uur" / "10.30 uur"; English keeps Babel's "10:00".

Only fixed wording (catalog strings) and formatted values go through here, never user
text, and never the SMS, whose alphabet (GSM 03.38) has no narrow no-break space.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache

NARROW_NBSP = "\u202f"  # espace fine insécable
NBSP = "\u00a0"
# Between a number and its unit ("10 h", "7:15 Uhr") so they never part: the narrow one,
# as CLDR writes "5 000", which text views also keep (Qt turns U+00A0 into a space).
UNIT_SPACE = NARROW_NBSP

# French puts a space before ; : ! ? that end a phrase (followed by a space, the end, a
# closing quote or bracket), so "10:00", "https://" and "?a=b" keep theirs. An existing
# space becomes the narrow one; a missing one is added after a letter (never after a
# digit: "10:"), and never when the sign opens the string, which would start a line.
_FOLLOWS = r"(?=[;:!?](?:\s|$|[»)\"”.,;:!?]))"
_SPACE_BEFORE = re.compile(r"(?<=\S)[ \u00a0\u202f]" + _FOLLOWS)
_NO_SPACE_BEFORE = re.compile(r"(?<=[^\W\d]|[)»])" + _FOLLOWS)
_AFTER_OPENING_QUOTE = re.compile(r"«[ \u00a0\u202f]?")
_BEFORE_CLOSING_QUOTE = re.compile(r"[ \u00a0\u202f]?»")
_FRENCH_FIRST = re.compile(
    r"(?<!\d)1(?=[ \u00a0](?:janv|févr|mars|avr|mai|juin|juil|août|sept|oct|nov|déc))")


@lru_cache(maxsize=4096)
def typeset(text: str, code: str) -> str:
    """Fixed wording of language ``code`` as that language sets it (French spacing)."""
    if code != "fr" or not text:
        return text
    text = _SPACE_BEFORE.sub(NARROW_NBSP, text)
    text = _NO_SPACE_BEFORE.sub(NARROW_NBSP, text)
    text = _AFTER_OPENING_QUOTE.sub("«" + NARROW_NBSP, text)
    return _BEFORE_CLOSING_QUOTE.sub(NARROW_NBSP + "»", text)


def hour(value: datetime | time, code: str, babel_time: str) -> str:
    """A time of day in running text: "10 h 30", "7:15 Uhr", "10.30 uur", "10:00"."""
    if code == "fr":
        return f"{value.hour}{UNIT_SPACE}h" + (f"{UNIT_SPACE}{value.minute:02d}"
                                               if value.minute else "")
    if code == "de":
        return f"{value.hour}:{value.minute:02d}{UNIT_SPACE}Uhr"
    if code == "nl":
        return (f"{value.hour}.{value.minute:02d}" if value.minute else f"{value.hour}") \
            + f"{UNIT_SPACE}uur"
    return babel_time


def day(value: date | datetime, code: str, babel_date: str) -> str:
    """A date in running text: French writes the first of a month "1er"."""
    if code == "fr" and value.day == 1:
        return _FRENCH_FIRST.sub("1er", babel_date, count=1)
    return babel_date
