"""Organisations and incidents to canonical TOML and back, equal to what was loaded."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisis_desk.domain.model import StatusEntry
from crisis_desk.files import writing as serialise
from crisis_desk.files.loading import load_incident, load_organisation

ANY_TEXT = st.text(max_size=300)


def test_the_shared_example_round_trips(example):
    org, incident = example
    assert serialise.organisation_from_toml(serialise.organisation_to_toml(org)) == org
    back = serialise.incident_from_toml(serialise.incident_to_toml(incident), org.timezone)
    assert back == incident


def test_the_demo_round_trips(demo):
    org, incident = demo
    assert serialise.organisation_from_toml(serialise.organisation_to_toml(org)) == org
    assert serialise.incident_from_toml(serialise.incident_to_toml(incident)) == incident


def test_an_exported_file_loads_back_with_the_loader(demo, tmp_path):
    org, incident = demo
    (tmp_path / "org.toml").write_text(
        serialise.export_text(serialise.organisation_to_toml(org), "organisation chsd"))
    (tmp_path / "incident.toml").write_text(
        serialise.export_text(serialise.incident_to_toml(incident), "incident 1\nversion 2"))
    loaded_org = load_organisation(tmp_path / "org.toml")
    assert loaded_org == org
    assert load_incident(tmp_path / "incident.toml", loaded_org.timezone) == incident


def test_the_text_is_canonical(demo):
    _org, incident = demo
    shuffled = replace(incident, facts=dict(reversed(list(incident.facts.items()))),
                       statuses=tuple(replace(e, note=dict(reversed(list(e.note.items()))),
                                              line=None) for e in incident.statuses))
    assert serialise.incident_to_toml(shuffled) == serialise.incident_to_toml(incident)
    changed = replace(incident, facts={**incident.facts, "nl": incident.facts["nl"] + "!"})
    assert serialise.incident_to_toml(changed) != serialise.incident_to_toml(incident)


def test_optional_fields_come_back_as_their_defaults(demo):
    org, incident = demo
    bare = replace(incident, next_update=None, appointments=None, organisation="",
                   statuses=(StatusEntry("*", "laboratory", "closed"),))
    assert serialise.incident_from_toml(serialise.incident_to_toml(bare)) == bare
    plain = replace(org, about={}, status_url="", hotline=replace(org.hotline, hours={}))
    assert serialise.organisation_from_toml(serialise.organisation_to_toml(plain)) == plain


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # demo is read-only
@given(facts=ANY_TEXT, note=ANY_TEXT, name=ANY_TEXT, offset=st.integers(-12 * 60, 14 * 60),
       micro=st.integers(0, 999_999))
def test_any_text_and_moment_round_trips(demo, facts, note, name, offset, micro):
    org, incident = demo
    zone = timezone(timedelta(minutes=offset))
    issued = datetime(2026, 3, 9, 9, 30, 0, micro, tzinfo=UTC).astimezone(zone)
    edited = replace(incident, facts={"fr": facts, "nl": incident.facts["nl"]}, issued=issued,
                     statuses=(StatusEntry("tubize", "pharmacy", "closed", {"nl": note}),))
    assert serialise.incident_from_toml(serialise.incident_to_toml(edited)) == edited
    renamed = replace(org, name={"fr": name, "nl": org.name["nl"]})
    assert serialise.organisation_from_toml(serialise.organisation_to_toml(renamed)) == renamed


def test_every_new_field_round_trips(example):
    from crisis_desk.domain.model import DataProtectionOfficer, Partner, Spokesperson

    org, incident = example
    sites = (replace(org.sites[0], lat=49.6833, lon=5.8167), *org.sites[1:])
    services = (replace(org.services[0], priority=2), *org.services[1:])
    richer = replace(
        org, sites=sites, services=services,
        partners=(Partner("godinne", {"fr": "CHU UCL Namur – Godinne", "nl": "CHU UCL Namen"},
                          {"fr": "Yvoir"}, "Avenue Docteur G. Thérasse 1, 5530 Yvoir",
                          "+32 81 42 21 11", 50.3, 4.9),),
        dpo=DataProtectionOfficer("Anne Dupont", "dpo@example.org", "+32 63 55 00 11"),
        spokesperson=Spokesperson("Yves Bernard", {"fr": "Directeur général",
                                                   "nl": "Algemeen directeur"}),
        status_urls={"fr": "https://status.example.org/fr",
                     "nl": "https://status.example.org/nl"},
        status_url="https://status.example.org/fr")
    entries = (replace(incident.statuses[0], appointments="maintained", to=None),
               *incident.statuses[1:])
    told = replace(incident, statuses=entries, appointments="cancelled",
                   appointment_exceptions={"fr": "Femmes enceintes : venez.",
                                           "nl": "Zwanger: kom."},
                   quote={"fr": "Nous faisons tout.", "nl": "We doen alles."},
                   data_consequences={"fr": "Hameçonnage.", "nl": "Phishing."},
                   data_measures={"fr": "Mots de passe changés.", "nl": "Wachtwoorden gewijzigd."})
    text = serialise.organisation_to_toml(richer)
    assert "format = 2" in text
    assert serialise.organisation_from_toml(text) == richer
    back = serialise.incident_from_toml(serialise.incident_to_toml(told), org.timezone)
    assert back == told


def test_the_cap_messages_already_sent_round_trip(example):
    from crisis_desk.domain.model import PublishedMessage

    org, incident = example
    sent = replace(incident, published=(PublishedMessage(
        "rha@status.example.org", "rha-1", datetime(2022, 5, 14, 8, tzinfo=UTC)),))
    text = serialise.incident_to_toml(sent)
    assert "published" in text
    assert serialise.incident_from_toml(text, org.timezone) == sent


def test_the_fields_for_professionals_round_trip(example):
    org, incident = example
    org = replace(org, physicians_contact="+32 63 55 00 50")
    entries = (*incident.statuses,
               StatusEntry("marche", "emergency", "limited", ambulances="diverted",
                           ambulances_to="libramont"))
    told = replace(incident, statuses=entries, physicians_contact="+32 63 55 00 51",
                   staff_instructions={"fr": "Passez au bureau de crise.",
                                       "nl": "Kom langs bij de crisiscel."})
    assert serialise.organisation_from_toml(serialise.organisation_to_toml(org)) == org
    text = serialise.incident_to_toml(told)
    assert 'ambulances = "diverted"' in text and 'ambulances_to = "libramont"' in text
    assert serialise.incident_from_toml(text, org.timezone) == told
