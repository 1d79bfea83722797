"""The officer's "Legal obligations" tab fills what the GDPR and NIS2 documents ask for.

Driven offscreen as a person would (typing, ticking, choosing): each field
reaches the incident at once, survives a round trip through the incident file,
and the checker's "to be completed" warnings go away once the items are given.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QDateTime, Qt  # noqa: E402

from crisis_desk.checking import check  # noqa: E402
from crisis_desk.domain.model import DataBreach, Nis2Details  # noqa: E402
from crisis_desk.files.writing import incident_from_toml, incident_to_toml  # noqa: E402
from crisis_desk.gui.item_models import EditingState  # noqa: E402
from crisis_desk.gui.obligations_panel import (  # noqa: E402
    ANSWER_CHOICES,
    SEVERITY_CHOICES,
    ObligationsPanel,
    texts_and_obligations,
)
from crisis_desk.gui.translation import apply_interface_language  # noqa: E402

OBLIGATION_KINDS = ("authority-notification", "data-notice", "nis2-early-warning",
                    "nis2-notification", "nis2-final-report")


@pytest.fixture
def state(demo, qtbot):
    """The demo incident as an officer starting from nothing would have it."""
    apply_interface_language("en")
    org, incident = demo
    blank = replace(incident, detected=None, authority_language=None,
                    breach=DataBreach(), nis2=Nis2Details())
    return EditingState(org, blank)


@pytest.fixture
def panel(state, qtbot):
    widget = ObligationsPanel(state)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def pick(box, choices, value) -> None:
    box.setCurrentIndex([choice for choice, _label in choices].index(value))


def fill(qtbot, panel) -> None:
    """Give every item of the tab, as the officer would."""
    qtbot.mouseClick(panel.aware_check, Qt.MouseButton.LeftButton)
    panel.aware_edit.setDateTime(QDateTime.fromString("09/03/2026 05:45", "dd/MM/yyyy HH:mm"))
    panel.language_box.setCurrentIndex(panel.language_box.findData("nl"))
    panel.count_boxes["people"].setValue(48000)
    panel.count_boxes["records"].setValue(310000)
    for code in panel.state.incident.languages:
        for field_name in ("breach.data_categories", "breach.people_categories"):
            qtbot.keyClicks(panel.text_editors[(field_name, code)], f"{field_name} {code}")
        for field_name in ("nis2.root_cause", "nis2.mitigation", "nis2.assessment"):
            qtbot.keyClicks(panel.text_editors[(field_name, code)], f"{field_name} {code}")
    pick(panel.answer_boxes["malicious"], ANSWER_CHOICES, True)
    pick(panel.answer_boxes["cross_border"], ANSWER_CHOICES, False)
    pick(panel.severity_box, SEVERITY_CHOICES, "high")
    panel.indicators_edit.setFocus()
    qtbot.keyClicks(panel.indicators_edit, "185.220.101.47")
    qtbot.keyClick(panel.indicators_edit, Qt.Key.Key_Return)
    qtbot.keyClick(panel.indicators_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.indicators_edit, "SHA-256 3f5a")


def test_every_field_reaches_the_incident(qtbot, panel, state):
    revision = state.revision
    fill(qtbot, panel)
    incident = state.incident
    assert state.revision > revision
    assert incident.detected == datetime(2026, 3, 9, 5, 45, tzinfo=ZoneInfo("Europe/Brussels"))
    assert incident.authority_language == "nl"
    assert (incident.breach.people, incident.breach.records) == (48000, 310000)
    assert incident.breach.data_categories == {c: f"breach.data_categories {c}"
                                               for c in incident.languages}
    assert incident.breach.people_categories["nl"] == "breach.people_categories nl"
    assert incident.nis2.root_cause["fr"] == "nis2.root_cause fr"
    assert incident.nis2.assessment["nl"] == "nis2.assessment nl"
    assert (incident.nis2.malicious, incident.nis2.cross_border) == (True, False)
    assert incident.nis2.severity == "high"
    # the blank line typed between them is kept on screen, not in the incident
    assert incident.nis2.indicators == ("185.220.101.47", "SHA-256 3f5a")
    assert panel.indicators_edit.toPlainText() == "185.220.101.47\n\nSHA-256 3f5a"


def test_clearing_gives_back_not_known_and_not_assessed(qtbot, panel, state):
    fill(qtbot, panel)
    panel.count_boxes["people"].setValue(panel.count_boxes["people"].minimum())
    pick(panel.answer_boxes["malicious"], ANSWER_CHOICES, None)
    pick(panel.severity_box, SEVERITY_CHOICES, None)
    qtbot.mouseClick(panel.aware_check, Qt.MouseButton.LeftButton)
    panel.language_box.setCurrentIndex(0)
    panel.indicators_edit.clear()
    assert panel.count_boxes["people"].text() == "Not known"
    incident = state.incident
    assert incident.breach.people is None and incident.nis2.malicious is None
    assert incident.nis2.severity is None and incident.nis2.indicators == ()
    assert incident.detected is None and incident.aware_since == incident.started
    assert incident.authority_language is None


def test_the_panel_follows_an_incident_replaced_from_elsewhere(qtbot, panel, state, demo):
    org, full = demo
    state.replace_all(org, full)
    assert panel.count_boxes["people"].value() == 48000
    assert panel.severity_box.currentIndex() == [c for c, _l in SEVERITY_CHOICES].index("high")
    assert panel.aware_check.isChecked()
    assert panel.text_editors[("nis2.root_cause", "nl")].toPlainText() == \
        full.nis2.root_cause["nl"]


def test_a_round_trip_through_the_incident_file_keeps_them(qtbot, panel, state):
    fill(qtbot, panel)
    zone = state.organisation.timezone
    again = incident_from_toml(incident_to_toml(state.incident), zone)
    for name in ("detected", "authority_language", "breach", "nis2"):
        assert getattr(again, name) == getattr(state.incident, name), name


def _to_complete(org, incident) -> set[str]:
    return {p.field for p in check(org, incident, kinds=OBLIGATION_KINDS)
            if "to be completed" in p.message}


def test_the_to_be_completed_warnings_go_once_the_items_are_given(qtbot, panel, state):
    before = _to_complete(state.organisation, state.incident)
    assert {"breach.people", "breach.data_categories", "nis2.malicious", "nis2.severity",
            "nis2.indicators", "nis2.root_cause"} <= before
    fill(qtbot, panel)
    assert _to_complete(state.organisation, state.incident) == set()


def test_the_checker_marks_and_finds_the_fields(qtbot, state):
    panel = ObligationsPanel(state)
    tabs = texts_and_obligations(ObligationsPanel(state), panel, None)
    qtbot.addWidget(tabs)
    problems = check(state.organisation, state.incident, kinds=OBLIGATION_KINDS)
    panel.mark_missing(problems)
    assert "#c9a227" in panel.count_boxes["people"].styleSheet()
    tabs.show()
    tabs.setCurrentIndex(0)
    assert panel.focus_field("nis2.severity")
    assert tabs.currentWidget() is panel
    assert not panel.focus_field("facts")
