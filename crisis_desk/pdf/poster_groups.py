"""The languages of a poster shared out over its pages.

A poster shows every language of the incident on one page when they fit there at
the legible sizes. When they do not, it gets one page per group of languages,
each page a complete poster: the languages are taken in the incident's order,
and each page holds as many as still fit (greedy). A language that does not fit
even alone gets a page of its own all the same: the poster check reports it.
"""

from __future__ import annotations

from collections.abc import Callable

from crisis_desk.pdf.poster_texts import PosterTexts

Fits = Callable[[PosterTexts], bool]  # whether a poster of these texts fits its page


def only(texts: PosterTexts, codes: tuple[str, ...]) -> PosterTexts:
    """The poster's texts in the languages ``codes`` alone (a subset, in its order)."""
    kept = [number for number, lang in enumerate(texts.languages) if lang.code in codes]
    return texts._replace(languages=tuple(texts.languages[n] for n in kept),
                          rows=tuple(row._replace(texts=tuple(row.texts[n] for n in kept))
                                     for row in texts.rows))


def language_groups(texts: PosterTexts, fits: Fits) -> tuple[tuple[str, ...], ...]:
    """The language codes of each page, in order: all on one page when they fit there
    (the poster as it always was), else the greedy grouping."""
    codes = tuple(lang.code for lang in texts.languages)
    if len(codes) < 2 or fits(texts):
        return (codes,)
    groups: list[tuple[str, ...]] = []
    current: tuple[str, ...] = ()
    for code in codes:
        # A page that held the group so far takes the next language if it still fits.
        if current and not fits(only(texts, (*current, code))):
            groups.append(current)
            current = ()
        current = (*current, code)
    groups.append(current)
    return tuple(groups)
