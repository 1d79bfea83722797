"""The command line's interface language: ``--ui-lang``, else the locale, else English.

It is chosen before the parser is built, because the parser's help is written
in it, and it is separate from the documents' language (``--lang``). argparse
words its own usage, help and errors through gettext; they are routed to our
catalogs here, so that "usage:" and "the following arguments are required"
speak the same language as our messages.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence

from crisis_desk.i18n import (
    INTERFACE_LANGUAGES,
    N_,
    _,
    _n,
    environment_language,
    set_interface_language,
)

OPTION = "--ui-lang"

# argparse's own phrases that a user can meet, marked so that they are extracted into
# our catalogs; argparse looks them up through the functions installed below.
ARGPARSE_PHRASES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)
ARGPARSE_PLURALS = (
    ("expected %s argument", "expected %s arguments"),
)


def requested_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """``--ui-lang CODE`` (or ``--ui-lang=CODE``) from the arguments, else the locale's
    language, else English. A wrong code is left for the parser to refuse."""
    for number, argument in enumerate(argv):
        if argument == "--":
            break
        value = None
        if argument == OPTION and number + 1 < len(argv):
            value = argv[number + 1]
        elif argument.startswith(OPTION + "="):
            value = argument.partition("=")[2]
        if value in INTERFACE_LANGUAGES:
            return value
    return environment_language(environ) or "en"


def use_interface_language(argv: Sequence[str], environ: Mapping[str, str] = os.environ
                           ) -> str:
    """Set the interface language for this run and make argparse speak it too."""
    code = requested_language(argv, environ)
    set_interface_language(code)
    # argparse imported gettext's functions under these names: replace them with ours.
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = _n  # type: ignore[attr-defined]
    return code


def add_option(parser: argparse.ArgumentParser) -> None:
    """The ``--ui-lang`` option itself (read early by ``use_interface_language``)."""
    parser.add_argument(OPTION, choices=INTERFACE_LANGUAGES, metavar="CODE",
                        help=_("the language of messages and help: %(codes)s (default: "
                               "the locale, from LANGUAGE, LC_ALL, LC_MESSAGES or LANG)")
                        % {"codes": ", ".join(INTERFACE_LANGUAGES)})
