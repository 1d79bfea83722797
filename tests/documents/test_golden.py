"""Golden documents: every kind and format of the document registry, for the shared
example, in each of its languages, as a reader gets it.

One file per document under ``tests/data/golden/``, named as the kit names the
document, plus ``.txt`` for a PDF (its text, page by page, as pypdf reads it): a change
of wording or layout order shows up as a diff to read. After reading it, rewrite the
files with::

    CRISIS_DESK_UPDATE_GOLDEN=1 python -m pytest tests/documents/test_golden.py

Each language is rendered on its own (a one-language poster, notice, status page, CAP
alert), so that each file reads in one language. The kinds and formats covered are
listed in ``COVERED``: a kind registered without being listed there fails
``test_every_registered_kind_and_format_is_covered``, which says what to do; nothing is
skipped. Nothing in these documents depends on the clock or the machine: the CAP
alert's identifiers and times come from the incident, the PDFs are written with
ReportLab's invariant mode. Should a volatile part appear, ``_normalised`` is where it
is replaced by a fixed mark.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from crisis_desk.documents import PlannedDocument, kinds, render_planned

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "golden"
UPDATE = os.environ.get("CRISIS_DESK_UPDATE_GOLDEN") == "1"
LANGUAGES = ("fr", "nl")  # the shared example's
SITES = ("arlon", "bastogne", "libramont", "marche")
# Every kind with golden files, and its formats. A new kind: add it here, generate its
# files (see above), and read them before committing them.
COVERED: dict[str, tuple[str, ...]] = {
    "poster": ("pdf",),
    "poster-a3": ("pdf",),
    "notice": ("pdf", "txt"),
    "press": ("pdf", "txt"),
    "phone-script": ("pdf", "txt"),
    "sms": ("txt",),
    "social": ("txt",),
    "status-page": ("html",),
    "cap": ("xml",),
    "dispatch": ("pdf", "txt"),
    "physicians": ("pdf", "txt"),
    "partner-note": ("pdf", "txt"),
    "staff-briefing": ("pdf", "txt"),
    "easy-notice": ("pdf", "txt"),
    "authority-notification": ("pdf", "txt"),
    "data-notice": ("pdf", "txt"),
    "nis2-early-warning": ("pdf", "txt"),
    "nis2-notification": ("pdf", "txt"),
    "nis2-final-report": ("pdf", "txt"),
}
PER_SITE = ("poster", "poster-a3")


def _cases() -> list[PlannedDocument]:
    return [PlannedDocument(kind_id, fmt, site, (code,))
            for kind_id, formats in COVERED.items() for fmt in formats
            for site in (SITES if kind_id in PER_SITE else (None,)) for code in LANGUAGES]


def golden_name(doc: PlannedDocument) -> str:
    """The file of one document: the kit's name, and ``.txt`` after a PDF's."""
    return doc.filename + (".txt" if doc.fmt == "pdf" else "")


def reader_text(doc: PlannedDocument, data: bytes) -> str:
    """What the golden file holds: a PDF's text page by page, any other format as is."""
    if doc.fmt != "pdf":
        return _normalised(data.decode("utf-8"))
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    text = "".join(f"--- page {number} of {len(pages)} ---\n"
                   + "\n".join(line.rstrip() for line in page.extract_text().splitlines())
                   + "\n" for number, page in enumerate(pages, start=1))
    return _normalised(text)


# No part of today's documents varies between runs (see the module's docstring); a part
# that would goes here, as (pattern, fixed mark).
_VOLATILE: tuple[tuple[re.Pattern[str], str], ...] = ()


def _normalised(text: str) -> str:
    for pattern, mark in _VOLATILE:
        text = pattern.sub(mark, text)
    return text


def test_every_registered_kind_and_format_is_covered():
    registered = {(kind.id, fmt) for kind in kinds().values() for fmt in kind.formats}
    covered = {(kind_id, fmt) for kind_id, formats in COVERED.items() for fmt in formats}
    missing = sorted(registered - covered)
    assert not missing, (
        f"no golden files for {missing}: add these kinds and formats to COVERED in "
        f"{Path(__file__).name}, then run CRISIS_DESK_UPDATE_GOLDEN=1 python -m pytest "
        f"{Path(__file__).name} and read the new files in tests/data/golden/ before "
        "committing them")
    assert not covered - registered, sorted(covered - registered)


@pytest.mark.parametrize("doc", _cases(), ids=golden_name)
def test_the_shared_example_reads_as_its_golden_document(example, doc):
    org, incident = example
    text = reader_text(doc, render_planned(doc, org, incident))
    golden = GOLDEN / golden_name(doc)
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.exists(), (f"{golden.name} is missing: run CRISIS_DESK_UPDATE_GOLDEN=1 "
                             f"python -m pytest {Path(__file__).name}, then read it")
    assert text == golden.read_text(encoding="utf-8"), \
        f"{golden.name} differs: read the change; if it is right, rewrite the golden files " \
        "with CRISIS_DESK_UPDATE_GOLDEN=1"


def test_no_golden_file_is_left_over():
    """A golden file no case writes (a kind renamed or dropped) is removed, not kept."""
    expected = {golden_name(doc) for doc in _cases()}
    assert sorted(p.name for p in GOLDEN.iterdir() if p.name not in expected) == []
