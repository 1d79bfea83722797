"""Database subcommands of ``crisis-desk``: users, import, incidents, verify, db, export.

They act as the administrator (whoever can run them on this machine can also
open the database file), and every action they take is in the audit log. The
global ``--db URL`` option, else ``CRISIS_DESK_DB``, else the embedded SQLite
file, chooses the database. SQLAlchemy is imported only when one of these
commands runs, so the other commands start as fast as before.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from crisis_desk.cli import common as cli
from crisis_desk.domain.roles import ROLES
from crisis_desk.i18n import _, _n
from crisis_desk.support.atomic import write_text_atomically
from crisis_desk.support.errors import CrisisDeskError

if TYPE_CHECKING:  # for annotations only: SQLAlchemy loads when a command runs
    from crisis_desk.store.database import Store


def _open(args: argparse.Namespace) -> Store:
    from crisis_desk.store.database import open_store, parse_url
    from crisis_desk.store.errors import DataFolderUnusable, StorageError

    try:
        parse_url(args.db)
    except DataFolderUnusable as exc:
        raise cli.UsageError(str(exc)) from None
    except StorageError as exc:
        raise cli.UsageError(_("--db: %(reason)s") % {"reason": exc}) from None
    try:
        return open_store(args.db)
    except DataFolderUnusable as exc:  # the history key lives there too
        raise cli.UsageError(str(exc)) from None


def _read_pin(name: str, confirm: bool = True, second: bool = False) -> str:
    """Ask on a terminal (hidden; twice for a new PIN); otherwise read a line of standard
    input."""
    if sys.stdin.isatty():
        pin = getpass.getpass(_("PIN for %(name)s: ") % {"name": name})
        if confirm and getpass.getpass(_("The same PIN again: ")) != pin:
            raise CrisisDeskError(_("the two PINs differ; nothing was saved"))
        return pin
    pin = sys.stdin.readline().rstrip("\r\n")
    if not pin:
        raise CrisisDeskError(_("no PIN on standard input (give it on the second line)")
                              if second else
                              _("no PIN on standard input (give it on the first line)"))
    return pin


def cmd_users_add(args: argparse.Namespace) -> int:
    from crisis_desk import desk

    pin = _read_pin(args.name)
    consent = None
    if args.consent:  # a manager vouches for a new manager with their own PIN
        consent = (args.consent, _read_pin(args.consent, confirm=False, second=True))
    with _open(args) as store:
        user = desk.add_user(store, desk.administrator(), args.name, args.role, pin, consent)
    print(_("Added %(name)s (%(role)s).") % {"name": user.name, "role": user.role})
    return cli.EXIT_OK


def _consent(args: argparse.Namespace, second: bool) -> tuple[str, str] | None:
    """The consenting manager's name and PIN, when ``--consent`` names one."""
    if not args.consent:
        return None
    return args.consent, _read_pin(args.consent, confirm=False, second=second)


def cmd_users_change(args: argparse.Namespace) -> int:
    """``users role``, ``deactivate``, ``reactivate`` and ``reset-pin``: one person changed."""
    from crisis_desk import desk
    from crisis_desk.i18n import _

    if args.users_command == "reset-pin":
        pin = _read_pin(args.name)
        consent = _consent(args, second=True)
    else:
        consent = _consent(args, second=False)
    with _open(args) as store:
        by = desk.administrator()
        if args.users_command == "role":
            user = desk.change_role(store, by, args.name, args.role, consent)
            done = _("%(name)s is now %(role)s.")
        elif args.users_command == "deactivate":
            user = desk.deactivate(store, by, args.name, consent)
            done = _("%(name)s can no longer sign in.")
        elif args.users_command == "reactivate":
            user = desk.reactivate(store, by, args.name, consent)
            done = _("%(name)s can sign in again, as %(role)s.")
        else:
            user = desk.reset_pin(store, by, args.name, pin, consent)
            done = _("%(name)s has a new PIN.")
    print(done % {"name": user.name, "role": _(desk.ROLE_NAMES[user.role])})
    return cli.EXIT_OK


def cmd_users_list(args: argparse.Namespace) -> int:
    from crisis_desk import desk
    from crisis_desk.i18n import _

    with _open(args) as store:
        now = store.now()
        people = desk.users(store)
    if not people:
        print(_("No users yet: add one with %(command)s")
              % {"command": "crisis-desk users add NAME --role manager"})
    for user in people:
        notes = [] if user.active else [_("disabled")]
        if user.locked_until and user.locked_until > now:
            notes.append(_("locked until %(time)s")
                         % {"time": f"{user.locked_until.astimezone():%H:%M}"})
        if user.problem:
            notes.append(_("cannot be trusted: %(reason)s") % {"reason": user.problem})
        print(f"{user.name}\t{user.role}" + (f"\t{', '.join(notes)}" if notes else ""))
    return cli.EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from crisis_desk import desk
    from crisis_desk.checking import check, has_errors
    from crisis_desk.files.loading import load_incident, load_organisation

    _verify_seals(args)
    org = load_organisation(args.org)
    incident = load_incident(args.incident, org.timezone)
    if incident.organisation and incident.organisation != org.id:
        raise CrisisDeskError(_(
            "%(incident_file)s is an incident of organisation '%(incident)s', but "
            "%(org_file)s is the profile of '%(org)s'; nothing was imported.")
            % {"incident_file": args.incident, "incident": incident.organisation,
               "org_file": args.org, "org": org.id})
    with _open(args) as store:
        try:
            snapshot = desk.import_incident(store, desk.administrator(), org, incident,
                                            update_profile=args.update_profile)
        except desk.AlreadyImported as exc:
            print(exc)  # a repeated import is no error: what was asked for is there
            return cli.EXIT_OK
        except desk.ProfileDiffers as exc:
            sys.stderr.write(exc.diff)
            raise CrisisDeskError(f"{exc} " + _(
                "To replace the stored profile with the file's (it becomes version "
                "%(version)d), import again with --update-profile.")
                % {"version": exc.next_version}) from None
        count = len(desk.documents(store, snapshot.incident_id))
    print(_n("Imported incident %(id)d (version %(version)d; organisation %(org)s, profile "
             "version %(profile)d) with %(count)d document as a draft.",
             "Imported incident %(id)d (version %(version)d; organisation %(org)s, profile "
             "version %(profile)d) with %(count)d documents as drafts.", count)
          % {"id": snapshot.incident_id, "version": snapshot.version, "org": org.id,
             "profile": snapshot.organisation_version, "count": count})
    problems = check(org, incident)
    if has_errors(problems):
        errors = sum(p.severity == "error" for p in problems)
        print(_n("Note: the incident has %(count)d error to fix before it can be submitted; "
                 "see crisis-desk check.",
                 "Note: the incident has %(count)d errors to fix before it can be submitted; "
                 "see crisis-desk check.", errors) % {"count": errors}, file=sys.stderr)
    return cli.EXIT_OK


def _verify_seals(args: argparse.Namespace) -> None:
    """Refuse an exported file changed since (its checksum), unless the person accepts it."""
    from crisis_desk.files.sealing import ChangedSinceExport, verify_seal

    for path in (args.org, args.incident):
        try:
            verify_seal(path)
        except ChangedSinceExport as exc:
            if not args.accept_changes:
                raise CrisisDeskError(f"{exc}. " + _(
                    "Import the file as it was exported, or give --accept-changes to import "
                    "it as it now reads.")) from None
            print(_("warning: %(problem)s; imported as it now reads (--accept-changes).")
                  % {"problem": exc}, file=sys.stderr)


def cmd_incidents(args: argparse.Namespace) -> int:
    from crisis_desk import desk

    with _open(args) as store:
        summaries = desk.incidents(store)
    if not summaries:
        print(_("No incidents yet: import one with %(command)s")
              % {"command": "crisis-desk import INCIDENT --org ORG"})
    for item in summaries:
        total = sum(item.documents.values())
        approved = item.documents.get("approved", 0)
        title = " ".join(item.title.split())
        columns = (str(item.id), item.organisation_id, item.kind,
                   _("update %(number)s") % {"number": item.update},
                   _("version %(number)s") % {"number": item.version},
                   f"{item.saved_at.astimezone():%Y-%m-%d %H:%M}",
                   _("%(approved)d/%(total)d approved") % {"approved": approved,
                                                            "total": total}, title)
        print("\t".join(columns))
    return cli.EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from crisis_desk import desk

    with _open(args) as store:
        problems = desk.verify_history(store)
    for problem in problems:
        print(problem)
    if problems:
        return cli.EXIT_INPUT
    print(_("The approval records, the audit log and the records of people are intact."))
    return cli.EXIT_OK


def cmd_db_grant(args: argparse.Namespace) -> int:
    from crisis_desk.store.roles import grant_application_role

    with _open(args) as store:  # opened as the owner: creates or migrates the schema first
        statements = grant_application_role(store, args.role)
    for statement in statements:
        print(statement)
    print(_("%(role)s can now run the desk on this database, and cannot rewrite its "
            "history.") % {"role": args.role})
    return cli.EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """The files first, then the audit entry: a desk that can no longer write its
    database (read-only, disk full) still gives the USB stick its files, and an
    export that could not be written is never recorded."""
    from crisis_desk import desk
    from crisis_desk.store.errors import StorageError

    targets = [(args.out, "incident")] + ([(args.org_out, "organisation")]
                                          if args.org_out else [])
    paths = {out: _export_path(out) for out, _what in targets if out != "-"}
    with _open(args) as store:
        exported = desk.export_incident(store, desk.administrator(), args.id)
        for out, what in targets:
            text = exported.incident_toml if what == "incident" else exported.organisation_toml
            if out == "-":
                sys.stdout.write(text)
                sys.stdout.flush()
            else:
                write_text_atomically(paths[out], text)
        where = " and ".join("standard output" if out == "-" else out for out, _w in targets)
        try:
            desk.record_export(store, desk.administrator(), exported, where)
        except StorageError as exc:
            print(_("warning: the files were written, but the audit log could not note the "
                    "export: %(reason)s") % {"reason": exc}, file=sys.stderr)
    if args.out != "-":
        values = {"id": args.id, "version": exported.version, "out": args.out,
                  "org_out": args.org_out}
        print(_("Wrote incident %(id)s (version %(version)s) to %(out)s and its organisation "
                "to %(org_out)s") % values if args.org_out else
              _("Wrote incident %(id)s (version %(version)s) to %(out)s") % values)
    return cli.EXIT_OK


def _export_path(out: str) -> Path:
    """Where ``--out`` or ``--org-out`` writes: a file path, its folder created if missing."""
    path = Path(out)
    if path.is_dir():
        raise cli.UsageError(_("%(path)s is a folder: give a file name such as "
                               "incident.toml") % {"path": out})
    cli.output_folder(path.parent)
    return path


MAX_ID = 2**63 - 1  # the largest id a database column holds


def _positive_id(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= MAX_ID:  # beyond: no database has it
        raise argparse.ArgumentTypeError(_("'%(value)s' is not an incident id (see "
                                           "crisis-desk incidents)") % {"value": value})
    return int(value)


CONSENT_HELP = ("a manager on the desk who allows the change; their PIN is asked for, or read "
                "from the %s line of standard input")


def _person_commands(actions: argparse._SubParsersAction) -> None:
    """``users role``, ``deactivate``, ``reactivate``, ``reset-pin``: each needs a manager."""
    role = actions.add_parser("role", help="give a person another role")
    role.add_argument("name", metavar="NAME")
    role.add_argument("role", metavar="ROLE", choices=ROLES)
    deactivate = actions.add_parser("deactivate", help="stop a person from signing in")
    reactivate = actions.add_parser("reactivate", help="let a deactivated person sign in again")
    reset = actions.add_parser("reset-pin", help="give a person a new PIN (asked for, or read "
                                                 "from the first line of standard input)")
    for parser in (deactivate, reactivate, reset):
        parser.add_argument("name", metavar="NAME")
    for parser in (role, deactivate, reactivate, reset):
        line = "second" if parser is reset else "first"
        parser.add_argument("--consent", metavar="MANAGER", help=CONSENT_HELP % line)
        parser.set_defaults(handler=cmd_users_change)


def register(sub: argparse._SubParsersAction) -> None:
    """Add the database subcommands to the ``crisis-desk`` parser."""
    users = sub.add_parser("users", help=_("add, list and change the people who sign in"))
    actions = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help=_("add a user; the PIN is asked for, or read from "
                                           "standard input when it is not a terminal"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--consent", metavar="MANAGER",
                     help=_("a manager already on the desk who allows a new manager; their "
                            "PIN is asked for, or read from the second line of standard "
                            "input"))
    add.set_defaults(handler=cmd_users_add)
    listing = actions.add_parser("list", help=_("list the users and their roles"))
    listing.set_defaults(handler=cmd_users_list)
    _person_commands(actions)

    imported = sub.add_parser("import", help=_("store an incident and its organisation "
                                               "profile"))
    imported.add_argument("incident", metavar="INCIDENT", help=_("the incident file (TOML)"))
    imported.add_argument("--org", required=True, metavar="ORG",
                          help=_("the organisation profile (TOML)"))
    imported.add_argument("--update-profile", action="store_true",
                          help=_("replace the stored organisation profile when the file's "
                                 "differs (it becomes the profile's next version)"))
    imported.add_argument("--accept-changes", action="store_true",
                          help=_("import an exported file even though it was changed since "
                                 "it was exported (its checksum no longer matches)"))
    imported.set_defaults(handler=cmd_import)

    listed = sub.add_parser("incidents", help=_("one line per stored incident, its id first"))
    listed.set_defaults(handler=cmd_incidents)

    verify = sub.add_parser("verify", help=_("check the approval, audit and people chains; "
                                             "exit 1, naming the first broken row, if one is "
                                             "broken"))
    verify.set_defaults(handler=cmd_verify)

    database = sub.add_parser("db", help=_("PostgreSQL: the application's own role"))
    db_actions = database.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    grant = db_actions.add_parser(
        "grant", help=_("run as the schema's owner (--db OWNER_URL): let ROLE use the desk, "
                        "adding to the history but never changing it"))
    grant.add_argument("role", metavar="ROLE")
    grant.set_defaults(handler=cmd_db_grant)

    export = sub.add_parser("export", help=_("write a stored incident to a TOML file"))
    export.add_argument("id", metavar="ID", type=_positive_id, help=_("the incident id"))
    export.add_argument("--out", required=True, metavar="FILE", type=cli.out_path,
                        help=_("the file to write (- for standard output)"))
    export.add_argument("--org-out", metavar="FILE", type=cli.out_path,
                        help=_("also write the organisation profile to this file"))
    export.set_defaults(handler=cmd_export)

