"""The People dialog: a manager changes roles, states and PINs, with their own PIN each time.

Offscreen (pytest-qt), on the embedded database of a private data folder. The
dialog does its work on the background worker; each step waits for it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from crisis_desk import desk
from crisis_desk.gui.people_dialog import PeopleDialog
from crisis_desk.gui.translation import apply_interface_language
from crisis_desk.gui.workers import BackgroundWorker
from crisis_desk.store.database import open_store

WAIT_MS = 60000  # a ceiling for slow machines, never a timing assertion
PIN = "903417"


@pytest.fixture
def store(private_data_dir):
    opened = open_store()
    yield opened
    opened.close()


@pytest.fixture
def manager(store):
    marc = desk.add_user(store, None, "Marc Lambert", "manager", PIN)
    boss = desk.Actor(marc.id, marc.name, marc.role)
    desk.add_user(store, boss, "Rita Schmit", "reception", "555512")
    desk.add_user(store, boss, "Léa Peeters", "comms", "482139")
    return boss


@pytest.fixture
def dialog(qtbot, store, manager):
    apply_interface_language("en")
    worker = BackgroundWorker()
    shown = PeopleDialog(store, worker, manager)
    qtbot.addWidget(shown)
    shown.show()
    settle(qtbot, shown)
    yield shown
    worker.wait()


def settle(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.worker.busy, timeout=WAIT_MS)


def rows(dialog) -> dict[str, tuple[str, str]]:
    items = (dialog.table.topLevelItem(i) for i in range(dialog.table.topLevelItemCount()))
    return {item.text(0): (item.text(1), item.text(2)) for item in items}


def act(qtbot, dialog, name, button, own_pin=PIN) -> list[bool]:
    """Select ``name``, type the manager's PIN, press ``button``; whether it was busy."""
    dialog.select(name)
    qtbot.keyClicks(dialog.own_pin_edit, own_pin)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    busy = [button.isEnabled(), dialog.own_pin_edit.isEnabled()]
    settle(qtbot, dialog)
    return busy


def test_the_list_shows_each_persons_role_and_state(dialog):
    assert rows(dialog) == {"Léa Peeters": ("communication officer", "active"),
                            "Marc Lambert": ("manager", "active"),
                            "Rita Schmit": ("receptionist", "active")}


def test_a_manager_deactivates_and_reactivates_with_their_pin(qtbot, dialog, store):
    assert act(qtbot, dialog, "Rita Schmit", dialog.deactivate_button) == [False, False]
    assert dialog.message.text() == "Rita Schmit can no longer sign in."
    assert rows(dialog)["Rita Schmit"] == ("receptionist", "deactivated")
    assert not dialog.deactivate_button.isEnabled() and dialog.reactivate_button.isEnabled()
    assert dialog.own_pin_edit.text() == ""  # asked again for the next change
    act(qtbot, dialog, "Rita Schmit", dialog.reactivate_button)
    assert rows(dialog)["Rita Schmit"] == ("receptionist", "active")
    assert desk.sign_in(store, "Rita Schmit", "555512").role == "reception"


def test_a_role_changes_only_with_the_managers_pin(qtbot, dialog, store):
    dialog.select("Léa Peeters")
    dialog.new_role_box.setCurrentIndex(dialog.new_role_box.findData(desk.MANAGER))
    act(qtbot, dialog, "Léa Peeters", dialog.role_button, own_pin="")
    assert "needs the name and PIN of a manager" in dialog.message.text()
    act(qtbot, dialog, "Léa Peeters", dialog.role_button, own_pin="000000")
    assert dialog.message.text().startswith("Wrong PIN.")
    assert "Tries left" in dialog.message.text()  # the manager knows how near a lock-out is
    act(qtbot, dialog, "Léa Peeters", dialog.role_button)
    assert dialog.message.text() == "Léa Peeters has a new role."
    assert rows(dialog)["Léa Peeters"] == ("manager", "active")
    assert "user_role" in [entry.action for entry in desk.audit_log(store)]


def test_a_pin_is_reset(qtbot, dialog, store):
    dialog.select("Léa Peeters")
    qtbot.keyClicks(dialog.new_pin_edit, "604938")
    act(qtbot, dialog, "Léa Peeters", dialog.reset_button)
    assert dialog.message.text() == "Léa Peeters has a new PIN."
    assert desk.sign_in(store, "Léa Peeters", "604938").name == "Léa Peeters"


def test_the_last_manager_is_kept(qtbot, dialog):
    act(qtbot, dialog, "Marc Lambert", dialog.deactivate_button)
    assert "Marc Lambert is the last active manager" in dialog.message.text()
    assert rows(dialog)["Marc Lambert"] == ("manager", "active")


def test_an_account_changed_behind_the_desks_back_is_shown(qtbot, dialog, store):
    with store.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER users_as_recorded"))
        connection.execute(text("UPDATE users SET role = 'manager' WHERE name = 'Rita Schmit'"))
    dialog.refresh()
    settle(qtbot, dialog)
    role, state = rows(dialog)["Rita Schmit"]
    assert state.startswith("cannot be trusted: its row no longer matches its record")
    item = dialog.table.findItems("Rita Schmit", Qt.MatchFlag.MatchExactly)[0]
    assert item.foreground(0).color().name() == "#b3261e"
