"""Where ambulances go: each emergency department's word, else what its status means."""

from __future__ import annotations

from dataclasses import replace

from crisis_desk.domain.model import StatusEntry, ambulance_routing, physicians_contact


def with_entries(incident, *entries):
    return replace(incident, statuses=incident.statuses + entries)


def test_an_open_department_takes_ambulances_and_a_shut_one_does_not(example):
    org, incident = example
    arlon = ambulance_routing(org, incident, "arlon")
    assert arlon is not None and arlon.accepted and arlon.open and arlon.to is None
    closed = with_entries(incident, StatusEntry("arlon", "emergency", "closed"))
    routing = ambulance_routing(org, closed, "arlon")
    assert routing is not None and not routing.accepted and not routing.open
    assert routing.to is None  # nobody said where: the sheet says so


def test_the_entrys_own_word_and_destination_win(example):
    org, incident = example
    limited = with_entries(incident, StatusEntry("marche", "emergency", "limited",
                                                 ambulances="diverted",
                                                 ambulances_to="libramont"))
    routing = ambulance_routing(org, limited, "marche")
    assert routing is not None and routing.open and not routing.accepted
    assert routing.to == "libramont"
    kept = with_entries(incident, StatusEntry("marche", "emergency", "suspended",
                                              ambulances="accepted", ambulances_to="arlon"))
    routing = ambulance_routing(org, kept, "marche")
    assert routing is not None and routing.accepted and routing.to is None


def test_a_moved_department_sends_ambulances_where_it_went(example):
    org, incident = example
    moved = with_entries(incident, StatusEntry("bastogne", "emergency", "relocated",
                                               to="libramont"))
    routing = ambulance_routing(org, moved, "bastogne")
    assert routing is not None and not routing.accepted and routing.to == "libramont"


def test_a_site_without_an_emergency_department_has_no_routing(example):
    org, incident = example
    services = tuple(replace(s, sites=("arlon",)) if s.id == "emergency" else s
                     for s in org.services)
    assert ambulance_routing(replace(org, services=services), incident, "marche") is None


def test_the_incidents_direct_line_for_physicians_overrides_the_profiles(example):
    org, incident = example
    assert physicians_contact(org, incident) == ""
    org = replace(org, physicians_contact="+32 63 55 00 50")
    assert physicians_contact(org, incident) == "+32 63 55 00 50"
    assert physicians_contact(org, replace(incident, physicians_contact=" +32 61 00 ")) \
        == "+32 61 00"
