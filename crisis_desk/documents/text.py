"""Plain-text documents (UTF-8): notice, press statement, phone script, SMS, social post.

Each template writes one language; a multilingual document is its languages one
after the other, separated by a rule. The same render also gives the structure
the PDF versions are laid out from (``render_structured_parts``).
"""

from __future__ import annotations

import re

from crisis_desk.documents import register_format
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


def _document(kind_id: str):
    def render(request: RenderRequest) -> bytes:
        return LANGUAGE_SEPARATOR.join(render_text_parts(kind_id, request)).encode("utf-8")
    return render


def _message(kind_id: str):
    """SMS and posts: one message, no trailing newline, nothing but the text."""
    def render(request: RenderRequest) -> bytes:
        return "\n\n".join(p.strip() for p in render_text_parts(kind_id, request)).encode()
    return render


for _kind in ("notice", "press", "phone-script"):
    register_format(_kind, "txt", _document(_kind))
for _kind in ("sms", "social"):
    register_format(_kind, "txt", _message(_kind))
