"""``crisis-desk phrases``: the phrasebook, one phrase a line, for scripts and for people
preparing an organisation's own phrasebook.

Each line is the phrase id, then its text in each language asked for, separated by
tabs; a language the phrase has no text in is an empty column. With ``--org`` the
organisation's own phrases (beside its profile) are listed too, and win.
"""

from __future__ import annotations

import argparse
import sys

from crisis_desk.cli.common import EXIT_OK, language_codes
from crisis_desk.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("phrases", help=_("list the phrasebook: id and text per language, "
                                              "tab-separated"))
    parser.add_argument("--lang", metavar="CODES", help=_("languages, e.g. fr,nl "
                        "(default: every language)"))
    parser.add_argument("--org", metavar="ORG", help=_("an organisation profile whose own "
                        "phrasebook is listed too"))
    parser.set_defaults(handler=cmd_phrases)


def _codes(value: str | None) -> tuple[str, ...]:
    from crisis_desk.i18n import LANGUAGES

    return language_codes(value) if value else tuple(LANGUAGES)


def phrase_lines(book_codes: tuple[str, ...], org_path: str | None) -> list[str]:
    """The listing's lines: id, then the text per language (tabs and newlines flattened)."""
    from crisis_desk.i18n.phrasebook import PACKAGED_BOOK

    book = PACKAGED_BOOK
    if org_path:
        from crisis_desk.domain.phrasing import phrasebook_for
        from crisis_desk.files.loading import load_organisation

        book = phrasebook_for(load_organisation(org_path))
    lines = []
    for phrase_id in book.ids():
        texts = [" ".join((book.text(phrase_id, code, plain=True) or "").split())
                 for code in book_codes]
        lines.append("\t".join([phrase_id, *texts]))
    return lines


def cmd_phrases(args: argparse.Namespace) -> int:
    lines = phrase_lines(_codes(args.lang), args.org)
    sys.stdout.write("".join(line + "\n" for line in lines))
    return EXIT_OK
