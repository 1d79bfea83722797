"""Saying a thing once: the sentences of a user's text that a document says anyway.

The patient notice puts the incident's advice to patients in its summary box and,
further down, its fixed paragraphs (what to bring, the warning about scam calls).
Organisations often write the same advice themselves ("we will never ask for your
bank details"), and a reader then meets it twice. ``unrepeated`` leaves out of the
user's text each sentence that a fixed sentence of the document already says: one
in which every word of four letters or more appears — so nothing the user wrote is
lost, the fixed sentence says all of it. Shorter words (articles, pronouns, "par",
"uw") are not compared, so "vos données" and "uw bankgegevens" match "données" and
"bankgegevens"; a sentence of fewer than five such words is always kept: "Appelez la
ligne d'information." shares its words with many a longer sentence by coincidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W\d_]{4,}")
# A sentence ends at . ! ? or … before a space or a line break; the split keeps the
# spaces, so the sentences kept are joined back exactly as they were typed.
_SENTENCE_END = re.compile(r"(?<=[.!?…])(\s+)")
MIN_WORDS = 5


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, without the spaces between them."""
    return [part for part in _SENTENCE_END.split(text.strip()) if part.strip()]


def words(sentence: str) -> frozenset[str]:
    """The words of four letters or more of ``sentence``, case folded."""
    return frozenset(word.casefold() for word in _WORD.findall(sentence))


def said_in(sentence: str, texts: Iterable[str]) -> bool:
    """Whether one sentence of ``texts`` has every word of ``sentence`` that is compared."""
    own = words(sentence)
    if len(own) < MIN_WORDS:
        return False
    return any(own <= words(other) for text in texts for other in sentences(text))


def unrepeated(text: str, *below: str) -> str:
    """``text`` without the sentences that one sentence of ``below`` already says.

    Unchanged when none is left out (line breaks and spaces as typed); otherwise the
    sentences kept, with the spaces that followed each of them.
    """
    parts = _SENTENCE_END.split(text)
    # parts alternates sentence, spaces, sentence, spaces, …, sentence
    kept = []
    dropped = False
    for index in range(0, len(parts), 2):
        sentence, spaces = parts[index], parts[index + 1] if index + 1 < len(parts) else ""
        if sentence.strip() and said_in(sentence, below):
            dropped = True
            continue
        kept.append(sentence + spaces)
    return "".join(kept).strip() if dropped else text
