"""A data folder that cannot be written: one message, exit 2, and documents still render.

The data folder holds the embedded database and the desk's preferences; when it
cannot be created or written (a file in its place or on its path, no permission)
the database commands and the app say so and what to do. Rendering only reads
from it (an organisation's templates), so ``check``, ``render`` and ``kit`` work on.
"""

from __future__ import annotations

import os

import pytest

from crisis_desk.cli import main as cli
from crisis_desk.i18n import set_interface_language


def _unusable(tmp_path, case: str):
    if case == "file in its place":
        (tmp_path / "data").write_text("not a folder", encoding="utf-8")
        return tmp_path / "data"
    if case == "file on its path":
        (tmp_path / "data").write_text("not a folder", encoding="utf-8")
        return tmp_path / "data" / "crisis-desk"
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    return folder / "crisis-desk" if case == "missing parent without permission" else folder


CASES = ["file in its place", "file on its path",
         pytest.param("read-only folder", marks=pytest.mark.skipif(
             os.geteuid() == 0, reason="root writes into read-only folders")),
         pytest.param("missing parent without permission", marks=pytest.mark.skipif(
             os.geteuid() == 0, reason="root writes into read-only folders"))]


@pytest.mark.parametrize("case", CASES)
def test_the_database_commands_say_the_data_folder_cannot_be_used(tmp_path, monkeypatch,
                                                                  capsys, case):
    folder = _unusable(tmp_path, case)
    monkeypatch.setenv("CRISIS_DESK_DATA_DIR", str(folder))
    assert cli.main(["incidents"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert f"The data folder {folder} cannot be" in err
    assert "CRISIS_DESK_DATA_DIR" in err and "--db" in err


def test_the_message_is_in_the_interface_language(tmp_path, monkeypatch, capsys):
    folder = _unusable(tmp_path, "file in its place")
    monkeypatch.setenv("CRISIS_DESK_DATA_DIR", str(folder))
    try:
        assert cli.main(["--ui-lang", "nl", "incidents"]) == 2
    finally:
        set_interface_language("en")
    assert f"De gegevensmap {folder}" in capsys.readouterr().err


def test_another_database_works_without_the_data_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CRISIS_DESK_DATA_DIR", str(_unusable(tmp_path, "file in its place")))
    monkeypatch.setenv("CRISIS_DESK_KEY_FILE", str(tmp_path / "keys" / "history.key"))
    assert cli.main(["--db", f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}", "incidents"]) == 0
    assert "No incidents yet" in capsys.readouterr().out
    assert (tmp_path / "keys" / "history.key").stat().st_mode & 0o777 == 0o600


def test_without_a_key_file_elsewhere_the_unusable_data_folder_is_said(tmp_path, monkeypatch,
                                                                       capsys):
    folder = _unusable(tmp_path, "file in its place")
    monkeypatch.setenv("CRISIS_DESK_DATA_DIR", str(folder))
    assert cli.main(["--db", f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}", "incidents"]) == 2
    err = capsys.readouterr().err
    assert f"The data folder {folder}" in err and "Traceback" not in err


def test_documents_render_though_the_data_folder_cannot_be_written(tmp_path, monkeypatch,
                                                                    capsys, example_files):
    monkeypatch.setenv("CRISIS_DESK_DATA_DIR", str(_unusable(tmp_path, "file on its path")))
    org_file, incident_file = example_files
    assert cli.main(["check", str(incident_file), "--org", str(org_file)]) == 0
    assert cli.main(["render", str(incident_file), "--org", str(org_file), "--kind", "sms",
                     "--lang", "fr", "--out", str(tmp_path / "sms.txt")]) == 0
    assert (tmp_path / "sms.txt").read_text(encoding="utf-8").strip()
    assert "Traceback" not in capsys.readouterr().err
