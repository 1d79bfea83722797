"""A poster whose languages do not fit on one page at the legible sizes: one page per
group of languages, each a complete poster, read back as a reader and a phone would."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisis_desk.documents import check_documents, kind
from crisis_desk.files.loading import load_incident, load_organisation
from crisis_desk.pdf.poster import (
    A3_SIZES,
    A4_SIZES,
    COMPACTION,
    MM,
    Composer,
    compose,
    measure_fit,
    pages,
    poster_texts,
)
from crisis_desk.pdf.poster_groups import language_groups, only
from crisis_desk.rendering.environment import PACKAGE_TEMPLATES
from crisis_desk.rendering.request import RenderRequest
from tests.pdf_tools import (
    A3,
    A4,
    normalise,
    page_sizes,
    pages_text,
    pypdf_pages_text,
    qr_codes,
    same_size,
    text_runs,
)

DATA = Path(__file__).resolve().parent.parent / "data"
PAPERS = {"poster": ("A4", A4, A4_SIZES, 1.0), "poster-a3": ("A3", A3, A3_SIZES, 1.4)}
WATERMARKS = ("PROJET", "ONTWERP", "ENTWURF", "DRAFT", "P R O J")


@pytest.fixture(scope="module")
def four_languages():
    """The shared example written with phrases, in French, Dutch, German and English."""
    org = load_organisation(DATA / "organisation-four-languages.toml")
    return org, load_incident(DATA / "incident-phrases.toml", org.timezone)


def render(org, incident, site="arlon", kind_id="poster", template_dirs=()):
    request = RenderRequest(org, incident, incident.languages, site,
                            template_dirs=template_dirs)
    return kind(kind_id).render("pdf", request)


# -- the grouping ------------------------------------------------------------------------

def test_languages_are_grouped_greedily_in_their_order(four_languages):
    org, incident = four_languages
    texts = poster_texts(org, incident, "arlon", incident.languages)

    def room_for(limit, weights):
        return lambda page: sum(weights[lang.code] for lang in page.languages) <= limit

    even = {"fr": 1, "nl": 1, "de": 1, "en": 1}
    assert language_groups(texts, room_for(4, even)) == (("fr", "nl", "de", "en"),)
    assert language_groups(texts, room_for(3, even)) == (("fr", "nl", "de"), ("en",))
    assert language_groups(texts, room_for(2, even)) == (("fr", "nl"), ("de", "en"))
    # Greedy, in the incident's order: a long first language takes a page of its own,
    # and one that fits nowhere still gets one (the check reports it).
    uneven = {"fr": 3, "nl": 2, "de": 1, "en": 9}
    assert language_groups(texts, room_for(3, uneven)) == (("fr",), ("nl", "de"), ("en",))


def test_a_page_s_texts_are_its_languages_alone(four_languages):
    org, incident = four_languages
    texts = poster_texts(org, incident, "bastogne", incident.languages)
    page = only(texts, ("de", "en"))
    assert [lang.code for lang in page.languages] == ["de", "en"]
    assert page.languages == texts.languages[2:]
    assert all(row.texts == full.texts[2:] for row, full in zip(page.rows, texts.rows,
                                                               strict=True))
    assert (page.hotline, page.status_url) == (texts.hotline, texts.status_url)


def test_languages_that_fit_together_stay_on_one_page(four_languages):
    org, incident = four_languages
    for codes in (("fr", "nl"), ("nl", "de"), ("de", "en"), ("fr",)):
        texts = poster_texts(org, incident, "arlon", codes)
        for paper in ("A4", "A3"):
            assert pages(texts, paper) == (texts,)


# -- four languages: two pages, each a complete poster at the legible sizes ---------------

@pytest.mark.parametrize("kind_id", ["poster", "poster-a3"])
def test_four_languages_make_two_complete_pages(four_languages, kind_id):
    org, incident = four_languages
    paper, size, sizes, factor = PAPERS[kind_id]
    assert sizes.headline >= 48 * factor and sizes.action >= 24 * factor
    assert sizes.service >= 18 * factor and sizes.hotline >= 24 * factor
    assert sizes.update >= 11 * factor and sizes.qr_code >= 35 * MM * factor
    for site in org.sites:
        data = render(org, incident, site.id, kind_id)
        assert [same_size(s, size) for s in page_sizes(data)] == [True, True]
        texts = poster_texts(org, incident, site.id, incident.languages)
        groups = pages(texts, paper)
        assert [[lang.code for lang in page.languages] for page in groups] \
            == [["fr", "nl"], ["de", "en"]]
        read = pages_text(data)
        for number, page in enumerate(groups):
            assert compose(page, paper).fits, (site.id, kind_id, number)
            assert_page_holds(data, number, page, paper, factor, read[number])
            assert qr_codes(data, page=number + 1) == [org.status_url], (site.id, number)
        # Each language on its own page only.
        for number in range(len(groups)):
            for lang in groups[1 - number].languages:
                assert normalise(lang.headline) not in read[number], (number, lang.code)
                assert normalise(lang.emergency) not in read[number], (number, lang.code)


def _at_least(runs, size):
    return " ".join(run for run, _font, run_size in runs if run_size >= size - 0.01)


def assert_page_holds(data, number, page, paper, factor, content):
    """Page ``number`` is a whole poster of ``page``'s languages at the minimum sizes: the
    site band, the headlines and action lines in order, the services shown or counted,
    the hotline, the update line."""
    layout = compose(page, paper)
    runs = [run for run in text_runs(data, range(number, number + 1))
            if not any(mark in run[0] for mark in WATERMARKS)]
    headline, action = _at_least(runs, 48 * factor), _at_least(runs, 24 * factor)
    services, smallest = _at_least(runs, 18 * factor), _at_least(runs, 11 * factor)
    position = 0
    for lang in page.languages:
        assert normalise(lang.site) in _at_least(runs, 22 * factor)
        assert normalise(lang.headline) in headline
        for line in lang.actions:
            assert normalise(line) in action, (number, lang.code, line)
        assert normalise(lang.update) in smallest
        for part in (lang.headline, *lang.actions):  # this language after the one before
            position = content.index(normalise(part), position) + len(normalise(part))
    assert page.hotline in action
    for row in page.rows:
        if row.id in layout.shown:
            for cell in row.texts:
                assert normalise(cell.name) in services and normalise(cell.status) in services
    if layout.hidden:
        for lang in page.languages:
            assert normalise(lang.more(layout.hidden)) in content
    assert len(layout.shown) + layout.hidden == sum(row.affected for row in page.rows)
    assert all(size >= 11 * factor - 0.01 for run, _font, size in runs if run.strip()
               and run.strip() != "·"), sorted({(r, s) for r, _f, s in runs if s < 11 * factor})


def test_each_page_s_watermark_names_its_languages(four_languages):
    org, incident = four_languages
    first, second = pypdf_pages_text(render(org, incident))
    assert "PROJET / ONTWERP" in first and "ENTWURF" not in first
    assert "ENTWURF / DRAFT" in second and "PROJET" not in second


def test_the_pages_are_the_same_bytes_every_time(four_languages):
    org, incident = four_languages
    assert render(org, incident, "marche", "poster-a3") == \
        render(org, incident, "marche", "poster-a3")


# -- the check -----------------------------------------------------------------------------

@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_four_languages_of_action_lines_alone_exceed_one_page(four_languages, paper):
    org, incident = four_languages
    for site in org.sites:
        texts = poster_texts(org, incident, site.id, incident.languages)
        composer = Composer(texts, paper, ())
        composer.level = COMPACTION[-1]
        together = sum(composer.language(lang).height for lang in texts.languages)
        assert not compose(texts, paper).fits and together > composer.height, site.id


def test_a_poster_over_two_pages_is_a_warning_naming_its_groups(four_languages):
    org, incident = four_languages
    problems = check_documents(org, incident, ["poster", "poster-a3"])
    assert [p.severity for p in problems] == ["warning"] * len(org.sites)
    assert {p.field for p in problems} == {"languages"}
    for problem, site in zip(problems, org.sites, strict=True):
        assert f"'{site.id}' has 2 pages" in problem.message
        assert "FR, NL / DE, EN" in problem.message
    fit = measure_fit(RenderRequest(org, incident, incident.languages, "arlon"))
    assert fit.fits and fit.groups == (("fr", "nl"), ("de", "en"))


def test_a_language_that_cannot_fit_even_alone_is_an_error(example, tmp_path):
    org, incident = example
    (tmp_path / "poster").mkdir()
    packaged = (PACKAGE_TEMPLATES / "poster" / "poster.j2").read_text(encoding="utf-8")
    long = "{% block headline %}{{ incident.kind_name }} " + "Lisez ceci. " * 40 \
        + "{% endblock %}"
    source = packaged.replace("{% block headline %}{{ incident.kind_name }}{% endblock %}",
                              long)
    assert source != packaged
    (tmp_path / "poster" / "poster.j2").write_text(source, encoding="utf-8")
    folders = (str(tmp_path),)
    request = RenderRequest(org, incident, incident.languages, "arlon", template_dirs=folders)
    fit = measure_fit(request)
    # Each language alone overflows its page: one page each, and the longest of what
    # every poster keeps is blamed in each, with the share of its own page.
    assert fit.groups == (("fr",), ("nl",))
    assert [(o.language, o.crowded) for o in fit.overflows] == [("fr", True), ("nl", True)]
    assert all(o.share > 1 for o in fit.overflows)
    problems = [p for p in check_documents(org, incident, ["poster"], folders)
                if p.message.split("'")[1] == "arlon"]
    assert {p.severity for p in problems} == {"error", "warning"}
    errors = [p for p in problems if p.severity == "error"]
    assert {p.language for p in errors} == {"fr", "nl"}
    assert all("in 1 language," in p.message for p in errors)
    # Still made, one page per language, nothing cut.
    assert len(page_sizes(render(org, incident, template_dirs=folders))) == 2
