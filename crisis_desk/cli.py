"""The command line: ``crisis-desk`` opens the desktop app; subcommands automate.

Exit codes: 0 done, 1 the input has errors, 2 wrong usage. Every user error is
one message naming the file, line and field; never a traceback. Qt is imported
only when the desktop app is asked for.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from crisis_desk.errors import CrisisDeskError

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
DEMO_DIR = Path(__file__).resolve().parent / "demo"
DEMO_FILES = ("organisation.toml", "incident.toml")
FORMAT_PREFERENCE = ("pdf", "html", "xml", "txt")


class UsageError(CrisisDeskError):
    """The command was called the wrong way (exit 2)."""


def _print_error(message: str) -> None:
    print(f"crisis-desk: error: {message}", file=sys.stderr)


# -- loading ------------------------------------------------------------------------------

def _load(args: argparse.Namespace):
    from crisis_desk.loading import load_incident, load_organisation

    org = load_organisation(args.org)
    incident = load_incident(args.incident, org.timezone)
    return org, incident


def _report(problems, stream=None) -> None:
    for problem in problems:
        print(problem, file=stream or sys.stdout)


def _checked(args: argparse.Namespace, kinds: list[str] | None = None):
    """Load and check; refuse (exit 1) when documents cannot be rendered at all."""
    from crisis_desk.checking import check, is_fatal

    org, incident = _load(args)
    problems = check(org, incident, kinds=kinds)
    if is_fatal(problems):
        _report([p for p in problems if p.severity == "error"], sys.stderr)
        raise _InputProblems("the incident has errors that must be fixed before any "
                             "document can be made")
    return org, incident, problems


class _InputProblems(CrisisDeskError):
    """The input has errors (exit 1); they were already listed."""


def _languages(value: str | None, incident) -> tuple[str, ...]:
    from crisis_desk.i18n import LANGUAGES

    if not value:
        return tuple(incident.languages)
    codes = tuple(c.strip() for c in value.split(",") if c.strip())
    unknown = [c for c in codes if c not in LANGUAGES]
    if unknown or not codes:
        raise UsageError(f"--lang: unknown language {', '.join(unknown) or '(none)'}; "
                         f"use codes among {', '.join(LANGUAGES)}, e.g. fr,nl")
    return codes


# -- commands -----------------------------------------------------------------------------

def cmd_demo(args: argparse.Namespace) -> int:
    target = Path(args.dir)
    target.mkdir(parents=True, exist_ok=True)
    existing = [name for name in DEMO_FILES if (target / name).exists()]
    if existing:
        raise _InputProblems(f"{target / existing[0]} already exists; nothing was "
                             "overwritten (choose an empty folder)")
    for name in DEMO_FILES:
        shutil.copyfile(DEMO_DIR / name, target / name)
    print(f"Wrote {target / DEMO_FILES[0]} and {target / DEMO_FILES[1]}")
    print(f"Try: crisis-desk kit {target / DEMO_FILES[1]} --org {target / DEMO_FILES[0]} "
          f"--out {target / 'kit'}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from crisis_desk.checking import check, has_errors

    org, incident = _load(args)
    problems = check(org, incident)
    _report(problems)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} error(s), {warnings} warning(s)")
    return EXIT_INPUT if has_errors(problems) else EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    from crisis_desk.checking import has_errors
    from crisis_desk.documents import (
        PlannedDocument,
        kind,
        organisation_template_dirs,
        render_planned,
    )

    org, incident, problems = _checked(args, [args.kind])
    doc_kind = kind(args.kind)
    fmt = args.format or next(f for f in FORMAT_PREFERENCE if f in doc_kind.formats)
    if fmt not in doc_kind.formats:
        raise UsageError(f"{args.kind} is not made as {fmt}; it is made as "
                         f"{', '.join(doc_kind.formats)}")
    languages = _languages(args.lang, incident)
    site = _site_argument(args.site, org, doc_kind)
    if doc_kind.per_language and len(languages) != 1:
        raise UsageError(f"{args.kind} is made one per language: give one language, "
                         f"e.g. --lang {languages[0]}")
    doc = PlannedDocument(args.kind, fmt, site, languages)
    data = render_planned(doc, org, incident,
                          template_dirs=organisation_template_dirs(Path(args.org), org.id))
    _write_output(args.out, doc.filename, data)
    _report(problems, sys.stderr)
    return EXIT_INPUT if has_errors(problems) else EXIT_OK


def _site_argument(site: str | None, org, doc_kind) -> str | None:
    if not doc_kind.per_site:
        if site:
            raise UsageError(f"{doc_kind.id} covers every site; leave out --site")
        return None
    known = ", ".join(s.id for s in org.sites)
    if not site:
        raise UsageError(f"{doc_kind.id} is made per site: give --site (one of {known})")
    if not org.has_site(site):
        raise UsageError(f"--site: unknown site '{site}' (one of {known})")
    return site


def _write_output(out: str, filename: str, data: bytes) -> None:
    if out == "-":
        sys.stdout.buffer.write(data)
        return
    path = Path(out)
    if path.is_dir():
        path = path / filename
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, data)


def _atomic_write(path: Path, data: bytes) -> None:
    """Write beside, then rename, so a crash never leaves half a document."""
    temporary = path.with_name(f".{path.name}.part")
    temporary.write_bytes(data)
    temporary.replace(path)


def cmd_kit(args: argparse.Namespace) -> int:
    from crisis_desk.checking import has_errors
    from crisis_desk.documents import kinds, organisation_template_dirs, plan, render_planned

    org, incident, problems = _checked(args, args.kind)
    unknown = [k for k in args.kind or [] if k not in kinds()]
    if unknown:
        raise UsageError(f"--kind: unknown kind {unknown[0]}")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    template_dirs = organisation_template_dirs(Path(args.org), org.id)
    count = 0
    for doc in plan(org, incident, args.kind or None):
        _atomic_write(out / doc.filename, render_planned(doc, org, incident,
                                                         template_dirs=template_dirs))
        count += 1
    print(f"Wrote {count} documents to {out}")
    _report(problems, sys.stderr)
    if has_errors(problems):
        print("The incident has errors: the documents are drafts with the problems marked.",
              file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def cmd_app(args: argparse.Namespace) -> int:
    # Imported by name, at the last moment: the command line never loads Qt otherwise.
    app = importlib.import_module("crisis_desk.gui.app")
    return app.run(args)


# -- parser -------------------------------------------------------------------------------

def _add_incident_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("incident", metavar="INCIDENT", help="the incident file (TOML)")
    parser.add_argument("--org", required=True, metavar="ORG",
                        help="the organisation profile (TOML)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crisis-desk",
        description="Crisis communication documents in French and Dutch, from one "
                    "situation model. Without a command, opens the desktop app.")
    parser.add_argument("--db", metavar="URL", help="database URL (default: the embedded "
                        "SQLite file; also CRISIS_DESK_DB)")
    parser.add_argument("--demo", action="store_true", help="desktop app: load the demo "
                        "organisation, incident and demo accounts without questions")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="write a sample organisation and incident to DIR")
    demo.add_argument("dir", metavar="DIR")
    demo.set_defaults(handler=cmd_demo)

    check = sub.add_parser("check", help="list problems; exit 1 if any is an error")
    _add_incident_arguments(check)
    check.set_defaults(handler=cmd_check)

    from crisis_desk.documents import EXTENSIONS, kind_ids

    render = sub.add_parser("render", help="render one document")
    _add_incident_arguments(render)
    render.add_argument("--kind", required=True, choices=kind_ids())
    render.add_argument("--site", help="the site, for documents made per site")
    render.add_argument("--lang", help="languages, comma-separated (default: the incident's)")
    render.add_argument("--format", choices=list(EXTENSIONS))
    render.add_argument("--out", required=True, metavar="PATH",
                        help="file or folder to write (- for standard output)")
    render.set_defaults(handler=cmd_render)

    kit = sub.add_parser("kit", help="every document, every site, every format")
    _add_incident_arguments(kit)
    kit.add_argument("--out", required=True, metavar="DIR")
    kit.add_argument("--kind", action="append", choices=kind_ids(),
                     help="only this kind (repeatable)")
    kit.set_defaults(handler=cmd_kit)

    import crisis_desk.storage.cli  # noqa: F401  (users, import, incidents, export)
    for extend in EXTENSIONS_HOOKS:
        extend(sub)
    return parser


# Other parts of the application (storage, users) add their subcommands here.
EXTENSIONS_HOOKS: list[Callable[[argparse._SubParsersAction], None]] = []


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", cmd_app)
    try:
        return handler(args)
    except UsageError as exc:
        _print_error(str(exc))
        return EXIT_USAGE
    except _InputProblems as exc:
        _print_error(str(exc))
        return EXIT_INPUT
    except CrisisDeskError as exc:
        _print_error(str(exc))
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
