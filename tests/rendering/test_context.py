"""The view model: what patients must do per service group, partners, DPO, addresses."""

from __future__ import annotations

from dataclasses import replace

from crisis_desk.domain.model import DataProtectionOfficer, Partner, Spokesperson, StatusEntry
from crisis_desk.rendering.context import build_view

GODINNE = Partner("godinne", {"fr": "CHU UCL Namur – Godinne", "nl": "UZ UCL Namen – Godinne"},
                  {"fr": "Yvoir", "nl": "Yvoir"}, "Avenue Docteur G. Thérasse 1, 5530 Yvoir",
                  "+32 81 42 21 11")


def test_the_network_view_groups_services_by_what_patients_must_do(example):
    org, incident = example
    fr = build_view(org, incident, "fr").appointments
    assert "Dialyse" in fr.come and "Consultations" in fr.stay_away
    assert ("Imagerie médicale", "Hôpital de Bastogne", "Hôpital de Libramont") in fr.elsewhere
    assert not fr.all_cancelled
    nl = build_view(org, incident, "nl").appointments
    assert "Dialyse" in nl.come and "Raadplegingen" in nl.stay_away


def test_each_site_has_its_own_groups(example):
    org, incident = example
    bastogne = next(s for s in build_view(org, incident, "fr").sites if s.id == "bastogne")
    assert bastogne.appointments.elsewhere == (
        ("Imagerie médicale", "Hôpital de Bastogne", "Hôpital de Libramont"),)
    assert "Dialyse" not in bastogne.appointments.come  # no dialysis at Bastogne


def test_a_partner_destination_carries_its_address_and_phone(example):
    org, incident = example
    org = replace(org, partners=(GODINNE,))
    moved = tuple(replace(e, to="godinne") if e.status == "relocated" else e
                  for e in incident.statuses)
    view = build_view(org, replace(incident, statuses=moved), "nl", "bastogne")
    imaging = next(s for s in view.site.services if s.id == "imaging")
    assert imaging.moved_to == "UZ UCL Namen – Godinne"
    assert imaging.destination.partner
    assert imaging.destination.address == GODINNE.address
    assert imaging.destination.phone == GODINNE.phone
    assert "UZ UCL Namen – Godinne" in imaging.status.label


def test_every_language_points_to_its_own_status_page(example):
    org, incident = example
    org = replace(org, status_urls={"fr": "https://status.example.org/?lang=fr",
                                    "nl": "https://status.example.org/?lang=nl"})
    assert build_view(org, incident, "nl").org.status_url.endswith("lang=nl")
    assert build_view(org, incident, "fr").org.status_url.endswith("lang=fr")


def test_dpo_spokesperson_quote_and_exceptions_reach_the_view(example):
    org, incident = example
    org = replace(org, dpo=DataProtectionOfficer("Anne Dupont", "dpo@example.org"),
                  spokesperson=Spokesperson("Yves Bernard", {"fr": "Directeur général",
                                                             "nl": "Algemeen directeur"}))
    incident = replace(incident, quote={"fr": "Nous faisons tout.", "nl": "We doen alles."},
                       appointment_exceptions={"fr": "Femmes enceintes : venez.",
                                               "nl": "Zwangere vrouwen: kom."})
    view = build_view(org, incident, "nl")
    assert view.org.has_dpo and view.org.dpo_email == "dpo@example.org"
    assert view.org.spokesperson_role == "Algemeen directeur"
    assert view.incident.quote == "We doen alles."
    assert view.appointments.exceptions == "Zwangere vrouwen: kom."


def test_a_service_kept_on_some_sites_only_names_where(example):
    org, incident = example
    apart = (*incident.statuses, StatusEntry("arlon", "imaging", "suspended"))
    view = build_view(org, replace(incident, statuses=apart), "fr")
    come = [name for name in view.appointments.come if name.startswith("Imagerie")]
    stay = [name for name in view.appointments.stay_away if name.startswith("Imagerie")]
    assert come == ["Imagerie médicale (Libramont, Marche-en-Famenne)"]
    assert stay == ["Imagerie médicale (Arlon)"]
