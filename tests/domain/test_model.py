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


# -- appointments per service (what patients must do) ------------------------------------

def test_appointments_follow_each_status_by_default(example):
    from crisis_desk.domain.model import appointments_at

    org, incident = example
    assert appointments_at(org, incident, "arlon", "dialysis") == "maintained"
    assert appointments_at(org, incident, "arlon", "consultations") == "cancelled"
    assert appointments_at(org, incident, "arlon", "surgery") == "cancelled"  # limited
    assert appointments_at(org, incident, "arlon", "laboratory") == "maintained"  # degraded
    assert appointments_at(org, incident, "bastogne", "imaging") == "maintained"  # relocated


def test_an_entry_overrides_the_incident_which_overrides_the_status(example):
    from crisis_desk.domain.model import appointments_at

    org, incident = example
    entries = list(incident.statuses)
    number = next(i for i, e in enumerate(entries) if e.service == "surgery")
    entries[number] = replace(entries[number], appointments="maintained")
    told = replace(incident, statuses=tuple(entries), appointments="cancelled")
    assert appointments_at(org, told, "arlon", "surgery") == "maintained"  # its own word
    assert appointments_at(org, told, "arlon", "dialysis") == "cancelled"  # the incident's
    # A service without an entry works normally and keeps its appointments whatever
    # the incident says for the listed ones.
    assert appointments_at(org, told, "arlon", "maternity") == "maintained"


def test_groups_never_say_all_cancelled_while_a_service_keeps_appointments(example):
    from crisis_desk.domain.model import appointment_groups

    org, incident = example
    groups = appointment_groups(org, incident)
    assert {s.id for s in groups.cancelled} >= {"consultations", "surgery"}
    assert "dialysis" in {s.id for s in groups.maintained}
    assert [(s.service.id, s.to) for s in groups.relocated] == [("imaging", "libramont")]
    assert not groups.all_cancelled
    at_arlon = appointment_groups(org, incident, "arlon")
    assert "imaging" in {s.id for s in at_arlon.maintained}
    assert not at_arlon.relocated


def test_a_relocation_may_point_to_a_partner_hospital(example):
    from crisis_desk.domain.model import Partner

    org, _incident = example
    godinne = Partner("godinne", {"fr": "CHU UCL Namur – Godinne"}, {"fr": "Yvoir"},
                      "Avenue Docteur G. Thérasse 1, 5530 Yvoir", "+32 81 42 21 11")
    with_partner = replace(org, partners=(godinne,))
    assert with_partner.destination("godinne") is godinne
    assert with_partner.destination("libramont").id == "libramont"
    assert with_partner.has_partner("godinne") and not org.has_partner("godinne")


def test_each_language_may_have_its_own_status_address(example):
    org, _incident = example
    split = replace(org, status_url="https://status.example.org/fr",
                    status_urls={"nl": "https://status.example.org/nl"})
    assert split.status_url_for("nl") == "https://status.example.org/nl"
    assert split.status_url_for("fr") == "https://status.example.org/fr"
    assert split.status_url_for("de") == "https://status.example.org/fr"


def test_services_without_appointments_are_never_in_an_appointment_line(example):
    from crisis_desk.domain.model import appointment_groups

    org, incident = example
    groups = appointment_groups(org, incident)
    grouped = {s.id for s in (*groups.maintained, *groups.cancelled)}
    assert not grouped & {"emergency", "pharmacy", "phone", "visits"}
    booked = replace(org, services=tuple(replace(s, appointments=True) if s.id == "pharmacy"
                                         else s for s in org.services))
    assert "pharmacy" in {s.id for s in appointment_groups(booked, incident).maintained}
