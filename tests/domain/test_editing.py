"""The editor's edits as pure functions: every cell and text change makes a new incident."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from crisis_desk.domain import editing as incident_edit
from crisis_desk.domain.model import Partner, appointments_at, service_states
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


# -- appointments per cell, destinations, the new free texts ------------------------------

def test_a_cell_says_what_its_patients_must_do_and_whether_that_is_unusual(demo):
    _org, incident = demo
    rule_free = replace(incident, appointments=None)
    suspended = incident_edit.cell_state(rule_free, "nivelles", "consultations")
    assert (suspended.appointments, suspended.appointments_unusual) == ("cancelled", False)
    # The demo's rule cancels every appointment, even where a service only has delays.
    degraded = incident_edit.cell_state(incident, "nivelles", "laboratory")
    assert (degraded.appointments, degraded.appointments_unusual) == ("cancelled", True)
    assert incident_edit.cell_state(incident, "nivelles", "maternity").appointments_unusual \
        is False


def test_a_cell_may_keep_its_appointments_against_the_rule(demo):
    org, incident = demo
    apart = incident_edit.with_status(incident, "tubize", "consultations", "suspended")
    kept = incident_edit.with_appointments(apart, "tubize", "consultations", "maintained")
    cell = incident_edit.cell_state(kept, "tubize", "consultations")
    assert (cell.own_appointments, cell.appointments, cell.appointments_unusual) == (
        "maintained", "maintained", True)
    assert appointments_at(org, kept, "tubize", "consultations") == "maintained"
    assert appointments_at(org, kept, "nivelles", "consultations") == "cancelled"
    back = incident_edit.with_appointments(kept, "tubize", "consultations", None)
    assert incident_edit.cell_state(back, "tubize", "consultations").own_appointments is None


def test_appointments_need_an_entry_and_a_known_word(demo):
    _org, incident = demo
    with pytest.raises(KeyError):
        incident_edit.with_appointments(incident, "tubize", "maternity", "cancelled")
    with pytest.raises(ValueError):
        incident_edit.with_appointments(incident, "*", "consultations", "maybe")


def test_changing_a_status_keeps_the_cells_own_appointments(demo):
    _org, incident = demo
    kept = incident_edit.with_appointments(incident, "*", "surgery", "maintained")
    moved = incident_edit.with_status(kept, "*", "surgery", "degraded")
    assert incident_edit.cell_state(moved, "*", "surgery").own_appointments == "maintained"
    # A site set apart with the same status keeps the all-sites word; another status drops it.
    same = incident_edit.with_status(kept, "braine", "surgery", "limited")
    assert incident_edit.cell_state(same, "braine", "surgery").own_appointments == "maintained"
    other = incident_edit.with_status(kept, "braine", "surgery", "closed")
    assert incident_edit.cell_state(other, "braine", "surgery").own_appointments is None


def test_the_rule_for_a_status_follows_the_incident_then_the_status(demo):
    _org, incident = demo
    assert incident_edit.appointments_by_rule(incident, "degraded") == "cancelled"
    rule_free = replace(incident, appointments=None)
    assert incident_edit.appointments_by_rule(rule_free, "degraded") == "maintained"
    assert incident_edit.appointments_by_rule(rule_free, "closed") == "cancelled"


def test_a_service_may_move_to_another_site_or_a_partner_hospital(demo):
    org, incident = demo
    godinne = Partner("godinne", {"fr": "CHU UCL Namur Godinne"}, {"fr": "Yvoir"})
    org = replace(org, partners=(godinne,))
    targets = [place.id for place in incident_edit.relocation_targets(org, "tubize")]
    assert targets == ["nivelles", "braine", "godinne"]
    assert len(incident_edit.relocation_targets(org, "*")) == len(org.sites) + 1
    moved = incident_edit.with_status(incident, "tubize", "laboratory", "relocated", "godinne")
    assert incident_edit.cell_state(moved, "tubize", "laboratory").to == "godinne"
    assert org.destination("godinne") == godinne


@pytest.mark.parametrize("field_name", ["appointment_exceptions", "quote",
                                        "data_consequences", "data_measures"])
def test_the_new_free_texts_are_edited_per_language(demo, field_name):
    _org, incident = demo
    written = incident_edit.with_text(incident, field_name, "nl", "Tekst")
    assert getattr(written, field_name)["nl"] == "Tekst"
    assert getattr(incident_edit.with_text(written, field_name, "nl", ""), field_name) == {}
