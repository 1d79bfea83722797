"""The USB-stick path: export works when the desk is failing, import never surprises.

Export writes its files first and notes them in the audit log afterwards, so a
read-only or full database still gives the files (and says the log could not
note them), and a file that could not be written is never recorded. Import
verifies the checksum an export carries, refuses a profile that differs from the
stored one unless asked, and says so when the incident is already stored.
"""

from __future__ import annotations

import io
import sys

import pytest

from crisis_desk import desk
from crisis_desk.cli import main as cli
from crisis_desk.store import database
from crisis_desk.store.database import open_store


def _main(monkeypatch, capsys, url, *args):
    """Run the command line in this process; returns (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = cli.main(["--db", url, *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'desk.sqlite3'}"


@pytest.fixture
def imported(database_url, demo_files, monkeypatch, capsys):
    """A database holding the demo incident as incident 1."""
    org_file, incident_file = demo_files
    code, _out, err = _main(monkeypatch, capsys, database_url, "import", str(incident_file),
                            "--org", str(org_file))
    assert code == 0, err
    return database_url


def _exports(url) -> list[desk.AuditEntry]:
    with open_store(url) as opened:
        return [e for e in desk.audit_log(opened) if e.action == "export"]


def _incident_count(url) -> int:
    with open_store(url) as opened:
        return len(desk.incidents(opened))


# -- export ------------------------------------------------------------------------------

def test_an_export_is_recorded_after_its_files_are_written(imported, monkeypatch, capsys,
                                                           tmp_path):
    out, org_out = tmp_path / "usb" / "incident.toml", tmp_path / "usb" / "organisation.toml"
    code, _out, err = _main(monkeypatch, capsys, imported, "export", "1", "--out", str(out),
                            "--org-out", str(org_out))
    assert (code, err) == (0, "")
    [entry] = _exports(imported)
    assert str(out) in entry.detail and str(org_out) in entry.detail


@pytest.mark.parametrize(("pragma", "reason"), [
    ("PRAGMA query_only=ON", "readonly database"),  # SQLite's own read-only mode
    # No page more than it has: what a full disk gives the next entry that needs one
    # (the audit entry names the files, whose long paths fill more than a page).
    ("PRAGMA max_page_count=1", "full"),
])
def test_a_database_that_cannot_be_written_still_exports(sqlite_url, demo_files, monkeypatch,
                                                         capsys, tmp_path, pragma, reason):
    org_file, incident_file = demo_files
    assert _main(monkeypatch, capsys, sqlite_url, "import", str(incident_file),
                 "--org", str(org_file))[0] == 0
    monkeypatch.setattr(database, "SQLITE_PRAGMAS", (*database.SQLITE_PRAGMAS, pragma))
    usb = tmp_path.joinpath(*["usb-stick-" + "x" * 190] * 15)
    out = usb / "incident.toml"
    code, stdout, err = _main(monkeypatch, capsys, sqlite_url, "export", "1", "--out", str(out),
                              "--org-out", str(usb / "organisation.toml"))
    assert code == 0
    assert "Wrote incident 1" in stdout
    assert "the audit log could not note the export" in err and reason in err
    assert out.read_text(encoding="utf-8").startswith("# Exported by Crisis Desk")
    monkeypatch.setattr(database, "SQLITE_PRAGMAS", database.SQLITE_PRAGMAS[:-1])
    assert _exports(sqlite_url) == []  # nothing recorded that the log could not hold


def test_a_file_that_cannot_be_written_is_never_recorded(imported, monkeypatch, capsys,
                                                         tmp_path):
    target = tmp_path / "elsewhere.toml"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "usb.toml"
    link.symlink_to(target)
    code, _out, err = _main(monkeypatch, capsys, imported, "export", "1", "--out", str(link))
    assert code == 1 and "is a link" in err
    assert target.read_text(encoding="utf-8") == "keep"
    assert _exports(imported) == []


def test_the_desk_writes_the_files_before_the_audit_entry(sqlite_url, demo, monkeypatch,
                                                          tmp_path):
    org, incident = demo
    with open_store(sqlite_url) as opened:
        desk.import_incident(opened, desk.administrator(), org, incident)
    monkeypatch.setattr(database, "SQLITE_PRAGMAS",
                        (*database.SQLITE_PRAGMAS, "PRAGMA query_only=ON"))
    with open_store(sqlite_url) as opened:
        saved = desk.save_export(opened, desk.administrator(), 1,
                                 lambda version: tmp_path / f"incident-v{version}.toml",
                                 tmp_path / "organisation.toml")
    assert saved.files == (tmp_path / "incident-v1.toml", tmp_path / "organisation.toml")
    assert all(path.exists() for path in saved.files)
    assert saved.unrecorded is not None and "readonly" in saved.unrecorded


# -- import ------------------------------------------------------------------------------

def test_importing_the_same_files_twice_says_so_and_stores_nothing(imported, demo_files,
                                                                  monkeypatch, capsys):
    org_file, incident_file = demo_files
    code, out, _err = _main(monkeypatch, capsys, imported, "import", str(incident_file),
                            "--org", str(org_file))
    assert code == 0
    assert "already stored" in out and "version 1 of incident 1" in out
    assert "Nothing was imported" in out
    assert _incident_count(imported) == 1


def test_an_exported_file_imported_where_it_came_from_is_already_there(imported, monkeypatch,
                                                                      capsys, tmp_path):
    out, org_out = tmp_path / "incident.toml", tmp_path / "organisation.toml"
    _main(monkeypatch, capsys, imported, "export", "1", "--out", str(out), "--org-out",
          str(org_out))
    code, stdout, _err = _main(monkeypatch, capsys, imported, "import", str(out), "--org",
                               str(org_out))
    assert code == 0 and "already stored" in stdout
    assert _incident_count(imported) == 1


def test_a_changed_profile_is_shown_and_replaced_only_when_asked(imported, demo_files,
                                                                 monkeypatch, capsys):
    org_file, incident_file = demo_files
    text = org_file.read_text(encoding="utf-8")
    org_file.write_text(text.replace('"+32 67 88 40 10"', '"+32 67 00 00 00"', 1),
                        encoding="utf-8")
    code, _out, err = _main(monkeypatch, capsys, imported, "import", str(incident_file),
                            "--org", str(org_file))
    assert code == 1
    assert "-phone = \"+32 67 88 40 10\"" in err and "+phone = \"+32 67 00 00 00\"" in err
    assert "differs from the one stored (version 1)" in err
    assert "it becomes version 2" in err and "--update-profile" in err
    assert _incident_count(imported) == 1
    with open_store(imported) as opened:
        assert desk.organisation(opened, "chsd").press.phone == "+32 67 88 40 10"

    code, out, _err = _main(monkeypatch, capsys, imported, "import", str(incident_file),
                            "--org", str(org_file), "--update-profile")
    assert code == 0 and "Imported incident 2" in out and "profile version 2" in out
    with open_store(imported) as opened:
        assert desk.organisation(opened, "chsd").press.phone == "+32 67 00 00 00"


def test_an_incident_of_another_organisation_is_refused(database_url, demo_files, monkeypatch,
                                                        capsys):
    org_file, incident_file = demo_files
    text = incident_file.read_text(encoding="utf-8")
    incident_file.write_text(text.replace('organisation = "chsd"', 'organisation = "rha"'),
                             encoding="utf-8")
    code, _out, err = _main(monkeypatch, capsys, database_url, "import", str(incident_file),
                            "--org", str(org_file))
    assert code == 1
    assert "organisation 'rha'" in err and "'chsd'" in err and "nothing was imported" in err
    assert _incident_count(database_url) == 0


@pytest.mark.parametrize("version", ["99", "0", "99999999999999999999"])
def test_a_format_this_version_does_not_know_is_refused(database_url, demo_files, monkeypatch,
                                                        capsys, version):
    org_file, incident_file = demo_files
    incident_file.write_text(f"format = {version}\n" + incident_file.read_text(
        encoding="utf-8"), encoding="utf-8")
    code, _out, err = _main(monkeypatch, capsys, database_url, "import", str(incident_file),
                            "--org", str(org_file))
    assert code == 1 and str(incident_file) in err and "format" in err
    assert _incident_count(database_url) == 0


def test_an_export_changed_since_is_refused_unless_accepted(imported, monkeypatch, capsys,
                                                           tmp_path):
    out, org_out = tmp_path / "incident.toml", tmp_path / "organisation.toml"
    _main(monkeypatch, capsys, imported, "export", "1", "--out", str(out), "--org-out",
          str(org_out))
    assert "# SHA-256 of the text below: " in out.read_text(encoding="utf-8")
    text = out.read_text(encoding="utf-8")
    out.write_text(text.replace("update = 1", "update = 2", 1), encoding="utf-8")
    laptop = f"sqlite:///{tmp_path / 'laptop.sqlite3'}"
    code, _out, err = _main(monkeypatch, capsys, laptop, "import", str(out), "--org",
                            str(org_out))
    assert code == 1
    assert str(out) in err and "changed after it was exported" in err
    assert "--accept-changes" in err
    assert _incident_count(laptop) == 0

    code, stdout, err = _main(monkeypatch, capsys, laptop, "import", str(out), "--org",
                              str(org_out), "--accept-changes")
    assert code == 0 and "Imported incident 1" in stdout
    assert "warning:" in err and "changed after it was exported" in err
    with open_store(laptop) as opened:
        assert desk.load_incident(opened, 1).incident.update == 2


def test_an_export_keeps_its_checksum_through_windows_line_ends(imported, monkeypatch, capsys,
                                                               tmp_path):
    out, org_out = tmp_path / "incident.toml", tmp_path / "organisation.toml"
    _main(monkeypatch, capsys, imported, "export", "1", "--out", str(out), "--org-out",
          str(org_out))
    out.write_bytes(out.read_bytes().replace(b"\n", b"\r\n"))
    laptop = f"sqlite:///{tmp_path / 'laptop.sqlite3'}"
    code, _out, err = _main(monkeypatch, capsys, laptop, "import", str(out), "--org",
                            str(org_out))
    assert (code, err) == (0, "")


@pytest.mark.parametrize("args", [
    ("export", "99999999999999999999", "--out", "x.toml"),  # beyond any database's ids
    ("export", "1", "--out", ""),  # empty: would quietly mean the current folder
    ("export", "1", "--out", "x.toml", "--org-out", " "),
])
def test_ids_and_paths_no_database_holds_are_usage_errors(database_url, monkeypatch, capsys,
                                                          tmp_path, args):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--db", database_url, *args])
    assert exit_.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "x.toml").exists()
