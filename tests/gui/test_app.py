"""Starting the app: the window is on screen first, the database opens behind it."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

pytest.importorskip("PySide6.QtPdf")

from crisis_desk.gui import demo  # noqa: E402
from crisis_desk.gui.app import defer_import  # noqa: E402
from crisis_desk.gui.main_window import MainWindow  # noqa: E402
from crisis_desk.gui.settings import DeskSettings  # noqa: E402

WAIT_MS = 60000  # a ceiling for slow machines, never a timing assertion


def test_window_shows_then_opens_the_database(qtbot, private_data_dir):
    window = MainWindow(None, DeskSettings())
    qtbot.addWidget(window)
    window.open_database_when_shown(None)
    assert window.store is None
    with qtbot.waitSignal(window.database_opened, timeout=WAIT_MS):
        window.show()
    # empty database: create the first manager (the accounts are read in the background)
    qtbot.waitUntil(lambda: window.page_name == "first-start", timeout=WAIT_MS)
    assert (private_data_dir / "crisis-desk.sqlite3").exists()
    window.close()
    window.store.close()


def test_demo_start_ends_on_the_sign_in_page(qtbot, private_data_dir):
    window = MainWindow(None, DeskSettings())
    qtbot.addWidget(window)
    window.open_database_when_shown(None, then_demo=True)
    window.show()
    qtbot.waitUntil(lambda: window.page_name == "sign-in", timeout=WAIT_MS)
    users = window.sign_in_page.users
    listed = " ".join(users.item(row).text() for row in range(users.count()))
    for account in demo.DEMO_ACCOUNTS:
        assert account.name in listed
    window.close()
    window.worker.wait()
    window.store.close()


def test_an_unusable_database_is_one_clear_message(qtbot, monkeypatch, capsys):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    window = MainWindow(None, DeskSettings())
    qtbot.addWidget(window)
    window.open_database_when_shown("nosuchdb://x")
    window.show()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert "nosuchdb" in shown[0]
    assert "crisis-desk: error:" in capsys.readouterr().err
    assert window.store is None
    assert window.exit_code == 1 and not window.isVisible()


def test_the_database_layer_loads_only_when_used():
    code = ("import sys\n"
            "from crisis_desk.gui.app import defer_import\n"
            "defer_import('crisis_desk.desk')\n"
            "import crisis_desk.gui.main_window\n"
            "print('sqlalchemy' in sys.modules)\n"
            "from crisis_desk import desk\n"
            "desk.ROLE_NAMES\n"
            "print('sqlalchemy' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env={"QT_QPA_PLATFORM": "offscreen",
                                              "PATH": "/usr/bin:/bin"})
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_defer_import_leaves_loaded_modules_alone():
    import crisis_desk.domain.model

    defer_import("crisis_desk.domain.model")
    assert sys.modules["crisis_desk.domain.model"] is crisis_desk.domain.model


def test_an_unwritable_data_folder_stops_the_start_with_one_message(qtbot, monkeypatch,
                                                                     capsys, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from crisis_desk.gui import app

    (tmp_path / "data").write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("CRISIS_DESK_DATA_DIR", str(tmp_path / "data"))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    assert app.run(argparse.Namespace(db=None, demo=False)) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "crisis-desk: error: The data folder" in err
    assert shown and str(tmp_path / "data") in shown[0]
