"""The command line: ``crisis-desk`` opens the desktop app; subcommands automate.

Exit codes: 0 done, 1 the input has errors, 2 wrong usage. Every user error is
one message naming the file, line and field; never a traceback. Qt is imported
only when the desktop app is asked for.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from crisis_desk.cli import database, documents, language, phrases
from crisis_desk.cli.common import (
    EXIT_INPUT,
    EXIT_USAGE,
    InputProblems,
    UsageError,
    print_error,
)
from crisis_desk.i18n import _
from crisis_desk.support.errors import CrisisDeskError


def cmd_app(args: argparse.Namespace) -> int:
    # Imported by name, at the last moment: the command line never loads Qt otherwise.
    app = importlib.import_module("crisis_desk.gui.app")
    status: int = app.run(args)  # a module found by name is untyped: say what it returns
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crisis-desk",
        description=_("Crisis communication documents in French and Dutch, from one "
                      "situation model. Without a command, opens the desktop app."))
    parser.add_argument("--db", metavar="URL", help=_("database URL (default: the embedded "
                                                      "SQLite file; also CRISIS_DESK_DB)"))
    parser.add_argument("--demo", action="store_true", help=_(
        "desktop app: load the demo organisation, incident and demo accounts without "
        "questions"))
    language.add_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    documents.register(sub)
    database.register(sub)
    phrases.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # The interface language first: the parser's help and errors are written in it.
    language.use_interface_language(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", cmd_app)
    try:
        return handler(args)
    except UsageError as exc:
        print_error(str(exc))
        return EXIT_USAGE
    except InputProblems as exc:
        print_error(str(exc))
        return EXIT_INPUT
    except CrisisDeskError as exc:
        print_error(str(exc))
        return EXIT_INPUT
    except OSError as exc:  # a path the system refuses (too long, a loop of links...)
        print_error(_("%(path)s cannot be used: %(reason)s")
                    % {"path": exc.filename or "-", "reason": exc.strerror or exc})
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
