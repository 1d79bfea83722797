"""Notice, press statement and phone script as PDF: the text version's content, laid out
from the structure the same templates write, also when an organisation overrides them."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from crisis_desk.documents import kind
from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import gettext
from crisis_desk.pdf.flowing import styles
from crisis_desk.pdf.fonts import BOLD, REGULAR
from crisis_desk.rendering.context import build_view
from crisis_desk.rendering.request import ApprovalMark, RenderRequest
from crisis_desk.rendering.template_folders import organisation_template_dirs
from crisis_desk.rendering.text_documents import render_text_parts
from tests.pdf_tools import (
    A4,
    filled_shapes,
    fonts,
    metadata,
    normalise,
    page_sizes,
    pages_text,
    pypdf_pages_text,
    same_size,
    text,
    text_runs,
)

APPROVAL = ApprovalMark("RHA-2022-003-notice", 2, "Jan Peeters",
                        datetime(2022, 5, 16, 9, 50, tzinfo=UTC))
HEADING = re.compile(r"^== (.*) ==$")
SYMBOLS = tuple(status.symbol for status in STATUSES.values())


def render(org, incident, kind_id, languages=None, approval=None, template_dirs=(),
           fmt="pdf"):
    request = RenderRequest(org, incident, languages or incident.languages, None, approval,
                            template_dirs)
    return kind(kind_id).render(fmt, request)


def expected_lines(kind_id, org, incident, languages):
    """Every line of the text version as the PDF prints it: headings without their
    markers, status lines without their symbol (the PDF draws the shape instead), a
    table's cells word by word."""
    request = RenderRequest(org, incident, languages)
    for part in render_text_parts(kind_id, request):
        for line in part.splitlines():
            line = line.strip()
            heading = HEADING.match(line)
            if heading:
                line = heading.group(1)
            elif line[:1] in SYMBOLS or line.startswith("- "):
                line = line[2:]
            if " | " in line:  # a table row: its cells wrap in their columns, word by word
                yield from (normalise(word) for cell in line.split(" | ")
                            for word in cell.split() if word not in SYMBOLS)
            elif line:
                yield normalise(line)


@pytest.mark.parametrize(("kind_id", "languages"), [("notice", ("fr", "nl")),
                                                    ("press", ("fr",)), ("press", ("nl",)),
                                                    ("phone-script", ("fr", "nl"))])
def test_same_content_as_the_text_version(example, kind_id, languages):
    org, incident = example
    content = text(render(org, incident, kind_id, languages))
    missing = [line for line in expected_lines(kind_id, org, incident, languages)
               if line not in content]
    assert not missing


def test_a4_pages_numbered_with_the_header_in_each_language(example):
    org, incident = example
    data = render(org, incident, "notice")
    pages = pages_text(data)
    assert len(pages) > 1 and all(same_size(size, A4) for size in page_sizes(data))
    for number, page in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in page
    assert pages[0].startswith(org.name["fr"]) and pages[-1].startswith(org.name["nl"])
    first_dutch = next(i for i, page in enumerate(pages) if org.name["nl"] in page)
    assert incident.facts["nl"][:40] not in " ".join(pages[:first_dutch])


def test_watermark_on_every_page_of_a_draft(example):
    org, incident = example
    pages = pypdf_pages_text(render(org, incident, "phone-script"))
    assert pages and all("PROJET / ONTWERP" in page for page in pages)
    press = pypdf_pages_text(render(org, incident, "press", ("nl",)))
    assert all("ONTWERP" in page and "PROJET" not in page for page in press)


def test_approved_document_has_its_mark_on_every_page_and_no_watermark(example):
    org, incident = example
    data = render(org, incident, "notice", approval=APPROVAL)
    pages = pages_text(data)
    assert all("RHA-2022-003-notice" in page and "Jan Peeters" in page for page in pages)
    assert "version 2" in pages[0] and "versie 2" in pages[-1]
    assert not any("PROJET" in page or "ONTWERP" in page for page in pypdf_pages_text(data))


def test_fonts_embedded_and_metadata(example):
    org, incident = example
    data = render(org, incident, "press", ("nl",))
    assert all(embedded == "yes" for _, embedded in fonts(data))
    info = metadata(data)
    assert info["/Author"] == org.name["nl"]
    assert incident.title["nl"] in info["/Title"] and info["/Lang"] == "nl-BE"


def test_user_text_is_printed_literally_even_when_long(example):
    org, incident = example
    hostile = "<b>gras</b> & {{ 7*7 }} </para><para> &amp; <font size=40>x</font>"
    long_paragraph = " ".join(f"mot{n}" for n in range(500))
    incident = replace(incident, facts={"fr": f"{hostile}\n{long_paragraph}",
                                        "nl": incident.facts["nl"]})
    content = text(render(org, incident, "notice"))
    assert normalise(hostile) in content
    # The paragraph runs over a page break (the next page's header comes between).
    assert re.findall(r"mot\d+", content) == long_paragraph.split()


def test_a_word_longer_than_the_line_is_kept_whole(example):
    org, incident = example
    word = "x" * 3000
    incident = replace(incident, facts={"fr": word, "nl": incident.facts["nl"]})
    content = text(render(org, incident, "press", ("fr",)))
    assert content.replace(" ", "").count(word) == 1


def test_same_input_gives_the_same_bytes(example):
    assert render(*example, "notice") == render(*example, "notice")


# -- an organisation's own notice template -----------------------------------------------

OWN_HEADING = "Nos services aujourd'hui"
OWN_LINE = "Une ligne ajoutée par l'hôpital, hors de tout élément."
WITH_MACROS = """{% import "_shared/text.j2" as t with context %}
{{ t.kicker(org.name) }}
{{ t.title(incident.title) }}

{{ t.heading("OWN_HEADING") }}
{% for site in sites %}
{{ t.site_status(site) }}
{% endfor %}
OWN_LINE

{{ t.heading(_("Contacts")) }}
{{ t.contact(t.hotline_line(org)) }}
""".replace("OWN_HEADING", OWN_HEADING).replace("OWN_LINE", OWN_LINE)
# The same document written as bare text: headings and symbols only look like them.
WITHOUT_MACROS = """{{ org.name }}
{{ incident.title }}

== OWN_HEADING ==
{% for site in sites %}
{{ site.name }}
{% for service in site.affected %}
  {{ service.status.symbol }} {{ service.name }}: {{ service.status.label }}
{% endfor %}
{% endfor %}
OWN_LINE
""".replace("OWN_HEADING", OWN_HEADING).replace("OWN_LINE", OWN_LINE)


def _own_notice(tmp_path, source):
    folder = tmp_path / "templates" / "notice"
    folder.mkdir(parents=True)
    (folder / "notice.txt.j2").write_text(source, encoding="utf-8")
    (tmp_path / "organisation.toml").touch()
    return organisation_template_dirs(tmp_path / "organisation.toml")


def _runs_of(runs, wanted):
    return {(font, size) for content, font, size in runs if content == normalise(wanted)}


def _expected_shapes(org, incident):
    """How many rows of each status colour the French page lists: affected services, and
    one "operating normally" row per site with working services."""
    counts: dict[str, int] = {}
    for site in build_view(org, incident, "fr").sites:
        ids = [service.status.id for service in site.affected]
        ids += ["operational"] if site.working else []
        for status_id in ids:
            ink = STATUSES[status_id].colour.lower()
            counts[ink] = counts.get(ink, 0) + 1
    return counts


def test_an_overridden_notice_keeps_its_headings_and_status_shapes(example, tmp_path):
    org, incident = example
    dirs = _own_notice(tmp_path, WITH_MACROS)
    plain = render(org, incident, "notice", ("fr",), template_dirs=dirs, fmt="txt").decode()
    assert f"== {OWN_HEADING} ==" in plain and OWN_LINE in plain
    data = render(org, incident, "notice", ("fr",), template_dirs=dirs)
    runs = text_runs(data)
    assert _runs_of(runs, OWN_HEADING) == {(BOLD, styles().heading.fontSize)}
    assert _runs_of(runs, org.sites[0].name["fr"]) == {(BOLD, styles().site.fontSize)}
    # loose text is kept, as text
    assert _runs_of(runs, OWN_LINE) == {(REGULAR, styles().body.fontSize)}
    inks = {STATUSES[s].colour.lower() for s in STATUSES}
    drawn = {ink: n for ink, n in filled_shapes(data).items() if ink in inks}
    assert drawn == _expected_shapes(org, incident)


def test_bare_text_is_not_taken_for_structure(example, tmp_path):
    org, incident = example
    data = render(org, incident, "notice", ("fr",),
                  template_dirs=_own_notice(tmp_path, WITHOUT_MACROS))
    runs = text_runs(data)
    assert _runs_of(runs, f"== {OWN_HEADING} ==") == {(REGULAR, styles().body.fontSize)}
    inks = {STATUSES[s].colour.lower() for s in STATUSES}
    assert not set(filled_shapes(data)) & inks


# -- written for its readers: one page, the summary first, type that can be read ----------

def _network(org, incident, sites=16, services=40):
    """A network of ``sites`` sites and ``services`` services with the same statuses
    everywhere: ten services affected, each with a note."""
    from crisis_desk.domain.model import Service, Site, StatusEntry

    network_sites = tuple(Site(f"s{n}", {"fr": f"Hôpital de Ville-{n}",
                                         "nl": f"Ziekenhuis Stad-{n}"},
                               {"fr": f"Ville-{n}", "nl": f"Stad-{n}"}) for n in range(sites))
    catalogue = tuple(Service(f"x{n}", {"fr": f"Service de soins numéro {n}",
                                        "nl": f"Zorgdienst nummer {n}"},
                              icon="emergency" if n == 0 else "consultation")
                      for n in range(services))
    statuses = tuple(StatusEntry("*", f"x{n}", status, {"fr": "Une note pour ce service.",
                                                         "nl": "Een opmerking bij deze dienst."})
                     for n, status in zip(range(1, 11), ["degraded", "suspended", "limited",
                                                         "closed"] * 3, strict=False))
    return (replace(org, sites=network_sites, services=catalogue, partners=()),
            replace(incident, statuses=statuses))


def test_the_shared_example_notice_is_one_page_per_language(example):
    data = render(*example, "notice", ("fr", "nl"))
    assert len(page_sizes(data)) == 2
    first, second = pages_text(data)
    assert "Information aux patients" in first and "Informatie voor patiënten" in second


def test_a_sixteen_site_forty_service_network_stays_within_two_pages_per_language(example):
    org, incident = _network(*example)
    assert len(page_sizes(render(org, incident, "notice", ("fr", "nl")))) <= 4


@pytest.mark.parametrize(("kind_id", "languages"), [("notice", ("fr", "nl")),
                                                    ("press", ("nl",)),
                                                    ("phone-script", ("fr", "nl"))])
def test_body_text_is_never_smaller_than_eleven_points(example, kind_id, languages):
    org, incident = example
    data = render(org, incident, kind_id, languages, approval=APPROVAL)
    page_marks = {normalise(text) for code in languages  # the running header
                  for text in (org.name[code], gettext(code, kind(kind_id).title))}
    small = [(content, size) for content, _, size in text_runs(data)
             if size < 11 and content not in page_marks
             and not re.fullmatch(r"\d+ / \d+", content)  # the page number
             and APPROVAL.number not in content and "Jan Peeters" not in content]
    assert small == []


def test_the_summary_box_comes_first(example):
    org, incident = example
    data = render(org, incident, "notice", ("fr",))
    [page] = pages_text(data)
    view = build_view(org, incident, "fr")
    box = page.index("L'essentiel")
    assert box < page.index(normalise(view.appointments.sentences[0])) \
        < page.index("Ce qui s'est passé")
    fill = "#eef3f8"
    assert filled_shapes(data).get(fill, 0) >= 1  # the box's tinted ground


def test_the_phone_scripts_first_page_is_the_card(example):
    org, incident = example
    data = render(org, incident, "phone-script", ("fr",))
    card, *rest = pages_text(data)  # the questions follow, on as many pages as they need
    questions = "\n".join(rest)
    for marker in ("1. Décrocher", "Arlon", "Marche-en-Famenne", "3. Rendez-vous",
                   "4. Vers qui orienter", "+32 63 55 00 99"):
        assert marker in card
    assert questions.index("5. Questions des appelants") < questions.index("7. Jamais")
    assert "5. Questions" not in card


def test_a_summary_and_a_cell_longer_than_a_page_go_on_over_the_next(example):
    """The longest texts ``check`` lets through still lay out: the boxed summary and
    the phone script's table continue on the next page instead of failing."""
    from crisis_desk.domain.limits import MAX_TEXT_LENGTH

    org, incident = example
    words = ("Femmes enceintes de 36 semaines ou plus : venez comme prévu. " * 400)
    long = words[:MAX_TEXT_LENGTH]
    entry = replace(incident.statuses[0], note={"fr": long, "nl": long})
    hostile = replace(incident, appointment_exceptions={"fr": long, "nl": long},
                      statuses=(entry, *incident.statuses[1:]))
    for kind_id in ("notice", "phone-script"):
        request = RenderRequest(org, hostile, ("fr", "nl"))
        pdf = kind(kind_id).render("pdf", request)
        assert pdf.startswith(b"%PDF")
