"""Plain-text documents (UTF-8): notice, press statement, phone script, SMS, social post.

Each template writes one language; a multilingual document is its languages one
after the other, separated by a rule.
"""

from __future__ import annotations

import re

from crisis_desk.documents import register_format
from crisis_desk.rendering.context import build_view
from crisis_desk.rendering.environment import render_template
from crisis_desk.rendering.request import RenderRequest

LANGUAGE_SEPARATOR = "\n" + "=" * 72 + "\n\n"
_BLANK_RUNS = re.compile(r"\n{3,}")


def render_text_parts(kind_id: str, request: RenderRequest) -> list[str]:
    """The document in each of its languages, as separate texts."""
    parts = []
    for code in request.languages:
        view = build_view(request.organisation, request.incident, code, request.site,
                          request.languages)
        text = render_template(f"{kind_id}/{kind_id}.txt.j2", code, view.as_context(),
                               request.template_dirs)
        parts.append(text.strip() + "\n")
    return parts


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
