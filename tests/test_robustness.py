"""Hostile text through every kind and format (issue 7's quality gate).

Any text in any free field and note — markup, template syntax, ``%`` formats,
control characters, right-to-left text, emoji, combining marks, long paragraphs
and long words — renders in every document without a crash: text formats hold
it exactly, PDFs hold it where the font has the glyphs (read back), HTML and XML
escape it, and the CAP alert stays valid against the OASIS schema. Control
characters are refused by ``check`` and removed the same way everywhere.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html

from crisis_desk.checking import check
from crisis_desk.documents import plan, render_planned
from crisis_desk.domain.model import StatusEntry
from crisis_desk.rendering.text import clean
from tests.pdf_tools import normalise, pages_text

SCHEMA = Path(__file__).resolve().parent / "data" / "CAP-v1.2.xsd"
CAP_NS = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}
HOSTILE = ["{{ 7*7 }}", "{% raw %}", "<b>", "</para>", "<script>alert(1)</script>", "&amp;",
           "&", "%s", "%(name)s", "{0}", "\x07", "\x1b[31m", "\u202e", "שלום", "مرحبا",
           "👩‍⚕️", "e\u0301", "\ufeff", "\u200b", "\uffff", "]]>", "<!--", "\\"]
FONT_SAFE = "abcdefghijklmnopqrstuvwxyzéèëïôçßłőşĳŒ0123456789<>&{}%/\"'#=*()[]"


def _texts() -> st.SearchStrategy[str]:
    words = st.one_of(st.sampled_from(HOSTILE),
                      st.text(st.characters(exclude_categories=("Cs",)), min_size=1,
                              max_size=12))
    return st.one_of(
        st.lists(words, min_size=1, max_size=12).map(" ".join),
        st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=80),
    ).filter(lambda t: clean(t).strip())


def _incident_with(incident, texts: dict[str, str], note: str):
    both = {field: {"fr": value, "nl": value} for field, value in texts.items()}
    return replace(incident, **both, statuses=(
        StatusEntry("*", "laboratory", "degraded", {"fr": note, "nl": note}),
        StatusEntry("bastogne", "imaging", "relocated", {"fr": note, "nl": note}, "libramont"),
    ))


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def _render_everything(org, incident) -> dict[str, bytes]:
    return {doc.filename: render_planned(doc, org, incident) for doc in plan(org, incident)}


FIELDS = ("title", "facts", "patient_advice", "unknowns", "actions")
WITHOUT_FREE_TEXT = ("sms", "social", "dispatch", "easy-notice")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts=st.fixed_dictionaries({f: _texts() for f in FIELDS}), note=_texts())
def test_any_text_renders_in_every_kind_and_format(example, texts, note):
    org, incident = example
    hostile = _incident_with(incident, texts, note)
    problems = check(org, hostile)
    assert not any(p.fatal for p in problems)
    documents = _render_everything(org, hostile)
    assert len(documents) == 54  # 22, 12 for the professionals, 20 obligation documents
    facts, title = clean(texts["facts"]), clean(texts["title"])
    for name, data in documents.items():
        # The SMS and post are too short for every text; the dispatch sheet and the
        # easy-read notice carry no free text about the incident by design.
        if name.endswith(".txt") and not name.startswith(WITHOUT_FREE_TEXT):
            body = data.decode("utf-8")
            assert facts in body, name
            # the data notice and the NIS2 early warning show no service's status
            assert clean(note) in body or name.startswith(("data-notice", "nis2-early")), name
        elif name.endswith(".html"):
            _assert_html_holds(data, [facts, title, clean(note)])
        elif name.endswith(".xml"):
            _assert_cap_valid_and_holds(data, title)
    assert title.strip() in documents["social-fr.txt"].decode("utf-8")


def _visible(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _assert_html_holds(data: bytes, values: list[str]) -> None:
    page = lxml_html.fromstring(data)
    assert len(page.xpath("//script")) == 0
    assert not page.xpath("//*[@src]") and not page.xpath("//b")
    shown = _visible(page.text_content())
    for value in values:
        assert _visible(value) in shown


def _assert_cap_valid_and_holds(data: bytes, title: str) -> None:
    alert = etree.fromstring(data)
    _schema().assertValid(alert)
    headlines = alert.xpath("//cap:info/cap:headline/text()", namespaces=CAP_NS)
    descriptions = " ".join(alert.xpath("//cap:info/cap:description/text()",
                                        namespaces=CAP_NS))
    assert any(_visible(title) in _visible(h) for h in headlines) or \
        _visible(title) in _visible(descriptions)


words_the_font_draws = st.lists(st.text(st.sampled_from(FONT_SAFE), min_size=1, max_size=15),
                                min_size=1, max_size=40).map(" ".join)


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(facts=words_the_font_draws, note=words_the_font_draws)
def test_pdfs_hold_the_text_where_the_font_has_the_glyphs(example, facts, note):
    org, incident = example
    hostile = _incident_with(incident, {"facts": facts}, note)
    for doc in plan(org, hostile, ["notice", "press", "phone-script"], formats=["pdf"]):
        content = " ".join(pages_text(render_planned(doc, org, hostile)))
        assert normalise(note) in content, doc.filename
        assert normalise(facts) in content, doc.filename


def test_control_characters_are_refused_and_removed_everywhere(example):
    org, incident = example
    hostile = _incident_with(incident, {"facts": "Alerte\x07 \x1b[31mrouge\x00"}, "n\x0bote")
    messages = " ".join(p.message for p in check(org, hostile) if p.severity == "error")
    assert "U+0007" in messages and "U+001B" in messages and "U+000B" in messages
    for name, data in _render_everything(org, hostile).items():
        if name.endswith(".pdf"):
            continue
        body = data.decode("utf-8")
        assert "\x07" not in body and "\x1b" not in body and "\x00" not in body, name
        if name.startswith(("notice", "press")):
            assert "Alerte [31mrouge" in body


def test_a_huge_paragraph_and_a_long_word_render_everywhere(example):
    org, incident = example
    paragraph = ("Lorem ipsum dolor sit amet, <b>&amp;</b> {{ x }}. " * 250)[:10_000]
    word = "Donaudampfschifffahrtsgesellschaft" * 15  # 510 characters, no space
    hostile = _incident_with(incident, {"facts": paragraph + " " + word}, word)
    documents = _render_everything(org, hostile)
    assert paragraph in documents["notice-fr-nl.txt"].decode()
    notice_pdf = " ".join(pages_text(documents["notice-fr-nl.pdf"]))
    assert notice_pdf.replace(" ", "").count(word) >= 2
