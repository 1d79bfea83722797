"""The editor's edits as pure functions: every cell and text change makes a new incident."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from crisis_desk.domain import editing as incident_edit
from crisis_desk.domain.model import service_states
from crisis_desk.gui.session import next_update_of


def test_a_site_cell_shows_the_all_sites_entry_as_inherited(demo):
    _org, incident = demo
    cell = incident_edit.cell_state(incident, "nivelles", "consultations")
    assert (cell.status, cell.inherited) == ("suspended", True)
    assert incident_edit.cell_state(incident, "*", "consultations").inherited is False
    assert incident_edit.cell_state(incident, "nivelles", "maternity").status is None
    assert incident_edit.cell_state(incident, "nivelles", "maternity").effective == "operational"


def test_setting_a_site_apart_overrides_only_that_site(demo):
    org, incident = demo
    edited = incident_edit.with_status(incident, "tubize", "consultations", "limited")
    states = {site.id: {s.service.id: s.status for s in service_states(org, edited, site.id)}
              for site in org.sites}
    assert states["tubize"]["consultations"] == "limited"
    assert states["nivelles"]["consultations"] == "suspended"
    assert incident.statuses == demo[1].statuses  # the original is untouched


def test_clearing_a_site_returns_it_to_the_all_sites_entry(demo):
    _org, incident = demo
    apart = incident_edit.with_status(incident, "tubize", "consultations", "limited")
    back = incident_edit.without_status(apart, "tubize", "consultations")
    assert back.statuses == incident.statuses


def test_a_relocation_keeps_its_destination_and_other_statuses_drop_it(demo):
    _org, incident = demo
    moved = incident_edit.with_status(incident, "tubize", "imaging", "relocated", "nivelles")
    assert incident_edit.cell_state(moved, "tubize", "imaging").to == "nivelles"
    closed = incident_edit.with_status(moved, "tubize", "imaging", "closed", "nivelles")
    assert incident_edit.cell_state(closed, "tubize", "imaging").to is None


def test_notes_are_kept_when_the_status_changes_and_edited_per_language(demo):
    _org, incident = demo
    changed = incident_edit.with_status(incident, "tubize", "pharmacy", "suspended")
    assert incident_edit.cell_state(changed, "tubize", "pharmacy").note["nl"] == \
        "Apotheek van wacht: Nijvel."
    noted = incident_edit.with_note(changed, "tubize", "pharmacy", "nl", "Tot maandag.")
    assert incident_edit.cell_state(noted, "tubize", "pharmacy").note["nl"] == "Tot maandag."
    assert incident_edit.cell_state(noted, "tubize", "pharmacy").note["fr"] == \
        "Pharmacie de garde : Nivelles."
    cleared = incident_edit.with_note(noted, "tubize", "pharmacy", "nl", "")
    assert "nl" not in incident_edit.cell_state(cleared, "tubize", "pharmacy").note


def test_texts_are_set_and_removed_per_language(demo):
    _org, incident = demo
    edited = incident_edit.with_text(incident, "facts", "nl", "{{ 7*7 }} <b> &")
    assert edited.facts["nl"] == "{{ 7*7 }} <b> &"
    assert edited.facts["fr"] == incident.facts["fr"]
    assert "nl" not in incident_edit.with_text(edited, "facts", "nl", "").facts
    with pytest.raises(KeyError):
        incident_edit.with_text(incident, "organisation", "fr", "x")


def test_the_checker_numbers_lead_back_to_the_entries(demo):
    _org, incident = demo
    number = incident_edit.entry_number(incident, "braine", "imaging")
    entry = incident_edit.entry_at(incident, number)
    assert (entry.site, entry.service) == ("braine", "imaging")
    assert incident_edit.entry_at(incident, 999) is None


def test_the_next_update_counts_up_and_is_issued_now(demo):
    _org, incident = demo
    now = datetime(2026, 3, 9, 15, 42, 31, tzinfo=ZoneInfo("Europe/Brussels"))
    following = next_update_of(incident, now)
    assert following.update == incident.update + 1
    assert following.issued == now.replace(second=0)
    assert following.next_update == incident.next_update  # still ahead at 15:42
    later = next_update_of(incident, now.replace(hour=17))
    assert later.next_update is None
    assert following.facts == incident.facts and following.statuses == incident.statuses
