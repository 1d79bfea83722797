"""Languages, gettext catalogs and locale-aware formatting.

Languages are data: a table of codes with their CLDR locale and tag. Every fixed
phrase is an English msgid marked with ``_`` (interface, translated now) or
``N_`` (document wording, translated later in the document's language). The
catalogs are the ``.po`` files under ``translations/<lang>/LC_MESSAGES/``; each
file is one domain and they are merged per language, compiled from the ``.po``
files themselves (kept in the cache folder only under the sources' sizes and
times, ``compiled``), so a stale ``.mo`` can never hide a fix.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import NamedTuple

from babel import Locale
from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers
from babel.support import NullTranslations, Translations

from crisis_desk.i18n import compiled
from crisis_desk.i18n.typography import day, hour, typeset
from crisis_desk.support import errors, resources

TRANSLATIONS_DIR = resources.translations_dir()


class Language(NamedTuple):
    """A language documents can be written in."""

    code: str  # what incident and organisation files use: "fr"
    locale: str  # CLDR locale for dates and numbers: "fr_BE"
    tag: str  # BCP 47 tag for HTML lang, PDF metadata and CAP: "fr-BE"
    native_name: str  # the language's own name, for menus and switches

    @property
    def babel_locale(self) -> Locale:
        return _babel_locale(self.locale)


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("fr", "fr_BE", "fr-BE", "Français"),
        Language("nl", "nl_BE", "nl-BE", "Nederlands"),
        Language("de", "de_BE", "de-BE", "Deutsch"),
        Language("en", "en_GB", "en-GB", "English"),
    )
}
DEFAULT_PAIR = ("fr", "nl")
INTERFACE_LANGUAGES = ("fr", "nl", "en")


@cache
def _babel_locale(identifier: str) -> Locale:
    """One ``Locale`` per locale and process: Babel loads and merges its CLDR data into
    the object at first use, and a document formats hundreds of dates and lists."""
    return Locale.parse(identifier)


def _locale(code: str) -> Locale:
    return _babel_locale(LANGUAGES[code].locale)


def N_(message: str) -> str:
    """Mark a phrase for extraction; it is translated later, in a document's language."""
    return message


def language(code: str) -> Language:
    """The language for ``code``; KeyError names the unknown code."""
    return LANGUAGES[code]


def catalog_files(code: str) -> list[Path]:
    """Every ``.po`` file (one per domain) of a language, in a stable order."""
    return sorted((TRANSLATIONS_DIR / code / "LC_MESSAGES").glob("*.po"))


# The interface's own domains. Two domains may translate one msgid differently (a
# field's label on screen, a heading in a document): documents take the wording of the
# document domains, the interface that of its own.
INTERFACE_DOMAINS = frozenset({"gui", "storage"})


@cache
def translations(code: str, interface: bool = False) -> NullTranslations:
    """The merged, compiled catalogs of one language (cached per process), for documents
    or for the ``interface``: the side's own domains are merged last, so they win."""
    ordered = sorted(catalog_files(code),
                     key=lambda po_file: (po_file.stem in INTERFACE_DOMAINS) == interface)
    side = "interface" if interface else "documents"
    kept = compiled.load_merged(code, side, ordered)
    if kept is not None:
        return kept
    merged: Translations | None = None
    for po_file in ordered:
        domain = Translations(fp=io.BytesIO(compiled.compiled_mo(po_file, code)),
                              domain=po_file.stem)
        if merged is None:
            merged = domain
        else:
            merged.merge(domain)
    if merged is None:
        return NullTranslations()
    compiled.store_merged(code, side, ordered, merged)
    return merged


def gettext(code: str, message: str, *, plain: bool = False, interface: bool = False) -> str:
    """``message`` translated into language ``code``, set as that language sets it.

    ``plain`` keeps the catalog's spaces: for the SMS, whose alphabet has no narrow
    no-break space, and for the interface.
    """
    text = translations(code, interface).gettext(message)
    return text if plain else typeset(text, code)


def ngettext(code: str, singular: str, plural: str, n: int, *, plain: bool = False,
             interface: bool = False) -> str:
    """The singular or plural form of a phrase in language ``code``."""
    text = translations(code, interface).ngettext(singular, plural, n)
    return text if plain else typeset(text, code)


_interface = {"code": "en"}


def set_interface_language(code: str) -> None:
    """Choose the language of the interface (not of the documents)."""
    if code not in LANGUAGES:
        raise KeyError(code)
    _interface["code"] = code


def interface_language() -> str:
    """The current interface language code."""
    return _interface["code"]


def _(message: str) -> str:
    """Translate an interface phrase into the current interface language."""
    return gettext(_interface["code"], message, plain=True, interface=True)


errors.connect_translation(_)  # the layer below words its errors through the catalogs too


def _n(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of an interface phrase counting ``n`` things."""
    return ngettext(_interface["code"], singular, plural, n, plain=True, interface=True)


def environment_language(environ: Mapping[str, str]) -> str | None:
    """The interface language the locale variables ask for, as gettext reads them.

    ``LANGUAGE`` (a list such as ``nl_BE:fr``) comes first unless the locale is
    ``C``/``POSIX``; then the first of ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that
    is set. None when none of them names a language the interface speaks.
    """
    locale_name = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG")
                        if environ.get(name)), "")
    candidates = [] if locale_name.split(".")[0] in ("C", "POSIX") else \
        environ.get("LANGUAGE", "").split(":")
    for candidate in [*candidates, locale_name]:
        code = candidate.split(".")[0].split("@")[0].split("_")[0].lower()
        if code in INTERFACE_LANGUAGES:
            return code
    return None


def format_date(value: date | datetime, code: str, fmt: str = "full") -> str:
    """A date as people of that language write it: 'samedi 14 mai 2022'."""
    return babel_dates.format_date(value, format=fmt, locale=_locale(code))


def format_time(value: datetime, code: str, fmt: str = "short") -> str:
    """A time of day in that language's usual form: '10:00'."""
    return babel_dates.format_time(value, format=fmt, locale=_locale(code))


def format_datetime(value: datetime, code: str, fmt: str = "medium") -> str:
    """A date and time together."""
    return babel_dates.format_datetime(value, format=fmt, locale=_locale(code))


def document_date(value: date | datetime, code: str, fmt: str = "full") -> str:
    """A date in a document's running text: 'mardi 1er décembre 2026'."""
    return day(value, code, format_date(value, code, fmt))


def document_time(value: datetime, code: str, fmt: str = "short") -> str:
    """A time of day in a document's running text: '10 h 30', '7:15 Uhr', '10.30 uur'."""
    babel_time = format_time(value, code, fmt)
    return hour(value, code, babel_time) if fmt == "short" else babel_time


def format_number(value: float, code: str) -> str:
    """A number with that language's grouping and decimal signs."""
    return babel_numbers.format_decimal(value, locale=_locale(code))


def format_percent(value: float, code: str) -> str:
    """A share as that language writes it: '45 %' in French, '45%' in English."""
    return babel_numbers.format_percent(value, locale=LANGUAGES[code].locale)


def format_list(items: Sequence[str], code: str) -> str:
    """Items joined as that language joins them: 'Dialyse, Maternité et Imagerie'."""
    return babel_lists.format_list(list(items), locale=_locale(code)) if items else ""
