"""The easy-read notice: short fixed sentences in every language, large type, pictograms.

FALC, Makkelijk lezen and Leichte Sprache ask for sentences of at most 12 words,
one idea each, a picture per action and status, and a large type. The fixed
wording is counted in every language's catalog; the PDF is read back for its
type sizes and the shapes it draws.
"""

from __future__ import annotations

import re
from dataclasses import replace

from crisis_desk.documents import PlannedDocument, kind, render_planned
from crisis_desk.domain.readability import EASY_READ_LIMIT, sentences, word_count
from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import LANGUAGES, gettext
from crisis_desk.pdf.easy import SMALLEST_SIZE
from crisis_desk.support.resources import templates_dir
from tests.pdf_tools import A4, filled_shapes, page_sizes, same_size, text_runs

TEMPLATE = "easy-notice/easy-notice.txt.j2"
MSGID = re.compile(r'_\("((?:[^"\\]|\\.)+)"')
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def fixed_sentences() -> list[str]:
    """Every msgid the easy notice's template writes with _()."""
    source = (templates_dir() / TEMPLATE).read_text(encoding="utf-8")
    return MSGID.findall(source)


def render(org, incident, code: str, fmt: str) -> bytes:
    return render_planned(PlannedDocument("easy-notice", fmt, None, (code,)), org, incident)


def test_every_fixed_sentence_has_at_most_twelve_words_in_every_language():
    msgids = fixed_sentences()
    assert len(msgids) > 40  # the template's wording was found
    too_long = []
    for code in LANGUAGES:
        for msgid in msgids:
            # A name or number put in counts as one word here (the rendered notices
            # are counted with their real names below).
            translated = PLACEHOLDER.sub("X", gettext(code, msgid))
            assert translated != msgid or code == "en", (code, msgid)  # translated
            too_long += [(code, s) for s in sentences(translated)
                         if word_count(s) > EASY_READ_LIMIT]
    assert too_long == []


def test_every_sentence_of_the_shared_examples_easy_notices_is_short(example):
    org, incident = example
    for code in ("fr", "nl"):
        notice = render(org, incident, code, "txt").decode("utf-8")
        counted = sentences(notice.replace("==", ""))
        assert len(counted) > 30
        assert [s for s in counted if word_count(s) > EASY_READ_LIMIT] == []


def test_the_easy_notice_is_one_document_per_language(example):
    org, incident = example
    assert kind("easy-notice").per_language
    french = render(org, incident, "fr", "txt").decode("utf-8")
    dutch = render(org, incident, "nl", "txt").decode("utf-8")
    assert french.startswith("Réseau hospitalier Ardenne-Gaume\nInformation pour les patients")
    assert "Ziekenhuisnetwerk" not in french
    assert dutch.startswith("Ziekenhuisnetwerk Ardennen-Gaume\nInformatie voor patiënten")
    assert "Votre vie est en danger ? Appelez le 112." in french.replace("\u202f", " ")
    assert "Is uw leven in gevaar? Bel 112." in dutch
    assert "Raadplegingen — Dit ligt voorlopig stil. Kom niet. Wij bellen u." in dutch


def test_the_data_part_only_when_data_are_at_risk(example):
    org, incident = example
    at_risk = render(org, incident, "fr", "txt").decode("utf-8")
    assert "Nous ne demandons jamais vos données bancaires." in at_risk
    calm = render(org, replace(incident, patient_data_at_risk=False), "fr", "txt").decode()
    assert "données bancaires" not in calm


def test_the_body_is_set_at_fourteen_points_or_more(example):
    org, incident = example
    data = render(org, incident, "nl", "pdf")
    assert all(same_size(size, A4) for size in page_sizes(data))
    runs = text_runs(data)
    # The page's header (organisation, document), its number and the draft mark are the
    # page's furniture, shared with every document; everything else is the notice.
    furniture = {"Ziekenhuisnetwerk Ardennen-Gaume", gettext("nl", kind("easy-notice").title)}
    body = [(text, size) for text, _font, size in runs
            if text not in furniture and not re.fullmatch(r"\d+ / \d+", text)
            and "ONTWERP" not in text]
    assert len(body) > 30
    assert min(size for _text, size in body) >= SMALLEST_SIZE
    assert any("Bel 112" in text for text, _size in body)


def test_a_pictogram_and_a_status_shape_lead_the_lines(example):
    org, incident = example
    shapes = filled_shapes(render(org, incident, "fr", "pdf"))
    # The example's statuses: operational, degraded, limited, suspended, relocated.
    for status in ("operational", "degraded", "limited", "suspended", "relocated"):
        assert shapes.get(STATUSES[status].colour, 0) >= 1, status
    assert shapes.get("#17324d", 0) >= 20  # the pictograms, drawn in navy
