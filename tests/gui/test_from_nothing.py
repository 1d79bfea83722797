"""A fresh install with no file at all reaches a checked, rendered, submitted incident.

The first-start page makes the organisation profile in the profile dialog
(names, a site, two services with pictograms, the hotline) with the first
manager; the officer signs in, presses "New incident…", picks the kind and the
titles, types the free texts, and the checker, the preview and the workflow
take it from there. Driven offscreen as a person would: typing, picking,
pressing the buttons.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox, QPushButton  # noqa: E402

from crisis_desk import desk  # noqa: E402
from crisis_desk.gui import demo  # noqa: E402
from crisis_desk.gui.new_incident import NewIncidentDialog  # noqa: E402
from crisis_desk.gui.profile_dialog import ProfileDialog  # noqa: E402
from tests.gui import test_roles as roles  # noqa: E402
from tests.gui.test_roles import WAIT_MS, settle, show_start, when_dialog_opens  # noqa: E402
from tests.gui.test_signals import type_like_a_keyboard  # noqa: E402

store, window = roles.store, roles.window  # the fixtures: an empty store, the window on it
demo_store = roles.demo_store  # the demo hospital and its accounts, in that store

MANAGER, OFFICER = ("Nadia Haddad", "471123"), ("Léa Martin", "482139")


def press_ok(qtbot, dialog) -> None:
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def add_row(qtbot, table, values: dict[str, str], choices: dict[str, str] = {}) -> None:  # noqa: B006
    """Press Add under a table, type each value under its header, pick each choice."""
    add = next(b for b in table.findChildren(QPushButton) if b.text() == "Add")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    row = table.table.rowCount() - 1
    for header, value in values.items():
        table.set_text(row, table.headers.index(header), value)
    for header, value in choices.items():
        table.choose(row, table.headers.index(header), value)


def fill_profile(qtbot, dialog: ProfileDialog) -> None:
    type_like_a_keyboard(dialog.id_edit, "hsl")
    type_like_a_keyboard(dialog.name_edits["fr"], "Hôpital Saint-Luc")
    type_like_a_keyboard(dialog.name_edits["nl"], "Ziekenhuis Sint-Lucas")
    type_like_a_keyboard(dialog.hotline_phone, "+32 63 00 00 00")
    type_like_a_keyboard(dialog.status_url, "https://hsl.example.be/status")
    dialog.tabs.setCurrentWidget(dialog.sites_table)
    add_row(qtbot, dialog.sites_table, {"Id": "arlon", "Address": "Rue des Déportés 137",
                                        "Name (FR)": "Clinique d'Arlon",
                                        "Name (NL)": "Kliniek Aarlen",
                                        "Town (FR)": "Arlon", "Town (NL)": "Aarlen"})
    dialog.tabs.setCurrentWidget(dialog.services_table)
    add_row(qtbot, dialog.services_table,
            {"Id": "emergency", "Name (FR)": "Urgences", "Name (NL)": "Spoedgevallen"},
            {"Pictogram": "emergency"})
    add_row(qtbot, dialog.services_table,
            {"Id": "consultations", "Name (FR)": "Consultations", "Name (NL)": "Raadplegingen"},
            {"Pictogram": "consultation"})
    press_ok(qtbot, dialog)


def fill_incident(qtbot, dialog: NewIncidentDialog) -> None:
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("it-outage"))
    type_like_a_keyboard(dialog.title_edits["fr"], "Panne informatique à Arlon")
    type_like_a_keyboard(dialog.title_edits["nl"], "Informaticastoring in Aarlen")
    press_ok(qtbot, dialog)


def sign_in(qtbot, window, name: str, pin: str) -> None:
    show_start(qtbot, window)
    page = window.sign_in_page
    page.choose(name)
    type_like_a_keyboard(page.pin_edit, pin)
    qtbot.mouseClick(page.sign_in_button, Qt.MouseButton.LeftButton)


def test_a_desk_with_no_file_reaches_a_submitted_incident(qtbot, window, store):
    assert window.page_name == "first-start"
    page = window.pages.currentWidget()
    when_dialog_opens(lambda dialog: fill_profile(qtbot, dialog), qtbot, ProfileDialog)
    qtbot.mouseClick(page.create_profile_button, Qt.MouseButton.LeftButton)
    assert page.created_profile is not None
    type_like_a_keyboard(page.name_edit, MANAGER[0])
    type_like_a_keyboard(page.pin_edit, MANAGER[1])
    type_like_a_keyboard(page.pin_again, MANAGER[1])
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.page_name == "sign-in", timeout=WAIT_MS)
    profile = desk.organisation(store, "hsl")
    assert [s.id for s in profile.sites] == ["arlon"]
    assert [(s.id, s.icon) for s in profile.services] == [("emergency", "emergency"),
                                                          ("consultations", "consultation")]
    assert profile.hotline.phone == "+32 63 00 00 00"

    # the manager adds the officer (the People and roles dialog does this in the app)
    manager = desk.sign_in(store, *MANAGER)
    desk.add_user(store, manager, OFFICER[0], desk.COMMS, OFFICER[1])
    sign_in(qtbot, window, *OFFICER)
    qtbot.waitUntil(lambda: window.page_name == desk.COMMS, timeout=WAIT_MS)
    settle(qtbot, window)
    when_dialog_opens(lambda dialog: fill_incident(qtbot, dialog), qtbot, NewIncidentDialog)
    qtbot.mouseClick(window.new_incident_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.incident_id is not None
                    and hasattr(window, "officer_view"), timeout=WAIT_MS)
    view, session = window.officer_view, window.session
    assert session.state.incident.kind == "it-outage"
    assert session.state.incident.update == 1

    view.grid.set_status(view.grid.grid_model.index_of("*", "consultations"), "suspended")
    for code, facts, advice in (
            ("fr", "Le réseau informatique est à l'arrêt depuis ce matin.",
             "Les urgences restent ouvertes ; ne venez pas en consultation."),
            ("nl", "Het computernetwerk ligt sinds vanochtend plat.",
             "De spoedgevallen blijven open; kom niet naar de raadpleging.")):
        type_like_a_keyboard(view.texts.editors[("facts", code)], facts)
        type_like_a_keyboard(view.texts.editors[("patient_advice", code)], advice)
    qtbot.waitUntil(lambda: view.check_panel.list_model.error_count == 0
                    and view.check_panel.list_model.problems is not None, timeout=WAIT_MS)
    window.save()
    qtbot.waitUntil(lambda: not session.has_unsaved_changes and not session.busy,
                    timeout=WAIT_MS)

    view.preview.select("poster", site="arlon", fmt="pdf")
    qtbot.waitUntil(lambda: view.preview.last_result is not None
                    and view.preview.last_result.document.kind == "poster", timeout=WAIT_MS)
    assert view.preview.last_result.data.startswith(b"%PDF")
    window.submit()
    incident_id = session.incident_id
    qtbot.waitUntil(lambda: {d.state for d in desk.documents(store, incident_id)}
                    == {"submitted"}, timeout=WAIT_MS)
    stored = desk.load_incident(store, incident_id)
    assert stored.organisation.id == "hsl"
    assert stored.incident.title["nl"] == "Informaticastoring in Aarlen"


def test_the_profile_dialog_refuses_a_new_profile_without_id_or_name(qtbot):
    dialog = ProfileDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    press_ok(qtbot, dialog)
    assert dialog.result_organisation is None
    assert "Id" in dialog.error_label.text()
    type_like_a_keyboard(dialog.id_edit, "hsl")
    press_ok(qtbot, dialog)
    assert "name" in dialog.error_label.text()
    type_like_a_keyboard(dialog.name_edits["fr"], "Hôpital Saint-Luc")
    dialog.timezone_edit.setText("Europe/Arlon")
    press_ok(qtbot, dialog)
    assert "Europe/Arlon" in dialog.error_label.text()
    dialog.timezone_edit.setText("Europe/Brussels")
    add_row(qtbot, dialog.sites_table, {"Id": "arlon"})
    press_ok(qtbot, dialog)
    assert "row 1: a name is needed" in dialog.error_label.text()
    assert dialog.tabs.currentWidget() is dialog.sites_table


def test_a_new_incident_with_nothing_typed_has_no_sms_warning(qtbot, window, demo_store):
    """File › New incident, an IT outage, OK with nothing typed: the checker lists what is
    still to be written, never an SMS too long for wording the officer did not write."""
    officer = next(a for a in demo.DEMO_ACCOUNTS if a.role == desk.COMMS)
    sign_in(qtbot, window, officer.name, officer.pin)
    qtbot.waitUntil(lambda: window.page_name == desk.COMMS, timeout=WAIT_MS)
    settle(qtbot, window)
    demo_id = window.session.incident_id

    def it_outage(dialog: NewIncidentDialog) -> None:
        dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("it-outage"))
        press_ok(qtbot, dialog)

    when_dialog_opens(it_outage, qtbot, NewIncidentDialog)
    window.new_incident()
    qtbot.waitUntil(lambda: window.session.incident_id not in (None, demo_id)
                    and window.officer_view.session.state.incident.kind == "it-outage",
                    timeout=WAIT_MS)
    panel = window.officer_view.check_panel
    qtbot.waitUntil(lambda: panel.list_model.problems is not None and not panel._checking
                    and not window.worker.busy, timeout=WAIT_MS)
    fields = {problem.field for problem in panel.list_model.problems}
    assert "facts" in fields  # the checker did run: the free texts are still to be written
    assert "sms" not in fields
