"""The database commands: users, import, incidents, export, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from crisis_desk import desk
from crisis_desk.cli import main as cli
from crisis_desk.files.loading import load_incident, load_organisation
from crisis_desk.store.database import open_store


def _command() -> list[str]:
    script = Path(sys.executable).with_name("crisis-desk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "crisis_desk"]


def _run(url, *args, stdin=""):
    return subprocess.run([*_command(), "--db", url, *args], input=stdin, capture_output=True,
                          text=True, timeout=120, env=dict(os.environ))


def _main(monkeypatch, capsys, url, *args, stdin=""):
    """Run the command line in this process; returns (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(["--db", url, *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_the_round_trip_through_the_command_line(database_url, example_files, tmp_path):
    org_file, incident_file = example_files
    added = _run(database_url, "users", "add", "Marc Lambert", "--role", "manager",
                 stdin="918273\n")
    assert (added.returncode, added.stdout) == (0, "Added Marc Lambert (manager).\n")
    assert _run(database_url, "users", "add", "Léa", "--role", "comms", stdin="482139\n"
                ).returncode == 0
    listed = _run(database_url, "users", "list")
    assert listed.stdout.splitlines() == ["Léa\tcomms", "Marc Lambert\tmanager"]

    imported = _run(database_url, "import", str(incident_file), "--org", str(org_file))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("Imported incident 1 (version 1; organisation rha, "
                                      "profile version 1)")
    lines = _run(database_url, "incidents").stdout.splitlines()
    assert len(lines) == 1 and lines[0].split("\t")[:4] == ["1", "rha", "cyberattack",
                                                             "update 3"]

    out, org_out = tmp_path / "usb" / "incident.toml", tmp_path / "usb" / "org.toml"
    exported = _run(database_url, "export", "1", "--out", str(out), "--org-out", str(org_out))
    assert exported.returncode == 0, exported.stderr
    org = load_organisation(org_file)
    assert load_organisation(org_out) == org
    assert load_incident(out, org.timezone) == load_incident(incident_file, org.timezone)

    with open_store(database_url) as opened:
        actions = [e.action for e in desk.audit_log(opened)]
        assert actions.count("user_add") == 2 and "import" in actions and "export" in actions
        assert all(e.actor_role == "administrator" for e in desk.audit_log(opened))


def test_the_exported_file_imports_again(database_url, demo_files, tmp_path, monkeypatch,
                                         capsys):
    org_file, incident_file = demo_files
    assert _main(monkeypatch, capsys, database_url, "import", str(incident_file),
                 "--org", str(org_file))[0] == 0
    exported = tmp_path / "exported.toml"
    assert _main(monkeypatch, capsys, database_url, "export", "1", "--out", str(exported))[0] == 0
    laptop = f"sqlite:///{tmp_path / 'laptop.sqlite3'}"  # the USB stick's other end
    code, out, _err = _main(monkeypatch, capsys, laptop, "import", str(exported),
                            "--org", str(org_file))
    assert code == 0 and out.startswith("Imported incident 1")
    with open_store(database_url) as opened, open_store(laptop) as other:
        assert desk.load_incident(opened, 1).incident == desk.load_incident(other, 1).incident


def test_export_to_standard_output(database_url, demo_files, monkeypatch, capsys):
    org_file, incident_file = demo_files
    _main(monkeypatch, capsys, database_url, "import", str(incident_file), "--org", str(org_file))
    code, out, _err = _main(monkeypatch, capsys, database_url, "export", "1", "--out", "-")
    assert code == 0 and out.startswith("# Exported by Crisis Desk")
    assert 'kind = "cyberattack"' in out


@pytest.mark.parametrize(("args", "stdin", "code", "message"), [
    (("export", "42", "--out", "x.toml"), "", 1, "There is no incident 42."),
    (("users", "add", "Ann", "--role", "manager"), "12345\n", 1, "between 6 and 128"),
    (("users", "add", "Ann", "--role", "manager"), "", 1, "no PIN on standard input"),
    (("users", "add", "Ann", "--role", "director"), "123456\n", 2, "invalid choice"),
    (("users", "add", "Ann"), "123456\n", 2, "--role"),
    (("export", "first", "--out", "x.toml"), "", 2, "is not an incident id"),
])
def test_user_errors_are_one_clear_message(database_url, monkeypatch, capsys, tmp_path, args,
                                           stdin, code, message):
    monkeypatch.chdir(tmp_path)
    try:
        result, _out, err = _main(monkeypatch, capsys, database_url, *args, stdin=stdin)
    except SystemExit as exit_:  # argparse's own usage errors
        result, err = exit_.code, capsys.readouterr().err
    assert result == code
    assert message in err
    with open_store(database_url) as opened:
        assert desk.users(opened) == []


def test_a_duplicate_user_is_refused(database_url, monkeypatch, capsys):
    _main(monkeypatch, capsys, database_url, "users", "add", "Ann", "--role", "manager",
          stdin="123456\n")
    code, _out, err = _main(monkeypatch, capsys, database_url, "users", "add", "ann",
                            "--role", "comms", stdin="567890\n")
    assert code == 1 and "already a user called ann" in err


def test_a_second_manager_needs_a_managers_pin(database_url, monkeypatch, capsys):
    _main(monkeypatch, capsys, database_url, "users", "add", "Marc", "--role", "manager",
          stdin="918273\n")
    code, _out, err = _main(monkeypatch, capsys, database_url, "users", "add", "Night shift",
                            "--role", "manager", stdin="111111\n")
    assert code == 1 and "needs the name and PIN of a manager" in err
    code, _out, err = _main(monkeypatch, capsys, database_url, "users", "add", "Night shift",
                            "--role", "manager", "--consent", "Marc", stdin="111111\n000000\n")
    assert code == 1 and "Wrong PIN" in err
    code, out, _err = _main(monkeypatch, capsys, database_url, "users", "add", "Night shift",
                            "--role", "manager", "--consent", "marc",
                            stdin="111111\n918273\n")
    assert code == 0 and "Added Night shift (manager)" in out


def test_verify_reports_a_forged_row_by_its_id(database_url, monkeypatch, capsys):
    from sqlalchemy import text

    _main(monkeypatch, capsys, database_url, "users", "add", "Marc", "--role", "manager",
          stdin="918273\n")
    assert _main(monkeypatch, capsys, database_url, "verify")[0] == 0
    with open_store(database_url) as opened, opened.engine.begin() as connection:
        if opened.backend == "sqlite":
            connection.execute(text("DROP TRIGGER audit_log_no_update"))
        else:
            connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        connection.execute(text("UPDATE audit_log SET actor_name = 'Nobody' WHERE id = 1"))
    code, out, _err = _main(monkeypatch, capsys, database_url, "verify")
    assert code == 1 and "audit_log is broken at row 1" in out


def test_a_broken_file_is_refused_and_nothing_is_stored(database_url, demo_files, monkeypatch,
                                                        capsys):
    org_file, incident_file = demo_files
    incident_file.write_text(incident_file.read_text() + "\n[title\n", encoding="utf-8")
    code, _out, err = _main(monkeypatch, capsys, database_url, "import", str(incident_file),
                            "--org", str(org_file))
    assert code == 1 and str(incident_file) in err and "malformed TOML" in err
    with open_store(database_url) as opened:
        assert desk.incidents(opened) == []


def test_an_incident_with_errors_is_stored_as_a_draft(database_url, demo_files, monkeypatch,
                                                      capsys):
    org_file, incident_file = demo_files
    text = incident_file.read_text(encoding="utf-8")
    incident_file.write_text(text.replace('nl = "Maandag rond 4 uur', 'xx = "Maandag rond 4 uur'),
                             encoding="utf-8")
    code, out, err = _main(monkeypatch, capsys, database_url, "import", str(incident_file),
                           "--org", str(org_file))
    assert code == 0 and "Imported incident 1" in out and "has 1 error to fix" in err


@pytest.mark.parametrize("url", ["not-a-url", "mysql://x@y/z"])
def test_a_bad_database_url_is_a_usage_error(url, monkeypatch, capsys):
    code, _out, err = _main(monkeypatch, capsys, url, "incidents")
    assert code == 2 and "--db" in err


def test_an_empty_database_says_what_to_do(database_url, monkeypatch, capsys):
    assert "crisis-desk import" in _main(monkeypatch, capsys, database_url, "incidents")[1]
    assert "crisis-desk users add" in _main(monkeypatch, capsys, database_url, "users",
                                            "list")[1]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX terminal")
def test_on_a_terminal_the_pin_is_asked_twice_and_not_shown(tmp_path):
    import pty

    url = f"sqlite:///{tmp_path / 'desk.db'}"
    pid, terminal = pty.fork()
    if pid == 0:  # the child: crisis-desk with the pseudo-terminal as its terminal
        command = _command()
        os.execv(command[0], [*command, "--db", url, "users", "add", "Ann", "--role",
                              "manager"])
    shown = _converse(terminal, [(b"PIN for Ann: ", b"246810\n"),
                                 (b"The same PIN again: ", b"246810\n")])
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"Added Ann (manager)." in shown and b"246810" not in shown
    with open_store(url) as opened:
        assert desk.sign_in(opened, "Ann", "246810").role == "manager"


def _converse(terminal: int, exchanges: list[tuple[bytes, bytes]]) -> bytes:
    """Answer each prompt as it appears; return everything the terminal showed."""
    shown = b""
    for prompt, answer in exchanges:
        while prompt not in shown:
            shown += _read(terminal)
        os.write(terminal, answer)
    while True:
        try:
            chunk = _read(terminal)
        except OSError:  # the child closed the terminal
            return shown
        if not chunk:
            return shown
        shown += chunk


def _read(terminal: int) -> bytes:
    ready, _, _ = select.select([terminal], [], [], 60)
    if not ready:
        raise AssertionError("crisis-desk did not answer on the terminal")
    return os.read(terminal, 1024)


def test_people_are_changed_from_the_command_line_with_a_managers_consent(
        database_url, monkeypatch, capsys):
    def run(*args, stdin=""):
        return _main(monkeypatch, capsys, database_url, "users", *args, stdin=stdin)

    run("add", "Marc", "--role", "manager", stdin="918273\n")
    run("add", "Rita", "--role", "reception", stdin="555512\n")
    code, _out, err = run("role", "Rita", "manager")
    assert code == 1 and "needs the name and PIN of a manager" in err
    code, out, _err = run("role", "rita", "manager", "--consent", "Marc", stdin="918273\n")
    assert (code, out) == (0, "Rita is now manager.\n")
    code, out, _err = run("deactivate", "Rita", "--consent", "Marc", stdin="918273\n")
    assert (code, out) == (0, "Rita can no longer sign in.\n")
    assert run("list")[1].splitlines() == ["Marc\tmanager", "Rita\tmanager\tdisabled"]
    code, _out, err = run("deactivate", "Marc", "--consent", "Marc", stdin="918273\n")
    assert code == 1 and "Marc is the last active manager" in err
    code, out, _err = run("reactivate", "Rita", "--consent", "Marc", stdin="918273\n")
    assert (code, out) == (0, "Rita can sign in again, as manager.\n")
    code, out, _err = run("reset-pin", "Rita", "--consent", "Marc",
                          stdin="604938\n918273\n")
    assert (code, out) == (0, "Rita has a new PIN.\n")
    with open_store(database_url) as opened:
        assert desk.sign_in(opened, "Rita", "604938").role == "manager"
        assert desk.verify_history(opened) == []
    with pytest.raises(SystemExit) as refused:  # argparse's own usage error
        run("role", "Rita", "director", "--consent", "Marc", stdin="918273\n")
    assert refused.value.code == 2 and "invalid choice: 'director'" in capsys.readouterr().err


def test_verify_names_a_person_changed_behind_the_desks_back(database_url, monkeypatch,
                                                             capsys):
    from sqlalchemy import text

    _main(monkeypatch, capsys, database_url, "users", "add", "Marc", "--role", "manager",
          stdin="918273\n")
    _main(monkeypatch, capsys, database_url, "users", "add", "Rita", "--role", "reception",
          "--consent", "Marc", stdin="555512\n918273\n")
    with open_store(database_url) as opened, opened.engine.begin() as connection:
        if opened.backend == "sqlite":
            connection.execute(text("DROP TRIGGER users_as_recorded"))
        else:
            connection.execute(text("ALTER TABLE users DISABLE TRIGGER users_as_recorded"))
        connection.execute(text("UPDATE users SET role = 'manager' WHERE name = 'Rita'"))
    code, out, _err = _main(monkeypatch, capsys, database_url, "verify")
    assert code == 1
    assert "Account 2 (Rita): its row no longer matches its record 2 (role changed outside " \
           "the desk)." in out.splitlines()
    listed = _main(monkeypatch, capsys, database_url, "users", "list")[1]
    assert "Rita\tmanager\tcannot be trusted: its row no longer matches" in listed
