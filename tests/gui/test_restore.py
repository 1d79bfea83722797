"""After a crash, the desk names the incident and the fields of the typing it kept;
only "Discard it" deletes that typing, and "Restore" puts it back."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from crisis_desk import desk  # noqa: E402
from crisis_desk.gui.item_models import pick_text  # noqa: E402
from tests.gui import test_roles as roles  # noqa: E402
from tests.gui.test_roles import WAIT_MS, settle, signed_in_as, when_dialog_opens  # noqa: E402

store, demo_store, window = roles.store, roles.demo_store, roles.window


def leave_typing(qtbot, window, demo_store) -> tuple[desk.Actor, int]:
    """Type a new Dutch title and facts, let autosave keep them, then leave without saving."""
    session = signed_in_as(qtbot, window, desk.COMMS)
    view = window.officer_view
    title = view.texts.editors[("title", "nl")]
    title.selectAll()
    qtbot.keyClicks(title, "Nieuwe titel")
    qtbot.keyClicks(view.texts.editors[("facts", "nl")], " Extra feit.")
    session.autosave_now()
    qtbot.waitUntil(lambda: desk.recover_autosave(demo_store, session.actor,
                                                  session.incident_id) is not None,
                    timeout=WAIT_MS)
    actor, incident_id = session.actor, session.incident_id
    window.sign_out()
    settle(qtbot, window)
    return actor, incident_id


def answer_offer(qtbot, window, button_text: str) -> list[str]:
    """Sign in again and press ``button_text`` in the offer; returns what it said."""
    said = []

    def press(box: QMessageBox) -> None:
        said.extend([box.text(), box.informativeText()])
        button = next(b for b in box.buttons() if b.text() == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    when_dialog_opens(press, qtbot, QMessageBox)
    signed_in_as(qtbot, window, desk.COMMS)
    qtbot.waitUntil(lambda: bool(said), timeout=WAIT_MS)
    settle(qtbot, window)
    return said


def test_the_offer_names_the_fields_and_keeps_the_typing_until_discarded(qtbot, window,
                                                                       demo_store):
    actor, incident_id = leave_typing(qtbot, window, demo_store)
    text, fields = answer_offer(qtbot, window, "Keep it for later")
    incident = desk.load_incident(demo_store, incident_id).incident
    assert pick_text(incident.title, incident.languages) in text  # the incident, by name
    assert "Title (NL)" in fields and "What happened (NL)" in fields
    assert "(FR)" not in fields
    assert desk.recover_autosave(demo_store, actor, incident_id) is not None
    window.sign_out()
    settle(qtbot, window)

    answer_offer(qtbot, window, "Restore")
    assert window.session.state.incident.title["nl"] == "Nieuwe titel"
    assert window.session.has_unsaved_changes


def test_discard_deletes_the_kept_typing(qtbot, window, demo_store):
    actor, incident_id = leave_typing(qtbot, window, demo_store)
    answer_offer(qtbot, window, "Discard it")
    qtbot.waitUntil(lambda: desk.recover_autosave(demo_store, actor, incident_id) is None,
                    timeout=WAIT_MS)
    assert window.session.state.incident.title["nl"] != "Nieuwe titel"
