"""The shared example in four languages, written only with phrases: it checks clean and
every document kind comes out complete in French, Dutch, German and English, although
no text of the incident was typed at all (let alone once per language)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from crisis_desk import documents
from crisis_desk.checking import ERROR, check
from crisis_desk.domain.model import PhrasedText
from crisis_desk.domain.phrasing import texts_of
from crisis_desk.files.loading import load_incident, load_organisation
from crisis_desk.i18n import LANGUAGES, gettext
from crisis_desk.rendering.context import MISSING
from tests import pdf_tools

DATA = Path(__file__).resolve().parent / "data"
FOUR = ("fr", "nl", "de", "en")
# A phrase of each part, as each document must say it (the notice has them all).
EXPECTED = {
    "fr": ("Par précaution, tous nos systèmes ont été mis à l'arrêt.",
           "Les examens d'imagerie ont lieu à Libramont.",
           "Le parking est gratuit pour les patients pendant la perturbation."),
    "nl": ("Uit voorzorg werden al onze systemen stilgelegd.",
           "Beeldvormingsonderzoeken vinden plaats in Libramont.",
           "Parkeren is gratis voor patiënten zolang de verstoring duurt."),
    "de": ("Vorsorglich wurden alle unsere Systeme heruntergefahren.",
           "Bildgebende Untersuchungen finden in Libramont statt.",
           "Das Parken ist für Patienten während der Störung kostenlos."),
    "en": ("As a precaution, all our systems have been shut down.",
           "Imaging examinations take place in Libramont.",
           "Parking is free for patients during the disruption."),
}


@pytest.fixture(scope="module")
def phrased_example():
    org = load_organisation(DATA / "organisation-four-languages.toml")
    return org, load_incident(DATA / "incident-phrases.toml", org.timezone)


def test_no_text_of_the_incident_is_typed(phrased_example):
    _org, incident = phrased_example
    assert incident.languages == FOUR
    written = [texts for _name, texts, _entry in texts_of(incident) if texts]
    assert len(written) >= 14
    assert all(isinstance(t, PhrasedText) and t.phrases and not t.typed for t in written)


def test_it_checks_clean_in_four_languages(phrased_example):
    org, incident = phrased_example
    problems = check(org, incident)
    assert [p for p in problems if p.severity == ERROR] == []
    # Four languages of headline and action lines alone take more than an A4 or A3 page
    # at the sizes read from 2 m: each site's poster has two pages, which the check says.
    pages = [p for p in problems if p.field == "languages"]
    assert len(pages) == len(org.sites)
    assert all("has 2 pages" in p.message and "FR, NL / DE, EN" in p.message for p in pages)


def test_the_kit_is_made_in_four_languages(tmp_path):
    from crisis_desk.cli.main import main

    assert main(["kit", str(DATA / "incident-phrases.toml"), "--org",
                 str(DATA / "organisation-four-languages.toml"), "--out", str(tmp_path)]) == 0
    posters = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("poster"))
    assert posters and all(name.endswith("-fr-nl-de-en.pdf") for name in posters), posters


def _planned(org, incident):
    for doc in documents.plan(org, incident, list(documents.kind_ids())):
        yield doc, incident


def _text(doc, data: bytes) -> str:
    if doc.fmt == "pdf":
        return pdf_tools.text(data)
    decoded = data.decode("utf-8")
    return pdf_tools.normalise(html.unescape(decoded) if doc.fmt in ("html", "xml") else decoded)


def test_every_document_kind_renders_complete_in_every_language(phrased_example):
    org, incident = phrased_example
    seen_kinds = set()
    for doc, written in _planned(org, incident):
        text = _text(doc, documents.render_planned(doc, org, written))
        seen_kinds.add(doc.kind)
        for code in doc.languages:
            marker = gettext(code, MISSING) % {"language": LANGUAGES[code].native_name}
            assert pdf_tools.normalise(marker) not in text, (doc.filename, code)
            if doc.kind in ("notice", "press", "phone-script", "status-page"):
                facts, note, _advice = EXPECTED[code]
                assert facts in text or doc.kind == "phone-script", (doc.filename, code)
                assert note in text, (doc.filename, code)
            if doc.kind in ("notice", "status-page"):
                assert EXPECTED[code][2] in text, (doc.filename, code)
    assert seen_kinds == set(documents.kind_ids())
