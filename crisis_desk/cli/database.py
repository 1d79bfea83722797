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
from crisis_desk.support.atomic import write_text_atomically
from crisis_desk.support.errors import CrisisDeskError

if TYPE_CHECKING:  # for annotations only: SQLAlchemy loads when a command runs
    from crisis_desk.store.database import Store


def _open(args: argparse.Namespace) -> Store:
    from crisis_desk.store.database import open_store, parse_url
    from crisis_desk.store.errors import StorageError

    try:
        parse_url(args.db)
    except StorageError as exc:
        raise cli.UsageError(f"--db: {exc}") from None
    return open_store(args.db)


def _read_pin(name: str, confirm: bool = True, line: str = "first") -> str:
    """Ask on a terminal (hidden; twice for a new PIN); otherwise read a line of standard
    input."""
    if sys.stdin.isatty():
        pin = getpass.getpass(f"PIN for {name}: ")
        if confirm and getpass.getpass("The same PIN again: ") != pin:
            raise CrisisDeskError("the two PINs differ; nothing was saved")
        return pin
    pin = sys.stdin.readline().rstrip("\r\n")
    if not pin:
        raise CrisisDeskError(f"no PIN on standard input (give it on the {line} line)")
    return pin


def cmd_users_add(args: argparse.Namespace) -> int:
    from crisis_desk import desk

    pin = _read_pin(args.name)
    consent = None
    if args.consent:  # a manager vouches for a new manager with their own PIN
        consent = (args.consent, _read_pin(args.consent, confirm=False, line="second"))
    with _open(args) as store:
        user = desk.add_user(store, desk.administrator(), args.name, args.role, pin, consent)
    print(f"Added {user.name} ({user.role}).")
    return cli.EXIT_OK


def _consent(args: argparse.Namespace, line: str) -> tuple[str, str] | None:
    """The consenting manager's name and PIN, when ``--consent`` names one."""
    if not args.consent:
        return None
    return args.consent, _read_pin(args.consent, confirm=False, line=line)


def cmd_users_change(args: argparse.Namespace) -> int:
    """``users role``, ``deactivate``, ``reactivate`` and ``reset-pin``: one person changed."""
    from crisis_desk import desk
    from crisis_desk.i18n import _

    if args.users_command == "reset-pin":
        pin = _read_pin(args.name)
        consent = _consent(args, "second")
    else:
        consent = _consent(args, "first")
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
        print("No users yet: add one with crisis-desk users add NAME --role manager")
    for user in people:
        notes = [] if user.active else ["disabled"]
        if user.locked_until and user.locked_until > now:
            notes.append(f"locked until {user.locked_until.astimezone():%H:%M}")
        if user.problem:
            notes.append(_("cannot be trusted: %(reason)s") % {"reason": user.problem})
        print(f"{user.name}\t{user.role}" + (f"\t{', '.join(notes)}" if notes else ""))
    return cli.EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from crisis_desk import desk
    from crisis_desk.checking import check, has_errors
    from crisis_desk.files.loading import load_incident, load_organisation

    org = load_organisation(args.org)
    incident = load_incident(args.incident, org.timezone)
    with _open(args) as store:
        snapshot = desk.import_incident(store, desk.administrator(), org, incident)
        count = len(desk.documents(store, snapshot.incident_id))
    print(f"Imported incident {snapshot.incident_id} (organisation {org.id}, version "
          f"{snapshot.version}) with {count} documents as drafts.")
    problems = check(org, incident)
    if has_errors(problems):
        print(f"Note: the incident has {sum(p.severity == 'error' for p in problems)} "
              "error(s) to fix before it can be submitted; see crisis-desk check.",
              file=sys.stderr)
    return cli.EXIT_OK


def cmd_incidents(args: argparse.Namespace) -> int:
    from crisis_desk import desk

    with _open(args) as store:
        summaries = desk.incidents(store)
    if not summaries:
        print("No incidents yet: import one with crisis-desk import INCIDENT --org ORG")
    for item in summaries:
        total = sum(item.documents.values())
        approved = item.documents.get("approved", 0)
        title = " ".join(item.title.split())
        print(f"{item.id}\t{item.organisation_id}\t{item.kind}\tupdate {item.update}\t"
              f"version {item.version}\t{item.saved_at.astimezone():%Y-%m-%d %H:%M}\t"
              f"{approved}/{total} approved\t{title}")
    return cli.EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from crisis_desk import desk

    with _open(args) as store:
        problems = desk.verify_history(store)
    for problem in problems:
        print(problem)
    if problems:
        return cli.EXIT_INPUT
    print("The approval records, the audit log and the records of people are intact.")
    return cli.EXIT_OK


def cmd_db_grant(args: argparse.Namespace) -> int:
    from crisis_desk.store.roles import grant_application_role

    with _open(args) as store:  # opened as the owner: creates or migrates the schema first
        statements = grant_application_role(store, args.role)
    for statement in statements:
        print(statement)
    print(f"{args.role} can now run the desk on this database, and cannot rewrite its history.")
    return cli.EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from crisis_desk import desk

    with _open(args) as store:
        exported = desk.export_incident(store, desk.administrator(), args.id)
    _write(args.out, exported.incident_toml)
    if args.org_out:
        _write(args.org_out, exported.organisation_toml)
    if args.out != "-":
        print(f"Wrote incident {args.id} (version {exported.version}) to {args.out}"
              + (f" and its organisation to {args.org_out}" if args.org_out else ""))
    return cli.EXIT_OK


def _write(out: str, text: str) -> None:
    if out == "-":
        sys.stdout.write(text)
        return
    path = Path(out)
    if path.is_dir():
        raise cli.UsageError(f"{out} is a folder: give a file name such as incident.toml")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, text)


def _positive_id(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not an incident id (see crisis-desk "
                                         "incidents)")
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
    users = sub.add_parser("users", help="add, list and change the people who sign in")
    actions = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a user; the PIN is asked for, or read from "
                                         "standard input when it is not a terminal")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--consent", metavar="MANAGER",
                     help="a manager already on the desk who allows a new manager; their PIN "
                          "is asked for, or read from the second line of standard input")
    add.set_defaults(handler=cmd_users_add)
    listing = actions.add_parser("list", help="list the users and their roles")
    listing.set_defaults(handler=cmd_users_list)
    _person_commands(actions)

    imported = sub.add_parser("import", help="store an incident and its organisation profile")
    imported.add_argument("incident", metavar="INCIDENT", help="the incident file (TOML)")
    imported.add_argument("--org", required=True, metavar="ORG",
                          help="the organisation profile (TOML)")
    imported.set_defaults(handler=cmd_import)

    listed = sub.add_parser("incidents", help="one line per stored incident, its id first")
    listed.set_defaults(handler=cmd_incidents)

    verify = sub.add_parser("verify", help="check the approval, audit and people chains; exit 1, "
                                           "naming the first broken row, if one is broken")
    verify.set_defaults(handler=cmd_verify)

    database = sub.add_parser("db", help="PostgreSQL: the application's own role")
    db_actions = database.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    grant = db_actions.add_parser(
        "grant", help="run as the schema's owner (--db OWNER_URL): let ROLE use the desk, "
                      "adding to the history but never changing it")
    grant.add_argument("role", metavar="ROLE")
    grant.set_defaults(handler=cmd_db_grant)

    export = sub.add_parser("export", help="write a stored incident to a TOML file")
    export.add_argument("id", metavar="ID", type=_positive_id, help="the incident id")
    export.add_argument("--out", required=True, metavar="FILE",
                        help="the file to write (- for standard output)")
    export.add_argument("--org-out", metavar="FILE",
                        help="also write the organisation profile to this file")
    export.set_defaults(handler=cmd_export)

