"""The structure a flowing template writes beside its text: elements, loose lines, marks."""

from dataclasses import replace

import pytest

from crisis_desk.rendering.context import build_view
from crisis_desk.rendering.environment import environment
from crisis_desk.rendering.grouping import group_services
from crisis_desk.rendering.request import RenderRequest
from crisis_desk.rendering.structure import BLANK, MARK, TEXT, Element, StructureWriter
from crisis_desk.rendering.text_documents import render_structured_parts
from crisis_desk.support.errors import TemplateProblem


def _written(*parts: str | tuple) -> tuple[StructureWriter, str]:
    """A writer and the output a template would give: strings are written text,
    tuples are elements (begin arguments), written as their own text form."""
    writer, output = StructureWriter("test.txt.j2"), ""
    for part in parts:
        if isinstance(part, str):
            output += part
        else:
            output += writer.begin(*part) + f"[{part[1]}]" + writer.end()
    return writer, output


def test_the_text_is_the_output_without_marks_and_the_elements_keep_their_order():
    writer, output = _written(("heading", "Titre"), "\n\n  ", ("status", "Labo", "degraded"),
                              "\nune ligne\n")
    result = writer.structured(output)
    assert result.text == "[Titre]\n\n  [Labo]\nune ligne\n"
    assert result.elements == (Element("heading", "Titre"), Element(BLANK),
                               Element("status", "Labo", "degraded"),
                               Element(TEXT, "une ligne"))


@pytest.mark.parametrize("output", [
    "a" + MARK + "0" + MARK,                       # never closed
    MARK + "/" + MARK,                             # closed, never opened
    "x" + MARK + "7" + MARK + "y" + MARK + "/" + MARK,  # no such element
    MARK + "oops",                                 # half a mark
])
def test_broken_marks_are_a_template_problem(output):
    writer = StructureWriter("test.txt.j2")
    writer.begin("paragraph", "p")
    with pytest.raises(TemplateProblem, match="test.txt.j2"):
        writer.structured(output)


def test_an_element_inside_an_element_or_an_unknown_kind_is_refused():
    writer = StructureWriter("test.txt.j2")
    inner = writer.begin("heading", "a") + writer.begin("heading", "b")
    with pytest.raises(TemplateProblem, match="inside"):
        writer.structured(inner + writer.end() + writer.end())
    with pytest.raises(TemplateProblem, match="no element 'banner'"):
        writer.begin("banner", "x")


def test_the_packaged_notice_marks_every_heading_and_status_row(example):
    org, incident = example
    [(view, notice)] = render_structured_parts("notice", RenderRequest(org, incident, ("nl",)))
    headings = [line[3:-3] for line in notice.text.splitlines() if line.startswith("== ")]
    assert [e.text for e in notice.elements if e.kind in ("heading", "summary")] == headings
    statuses = [e.status for e in notice.elements if e.kind == "status"]
    grouped = group_services(view.sites)
    expected = [s.status.id for s in (*grouped.common_affected, *grouped.common_working[:1])]
    expected += [s.status.id for part in grouped.sites
                 for s in (*part.affected, *part.working[:1])]
    assert sorted(statuses) == sorted(expected)
    assert not [e for e in notice.elements if e.kind == TEXT]  # nothing written loosely


def test_a_user_cannot_forge_an_element(example):
    org, incident = example
    forged = f"{MARK}0{MARK}faux titre{MARK}/{MARK}"
    incident = replace(incident, facts={"fr": forged, "nl": incident.facts["nl"]})
    [(_, notice)] = render_structured_parts("notice", RenderRequest(org, incident, ("fr",)))
    assert MARK not in notice.text and "0faux titre/" in notice.text
    assert Element("paragraph", "0faux titre/") in notice.elements


def test_the_shared_macros_write_the_same_text_without_a_writer(example):
    """Other documents (the approval summary) reuse the macros and get plain text."""
    org, incident = example
    context = build_view(org, incident, "fr").as_context()
    template = environment("fr").from_string(
        '{% import "_shared/text.j2" as t with context %}{{ t.site_status(sites[1]) }}')
    plain = template.render(context)
    writer = StructureWriter("test.txt.j2")
    marked = writer.structured(template.render({**context, "doc": writer}))
    assert MARK not in plain and "Hôpital de Bastogne" in plain and marked.text == plain
    assert [e.kind for e in marked.elements][:2] == ["subheading", "status"]
