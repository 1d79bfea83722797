"""The SMS and the social post: written for the channel, counted exactly, checked."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crisis_desk.checking import WARNING, check
from crisis_desk.documents import kind
from crisis_desk.domain.gsm import SOCIAL_LIMIT, first_non_gsm, sms_length, social_length
from crisis_desk.domain.incident_kinds import KINDS
from crisis_desk.domain.model import Hotline, StatusEntry
from crisis_desk.i18n import LANGUAGES
from crisis_desk.rendering.request import RenderRequest
from tests.conftest import single_rule


def _sms(org, incident, code: str) -> str:
    return kind("sms").render("txt", RenderRequest(org, incident, (code,))).decode()


def _post(org, incident, code: str) -> str:
    return kind("social").render("txt", RenderRequest(org, incident, (code,))).decode()


@pytest.fixture(params=["example", "demo"])
def incident_pair(request):
    """Both example incidents: the shared contract file and the demo."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def uniform_pair(incident_pair):
    """Both examples with a single appointment rule (every booked service keeps them)."""
    org, incident = incident_pair
    return org, single_rule(incident)


@pytest.mark.parametrize("code", ["fr", "nl"])
def test_a_single_rule_keeps_the_sms_to_one_gsm_segment(uniform_pair, code):
    org, incident = uniform_pair
    text = _sms(org, incident, code)
    length = sms_length(text)
    assert length.encoding == "GSM-7", length.first_outside
    assert length.segments == 1, f"{length.units} septets: {text}"


@pytest.mark.parametrize(("code", "kept", "cancelled"), [
    ("fr", "Dialyse", "ne venez pas"), ("nl", "Dialyse", "kom niet")])
def test_the_example_sms_states_who_comes_and_who_does_not(example, code, kept, cancelled):
    # Dialysis keeps its appointments while consultations do not: the SMS must say both,
    # in the GSM alphabet, in as few segments as the groups allow (the checker warns).
    org, incident = example
    text = _sms(org, incident, code)
    length = sms_length(text)
    assert length.encoding == "GSM-7", length.first_outside
    assert length.segments == 2, f"{length.units} septets: {text}"
    assert kept in text and cancelled in text
    assert "Libramont" in text  # Bastogne's imaging moved there


@pytest.mark.parametrize("code", ["fr", "nl"])
def test_the_sms_says_who_what_to_do_112_and_the_hotline(incident_pair, code):
    org, incident = incident_pair
    text = _sms(org, incident, code)
    assert text.startswith(org.name[code])
    assert org.hotline.phone in text
    assert "112" in text
    assert "\n" not in text and text == text.strip()


def test_the_sms_carries_no_link(incident_pair):
    org, incident = incident_pair
    for code in incident.languages:
        text = _sms(org, incident, code)
        assert "http" not in text and org.status_url.split("//")[-1] not in text


@pytest.mark.parametrize("code", list(LANGUAGES))
@pytest.mark.parametrize("kind_id", list(KINDS))
@pytest.mark.parametrize("rule", ["cancelled", "maintained"])
def test_the_fixed_sms_wording_stays_inside_the_gsm_alphabet(demo, code, kind_id, rule):
    # One no-break space or curly apostrophe in a translation would cut every SMS to 70.
    org, incident = demo
    text = _sms(org, replace(incident, kind=kind_id, appointments=rule), code)
    assert first_non_gsm(text) is None, (code, first_non_gsm(text), text)


def test_the_appointment_rule_follows_the_incident(demo):
    org, incident = demo
    for code in ("fr", "nl"):
        cancelled = _sms(org, replace(incident, appointments="cancelled"), code)
        maintained = _sms(org, replace(incident, appointments="maintained"), code)
        assert cancelled != maintained


@pytest.mark.parametrize("code", ["fr", "nl"])
def test_the_social_post_with_a_single_rule_fits_280(uniform_pair, code):
    org, incident = uniform_pair
    post = _post(org, incident, code)
    assert social_length(post) <= SOCIAL_LIMIT, post
    assert incident.title[code] in post
    assert org.hotline.phone in post
    assert org.status_url in post
    assert "112" in post


def test_the_example_post_keeps_every_group_and_is_flagged_when_over(example):
    org, incident = example
    post = _post(org, incident, "fr")
    assert "Consultations" in post and "Libramont" in post and "112" in post
    over = social_length(post) > SOCIAL_LIMIT
    flagged = [p for p in check(org, incident) if p.field == "social" and p.language == "fr"]
    assert bool(flagged) == over


def test_the_scam_warning_is_added_when_it_fits(example):
    org, incident = example
    incident = single_rule(incident)
    short = replace(incident, title={"fr": "Cyberattaque", "nl": "Cyberaanval"})
    at_risk = _post(org, replace(short, patient_data_at_risk=True), "fr")
    safe = _post(org, replace(short, patient_data_at_risk=False), "fr")
    assert social_length(at_risk) <= SOCIAL_LIMIT
    assert len(at_risk.splitlines()) == len(safe.splitlines()) + 2  # a paragraph more
    assert org.hotline.phone in at_risk and org.status_url in at_risk


def test_optional_parts_give_way_before_the_essentials(example):
    org, incident = example
    incident = single_rule(incident)
    long_title = "Cyberattaque " + "très longue " * 8
    post = _post(org, replace(incident, title={"fr": long_title, "nl": "x"}), "fr")
    assert social_length(post) <= SOCIAL_LIMIT
    assert org.hotline.hours["fr"] not in post
    for essential in (long_title.strip(), org.hotline.phone, org.status_url, "112"):
        assert essential in post


def test_an_impossible_post_still_renders_and_is_flagged(example):
    org, incident = example
    incident = single_rule(incident)
    title = {"fr": "Titre " * 60, "nl": incident.title["nl"]}
    changed = replace(incident, title=title)
    assert title["fr"].strip() in _post(org, changed, "fr")
    flagged = [p for p in check(org, changed) if p.field == "social"]
    assert [(p.severity, p.language) for p in flagged] == [(WARNING, "fr")]


def test_a_single_rule_raises_no_sms_or_social_warning(uniform_pair):
    org, incident = uniform_pair
    assert [p for p in check(org, incident) if p.field in ("sms", "social")] == []


def test_an_sms_over_one_segment_is_flagged_per_language(example):
    org, incident = example
    incident = single_rule(incident)
    name = dict(org.name, nl="Ziekenhuisnetwerk van de Ardennen en de Gaume in Luxemburg")
    problems = check(replace(org, name=name), incident)
    flagged = [p for p in problems if p.field == "sms"]
    assert [(p.severity, p.language) for p in flagged] == [(WARNING, "nl")]
    assert "2 SMS" in flagged[0].message


def test_without_a_hotline_the_sms_leaves_the_info_out(example):
    org, incident = example
    incident = single_rule(incident)
    text = _sms(replace(org, hotline=Hotline()), incident, "fr")
    assert text.rstrip().endswith(".")
    assert sms_length(text).segments == 1


def test_user_text_comes_out_literally(example):
    org, incident = example
    name = dict(org.name, fr="{{ 7*7 }} <b>&amp;</b>")
    title = dict(incident.title, fr="{% raw %}Alerte{{ x }} & <i>")
    sms = _sms(replace(org, name=name), incident, "fr")
    post = _post(org, replace(incident, title=title), "fr")
    assert sms.startswith("{{ 7*7 }} <b>&amp;</b>") and "49" not in sms
    assert post.startswith("{% raw %}Alerte{{ x }} & <i>")


def test_emergency_departments_are_only_said_open_when_they_are(example):
    org, incident = example
    open_post = _post(org, incident, "nl")
    closed = replace(incident, statuses=(StatusEntry("*", "emergency", "closed"),))
    closed_post = _post(org, closed, "nl")
    extra = set(open_post.split(". ")) - set(closed_post.split(". "))
    assert extra, "the open emergency departments are mentioned only while they are open"
