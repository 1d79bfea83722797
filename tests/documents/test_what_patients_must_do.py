"""What patients must do, per service, in every document, and never "stay away" for all
while a service keeps its appointments; partners, per-language addresses, DPO, quote."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisis_desk.documents import kind
from crisis_desk.domain.model import (
    DataProtectionOfficer,
    Partner,
    Spokesperson,
    StatusEntry,
    appointment_groups,
)
from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import gettext
from crisis_desk.rendering.appointments import ALL_CANCELLED, ALL_CANCELLED_SHORT
from crisis_desk.rendering.request import RenderRequest

TEXT_KINDS = (("sms", "txt"), ("social", "txt"), ("notice", "txt"), ("phone-script", "txt"),
              ("press", "txt"), ("status-page", "html"), ("cap", "xml"))
GODINNE = Partner("godinne", {"fr": "CHU UCL Namur – Godinne", "nl": "UZ UCL Namen – Godinne"},
                  {"fr": "Yvoir", "nl": "Yvoir"}, "Avenue Docteur G. Thérasse 1, 5530 Yvoir",
                  "+32 81 42 21 11")


def _render(org, incident, kind_id: str, fmt: str, code: str, site: str | None = None) -> str:
    doc_kind = kind(kind_id)
    languages = (code,) if doc_kind.per_language else tuple(incident.languages)
    request = RenderRequest(org, incident, languages, site)
    return doc_kind.render(fmt, request).decode("utf-8")


def _everyone_stays_away(code: str) -> tuple[str, ...]:
    return (gettext(code, ALL_CANCELLED), gettext(code, ALL_CANCELLED_SHORT))


def test_the_example_says_dialysis_comes_and_consultations_do_not(example):
    org, incident = example
    for kind_id in ("sms", "notice", "phone-script"):
        fr = _render(org, incident, kind_id, "txt", "fr")
        nl = _render(org, incident, kind_id, "txt", "nl")
        assert "Dialyse" in fr and "venez comme prévu" in fr, (kind_id, fr)
        assert "ne venez pas, nous vous recontacterons" in fr, kind_id
        assert "Dialyse" in nl and "kom zoals gepland" in nl, kind_id
        assert "kom niet, wij nemen contact met u op" in nl, kind_id
        for code, text in (("fr", fr), ("nl", nl)):
            assert not any(phrase in text for phrase in _everyone_stays_away(code)), kind_id


def test_exceptions_are_stated_with_the_rule(example):
    org, incident = example
    told = replace(incident, appointment_exceptions={
        "fr": "Les femmes enceintes de 36 semaines ou plus viennent comme prévu.",
        "nl": "Zwangere vrouwen vanaf 36 weken komen zoals gepland."})
    for kind_id in ("notice", "phone-script", "sms"):
        assert "36 semaines" in _render(org, told, kind_id, "txt", "fr"), kind_id
        assert "36 weken" in _render(org, told, kind_id, "txt", "nl"), kind_id


def test_a_partner_destination_shows_its_address_and_phone(example):
    from crisis_desk.pdf.poster_texts import poster_texts

    org, incident = example
    org = replace(org, partners=(GODINNE,))
    moved = tuple(replace(e, to="godinne") if e.status == "relocated" else e
                  for e in incident.statuses)
    incident = replace(incident, statuses=moved)
    notice = _render(org, incident, "notice", "txt", "fr")
    assert "CHU UCL Namur – Godinne" in notice
    assert GODINNE.address in notice and GODINNE.phone in notice
    texts = poster_texts(org, incident, "bastogne", ("fr", "nl"))
    alternatives = [text.alternative for row in texts.rows for text in row.texts]
    assert any(GODINNE.address in a and GODINNE.phone in a for a in alternatives)
    page = _render(org, incident, "status-page", "html", "fr")
    assert GODINNE.address in page


def test_every_language_carries_its_own_address(example):
    org, incident = example
    org = replace(org, status_url="https://status.example.org/fr",
                  status_urls={"fr": "https://status.example.org/fr",
                               "nl": "https://status.example.org/nl"})
    notice_nl = _render(org, incident, "notice", "txt", "nl").split("=" * 72)[-1]
    assert "https://status.example.org/nl" in notice_nl
    assert "https://status.example.org/fr" not in notice_nl
    cap = _render(org, incident, "cap", "xml", "fr")
    infos = cap.split("<info>")[1:]
    assert "status.example.org/fr" in infos[0] and "status.example.org/nl" in infos[1]


def test_the_status_page_opens_in_dutch_from_a_link(example):
    org, incident = example
    page = _render(org, incident, "status-page", "html", "fr")
    assert '<span class="fragment" id="nl"></span>' in page
    assert "#nl:target ~ main #language-nl { display: block !important; }" in page
    assert "#nl:target ~ main .language:not(#language-nl) { display: none !important; }" in page
    assert 'href="#nl"' in page


def test_the_data_paragraph_names_the_dpo_consequences_and_measures(example):
    org, incident = example
    org = replace(org, dpo=DataProtectionOfficer("Anne Dupont", "dpo@example.org",
                                                 "+32 63 55 00 11"))
    notice = _render(org, incident, "notice", "txt", "fr")
    assert "Anne Dupont, dpo@example.org, +32 63 55 00 11" in notice
    assert "Conséquences possibles" in notice and "Ce que nous faisons" in notice
    told = replace(incident, data_consequences={"fr": "Aucune donnée bancaire n'est concernée.",
                                                "nl": "Geen bankgegevens betrokken."})
    assert "Conséquences possibles\u202f: aucune donnée bancaire n'est concernée." in \
        _render(org, told, "notice", "txt", "fr")
    calm = replace(incident, patient_data_at_risk=False)
    assert "Anne Dupont" not in _render(org, calm, "notice", "txt", "fr")


def test_the_press_statement_quotes_the_spokesperson(example):
    org, incident = example
    org = replace(org, spokesperson=Spokesperson("Yves Bernard", {"fr": "Directeur général",
                                                                 "nl": "Algemeen directeur"}))
    quoted = replace(incident, quote={"fr": "Nos équipes sont mobilisées jour et nuit.",
                                      "nl": "Onze teams werken dag en nacht."})
    fr = _render(org, quoted, "press", "txt", "fr")
    nl = _render(org, quoted, "press", "txt", "nl")
    assert "«\u202fNos équipes sont mobilisées jour et nuit.\u202f», déclare Yves Bernard, " \
           "directeur général." in fr
    assert "“Onze teams werken dag en nacht.”, zegt Yves Bernard, algemeen directeur." in nl


# -- the property: never "everyone stay away" while a service keeps its appointments ----------

STATUS_IDS = sorted(STATUSES)
RULES = (None, "maintained", "cancelled")


@st.composite
def incidents(draw, example):
    org, incident = example
    entries = []
    for service in org.services:
        if draw(st.booleans()):
            site = draw(st.sampled_from(["*", *(s.id for s in org.sites)]))
            status = draw(st.sampled_from(STATUS_IDS))
            to = draw(st.sampled_from([s.id for s in org.sites if s.id != site])) \
                if status == "relocated" else None
            entries.append(StatusEntry(site, service.id, status, to=to,
                                       appointments=draw(st.sampled_from(RULES))))
    return replace(incident, statuses=tuple(entries), appointments=draw(st.sampled_from(RULES)))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_document_sends_everyone_away_while_a_service_keeps_appointments(example, data):
    org, _ = example
    incident = data.draw(incidents(example))
    groups = appointment_groups(org, incident)
    if groups.all_cancelled:
        return
    for kind_id, fmt in TEXT_KINDS:
        for code in incident.languages:
            text = _render(org, incident, kind_id, fmt, code)
            assert not any(phrase in text for phrase in _everyone_stays_away(code)), \
                (kind_id, code, text)
