"""Document commands of ``crisis-desk``: demo, check, render, kit.

They read the organisation and incident files and write documents; none of them
opens the database.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from crisis_desk.cli.common import (
    EXIT_INPUT,
    EXIT_OK,
    InputProblems,
    UsageError,
    add_incident_arguments,
    checked,
    language_codes,
    load,
    out_path,
    output_folder,
    report,
    template_dirs,
    write_output,
)
from crisis_desk.i18n import _, _n
from crisis_desk.support import resources
from crisis_desk.support.atomic import write_atomically

if TYPE_CHECKING:  # for annotations only: the commands import these when they run
    from crisis_desk.documents import DocumentKind
    from crisis_desk.domain.model import Incident, Organisation

DEMO_FILES = ("organisation.toml", "incident.toml")
FORMAT_PREFERENCE = ("pdf", "html", "xml", "txt")


def _languages(value: str | None, incident: Incident) -> tuple[str, ...]:
    from crisis_desk.i18n import LANGUAGES

    if not value:
        return tuple(incident.languages)
    codes = language_codes(value)
    absent = [c for c in codes if c not in incident.languages]
    if absent:  # a document full of "[Missing text]" markers helps nobody
        raise InputProblems(_("--lang: the incident is not written in %(absent)s; its "
                              "languages are %(languages)s (add the language to the "
                              "incident and write its texts first)")
                            % {"absent": ", ".join(LANGUAGES[c].native_name for c in absent),
                               "languages": ", ".join(incident.languages)})
    return codes


def cmd_demo(args: argparse.Namespace) -> int:
    target = Path(args.dir)
    target.mkdir(parents=True, exist_ok=True)
    existing = [name for name in DEMO_FILES if (target / name).exists()]
    if existing:
        raise InputProblems(_("%(path)s already exists; nothing was overwritten (choose an "
                              "empty folder)") % {"path": target / existing[0]})
    for name in DEMO_FILES:
        shutil.copyfile(resources.demo_dir() / name, target / name)
    print(_("Wrote %(organisation)s and %(incident)s")
          % {"organisation": target / DEMO_FILES[0], "incident": target / DEMO_FILES[1]})
    print(_("Try: %(command)s") % {"command": f"crisis-desk kit {target / DEMO_FILES[1]} "
                                              f"--org {target / DEMO_FILES[0]} "
                                              f"--out {target / 'kit'}"})
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from crisis_desk.checking import check, has_errors

    org, incident = load(args)
    now = datetime.now(UTC)
    problems = check(org, incident, template_dirs=template_dirs(args, org), now=now)
    report(problems)
    _report_clocks(incident, now, org.timezone)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    # Two phrases, each with its own plural, joined: languages order them alike.
    print(_("%(errors)s, %(warnings)s") % {
        "errors": _n("%(count)d error", "%(count)d errors", errors) % {"count": errors},
        "warnings": _n("%(count)d warning", "%(count)d warnings", warnings)
        % {"count": warnings}})
    return EXIT_INPUT if has_errors(problems) else EXIT_OK


def _report_clocks(incident: Incident, now: datetime, timezone: str) -> None:
    """The legal deadlines the incident runs against, counted from awareness.

    Files on their own are never approved: each document is a draft, overdue once
    its deadline has passed (the desk, which knows approvals, shows the rest).
    """
    from crisis_desk.domain.obligations import STATE_WORDS, clocks

    found = clocks(incident, now, timezone=timezone)
    if not found:
        return
    aware = incident.aware_since
    print(_("Deadlines, counted from awareness (%(aware)s):")
          % {"aware": f"{aware:%Y-%m-%d %H:%M %z}"})
    for clock in found:
        due = _("due %(when)s") % {
            "when": f"{clock.deadline.astimezone(aware.tzinfo):%Y-%m-%d %H:%M %z}"} \
            if clock.deadline else _("without undue delay")
        print(f"  {clock.obligation.kind}: {due}: {_(STATE_WORDS[clock.state])}")


def cmd_render(args: argparse.Namespace) -> int:
    from crisis_desk.checking import has_errors
    from crisis_desk.documents import PlannedDocument, kind, render_planned

    org, incident, problems = checked(args, [args.kind])
    doc_kind = kind(args.kind)
    fmt = args.format or next(f for f in FORMAT_PREFERENCE if f in doc_kind.formats)
    if fmt not in doc_kind.formats:
        raise UsageError(_("%(kind)s is not made as %(format)s; it is made as %(formats)s")
                         % {"kind": args.kind, "format": fmt,
                            "formats": ", ".join(doc_kind.formats)})
    languages = _languages(args.lang, incident)
    if doc_kind.single_language and not args.lang and incident.authority_language:
        languages = (incident.authority_language,)  # the language the officer picked
    site = _site_argument(args.site, org, doc_kind)
    if doc_kind.per_language and len(languages) != 1:
        raise UsageError(_("%(kind)s is made one per language: give one language, e.g. "
                           "--lang %(code)s") % {"kind": args.kind, "code": languages[0]})
    doc = PlannedDocument(args.kind, fmt, site, languages)
    data = render_planned(doc, org, incident, template_dirs=template_dirs(args, org))
    write_output(args.out, doc.filename, data)
    report(problems, sys.stderr)
    return EXIT_INPUT if has_errors(problems) else EXIT_OK


def _site_argument(site: str | None, org: Organisation, doc_kind: DocumentKind
                   ) -> str | None:
    if not doc_kind.per_site:
        if site:
            raise UsageError(_("%(kind)s covers every site; leave out --site")
                             % {"kind": doc_kind.id})
        return None
    known = ", ".join(s.id for s in org.sites)
    if not site:
        raise UsageError(_("%(kind)s is made per site: give --site (one of %(known)s)")
                         % {"kind": doc_kind.id, "known": known})
    if not org.has_site(site):
        raise UsageError(_("--site: unknown site '%(site)s' (one of %(known)s)")
                         % {"site": site, "known": known})
    return site


def cmd_kit(args: argparse.Namespace) -> int:
    from crisis_desk.checking import has_errors
    from crisis_desk.documents import kinds, plan, render_planned

    org, incident, problems = checked(args, args.kind)
    unknown = [k for k in args.kind or [] if k not in kinds()]
    if unknown:
        raise UsageError(_("--kind: unknown kind %(kind)s") % {"kind": unknown[0]})
    out = output_folder(Path(args.out))
    dirs = template_dirs(args, org)
    languages = _languages(args.lang, incident) if args.lang else None
    count = 0
    for doc in plan(org, incident, args.kind or None, languages):
        write_atomically(out / doc.filename, render_planned(doc, org, incident,
                                                         template_dirs=dirs))
        count += 1
    print(_n("Wrote %(count)d document to %(folder)s", "Wrote %(count)d documents to "
             "%(folder)s", count) % {"count": count, "folder": out})
    report(problems, sys.stderr)
    if has_errors(problems):
        print(_("The incident has errors: the documents are drafts with the problems "
                "marked."), file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add the document subcommands to the ``crisis-desk`` parser."""
    from crisis_desk.documents import EXTENSIONS, kind_ids

    demo = sub.add_parser("demo", help=_("write a sample organisation and incident to DIR"))
    demo.add_argument("dir", metavar="DIR")
    demo.set_defaults(handler=cmd_demo)

    check = sub.add_parser("check", help=_("list problems; exit 1 if any is an error"))
    add_incident_arguments(check)
    check.set_defaults(handler=cmd_check)

    render = sub.add_parser("render", help=_("render one document"))
    add_incident_arguments(render)
    render.add_argument("--kind", required=True, choices=kind_ids())
    render.add_argument("--site", help=_("the site, for documents made per site"))
    render.add_argument("--lang", help=_("the documents' languages, comma-separated "
                                         "(default: the incident's)"))
    render.add_argument("--format", choices=list(EXTENSIONS))
    render.add_argument("--out", required=True, metavar="PATH", type=out_path,
                        help=_("file or folder to write (- for standard output)"))
    render.set_defaults(handler=cmd_render)

    kit = sub.add_parser("kit", help=_("every document, every site, every format"))
    add_incident_arguments(kit)
    kit.add_argument("--out", required=True, metavar="DIR", type=out_path)
    kit.add_argument("--kind", action="append", choices=kind_ids(),
                     help=_("only this kind (repeatable)"))
    kit.add_argument("--lang", help=_("only these languages, comma-separated (default: the "
                                      "incident's; the authorities' documents: its "
                                      "authority_language, else each language)"))
    kit.set_defaults(handler=cmd_kit)

