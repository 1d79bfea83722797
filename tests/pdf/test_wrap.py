"""Line breaking for the posters: nothing lost, nothing wider than the line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crisis_desk.pdf.fonts import BOLD, REGULAR, text_width
from crisis_desk.pdf.wrap import Span, Style, wrap

BODY = Style(REGULAR, 12)
STRONG = Style(BOLD, 12, "#b3261e")


def line_texts(lines):
    return [" ".join(piece.text for piece in line.pieces) for line in lines]


def test_breaks_at_spaces_within_the_width():
    text = "Les résultats sont transmis sur papier, avec retard, à tous les services."
    lines = wrap([Span(text, BODY)], 120)
    assert len(lines) > 1
    assert " ".join(line_texts(lines)) == text
    assert all(line.width <= 120 for line in lines)


def test_typed_newlines_are_kept_and_empty_lines_have_height():
    lines = wrap([Span("un\n\ndeux", BODY)], 500)
    assert line_texts(lines) == ["un", "", "deux"]
    assert all(line.height == BODY.line_height for line in lines)


def test_no_break_spaces_do_not_break():
    text = "Que\u202ffaire\u00a0? 1\u202f500 consultations"
    lines = wrap([Span(text, BODY)], text_width("Que\u202ffaire\u00a0? 1", REGULAR, 12))
    assert line_texts(lines)[0] == "Que\u202ffaire\u00a0?"


def test_a_word_wider_than_the_line_is_split_not_lost():
    word = "Ziekenhuisnetwerkinformaticasystemen" * 5
    lines = wrap([Span(word, BODY)], 100)
    assert "".join(line_texts(lines)) == word
    assert all(line.width <= 100 for line in lines)


def test_styles_share_a_line_and_keep_their_colour():
    lines = wrap([Span("Consultations", BODY), Span("Suspendu", STRONG)], 400)
    assert len(lines) == 1
    assert [(p.text, p.style.colour) for p in lines[0].pieces] == [
        ("Consultations", BODY.colour), ("Suspendu", "#b3261e")]
    assert lines[0].pieces[1].x > text_width("Consultations", REGULAR, 12)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
       st.floats(min_value=5, max_value=500))
def test_any_text_is_kept_whole(text, width):
    lines = wrap([Span(text, BODY)], width)
    kept = "".join("".join(p.text for p in line.pieces) for line in lines)
    expected = "".join(text.replace("\t", " ").replace("\n", " ").split(" "))
    assert kept.replace(" ", "") == expected
