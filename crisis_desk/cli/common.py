"""What every command shares: exit codes, usage and input errors, loading and checking.

Exit codes: 0 done, 1 the input has errors, 2 wrong usage. Every user error is
one message naming the file, line and field; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from crisis_desk.i18n import _
from crisis_desk.support.atomic import write_atomically
from crisis_desk.support.errors import CrisisDeskError

if TYPE_CHECKING:  # for annotations only: the commands import these when they run
    from crisis_desk.domain.model import Incident, Organisation
    from crisis_desk.domain.problems import Problem

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class UsageError(CrisisDeskError):
    """The command was called the wrong way (exit 2)."""


class InputProblems(CrisisDeskError):
    """The input has errors (exit 1); they were already listed."""


def print_error(message: str) -> None:
    print(_("crisis-desk: error: %(message)s") % {"message": message}, file=sys.stderr)


def language_codes(value: str) -> tuple[str, ...]:
    """The codes of a ``--lang`` value ("fr,nl"); a usage error names unknown ones."""
    from crisis_desk.i18n import LANGUAGES

    codes = tuple(c.strip() for c in value.split(",") if c.strip())
    unknown = [c for c in codes if c not in LANGUAGES]
    if unknown or not codes:
        raise UsageError(_("--lang: unknown language %(codes)s; use codes among "
                           "%(known)s, e.g. fr,nl")
                         % {"codes": ", ".join(unknown) or _("(none)"),
                            "known": ", ".join(LANGUAGES)})
    return codes


def load(args: argparse.Namespace) -> tuple[Organisation, Incident]:
    """The organisation and incident files named on the command line."""
    from crisis_desk.files.loading import load_incident, load_organisation

    org = load_organisation(args.org)
    incident = load_incident(args.incident, org.timezone)
    return org, incident


def report(problems: Iterable[Problem], stream: TextIO | None = None) -> None:
    for problem in problems:
        print(problem, file=stream or sys.stdout)


def template_dirs(args: argparse.Namespace, org: Organisation) -> tuple[str, ...]:
    """The template folders the commands render (and so check) with: ``templates/`` beside
    the profile file, then the organisation's folder in the data folder."""
    from crisis_desk.rendering.template_folders import organisation_template_dirs

    return organisation_template_dirs(Path(args.org), org.id)


def checked(args: argparse.Namespace, kinds: list[str] | None = None
            ) -> tuple[Organisation, Incident, list[Problem]]:
    """Load and check; refuse (exit 1) when documents cannot be rendered at all."""
    from crisis_desk.checking import check, is_fatal

    org, incident = load(args)
    problems = check(org, incident, kinds=kinds, template_dirs=template_dirs(args, org))
    if is_fatal(problems):
        report([p for p in problems if p.severity == "error"], sys.stderr)
        raise InputProblems(_("the incident has errors that must be fixed before any "
                              "document can be made"))
    return org, incident, problems


def add_incident_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("incident", metavar="INCIDENT", help=_("the incident file (TOML)"))
    parser.add_argument("--org", required=True, metavar="ORG",
                        help=_("the organisation profile (TOML)"))


def write_output(out: str, filename: str, data: bytes) -> None:
    """Write to standard output (``-``), into a folder, or to a file path."""
    if out == "-":
        sys.stdout.buffer.write(data)
        return
    path = Path(out)
    if path.is_dir() and not path.is_symlink():
        path = path / filename
    output_folder(path.parent)
    write_atomically(path, data)


def output_folder(folder: Path) -> Path:
    """``folder``, created if missing; a file or a link in the way is a usage error."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise UsageError(_("--out: %(path)s is not a folder") % {"path": folder})
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise UsageError(_("--out: a part of %(path)s is a file, not a folder")
                         % {"path": folder}) from None
    except OSError as exc:
        raise UsageError(_("--out: %(path)s cannot be created (%(reason)s)")
                         % {"path": folder, "reason": exc.strerror}) from None
    return folder


def out_path(value: str) -> str:
    """An ``--out`` value: never empty (that would quietly mean the current folder)."""
    if not value.strip():
        from crisis_desk.i18n import _

        raise argparse.ArgumentTypeError(_("must not be empty: give a file or folder name"))
    return value
