"""Posters read back as a reader at the entrance (and a phone) would: poppler, zbar, pypdf."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from crisis_desk.checking import check
from crisis_desk.documents import check_documents, kind
from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import gettext
from crisis_desk.pdf.poster import (
    HEADLINE_MIN,
    LADDER,
    TITLES,
    compose,
    fit,
    measure_fit,
    poster_texts,
)
from crisis_desk.rendering.context import build_view
from crisis_desk.rendering.environment import PACKAGE_TEMPLATES
from crisis_desk.rendering.request import ApprovalMark, RenderRequest
from tests.pdf_tools import (
    A3,
    A4,
    fonts,
    metadata,
    normalise,
    page_sizes,
    pypdf_pages_text,
    qr_codes,
    raw_lines,
    same_size,
    text,
)

APPROVAL = ApprovalMark("RHA-2022-003-poster-arlon", 4, "Marie Lambert",
                        datetime(2022, 5, 16, 9, 45, tzinfo=UTC))
HOSTILE = "<b>gras</b> & {{ 7*7 }} </para><para> %(x)s"


def poster(org, incident, site="arlon", kind_id="poster", languages=None, approval=None,
           template_dirs=()):
    request = RenderRequest(org, incident, languages or incident.languages, site, approval,
                            template_dirs)
    return kind(kind_id).render("pdf", request)


@pytest.mark.parametrize(("kind_id", "size"), [("poster", A4), ("poster-a3", A3)])
def test_one_page_of_the_right_size(example, kind_id, size):
    sizes = page_sizes(poster(*example, kind_id=kind_id))
    assert len(sizes) == 1 and same_size(sizes[0], size)


def test_both_languages_and_every_service_of_the_site(example):
    org, incident = example
    for site in org.sites:
        content = text(poster(org, incident, site.id))
        for code in ("fr", "nl"):
            assert normalise(incident.title[code]) in content
            # What to do at this site: who comes, who goes elsewhere, who does not come.
            rule = build_view(org, incident, code, site.id).site.appointments.short[-1]
            assert normalise(rule) in content, (site.id, code)
            assert normalise(site.name[code]) in content
            assert normalise(gettext(code, "What to do")) in content
            for service in org.services_at(site.id):
                assert normalise(service.name[code]) in content, (site.id, service.id, code)
        assert org.hotline.phone in content


def test_status_word_note_and_alternative_site(example):
    org, incident = example
    content = text(poster(org, incident, "bastogne"))
    for code in ("fr", "nl"):
        for status in ("suspended", "limited", "degraded"):
            assert normalise(gettext(code, STATUSES[status].label)) in content
        assert normalise(gettext(code, "Moved to %(site)s")
                         % {"site": org.site("libramont").name[code]}) in content
        assert normalise(next(e.note[code] for e in incident.statuses
                              if e.site == "bastogne")) in content
    assert normalise(org.site("libramont").address) in content  # where to go instead


def test_the_telephone_number_is_never_broken(example, demo):
    for (org, incident), site in ((example, "arlon"), (demo, "braine")):
        for kind_id in ("poster", "poster-a3"):
            lines = raw_lines(poster(org, incident, site, kind_id))
            assert any(org.hotline.phone in line for line in lines), (site, kind_id)


def test_draft_watermark_names_the_languages(example):
    org, incident = example
    assert "PROJET / ONTWERP" in pypdf_pages_text(poster(org, incident))[0]
    assert "ENTWURF / DRAFT" in pypdf_pages_text(poster(org, incident, languages=("de", "en")))[0]


def test_approved_poster_carries_its_mark_instead_of_the_watermark(example):
    org, incident = example
    data = poster(org, incident, approval=APPROVAL)
    assert "PROJET" not in pypdf_pages_text(data)[0] and "ONTWERP" not in text(data)
    content = text(data)
    assert "RHA-2022-003-poster-arlon" in content
    assert "version 4" in content and "versie 4" in content
    assert "Marie Lambert" in content


def test_fonts_are_embedded_and_none_is_a_standard_one(example):
    rows = fonts(poster(*example))
    assert rows and all(embedded == "yes" for _, embedded in rows)
    assert all("DejaVu" in name for name, _ in rows)


def test_qr_code_reads_as_the_status_url(example):
    org, incident = example
    assert qr_codes(poster(org, incident)) == [org.status_url]


def test_qr_code_keeps_query_characters(demo):
    org, incident = demo
    assert "?" in org.status_url and "&" in org.status_url
    assert qr_codes(poster(org, incident, "nivelles", "poster-a3")) == [org.status_url]


def test_no_qr_code_without_a_status_url(example):
    org, incident = example
    assert qr_codes(poster(replace(org, status_url=""), incident)) == []


def test_metadata(example):
    org, incident = example
    info = metadata(poster(org, incident, kind_id="poster-a3"))
    assert info["/Author"] == f"{org.name['fr']} / {org.name['nl']}"
    assert org.site("arlon").name["fr"] in info["/Title"]
    assert incident.title["nl"] in info["/Subject"]
    assert info["/Lang"] == "fr-BE"


def test_user_text_is_printed_literally(example):
    org, incident = example
    long_paragraph = " ".join(f"mot{n}" for n in range(400))  # 2,000+ characters
    entries = tuple(replace(e, note={"fr": f"{HOSTILE} {long_paragraph}", "nl": HOSTILE})
                    if e.service == "consultations" else e for e in incident.statuses)
    incident = replace(incident, statuses=entries,
                       title={"fr": "Titre & <i>", "nl": "{{ 7*7 }}"})
    content = text(poster(org, incident))
    assert normalise(HOSTILE) in content
    assert long_paragraph in content
    assert "Titre & <i>" in content and "{{ 7*7 }}" in content


def test_same_input_gives_the_same_bytes(example_files, example):
    org_file, incident_file = example_files
    in_process = poster(*example, site="marche", kind_id="poster-a3")
    command = [sys.executable, "-m", "crisis_desk.cli.main", "render", str(incident_file), "--org",
               str(org_file), "--kind", "poster-a3", "--site", "marche", "--out", "-"]
    other_process = subprocess.run(command, capture_output=True, check=True).stdout
    assert in_process == poster(*example, site="marche", kind_id="poster-a3")
    assert in_process == other_process


def test_the_examples_fit_at_a_legible_size(example, demo):
    for org, incident in (example, demo):
        assert all(measure_fit(RenderRequest(org, incident, incident.languages, site.id)).fits
                   for site in org.sites)
        assert check_documents(org, incident, ["poster", "poster-a3"]) == []
        for site in org.sites:
            layout, zoom = fit(poster_texts(org, incident, site.id, incident.languages))
            assert zoom == 1.0 and layout.fits


def test_headline_is_at_least_48_points_when_it_fits(example):
    org, incident = example
    texts = poster_texts(org, incident, "arlon", incident.languages)
    fitting = [step for step in LADDER if step.legible and compose(texts, step).fits]
    assert fitting and all(step.headline >= HEADLINE_MIN == 48 for step in fitting)


def test_a_title_too_long_for_any_poster_is_a_check_error(example):
    org, incident = example
    incident = replace(incident, title={"fr": "Très long titre " * 60,
                                        "nl": incident.title["nl"]})
    problems = check_documents(org, incident, ["poster"])
    assert {p.field for p in problems} == {"title"}
    assert {p.language for p in problems} == {"fr"}
    assert all(p.severity == "error" for p in problems)
    assert sorted(p.message.split("'")[1] for p in problems) == sorted(s.id for s in org.sites)
    assert any(p.field == "title" and p.language == "fr" for p in check(org, incident))
    # The poster is still made, whole: nothing is cut, only drawn smaller.
    assert normalise(incident.title["fr"]) in text(poster(org, incident))


def test_a_note_too_long_is_blamed_on_its_status_entry(example):
    org, incident = example
    entries = list(incident.statuses)
    number = next(i for i, e in enumerate(entries) if e.service == "consultations")
    entries[number] = replace(entries[number], note={"fr": "Note interminable. " * 150,
                                                     "nl": entries[number].note["nl"]})
    problems = check_documents(org, replace(incident, statuses=tuple(entries)), ["poster"])
    assert problems and {p.field for p in problems} == {f"status[{number + 1}].note"}
    assert {p.line for p in problems} == {entries[number].line}


def test_an_organisation_template_changes_the_wording(example, tmp_path):
    org, incident = example
    (tmp_path / "poster").mkdir()
    original = (PACKAGE_TEMPLATES / "poster" / "poster.j2").read_text(encoding="utf-8")
    template = original.replace('_("What to do")', '"Consignes maison"')
    assert template != original
    (tmp_path / "poster" / "poster.j2").write_text(template, encoding="utf-8")
    content = text(poster(org, incident, template_dirs=(str(tmp_path),)))
    assert "Consignes maison" in content


def test_a_template_cannot_reach_python_internals(example, tmp_path):
    from crisis_desk.support.errors import TemplateProblem

    org, incident = example
    (tmp_path / "poster").mkdir()
    (tmp_path / "poster" / "poster.j2").write_text(
        "{% block headline %}{{ ''.__class__.__mro__ }}{% endblock %}", encoding="utf-8")
    with pytest.raises(TemplateProblem, match="poster/poster.j2"):
        poster(org, incident, template_dirs=(str(tmp_path),))


def test_measuring_names_the_text_and_its_share_of_the_page(example):
    org, incident = example
    incident = replace(incident, title={"fr": "Très long titre " * 60,
                                        "nl": incident.title["nl"]})
    measured = measure_fit(RenderRequest(org, incident, incident.languages, "arlon"))
    assert not measured.fits and measured.site == "arlon"
    assert [(o.field, o.language) for o in measured.overflows] == [("title", "fr")]
    assert measured.overflows[0].share > 0.3  # the headline's ceiling


def test_a4_and_a3_posters_are_checked_once(example):
    org, incident = example
    incident = replace(incident, title={"fr": "Très long titre " * 60,
                                        "nl": incident.title["nl"]})
    once = check_documents(org, incident, ["poster"])
    assert once and check_documents(org, incident, ["poster", "poster-a3"]) == once


def test_the_metadata_titles_are_the_registry_s(example):
    assert {kind_id: kind(kind_id).title for kind_id in ("poster", "poster-a3")} == TITLES
