"""Draft watermark and approval mark wording, in the document's languages."""

from __future__ import annotations

from datetime import UTC, datetime

from crisis_desk.pdf.marks import approval_line, draft_label, joined
from crisis_desk.rendering.request import ApprovalMark

APPROVAL = ApprovalMark("CHSD-2026-001-press-fr", 3, "Anouk Vanderstraeten",
                        datetime(2026, 3, 9, 10, 5, tzinfo=UTC))


def test_draft_label_is_the_word_in_each_language():
    assert draft_label(("fr", "nl")) == "PROJET / ONTWERP"
    assert draft_label(("nl", "fr")) == "ONTWERP / PROJET"
    assert draft_label(("de", "en")) == "ENTWURF / DRAFT"
    assert draft_label(("fr",)) == "PROJET"


def test_approval_line_names_number_version_approver_and_date():
    french = approval_line(APPROVAL, "fr", "Europe/Brussels")
    dutch = approval_line(APPROVAL, "nl", "Europe/Brussels")
    for line in (french, dutch):
        assert "CHSD-2026-001-press-fr" in line and "Anouk Vanderstraeten" in line
    assert "version 3" in french and "9 mars 2026" in french and "11:05" in french
    assert "versie 3" in dutch and "9 maart 2026" in dutch and "11:05" in dutch


def test_joined_keeps_each_text_once():
    assert joined(["Dialyse", "Dialyse"]) == "Dialyse"
    assert joined(["Urgences", "", "Spoedgevallen"]) == "Urgences / Spoedgevallen"
