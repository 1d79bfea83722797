"""Posters read back as a reader at the entrance (and a phone) would: poppler, zbar, pypdf."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crisis_desk.checking import check
from crisis_desk.documents import check_documents, kind
from crisis_desk.domain.model import StatusEntry
from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import gettext
from crisis_desk.pdf.fonts import BOLD
from crisis_desk.pdf.poster import (
    A3_SIZES,
    A4_SIZES,
    MM,
    TITLES,
    compose,
    measure_fit,
    poster_texts,
)
from crisis_desk.pdf.wrap import Style, wrap_url
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
    require,
    same_size,
    text,
    text_runs,
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


def test_both_languages_and_every_affected_service_shown_or_counted(example):
    org, incident = example
    for site in org.sites:
        for kind_id, paper in (("poster", "A4"), ("poster-a3", "A3")):
            content = text(poster(org, incident, site.id, kind_id))
            texts = poster_texts(org, incident, site.id, incident.languages)
            layout = compose(texts, paper)
            for code in ("fr", "nl"):
                view = build_view(org, incident, code, site.id)
                assert normalise(view.incident.kind_name) in content
                # What to do at this site: who comes, who goes elsewhere, who does not come.
                rule = next(lang.what_to_do for lang in texts.languages if lang.code == code)
                assert rule in view.site.appointments.short
                assert normalise(rule) in content, (site.id, code)
                assert normalise(site.name[code]) in content
                for service in view.site.affected:
                    shown = service.id in layout.shown
                    assert (normalise(service.name) in content) == shown or not shown
                    assert shown or layout.hidden, (site.id, service.id)
            affected = sum(row.affected for row in texts.rows)
            assert len(layout.shown) + layout.hidden == affected
            if layout.hidden:
                assert normalise(gettext("fr", "Other affected services: %(count)s. See the "
                                         "status page and the patient notice.")
                                 % {"count": layout.hidden}) in content
            assert org.hotline.phone in content


def test_status_word_note_and_alternative_site(example):
    org, incident = example
    content = text(poster(org, incident, "bastogne", "poster-a3"))
    texts = poster_texts(org, incident, "bastogne", incident.languages)
    shown = [row for row in texts.rows if row.id in compose(texts, "A3").shown]
    assert shown
    for code in ("fr", "nl"):
        for row in shown:
            assert normalise(gettext(code, STATUSES[row.status.id].label)) in content
        if "imaging" in [row.id for row in shown]:  # relocated: where to go instead
            assert normalise(gettext(code, "Moved to %(site)s")
                             % {"site": org.site("libramont").name[code]}) in content
            assert normalise(org.site("libramont").address) in content
        # The relocation is an action line in any case.
        assert normalise(org.site("libramont").name[code]) in content \
            or "Libramont" in content


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
    entries = tuple(replace(e, note={"fr": HOSTILE, "nl": HOSTILE})
                    if e.service == "consultations" else e for e in incident.statuses)
    incident = replace(incident, statuses=entries,
                       title={"fr": "Titre & <i>", "nl": "{{ 7*7 }}"})
    org = replace(org, name={"fr": HOSTILE, "nl": org.name["nl"]})
    content = text(poster(org, incident, kind_id="poster-a3"))
    assert normalise(HOSTILE) in content
    subject = metadata(poster(org, incident, kind_id="poster-a3"))["/Subject"]
    assert "Titre & <i>" in subject and "{{ 7*7 }}" in subject


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
            for paper in ("A4", "A3"):
                assert compose(poster_texts(org, incident, site.id, incident.languages),
                               paper).fits


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
    # The poster is still made, without the title it cannot hold.
    assert normalise(gettext("fr", "Cyberattack")) in text(poster(org, incident))


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
    template = original.replace('_("Information line")', '"Consignes maison"')
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
    assert measured.overflows[0].share > 0.12  # the title's ceiling


def test_a4_and_a3_posters_are_checked_once(example):
    org, incident = example
    incident = replace(incident, title={"fr": "Très long titre " * 60,
                                        "nl": incident.title["nl"]})
    once = check_documents(org, incident, ["poster"])
    assert once and check_documents(org, incident, ["poster", "poster-a3"]) == once


def test_the_metadata_titles_are_the_registry_s(example):
    assert {kind_id: kind(kind_id).title for kind_id in ("poster", "poster-a3")} == TITLES


# -- read from 2 m: the type sizes, read back from the PDF -------------------------------

THREE_TITLES = {
    "fr": "Cyberattaque : les consultations de lundi et les opérations programmées sont reportées",
    "nl": "Cyberaanval: de raadplegingen van maandag en de geplande operaties worden uitgesteld",
    "de": "Cyberangriff: Die Sprechstunden am Montag und geplante Operationen werden verschoben",
}


def three_languages(demo):
    """The demo in French, Dutch and German, each title close to 90 characters."""
    org, incident = demo
    return org, replace(incident, title={**incident.title, **THREE_TITLES},
                        languages=("fr", "nl", "de"))


def _at_least(runs, size):
    """The text of every run set at ``size`` points or more, in drawing order."""
    return " ".join(run for run, _font, run_size in runs if run_size >= size - 0.01)


def assert_sizes_hold(org, incident, site, kind_id):
    data = poster(org, incident, site, kind_id)
    paper = "A4" if kind_id == "poster" else "A3"
    sizes = A4_SIZES if paper == "A4" else A3_SIZES
    factor = 1.0 if paper == "A4" else 1.4
    texts = poster_texts(org, incident, site, incident.languages)
    layout = compose(texts, paper)
    runs = [run for run in text_runs(data) if "P R O J" not in run[0] and "PROJET" not in run[0]
            and "ENTWURF" not in run[0]]
    assert layout.fits
    assert sizes.headline >= 48 * factor and sizes.action >= 24 * factor
    assert sizes.service >= 18 * factor and sizes.note >= 12 * factor
    assert sizes.hotline >= 24 * factor and sizes.update >= 11 * factor
    assert sizes.qr_code >= 35 * MM * factor
    headline, action = _at_least(runs, 48 * factor), _at_least(runs, 24 * factor)
    services, smallest = _at_least(runs, 18 * factor), _at_least(runs, 11 * factor)
    for lang in texts.languages:
        assert normalise(lang.headline) in headline, (site, kind_id, lang.code)
        for line in lang.actions:
            assert normalise(line) in action, (site, kind_id, lang.code, line)
        assert normalise(lang.update) in smallest
    assert texts.hotline in action
    for row in texts.rows:
        if row.id in layout.shown:
            for text in row.texts:
                assert normalise(text.name) in services and normalise(text.status) in services
    # Nothing a reader needs is set smaller than the update line; only the approval mark is.
    assert all(size >= 11 * factor - 0.01 for run, _font, size in runs
               if "version" not in run and "versie" not in run and run.strip() != "·"
               and size < 11 * factor - 0.01 and not _approval_placeholder(run)), \
        sorted({(run, size) for run, _f, size in runs if size < 11 * factor})


def _approval_placeholder(run: str) -> bool:
    return not run.strip()


@pytest.mark.parametrize("kind_id", ["poster", "poster-a3"])
def test_every_size_rule_holds_on_the_shared_example(example, kind_id):
    org, incident = example
    for site in org.sites:
        assert_sizes_hold(org, incident, site.id, kind_id)


@pytest.mark.parametrize("kind_id", ["poster", "poster-a3"])
def test_three_languages_with_long_titles_fit_and_hold_the_sizes(demo, kind_id):
    org, incident = three_languages(demo)
    assert check_documents(org, incident, ["poster", "poster-a3"]) == []
    for site in org.sites:
        assert_sizes_hold(org, incident, site.id, kind_id)
        content = text(poster(org, incident, site.id, kind_id))
        for code in ("fr", "nl", "de"):
            assert normalise(gettext(code, "Life-threatening emergency: call 112.")) in content


def test_a3_is_laid_out_again_not_scaled(example):
    org, incident = example
    for site in org.sites:
        texts = poster_texts(org, incident, site.id, incident.languages)
        a4, a3 = compose(texts, "A4"), compose(texts, "A3")
        assert (a3.width, a3.height) == pytest.approx(A3)
        assert len(a3.shown) >= len(a4.shown)
    sizes = {size for _run, _font, size in text_runs(poster(org, incident, "arlon",
                                                            "poster-a3"))}
    assert any(abs(size - 48 * 1.4) < 0.01 for size in sizes)
    assert any(abs(size - 24 * 1.4) < 0.01 for size in sizes)


def test_services_without_room_are_counted_never_shrunk(example):
    org, incident = example
    # Every service of Arlon suspended: more than any poster holds at these sizes.
    entries = tuple(replace(e, status="suspended", note={"fr": "Reporté.", "nl": "Uitgesteld."},
                            to=None)
                    for e in incident.statuses if e.service != "emergency")
    listed = {e.service for e in entries}
    extra = tuple(StatusEntry(site="*", service=s.id, status="suspended")
                  for s in org.services_at("arlon")
                  if s.id not in listed and s.id != "emergency")
    incident = replace(incident, statuses=entries + extra)
    texts = poster_texts(org, incident, "arlon", incident.languages)
    for kind_id, paper in (("poster", "A4"), ("poster-a3", "A3")):
        layout = compose(texts, paper)
        assert layout.hidden > 0 and layout.fits
        content = text(poster(org, incident, "arlon", kind_id))
        for lang in texts.languages:
            assert normalise(lang.more(layout.hidden)) in content
        assert_sizes_hold(org, incident, "arlon", kind_id)
    # Closed and relocated services come first: they send patients away.
    assert [row.priority for row in texts.rows] == sorted(row.priority for row in texts.rows)


def test_the_qr_code_reads_after_blur_and_rotation_like_a_phone_photo(example, demo):
    convert = require("convert", "imagemagick")
    zbarimg = require("zbarimg", "zbar-tools")
    pdftoppm = require("pdftoppm", "poppler-utils")
    cases = [(example, site.id) for site in example[0].sites] + [(demo, "nivelles")]
    for (org, incident), site in cases:
        for kind_id in ("poster", "poster-a3"):
            with tempfile.TemporaryDirectory() as folder:
                pdf, page = Path(folder) / "p.pdf", Path(folder) / "page"
                pdf.write_bytes(poster(org, incident, site, kind_id))
                subprocess.run([pdftoppm, "-r", "150", "-singlefile", "-png", str(pdf),
                                str(page)], check=True)
                photo = Path(folder) / "photo.png"
                subprocess.run([convert, f"{page}.png", "-blur", "0x1", "-rotate", "7",
                                str(photo)], check=True)
                found = subprocess.run([zbarimg, "--raw", "-q", str(photo)],
                                       capture_output=True).stdout.decode().split()
            assert found == [org.status_url], (site, kind_id)


def test_a_web_address_never_breaks_inside_its_query():
    style = Style(BOLD, 11.0)
    url = "chsd.example.be/statut/urgences/aujourd-hui?site=all&lang=fr&view=poster"
    for width in (40.0, 80.0, 120.0, 200.0, 1000.0):
        lines = ["".join(p.text for p in line.pieces) for line in wrap_url(url, style, width)]
        assert "".join(lines) == url
        assert lines[-1].endswith("?site=all&lang=fr&view=poster")
        assert all("?" not in line for line in lines[:-1])


def test_the_demo_address_is_printed_with_its_query_whole(demo):
    org, incident = demo
    lines = raw_lines(poster(org, incident, "nivelles", "poster-a3"))
    assert any("statut?site=all&lang=fr" in line for line in lines)


def test_no_line_starts_with_a_colon(example):
    org, incident = example
    for site in org.sites:
        for kind_id in ("poster", "poster-a3"):
            for line in raw_lines(poster(org, incident, site.id, kind_id)):
                assert not line.lstrip().startswith((":", ";", "!", "?")), (site.id, line)


def test_one_variant_of_the_rule_in_every_language(example):
    org, incident = example
    texts = poster_texts(org, incident, "bastogne", incident.languages)
    fr, nl = (lang.what_to_do for lang in texts.languages)
    # Both name the group that keeps its appointments and send the others away.
    assert ("Autres rendez-vous" in fr) == ("Andere afspraken:" in nl)
    assert ("sont maintenus" in fr) == ("gaan door" in nl)


def test_what_a_patient_needs_first_comes_first(example):
    org, incident = example
    for kind_id, paper in (("poster", "A4"), ("poster-a3", "A3")):
        content = text(poster(org, incident, "arlon", kind_id))
        texts = poster_texts(org, incident, "arlon", incident.languages)
        layout = compose(texts, paper)
        first_service = next(row for row in texts.rows if row.id in layout.shown)
        for number, lang in enumerate(texts.languages):
            order = [normalise(lang.headline), *(normalise(a) for a in lang.actions),
                     normalise(first_service.texts[number].name), texts.hotline]
            position = 0
            for part in order:  # each found after the one before it
                position = content.index(part, position) + len(part)
            # and the services come after the last language's action lines
            after = content.index(normalise(texts.languages[-1].emergency))
            assert normalise(first_service.texts[number].status) in content[after:]


def _crowded(org, incident):
    """Arlon with maternity closed and every other service but emergencies suspended:
    more than any poster holds at its sizes."""
    entries = tuple(StatusEntry(site="*", service=s.id,
                                status="closed" if s.id == "maternity" else "suspended")
                    for s in org.services_at("arlon") if s.id != "emergency")
    return replace(incident, statuses=entries)


def _prioritised(org, priorities):
    return replace(org, services=tuple(replace(s, priority=priorities.get(s.id))
                                       for s in org.services))


def test_a_catalogue_priority_chooses_the_services_shown_after_closed_ones(example):
    org, incident = example
    incident = _crowded(org, incident)
    plain = compose(poster_texts(org, incident, "arlon", incident.languages), "A4")
    # The last services of the catalogue have no room without a priority...
    assert plain.hidden and "visits" not in plain.shown and "pharmacy" not in plain.shown
    ranked = _prioritised(org, {"visits": 1, "pharmacy": 2, "maternity": 3})
    texts = poster_texts(ranked, incident, "arlon", incident.languages)
    # ...with one, they come right after the closed service, which stays first anyway.
    assert [row.id for row in texts.rows][:3] == ["maternity", "visits", "pharmacy"]
    layout = compose(texts, "A4")
    assert layout.shown[:3] == ("maternity", "visits", "pharmacy")
    assert layout.hidden == plain.hidden
    content = text(poster(ranked, incident, "arlon"))
    for code in ("fr", "nl"):
        assert normalise(org.service("visits").name[code]) in content
    # Services without a priority keep the catalogue's order after the ranked ones.
    rest = [row.id for row in texts.rows if row.rank is None and row.affected]
    catalogue = [s.id for s in org.services_at("arlon") if s.id in rest]
    assert [r for r in rest if r != "maternity"] == [c for c in catalogue if c != "maternity"]


def test_a_single_text_past_its_share_is_named_alone(example):
    org, incident = example
    incident = replace(incident, title={"fr": "Très long titre " * 60,
                                        "nl": incident.title["nl"]})
    fit = measure_fit(RenderRequest(org, incident, incident.languages, "arlon"))
    assert [(o.field, o.crowded) for o in fit.overflows] == [("title", False)]
