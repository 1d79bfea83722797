"""Sentences and their length in words: what easy-read and plain-language rules count.

Plain-language guides (and FALC, Makkelijk lezen, Leichte Sprache for easy read)
measure a sentence in words. A sentence ends at a full stop, question mark or
exclamation mark followed by a space or the end; a word is what spaces separate,
so a phone number written with spaces counts as several (a reader sees them so).
"""

from __future__ import annotations

import re

# Where a sentence ends: ., ! or ? (maybe closed by quotes or brackets), then a space.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»)\]]*\s+")
_WORD = re.compile(r"\w", re.UNICODE)

PLAIN_LANGUAGE_LIMIT = 20  # words; the checker warns above it
EASY_READ_LIMIT = 12  # words; the easy notice's fixed sentences stay within it


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped; lines count as breaks too (lists, headings)."""
    found = []
    for line in text.splitlines():
        found += [part.strip() for part in _SENTENCE_END.split(line) if part.strip()]
    return found


def word_count(sentence: str) -> int:
    """Words as a reader sees them: runs between spaces holding a letter or digit."""
    return sum(1 for token in sentence.split() if _WORD.search(token))


def long_sentences(text: str, limit: int = PLAIN_LANGUAGE_LIMIT) -> list[str]:
    """The sentences of ``text`` longer than ``limit`` words, in order."""
    return [sentence for sentence in sentences(text) if word_count(sentence) > limit]


def opening(sentence: str, words: int = 6) -> str:
    """The first words of a sentence, to name it in a message."""
    tokens = sentence.split()
    return " ".join(tokens[:words]) + ("…" if len(tokens) > words else "")
