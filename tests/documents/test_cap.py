"""The CAP 1.2 alert: valid against the OASIS schema, one info block per language, same codes."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree

from crisis_desk.documents import check_documents, kind
from crisis_desk.documents.cap import EXPIRY_MARGIN, cap_time, response_type, severity, urgency
from crisis_desk.domain.incident_kinds import KINDS
from crisis_desk.domain.model import PublishedMessage, StatusEntry
from crisis_desk.domain.problems import Severity
from crisis_desk.i18n import LANGUAGES, gettext
from crisis_desk.rendering.request import ApprovalMark, RenderRequest

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "CAP-v1.2.xsd"
NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}
CAP_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
CODES = ("category", "responseType", "urgency", "severity", "certainty", "eventCode",
         "effective", "onset", "parameter", "web")


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def _alert(org, incident, languages=None, approval=None, history=()) -> bytes:
    request = RenderRequest(org, incident, tuple(languages or incident.languages),
                            approval=approval, history=tuple(history))
    return kind("cap").render("xml", request)


def _valid(schema, data: bytes) -> etree._Element:
    root = etree.fromstring(data)
    schema.assertValid(root)
    return root


def _one(element, path: str) -> str:
    [found] = element.xpath(path, namespaces=NS)
    return found.text or ""


@pytest.fixture(params=["example", "demo", "demo-fr-nl-de"])
def case(request):
    """(org, incident, languages): both examples, and the demo in three languages."""
    if request.param == "demo-fr-nl-de":
        org, incident = request.getfixturevalue("demo")
        return org, replace(incident, languages=("fr", "nl", "de")), ("fr", "nl", "de")
    org, incident = request.getfixturevalue(request.param)
    return org, incident, incident.languages


def test_the_alert_is_valid_cap_1_2(schema, case):
    org, incident, languages = case
    _valid(schema, _alert(org, incident, languages))


def test_one_info_block_per_language_with_its_tag(schema, case):
    org, incident, languages = case
    root = _valid(schema, _alert(org, incident, languages))
    tags = root.xpath("cap:info/cap:language/text()", namespaces=NS)
    assert tags == [LANGUAGES[code].tag for code in languages]
    for info, code in zip(root.xpath("cap:info", namespaces=NS), languages, strict=True):
        assert _one(info, "cap:headline") == incident.title[code]
        assert _one(info, "cap:senderName") == org.name[code]
        assert incident.facts[code] in _one(info, "cap:description")
        assert incident.patient_advice[code] in _one(info, "cap:instruction")
        assert org.hotline.phone in _one(info, "cap:contact")
        assert _one(info, "cap:event") == gettext(code, KINDS[incident.kind].cap_event)
        areas = info.xpath("cap:area/cap:areaDesc/text()", namespaces=NS)
        assert len(areas) == len(org.sites)  # one area per site, named in the language
        for area, site in zip(areas, org.sites, strict=True):
            assert area.startswith(site.name[code])


def test_codes_are_identical_across_blocks(schema, case):
    org, incident, languages = case
    root = _valid(schema, _alert(org, incident, languages))
    blocks = [[etree.tostring(element) for name in CODES
               for element in info.xpath(f"cap:{name}", namespaces=NS)]
              for info in root.xpath("cap:info", namespaces=NS)]
    assert len(blocks) == len(languages) and blocks[0]
    assert all(block == blocks[0] for block in blocks)
    categories = root.xpath("cap:info[1]/cap:category/text()", namespaces=NS)
    assert tuple(categories) == KINDS[incident.kind].cap_categories


def test_header_fields(schema, example):
    org, incident = example
    root = _valid(schema, _alert(org, incident))
    assert _one(root, "cap:scope") == "Public"
    assert _one(root, "cap:status") == "Draft"  # not approved: not actionable
    # The example is update 3, but nothing tells which messages it updates: receivers
    # could attach an Update to nothing, so it goes out as an Alert (the checker warns).
    assert _one(root, "cap:msgType") == "Alert"
    assert _one(root, "cap:info[1]/cap:web") == org.status_url
    for value in (_one(root, "cap:identifier"), _one(root, "cap:sender")):
        assert value and not re.search(r"[\s,<&]", value), value


def test_an_approved_alert_is_actual(schema, example):
    org, incident = example
    mark = ApprovalMark("RHA-2022-003-cap", 1, "Dr Jansen", datetime(2022, 5, 16, tzinfo=UTC))
    root = _valid(schema, _alert(org, incident, approval=mark))
    assert _one(root, "cap:status") == "Actual"
    assert not root.xpath("cap:note", namespaces=NS)


def test_times_carry_an_offset_never_z(schema, example):
    org, incident = example
    for zone in ("Europe/Brussels", "UTC", "America/St_Johns"):
        root = _valid(schema, _alert(replace(org, timezone=zone), incident))
        times = root.xpath("//cap:sent | //cap:effective | //cap:onset", namespaces=NS)
        assert times
        for element in times:
            assert CAP_TIME.match(element.text), element.text
    brussels = _valid(schema, _alert(org, incident))
    assert _one(brussels, "cap:sent") == "2022-05-16T10:00:00+02:00"


def test_first_update_is_an_alert_without_references(schema, demo):
    org, incident = demo
    root = _valid(schema, _alert(org, incident))
    assert incident.update == 1
    assert _one(root, "cap:msgType") == "Alert"
    assert not root.xpath("cap:references", namespaces=NS)


def test_later_updates_reference_the_alerts_the_store_knows(schema, example):
    org, incident = example
    first = replace(incident, update=1, issued=incident.started + timedelta(hours=6))
    second = replace(incident, update=2, issued=incident.started + timedelta(hours=30))
    earlier = [_valid(schema, _alert(org, update, history=history))
               for update, history in ((first, ()), (second, (first,)))]
    root = _valid(schema, _alert(org, incident, history=(first, second)))
    expected = " ".join(",".join(_one(alert, f"cap:{field}")
                                 for field in ("sender", "identifier", "sent"))
                        for alert in earlier)
    assert _one(root, "cap:references") == expected
    identifiers = {_one(alert, "cap:identifier") for alert in (*earlier, root)}
    assert len(identifiers) == 3
    assert {_one(alert, "cap:incidents") for alert in (*earlier, root)} == {
        _one(root, "cap:incidents")}


def test_an_update_without_known_history_has_no_references(schema, example):
    org, incident = example
    root = _valid(schema, _alert(org, incident))
    assert not root.xpath("cap:references", namespaces=NS)
    assert _one(root, "cap:msgType") == "Alert"


def test_an_update_is_always_sent_with_references(schema, example):
    org, incident = example
    first = replace(incident, update=1, issued=incident.started + timedelta(hours=6))
    root = _valid(schema, _alert(org, incident, history=(first,)))
    assert _one(root, "cap:msgType") == "Update"
    assert root.xpath("cap:references", namespaces=NS)


def test_messages_listed_in_the_incident_file_are_referenced(schema, example):
    """Without the database (``kit`` on a laptop), the file's [[published]] list serves."""
    org, incident = example
    sent = [PublishedMessage("rha@status.example.org", f"rha-alert-{n}",
                             incident.started + timedelta(hours=n)) for n in (2, 1)]
    root = _valid(schema, _alert(org, replace(incident, published=tuple(sent))))
    assert _one(root, "cap:msgType") == "Update"
    assert _one(root, "cap:references") == (
        "rha@status.example.org,rha-alert-1,2022-05-14T02:30:00+02:00 "
        "rha@status.example.org,rha-alert-2,2022-05-14T03:30:00+02:00")


def test_the_alert_expires_after_the_next_update_or_a_day_after_issue(schema, example):
    org, incident = example
    for info in _valid(schema, _alert(org, incident)).xpath("cap:info", namespaces=NS):
        assert _one(info, "cap:expires") == cap_time(incident.next_update + EXPIRY_MARGIN,
                                                     org.timezone)
    unplanned = _valid(schema, _alert(org, replace(incident, next_update=None)))
    assert _one(unplanned, "cap:info[1]/cap:expires") == "2022-05-17T10:00:00+02:00"


def test_every_site_with_coordinates_is_a_circle(schema, example):
    org, incident = example
    placed = replace(org, sites=(replace(org.sites[0], lat=49.6833, lon=5.8167),
                                 *org.sites[1:]))
    root = _valid(schema, _alert(placed, incident))
    for info in root.xpath("cap:info", namespaces=NS):
        areas = info.xpath("cap:area", namespaces=NS)
        assert len(areas) == len(org.sites)
        assert _one(areas[0], "cap:circle") == "49.683300,5.816700 10"
        assert all(not area.xpath("cap:circle", namespaces=NS) for area in areas[1:])


def test_the_checker_warns_about_missing_geometry_and_references(example):
    org, incident = example
    found = check_documents(org, incident, ["cap"])
    assert sorted(problem.field for problem in found) == ["published", "site.lat"]
    assert all(problem.severity == Severity.WARNING for problem in found)
    one_placed = replace(org, sites=(replace(org.sites[0], lat=50.0, lon=5.5), *org.sites[1:]))
    assert {p.field for p in check_documents(one_placed, incident, ["cap"])} == {
        "published", *(f"site[{site.id}].lat" for site in org.sites[1:])}
    placed = replace(org, sites=tuple(replace(s, lat=50.0, lon=5.5) for s in org.sites))
    first = PublishedMessage("rha@x", "rha-1", incident.started)
    assert check_documents(placed, replace(incident, published=(first,)), ["cap"]) == []


def test_notes_and_alternatives_follow_the_statuses(schema, example):
    """What every other document says after a status, the CAP says too."""
    org, incident = example
    root = _valid(schema, _alert(org, incident))
    for info, code in zip(root.xpath("cap:info", namespaces=NS), incident.languages,
                          strict=True):
        description = _one(info, "cap:description")
        for entry in incident.statuses:
            if entry.note.get(code):
                assert entry.note[code] in description, entry
    closed = replace(incident, statuses=(StatusEntry("arlon", "laboratory", "closed"),))
    fr = _one(_valid(schema, _alert(org, closed)), "cap:info[1]/cap:description")
    line = next(text for text in fr.splitlines() if org.service("laboratory").name["fr"] in text)
    assert "Disponible" in line and org.site("bastogne").name["fr"] in line, line


def test_identifier_is_deterministic_and_clean(schema, example):
    org, incident = example
    once, again = (_valid(schema, _alert(org, incident)) for _ in range(2))
    assert _one(once, "cap:identifier") == _one(again, "cap:identifier")
    odd = replace(org, id="R H A, <west> & co", status_url="https://st atus,<x>&.example")
    root = _valid(schema, _alert(odd, replace(incident, organisation=odd.id)))
    for value in (_one(root, "cap:identifier"), _one(root, "cap:sender")):
        assert value and not re.search(r"[\s,<&]", value), value


@pytest.mark.parametrize(("worst", "emergency_out", "expected"), [
    (0, False, ("Past", "Minor")),
    (1, False, ("Expected", "Minor")),
    (2, False, ("Immediate", "Moderate")),
    (3, False, ("Immediate", "Moderate")),
    (4, True, ("Immediate", "Severe")),
])
def test_urgency_and_severity_follow_the_worst_status(worst, emergency_out, expected):
    assert (urgency(worst), severity(worst, emergency_out)) == expected


def test_response_type_follows_the_appointment_rule():
    assert response_type(0, "cancelled") == "AllClear"
    assert response_type(3, "cancelled") == "Avoid"
    assert response_type(1, "maintained") == "Monitor"


@pytest.mark.parametrize(("statuses", "codes"), [
    ((), ("Past", "Minor", "AllClear")),
    ((StatusEntry("*", "laboratory", "degraded"),), ("Expected", "Minor", "Monitor")),
    ((StatusEntry("*", "consultations", "suspended"),), ("Immediate", "Moderate", "Avoid")),
    ((StatusEntry("arlon", "emergency", "closed"),), ("Immediate", "Severe", "Avoid")),
    ((StatusEntry("arlon", "emergency", "relocated", to="libramont"),),
     ("Immediate", "Moderate", "Monitor")),
])
def test_codes_are_derived_from_the_statuses(schema, example, statuses, codes):
    org, incident = example
    root = _valid(schema, _alert(org, replace(incident, statuses=statuses)))
    info = root.xpath("cap:info[1]", namespaces=NS)[0]
    found = tuple(_one(info, f"cap:{name}") for name in ("urgency", "severity", "responseType"))
    assert found == codes
    assert _one(info, "cap:certainty") == "Observed"


def test_categories_come_from_the_kind(schema, example):
    org, incident = example
    root = _valid(schema, _alert(org, replace(incident, kind="evacuation")))
    assert tuple(root.xpath("cap:info[1]/cap:category/text()", namespaces=NS)) == \
        KINDS["evacuation"].cap_categories


def test_user_text_is_escaped_and_comes_back_literally(schema, example):
    org, incident = example
    hostile = "<b>&amp;</b> ]]> {{ 7*7 }} \"quoted\" 'single' & </info>"
    incident = replace(incident, title=dict(incident.title, fr=hostile),
                       facts=dict(incident.facts, fr=hostile),
                       patient_advice=dict(incident.patient_advice, nl=hostile))
    org = replace(org, name=dict(org.name, nl=hostile))
    root = _valid(schema, _alert(org, incident))
    fr, nl = root.xpath("cap:info", namespaces=NS)
    assert _one(fr, "cap:headline") == hostile
    assert hostile in _one(fr, "cap:description")
    assert hostile in _one(nl, "cap:instruction")
    assert _one(nl, "cap:senderName") == hostile


def test_characters_xml_cannot_carry_are_left_out(schema, example):
    org, incident = example
    incident = replace(incident, facts=dict(incident.facts, fr="Panne\uffff totale\ufffe."))
    root = _valid(schema, _alert(org, incident))
    assert "Panne totale." in _one(root, "cap:info[1]/cap:description")


def test_the_statuses_are_described_once_when_they_apply_everywhere(schema, example):
    org, incident = example
    root = _valid(schema, _alert(org, incident))
    description = _one(root, "cap:info[2]/cap:description")
    consultations = org.service("consultations").name["nl"]
    imaging = org.service("imaging").name["nl"]
    assert description.count(consultations) == 1  # suspended at every site
    assert description.count(imaging) == len(org.sites)  # differs at Bastogne
    assert org.site("libramont").name["nl"] in description
