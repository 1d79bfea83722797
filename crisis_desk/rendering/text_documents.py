"""Rendering the plain-text templates in each language, with the structure they write.

Below the document registry: the text formats, the PDF layouts and the length
checks all render through here, so none of them needs the registry to do it.
"""

from __future__ import annotations

import re

from crisis_desk.rendering.context import LanguageView, build_view
from crisis_desk.rendering.request import RenderRequest
from crisis_desk.rendering.structure import Structured, render_structured

LANGUAGE_SEPARATOR = "\n" + "=" * 72 + "\n\n"
_BLANK_RUNS = re.compile(r"\n{3,}")


def render_structured_parts(kind_id: str,
                            request: RenderRequest) -> list[tuple[LanguageView, Structured]]:
    """The document in each of its languages: the view it was written from, and the result."""
    parts = []
    for code in request.languages:
        view = build_view(request.organisation, request.incident, code, request.site,
                          request.languages)
        parts.append((view, render_structured(f"{kind_id}/{kind_id}.txt.j2", code,
                                              view.as_context(), request.template_dirs)))
    return parts


def render_text_parts(kind_id: str, request: RenderRequest) -> list[str]:
    """The document in each of its languages, as separate texts."""
    return [part.text.strip() + "\n" for _, part in render_structured_parts(kind_id, request)]
