"""The officer's whole update by keyboard only, and undo and redo of the edits.

Every key goes to the widget that has the focus, as a keyboard would send it
(``QTest.keyClick``): the window's shortcuts, listed in its menus, move between
the parts of the screen; the status grid is a single Tab stop with arrow keys
inside; Enter opens a cell's statuses; Ctrl+Z and Ctrl+Shift+Z take edits back
and forth wherever they were made.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtGui import QAction, QKeySequence  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox  # noqa: E402

from crisis_desk import desk  # noqa: E402
from tests.gui import test_roles as roles  # noqa: E402
from tests.gui.test_roles import WAIT_MS, settle, signed_in_as  # noqa: E402

# The app's fixtures: an open store, the demo loaded in it, the main window on it.
store, demo_store, window = roles.store, roles.demo_store, roles.window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def press(key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """One key, where a keyboard sends it: the popup, the focus, else the active window."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget() \
        or QApplication.activeWindow()
    assert target is not None, "no window is active"
    QTest.keyClick(target, key, modifiers)


def type_text(text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClicks(target, text)


def press_when_shown(kind: type, key: Qt.Key) -> None:
    """Press ``key`` in the next popup menu or message box, once it is on screen."""
    def poll() -> None:
        shown = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        if isinstance(shown, kind) and shown.isVisible():
            QTest.keyClick(shown, key)
        else:
            QTimer.singleShot(30, poll)
    QTimer.singleShot(30, poll)


def back_to(qtbot, window) -> None:
    """The window is active again once a message box or a menu closes.

    A window manager does this on a desktop; the offscreen platform has none.
    """
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)


@pytest.fixture
def officer(qtbot, window, demo_store):
    session = signed_in_as(qtbot, window, desk.COMMS)
    back_to(qtbot, window)
    return session


def cell_text(view, site: str, service: str) -> str:
    return view.grid.grid_model.index_of(site, service).data()


def test_the_officer_does_a_whole_update_by_keyboard(qtbot, window, demo_store, officer):
    first_update = officer.state.incident.update
    press_when_shown(QMessageBox, Qt.Key.Key_Return)  # "Start update N?" - Yes
    press(Qt.Key.Key_U, CTRL)
    qtbot.waitUntil(lambda: officer.state.incident.update == first_update + 1, timeout=WAIT_MS)
    settle(qtbot, window)
    back_to(qtbot, window)
    view = window.officer_view

    press(Qt.Key.Key_1, CTRL)  # Go › Status grid
    assert QApplication.focusWidget() is view.grid
    for _step in range(3):
        press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Right)
    press(Qt.Key.Key_Right)  # consultations at Tubize
    press(Qt.Key.Key_5)
    assert "Suspended" in cell_text(view, "tubize", "consultations")
    press(Qt.Key.Key_Down)  # surgery at Tubize
    press_when_shown(QMenu, Qt.Key.Key_2)  # the menu's "&2 Working with delays"
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "delays" in cell_text(view, "tubize", "surgery"), timeout=WAIT_MS)
    back_to(qtbot, window)  # from the closed menu (no window manager offscreen)
    assert QApplication.focusWidget() is view.grid

    press(Qt.Key.Key_Tab)  # one Tab leaves the grid, whatever cell is current
    assert QApplication.focusWidget() is not view.grid
    press(Qt.Key.Key_2, CTRL)  # Go › Free texts: the French title
    assert QApplication.focusWidget() is view.texts.editors[("title", "fr")]
    press(Qt.Key.Key_A, CTRL)
    type_text("Panne informatique : point 2")
    press(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.texts.editors[("title", "nl")]
    press(Qt.Key.Key_A, CTRL)
    type_text("Informaticastoring: stand 2")
    title = officer.state.incident.title
    assert (title["fr"], title["nl"]) == ("Panne informatique : point 2",
                                          "Informaticastoring: stand 2")

    press(Qt.Key.Key_3, CTRL)  # Go › Check list
    assert QApplication.focusWidget() is view.check_panel.list_view
    qtbot.waitUntil(lambda: view.check_panel.list_model.error_count == 0, timeout=WAIT_MS)
    press(Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not officer.has_unsaved_changes, timeout=WAIT_MS)
    press(Qt.Key.Key_Return, CTRL)  # Approval › Submit
    incident_id = officer.incident_id
    qtbot.waitUntil(lambda: {d.state for d in desk.documents(demo_store, incident_id)}
                    == {"submitted"}, timeout=WAIT_MS)
    stored = desk.load_incident(demo_store, incident_id).incident
    assert stored.update == first_update + 1
    assert stored.title["nl"] == "Informaticastoring: stand 2"
    assert {(e.site, e.service, e.status) for e in stored.statuses} >= {
        ("tubize", "consultations", "suspended"), ("tubize", "surgery", "degraded")}


def test_every_shortcut_is_listed_in_a_menu(qtbot, window, officer):
    listed = {a.shortcut().toString() for a in window.menuBar().findChildren(QAction)
              if not a.shortcut().isEmpty()}
    wanted = [QKeySequence(QKeySequence.StandardKey.Save).toString(), "Ctrl+Return",
              "Ctrl+U", "F7", "F8", "Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+Z", "Ctrl+Shift+Z",
              QKeySequence(QKeySequence.StandardKey.Print).toString()]
    assert [key for key in wanted if key not in listed] == []


def test_undo_and_redo_take_back_a_status_and_a_typed_text(qtbot, window, officer):
    view = window.officer_view
    before = officer.state.incident
    press(Qt.Key.Key_1, CTRL)
    press(Qt.Key.Key_Down)  # dialysis, all sites
    press(Qt.Key.Key_6)
    assert "Closed" in cell_text(view, "*", "dialysis")
    press(Qt.Key.Key_2, CTRL)
    press(Qt.Key.Key_End)
    type_text(" (bis)")
    assert officer.state.incident.title["fr"].endswith(" (bis)")

    press(Qt.Key.Key_Z, CTRL)  # the whole typing at once, not one letter
    assert officer.state.incident.title == before.title
    assert view.texts.editors[("title", "fr")].text() == before.title["fr"]
    assert "Closed" in cell_text(view, "*", "dialysis")
    press(Qt.Key.Key_Z, CTRL)  # then the status, though the focus is in a text
    assert officer.state.incident == before
    assert not officer.has_unsaved_changes
    press(Qt.Key.Key_Z, CTRL | SHIFT)
    assert "Closed" in cell_text(view, "*", "dialysis")
    press(Qt.Key.Key_Z, CTRL | SHIFT)
    assert officer.state.incident.title["fr"].endswith(" (bis)")
    assert view.texts.editors[("title", "fr")].text().endswith(" (bis)")


def test_undo_in_the_grid_and_nothing_left_to_undo(qtbot, window, officer):
    view = window.officer_view
    before = officer.state.incident
    press(Qt.Key.Key_1, CTRL)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_2)
    press(Qt.Key.Key_Right)
    press(Qt.Key.Key_Delete)  # back to "All sites" at Nivelles: nothing set there, no edit
    press(Qt.Key.Key_Z, CTRL)
    assert officer.state.incident == before
    press(Qt.Key.Key_Z, CTRL)  # nothing more to undo: nothing changes, nothing breaks
    assert officer.state.incident == before
    assert QApplication.focusWidget() is view.grid
