"""Pre-translated phrases by id: the packaged phrasebook and an organisation's own.

The packaged phrases come from the ``phrases`` gettext domain (``msgctxt`` is
the id, the msgid the English text); an organisation may add phrases or replace
packaged ones with its own (``Phrasebook.with_own``). A replaced phrase is
replaced whole, in every language: a sentence the organisation rewrote in French
must not keep a Dutch translation of the packaged one, so the languages it does
not give are missing, and the checker says so.

Texts are returned as each language sets fixed wording (French spacing), with
their placeholders still in braces; ``fill`` puts model values in, as data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache

from crisis_desk.i18n import LANGUAGES, TRANSLATIONS_DIR
from crisis_desk.i18n.phrases import PACKAGED
from crisis_desk.i18n.typography import typeset

SOURCE_LANGUAGE = "en"  # the msgids are the English texts
PHRASES_DOMAIN = "phrases"
PLACEHOLDERS = ("destination", "hotline", "next_date", "next_time")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@cache
def _catalog_texts(code: str) -> dict[str, str]:
    """phrase id -> translated text, from one language's ``phrases.po`` (cached)."""
    path = TRANSLATIONS_DIR / code / "LC_MESSAGES" / f"{PHRASES_DOMAIN}.po"
    if not path.exists():
        return {}
    from babel.messages.pofile import read_po  # only when a phrase is looked up

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code, domain=PHRASES_DOMAIN)
    return {message.context: message.string for message in catalog
            if message.id and message.context and isinstance(message.string, str)
            and message.string and not message.fuzzy}


@cache
def packaged_texts() -> dict[str, dict[str, str]]:
    """Every packaged phrase with its text per language (a language may be missing)."""
    texts: dict[str, dict[str, str]] = {}
    for phrase_id, english in PACKAGED:
        per_language = {SOURCE_LANGUAGE: english}
        for code in LANGUAGES:
            if code != SOURCE_LANGUAGE and phrase_id in _catalog_texts(code):
                per_language[code] = _catalog_texts(code)[phrase_id]
        texts[phrase_id] = per_language
    return texts


def placeholders_in(text: str) -> list[str]:
    """The ``{name}`` placeholders a phrase text uses, in order."""
    return PLACEHOLDER.findall(text)


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with its known placeholders replaced by ``values`` (never evaluated)."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def _folded(text: str) -> str:
    """Lower case without accents, so that "resultats" finds "résultats"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Phrasebook:
    """The phrases one organisation can use: the packaged ones and its own."""

    def __init__(self, own: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.own = own or {}

    def with_own(self, own: Mapping[str, Mapping[str, str]]) -> Phrasebook:
        return Phrasebook({**self.own, **own})

    def _texts(self, phrase_id: str) -> Mapping[str, str] | None:
        if phrase_id in self.own:
            return self.own[phrase_id]
        return packaged_texts().get(phrase_id)

    def knows(self, phrase_id: str) -> bool:
        return self._texts(phrase_id) is not None

    def is_own(self, phrase_id: str) -> bool:
        return phrase_id in self.own

    def ids(self) -> list[str]:
        """Every phrase id: the packaged ones in their order, then the organisation's."""
        packaged = list(packaged_texts())
        return packaged + [phrase_id for phrase_id in self.own if phrase_id not in packaged]

    def languages(self, phrase_id: str) -> tuple[str, ...]:
        """The languages the phrase has a text in (none for an unknown id)."""
        texts = self._texts(phrase_id) or {}
        return tuple(code for code in texts if texts[code].strip())

    def text(self, phrase_id: str, code: str, *, plain: bool = False) -> str | None:
        """The phrase in language ``code``, set for running text; None when it has none.

        ``plain`` keeps the catalog's spaces (for listing the phrasebook).
        """
        texts = self._texts(phrase_id) or {}
        text = texts.get(code, "")
        if not text.strip():
            return None
        # Packaged texts are fixed wording (French spacing added); the organisation's own
        # are typed by people, and kept exactly as typed.
        return text if plain or self.is_own(phrase_id) else typeset(text, code)

    def placeholders(self, phrase_id: str) -> set[str]:
        """Every placeholder the phrase uses in any of its languages."""
        texts = self._texts(phrase_id) or {}
        return {name for text in texts.values() for name in placeholders_in(text)}

    def search(self, words: str, languages: Iterable[str] | None = None,
               limit: int = 12) -> list[str]:
        """The ids of phrases containing every word typed, in any language (or in ``languages``)."""
        wanted = [_folded(word) for word in words.split() if word.strip()]
        if not wanted:
            return []
        codes = tuple(languages) if languages is not None else tuple(LANGUAGES)
        found = []
        for phrase_id in self.ids():
            texts = self._texts(phrase_id) or {}
            haystack = _folded(" ".join([phrase_id, *(texts.get(c, "") for c in codes)]))
            if all(word in haystack for word in wanted):
                found.append(phrase_id)
                if len(found) >= limit:
                    break
        return found


PACKAGED_BOOK = Phrasebook()
