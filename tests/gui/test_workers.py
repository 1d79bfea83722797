"""Background results never reach a deleted widget, and nothing runs past the window's end.

Offscreen (pytest-qt). A job's callbacks belong to an owner and are dropped once it
is deleted; a closed People dialog is gone, so the list it was reading arrives
nowhere; a closed window starts no new job (a signal delivered after the close may
ask for one), so nothing emits into objects Qt destroys at the app's exit.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QLabel
from shiboken6 import isValid

from crisis_desk import desk
from crisis_desk.gui import demo
from crisis_desk.gui.main_window import MainWindow
from crisis_desk.gui.people_dialog import PeopleDialog
from crisis_desk.gui.settings import DeskSettings
from crisis_desk.gui.workers import BackgroundWorker
from crisis_desk.store.database import open_store
from tests.gui.test_roles import WAIT_MS, settle, signed_in_as, when_dialog_opens


@pytest.fixture
def window(qtbot, private_data_dir):
    store = open_store()
    demo.load_demo(store)
    main = MainWindow(store, DeskSettings())
    qtbot.addWidget(main)
    main.show()
    settle(qtbot, main)
    yield main
    main.close()
    store.close()


def no_traceback(capfd) -> None:
    """Nothing on stderr looks like a Python error (Qt prints them from slots)."""
    err = capfd.readouterr().err
    assert "Traceback" not in err and "RuntimeError" not in err, err


def test_a_deleted_owner_gets_neither_progress_nor_result(qtbot, capfd):
    worker = BackgroundWorker()
    label = QLabel()
    go_on = threading.Event()
    got: list[object] = []

    def work(report) -> str:
        go_on.wait(10)
        report(1, 2)
        return "done"

    worker.submit(work, lambda result: label.setText(result), got.append,
                  on_progress=lambda done, total: label.setText(f"{done}/{total}"),
                  owner=label)
    label.deleteLater()
    qtbot.waitUntil(lambda: not isValid(label), timeout=WAIT_MS)
    go_on.set()
    qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    QApplication.processEvents()
    assert got == []
    no_traceback(capfd)
    assert worker.wait()


def test_a_job_whose_callbacks_belong_to_no_qt_object_is_refused():
    worker = BackgroundWorker()
    with pytest.raises(TypeError):
        worker.submit(lambda: 1, lambda _result: None)
    assert not worker.busy
    owner = QObject()
    got: list[int] = []
    worker.submit(lambda: 1, got.append, owner=owner)  # the same with its owner named
    assert worker.wait()


def test_closing_people_and_roles_at_once_leaves_nothing_behind(qtbot, window, capfd):
    signed_in_as(qtbot, window, desk.MANAGER)
    capfd.readouterr()
    when_dialog_opens(lambda dialog: dialog.reject(), qtbot, PeopleDialog)
    window.manage_users()  # closed while its list is still being read
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.findChildren(PeopleDialog), timeout=WAIT_MS)
    QApplication.processEvents()
    no_traceback(capfd)
    assert window.isVisible() and window.page_name == desk.MANAGER


def test_a_closed_window_starts_no_more_work(qtbot, window, capfd):
    signed_in_as(qtbot, window, desk.MANAGER)
    window.close()
    window._other_desk_changed()  # the watcher's last signal, delivered after the close
    window.manager_view.refresh()
    assert not window.glances.busy and not window.worker.busy
    QApplication.processEvents()
    no_traceback(capfd)
