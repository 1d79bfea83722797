"""The manager reads what changed in words, is told the PIN tries left, and confirms
approving what they have not opened; reception shows the organisation's clock.
"""

from __future__ import annotations

import time
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from crisis_desk import desk  # noqa: E402
from crisis_desk.domain import editing as incident_edit  # noqa: E402
from crisis_desk.gui.changes import changes_in, readable  # noqa: E402
from crisis_desk.gui.demo import DEMO_ACCOUNTS  # noqa: E402
from crisis_desk.gui.manager import group_by_document  # noqa: E402
from tests.gui import test_roles as roles  # noqa: E402
from tests.gui.test_roles import WAIT_MS, settle, signed_in_as, when_dialog_opens  # noqa: E402

store, demo_store, window = roles.store, roles.demo_store, roles.window
OFFICER = next(a for a in DEMO_ACCOUNTS if a.role == desk.COMMS)

DIFF = """--- poster v1 (fr)
+++ poster v2 (fr)
@@ -3,4 +3,5 @@
 Urgences : ouvertes
-Consultations : fonctionnement normal
+Consultations : suspendu
 Dialyse : ouverte
+Laboratoire : déplacé à Tubize
"""


def test_a_diff_is_told_in_words():
    told = readable(DIFF)
    assert "@@" not in told and "+++" not in told
    assert "Was: Consultations : fonctionnement normal\nNow: Consultations : suspendu" in told
    assert "Added: Laboratoire : déplacé à Tubize" in told
    assert "Urgences" not in told  # unchanged context is left out
    assert [c.kind for c in changes_in(DIFF)] == ["changed", "added"]
    assert readable("") == "No change in this language since the approved version."
    assert readable("-Removed line\n") == "Removed: Removed line"


def resubmit_with_a_change(store) -> int:
    """The officer suspends dialysis everywhere and submits again: the poster changes."""
    officer = desk.sign_in(store, OFFICER.name, OFFICER.pin)
    incident_id = desk.incidents(store)[0].id
    snapshot = desk.load_incident(store, incident_id)
    edited = incident_edit.with_status(snapshot.incident, "*", "dialysis", "suspended")
    edited = replace(edited, update=snapshot.incident.update + 1)
    saved = desk.save_incident(store, officer, incident_id, edited, snapshot.version)
    desk.submit(store, officer, incident_id, saved.version)
    return incident_id


def test_the_manager_sees_what_changed_since_approval_in_words(qtbot, window, demo_store):
    resubmit_with_a_change(demo_store)
    signed_in_as(qtbot, window, desk.MANAGER)
    view = window.manager_view
    groups = group_by_document(desk.awaiting_approval(demo_store))
    poster = next(g for g in groups if g[0].kind == "poster" and g[0].site == "nivelles")
    lines = [view.pending.item(row).text() for row in range(view.pending.count())]
    assert any("changed since approved version" in line for line in lines)
    assert any("never approved" in line for line in lines)  # the press statement, say
    view.select_document(poster[0].id)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "===" in view.changes.toPlainText(), timeout=WAIT_MS)
    changes = view.changes.toPlainText()
    assert "@@" not in changes and "(no change)" not in changes
    assert "Now:" in changes or "Added:" in changes
    assert "Dialys" in changes  # the French and the Dutch line both name the service


def test_a_wrong_pin_says_how_many_tries_are_left(qtbot, window, demo_store):
    signed_in_as(qtbot, window, desk.MANAGER)
    view = window.manager_view
    view.approve(view.current, "0000")
    qtbot.waitUntil(lambda: "Tries left" in view.message.text(), timeout=WAIT_MS)
    assert view.message.text().endswith(f": {desk.MAX_WRONG_PINS - 1}.")


def test_approving_unopened_documents_asks_first_and_names_them(qtbot, window, demo_store):
    signed_in_as(qtbot, window, desk.MANAGER)
    view = window.manager_view
    settle(qtbot, window)
    view.pending.selectAll()
    chosen = view.selected_documents()
    unread = view.unread(chosen)
    assert 0 < len(unread) < len(group_by_document(chosen))  # the first one is open
    asked = []

    def refuse(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    when_dialog_opens(refuse, qtbot, QMessageBox)
    view.approve_selected()
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    assert all(view._item_text(group) in asked[0] for group in unread)
    assert QApplication.activeModalWidget() is None  # no PIN asked after a No
    assert all(desk.document(demo_store, i.id).state == "submitted" for i in chosen)


@pytest.fixture
def machine_in_new_york(monkeypatch):
    """The machine's clock zone far from the organisation's (and back afterwards)."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_reception_shows_approval_times_in_the_organisations_zone(qtbot, window,
                                                                  demo_store,
                                                                  machine_in_new_york):
    signed_in_as(qtbot, window, desk.RECEPTION)
    view = window.reception_view
    qtbot.waitUntil(lambda: bool(view.cards), timeout=WAIT_MS)
    card = next(c for c in view.cards if c.info.printable_approved)
    brussels = card.info.approved_at.astimezone(ZoneInfo("Europe/Brussels"))
    assert brussels.utcoffset() != card.info.approved_at.astimezone().utcoffset()
    assert brussels.strftime("%d/%m %H:%M") in card.badge.text()
