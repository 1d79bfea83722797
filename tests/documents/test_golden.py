"""Golden texts: the notice, press release and phone script of the shared example, per
language, exactly as a reader gets them. A change of wording shows up here as a diff to
read; after reading it, rewrite the files with CRISIS_DESK_UPDATE_GOLDEN=1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from crisis_desk.rendering.request import RenderRequest
from crisis_desk.rendering.text_documents import render_text_parts

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = [(kind_id, code) for kind_id in ("notice", "press", "phone-script")
         for code in ("fr", "nl")]


@pytest.mark.parametrize(("kind_id", "code"), CASES)
def test_the_shared_example_reads_as_its_golden_text(example, kind_id, code):
    org, incident = example
    [text] = render_text_parts(kind_id, RenderRequest(org, incident, (code,)))
    golden = GOLDEN / f"{kind_id}-{code}.txt"
    if os.environ.get("CRISIS_DESK_UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
