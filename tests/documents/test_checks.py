"""The checks each document kind declares, run on exactly the documents a kit makes."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from crisis_desk.documents import check_documents, kind, kinds
from crisis_desk.documents.checks import (
    cap_alert,
    open_items,
    poster_fit,
    says_nothing_yet,
    sms_segments,
    social_post_length,
)
from crisis_desk.domain.editing import new_incident, with_status, with_text
from crisis_desk.domain.gsm import sms_length
from crisis_desk.domain.incident_kinds import KINDS
from crisis_desk.domain.problems import Severity
from crisis_desk.rendering.request import RenderRequest

ISSUED = datetime(2026, 12, 1, 16, 0, tzinfo=ZoneInfo("Europe/Brussels"))
LONG_SMS = "{{ incident.update }} " + "Information " * 34  # about 410 septets: 3 SMS


def _sms_override(tmp_path, source: str = LONG_SMS) -> tuple[str, ...]:
    (tmp_path / "sms").mkdir()
    (tmp_path / "sms" / "sms.txt.j2").write_text(source, encoding="utf-8")
    return (str(tmp_path),)


def test_every_kind_declares_its_checks():
    declared = {kind_id: doc_kind.checks for kind_id, doc_kind in kinds().items()}
    assert declared["sms"] == (sms_segments,)
    assert declared["social"] == (social_post_length,)
    assert declared["poster"] == declared["poster-a3"] == (poster_fit,)
    assert declared["cap"] == (cap_alert,)
    owed = {"authority-notification", "data-notice", "nis2-early-warning",
            "nis2-notification", "nis2-final-report"}
    assert all(declared[kind_id] == (open_items(kind_id),) for kind_id in owed)
    assert all(not checks for kind_id, checks in declared.items()
               if kind_id not in {"sms", "social", "poster", "poster-a3", "cap"} | owed)


def test_the_examples_pass_every_document_check(calm_example, calm_demo):
    """The CAP warns: the example's sites have no coordinates and its update 3 names no
    earlier message; so do the obligation documents, for what the example does not give
    (breach details, NIS2 assessment, DPO). The demo (update 1, sites placed, breach and
    NIS2 details given) passes every check."""
    org, incident = calm_example
    found = [p.field for p in check_documents(org, incident, None)]
    assert sorted(f for f in found if not f.startswith(("breach.", "nis2.", "organisation.")
                                                      )) == ["published", "site.lat"]
    assert "breach.people" in found and "nis2.malicious" in found
    org, incident = calm_demo
    assert check_documents(org, incident, None) == []


def test_the_shared_example_needs_two_sms_to_state_every_group(example):
    org, incident = example
    problems = check_documents(org, incident, ["sms"])
    assert [(p.field, p.severity) for p in problems] == [("sms", Severity.WARNING)] * 2
    assert all(p.message.endswith(": 2 SMS") for p in problems)


def test_the_sms_is_counted_as_rendered_with_the_organisation_s_template(calm_example,
                                                                         tmp_path):
    org, incident = calm_example
    dirs = _sms_override(tmp_path)
    assert check_documents(org, incident, ["sms"]) == []  # the packaged template fits
    problems = check_documents(org, incident, ["sms"], dirs)
    assert [(p.field, p.language, p.severity) for p in problems] == \
        [("sms", code, Severity.WARNING) for code in incident.languages]
    rendered = kind("sms").render("txt", RenderRequest(org, incident, ("fr",),
                                                       template_dirs=dirs)).decode()
    length = sms_length(rendered)
    assert length.segments == 3
    assert problems[0].message == f"{length.units} of 160 GSM-7 units: 3 SMS"


def test_only_the_documents_asked_for_are_checked(calm_example, tmp_path):
    org, incident = calm_example
    dirs = _sms_override(tmp_path)
    assert check_documents(org, incident, ["social", "poster"], dirs) == []
    assert check_documents(org, incident, [], dirs) == []


def test_a_social_post_too_long_is_a_warning(calm_example):
    org, incident = calm_example
    long_title = dict(incident.title, nl="Een zeer uitvoerige kop " * 12)
    problems = check_documents(org, replace(incident, title=long_title), ["social"])
    assert [(p.field, p.language, p.severity) for p in problems] == \
        [("social", "nl", Severity.WARNING)]


def test_a_broken_template_is_reported_not_raised(example, tmp_path):
    org, incident = example
    dirs = _sms_override(tmp_path, "{{ incident.tittle }}")
    problems = check_documents(org, incident, ["sms", "poster"], dirs)
    assert {p.field for p in problems} == {"sms"}
    assert all(p.severity == Severity.ERROR and "sms/sms.txt.j2" in p.message
               for p in problems)


@pytest.mark.parametrize("languages", [("fr", "nl"), ("fr", "nl", "de"), ("fr", "nl", "de", "en")])
@pytest.mark.parametrize("pair", ["example", "demo"])
def test_a_new_empty_incident_carries_no_sms_warning(request, pair, languages):
    """Nothing typed, nothing marked: the SMS is all fixed wording around the profile's
    name and hotline (two segments in French for an IT outage), not the officer's doing."""
    org, _incident = request.getfixturevalue(pair)
    for kind_id in KINDS:
        blank = new_incident(org.id, kind_id, languages, ISSUED)
        assert says_nothing_yet(blank)
        assert check_documents(org, blank, ["sms"]) == [], kind_id


def test_once_the_officer_starts_the_sms_is_counted_in_full(demo):
    org, _incident = demo
    blank = new_incident(org.id, "it-outage", ("fr", "nl"), ISSUED)
    site, service = org.sites[0].id, org.services[0].id
    marked = with_status(blank, site, service, "degraded")
    assert not says_nothing_yet(marked)
    # the fixed wording alone takes two SMS in French: said once the SMS is to be sent
    assert [p.language for p in check_documents(org, marked, ["sms"])] == ["fr"]
    typed = with_text(blank, "appointment_exceptions", "nl", "Zwangere vrouwen vanaf 36 "
                      "weken komen zoals gepland, net als alle dialysepatiënten.")
    assert not says_nothing_yet(typed)
    assert {p.language for p in check_documents(org, typed, ["sms"])} >= {"nl"}
