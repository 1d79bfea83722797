"""The officer's editor sets a cell's appointments, a partner destination and the new texts.

Driven offscreen as a person would: the status dialog's choices, its OK button,
typing in the free texts; the incident changes at once and the live preview
(rendered on the background worker) follows.
"""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox  # noqa: E402

from crisis_desk.domain import editing as incident_edit  # noqa: E402
from crisis_desk.domain.model import Partner, appointments_at  # noqa: E402
from crisis_desk.domain.statuses import RELOCATED_TO  # noqa: E402
from crisis_desk.gui.item_models import EditingState, StatusGridModel  # noqa: E402
from crisis_desk.gui.preview import PreviewPane  # noqa: E402
from crisis_desk.gui.status_grid import StatusNoteDialog  # noqa: E402
from crisis_desk.gui.texts_panel import TextsPanel  # noqa: E402
from crisis_desk.gui.translation import apply_interface_language  # noqa: E402
from crisis_desk.gui.workers import BackgroundWorker  # noqa: E402
from crisis_desk.i18n import gettext  # noqa: E402

WAIT_MS = 60000  # a ceiling for slow machines, never a timing assertion
GODINNE = Partner("godinne", {"fr": "CHU UCL Namur Godinne", "nl": "UZ Godinne"},
                  {"fr": "Yvoir", "nl": "Yvoir"}, "Avenue Dr G. Thérasse 1", "+32 81 42 21 11")


@pytest.fixture
def state(demo, qtbot):
    apply_interface_language("en")
    org, incident = demo
    # The demo's rule would cancel everything; without it each status speaks for itself.
    return EditingState(replace(org, partners=(GODINNE,)), replace(incident, appointments=None))


@pytest.fixture
def worker(qtbot):
    background = BackgroundWorker()
    yield background
    background.wait()


def choose(box, value) -> None:
    """Pick the entry whose data is ``value``, as a click in the list would."""
    index = box.findData(value)
    assert index >= 0, value
    box.setCurrentIndex(index)


def press_ok(qtbot, dialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def edit_cell(qtbot, state, site_id: str, service_id: str, *, status: str | None = None,
              to: str | None = None, appointments: str | None = None) -> StatusNoteDialog:
    """Open a cell's dialog, make the choices, press OK and apply, as the grid does."""
    dialog = StatusNoteDialog(state, site_id, service_id)
    qtbot.addWidget(dialog)
    dialog.show()
    if status is not None:
        choose(dialog.status_box, status)
    if to is not None:
        choose(dialog.moved_box, to)
    choose(dialog.appointments_box, appointments)
    press_ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    dialog.apply()
    return dialog


def test_do_not_come_and_a_partner_destination_reach_the_incident_and_the_preview(
        qtbot, state, worker):
    preview = PreviewPane(state, worker)
    qtbot.addWidget(preview)
    preview.select("notice", language="fr", fmt="txt")
    qtbot.waitUntil(lambda: preview.last_result is not None, timeout=WAIT_MS)
    assert "Godinne" not in preview.view.shown_text
    kept_there = "maintenu, au lieu suivant\u202f: CHU UCL Namur Godinne"

    dialog = edit_cell(qtbot, state, "tubize", "consultations", status="relocated",
                       to="godinne")
    assert dialog.moved_box.isEnabled()
    assert dialog.moved_box.itemText(dialog.moved_box.findData("godinne")) == \
        "CHU UCL Namur Godinne (partner hospital)"
    assert dialog.appointments_box.itemText(0) == "Follow the rule (now: Come as planned)"
    qtbot.waitUntil(lambda: kept_there in preview.view.shown_text, timeout=WAIT_MS)

    edit_cell(qtbot, state, "tubize", "consultations", appointments="cancelled")
    entry = next(e for e in state.incident.statuses
                 if (e.site, e.service) == ("tubize", "consultations"))
    assert (entry.status, entry.to, entry.appointments) == ("relocated", "godinne", "cancelled")
    assert appointments_at(state.organisation, state.incident, "tubize",
                           "consultations") == "cancelled"
    qtbot.waitUntil(lambda: kept_there not in preview.view.shown_text, timeout=WAIT_MS)
    moved = gettext("fr", RELOCATED_TO) % {"site": "CHU UCL Namur Godinne"}
    assert moved in preview.view.shown_text  # the move is still shown


def test_the_grid_marks_a_cell_whose_appointments_go_against_its_status(qtbot, state):
    grid = StatusGridModel(state)
    index = grid.index_of("nivelles", "laboratory")  # degraded: patients come by default
    assert "⊘" not in index.data()
    dialog = edit_cell(qtbot, state, "nivelles", "laboratory", appointments="cancelled")
    assert dialog.status_box.currentData() == "degraded"
    assert "⊘" in index.data()
    assert "do not come" in index.data(Qt.ItemDataRole.ToolTipRole)
    moved = grid.index_of("braine", "imaging")  # the demo moves it to Nivelles
    assert "Nivelles" in moved.data() and "⊘" not in moved.data()


def test_the_dialog_shows_a_cells_own_word_and_keeps_it(qtbot, state):
    edited = incident_edit.with_appointments(state.incident, "*", "surgery", "maintained")
    state.update(edited)
    dialog = StatusNoteDialog(state, "*", "surgery")
    qtbot.addWidget(dialog)
    assert dialog.appointments_box.currentData() == "maintained"
    assert not dialog.moved_box.isEnabled()
    dialog.apply()
    assert state.incident == edited


def test_the_new_texts_are_typed_per_language_and_say_when_they_count(qtbot, state):
    panel = TextsPanel(state)
    qtbot.addWidget(panel)
    for field_name in ("appointment_exceptions", "quote", "data_consequences",
                       "data_measures"):
        for code in state.incident.languages:
            assert (field_name, code) in panel.editors
    assert "patient data may be at risk" in \
        panel.editors[("data_measures", "fr")].toolTip()
    editor = panel.editors[("appointment_exceptions", "nl")]
    qtbot.keyClicks(editor, "Zwangere vrouwen vanaf 36 weken komen zoals gepland.")
    assert state.incident.appointment_exceptions["nl"] == \
        "Zwangere vrouwen vanaf 36 weken komen zoals gepland."
    qtbot.keyClicks(panel.editors[("quote", "fr")], "Nous faisons tout")
    assert state.incident.quote == {"fr": "Nous faisons tout"}
    state.update(incident_edit.with_text(state.incident, "quote", "fr", "Autre"))
    assert panel.editors[("quote", "fr")].toPlainText() == "Autre"


def test_a_next_update_left_out_shows_a_proposal_not_the_year_2000(qtbot, demo):
    from datetime import timedelta

    from crisis_desk.gui.editor import HeaderForm

    org, incident = demo
    state = EditingState(org, replace(incident, next_update=None))
    form = HeaderForm(state)
    qtbot.addWidget(form)
    assert not form.next_edit.isEnabled()
    shown = form.next_edit.dateTime().toPython()
    expected = (incident.issued + timedelta(hours=6)).astimezone(ZoneInfo(org.timezone))
    assert shown.replace(tzinfo=None) == expected.replace(tzinfo=None)


def test_an_emergency_departments_cell_says_where_ambulances_go(qtbot, state):
    from crisis_desk.domain.model import ambulance_routing

    dialog = StatusNoteDialog(state, "tubize", "emergency")
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog.status_box, "limited")
    choose(dialog.ambulance_box, "diverted")
    assert dialog.diverted_box.isEnabled()
    choose(dialog.diverted_box, "godinne")
    press_ok(qtbot, dialog)
    dialog.apply()
    entry = next(e for e in state.incident.statuses
                 if (e.site, e.service) == ("tubize", "emergency"))
    assert (entry.status, entry.ambulances, entry.ambulances_to) == \
        ("limited", "diverted", "godinne")
    routing = ambulance_routing(state.organisation, state.incident, "tubize")
    assert routing is not None and not routing.accepted and routing.to == "godinne"

    again = StatusNoteDialog(state, "tubize", "emergency")  # the cell shows its word
    qtbot.addWidget(again)
    assert again.ambulance_box.currentData() == "diverted"
    assert again.diverted_box.currentData() == "godinne"
    choose(again.ambulance_box, "accepted")
    assert not again.diverted_box.isEnabled()
    again.apply()
    entry = next(e for e in state.incident.statuses
                 if (e.site, e.service) == ("tubize", "emergency"))
    assert (entry.ambulances, entry.ambulances_to) == ("accepted", None)


def test_only_an_emergency_department_offers_the_ambulance_choice(qtbot, state):
    dialog = StatusNoteDialog(state, "nivelles", "laboratory")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ambulance_box.isVisibleTo(dialog)
    assert not dialog.diverted_box.isVisibleTo(dialog)
    dialog.apply()
    entry = next(e for e in state.incident.statuses if e.service == "laboratory")
    assert entry.ambulances is None and entry.ambulances_to is None


def test_the_direct_line_and_the_staff_instructions_are_typed_in_the_editor(qtbot, state):
    from crisis_desk.gui.editor import HeaderForm

    header = HeaderForm(state)
    qtbot.addWidget(header)
    qtbot.keyClicks(header.physicians_edit, "+32 67 88 00 50")
    assert state.incident.physicians_contact == "+32 67 88 00 50"
    texts = TextsPanel(state)
    qtbot.addWidget(texts)
    editor = texts.editors[("staff_instructions", "fr")]
    editor.setPlainText("Passez au bureau de crise.")
    assert state.incident.staff_instructions["fr"] == "Passez au bureau de crise."
