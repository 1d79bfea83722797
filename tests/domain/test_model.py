"""The situation model: status resolution per site."""

from dataclasses import replace

from crisis_desk.domain.model import StatusEntry, service_states


def _states(org, incident, site):
    return {s.service.id: s for s in service_states(org, incident, site)}


def test_wildcard_applies_to_every_site_that_has_the_service(example):
    org, incident = example
    for site in org.sites:
        assert _states(org, incident, site.id)["consultations"].status == "suspended"


def test_site_entry_overrides_wildcard(example):
    org, incident = example
    assert _states(org, incident, "bastogne")["imaging"].status == "relocated"
    assert _states(org, incident, "bastogne")["imaging"].to == "libramont"
    assert _states(org, incident, "arlon")["imaging"].status == "degraded"


def test_override_wins_whatever_the_order(example):
    org, incident = example
    reordered = replace(incident, statuses=tuple(reversed(incident.statuses)))
    assert _states(org, reordered, "bastogne")["imaging"].status == "relocated"


def test_unlisted_service_is_operational(example):
    org, incident = example
    assert _states(org, incident, "marche")["maternity"].status == "operational"
    assert _states(org, incident, "marche")["maternity"].note == {}


def test_service_restricted_to_some_sites(example):
    org, incident = example
    assert "dialysis" not in _states(org, incident, "bastogne")
    assert "dialysis" in _states(org, incident, "arlon")


def test_services_keep_catalogue_order(example):
    org, incident = example
    ids = [s.service.id for s in service_states(org, incident, "arlon")]
    assert ids == [s.id for s in org.services]


def test_appointment_rule_is_derived_from_statuses(example):
    _, incident = example
    assert incident.appointment_rule == "cancelled"
    calm = replace(incident, statuses=(StatusEntry("*", "laboratory", "degraded"),))
    assert calm.appointment_rule == "maintained"
    assert replace(calm, appointments="cancelled").appointment_rule == "cancelled"
