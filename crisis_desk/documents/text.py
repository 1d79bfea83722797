"""Plain-text documents (UTF-8): notice, press statement, phone script, SMS, social post.

Each template writes one language; a multilingual document is its languages one
after the other, separated by a rule. The same render also gives the structure
the PDF versions are laid out from (``crisis_desk.rendering.text_documents``).
"""

from __future__ import annotations

from crisis_desk.documents import Renderer, register_format
from crisis_desk.rendering.request import RenderRequest
from crisis_desk.rendering.text_documents import LANGUAGE_SEPARATOR, render_text_parts


def _document(kind_id: str) -> Renderer:
    def render(request: RenderRequest) -> bytes:
        return LANGUAGE_SEPARATOR.join(render_text_parts(kind_id, request)).encode("utf-8")
    return render


def _message(kind_id: str) -> Renderer:
    """SMS and posts: one message, no trailing newline, nothing but the text."""
    def render(request: RenderRequest) -> bytes:
        return "\n\n".join(p.strip() for p in render_text_parts(kind_id, request)).encode()
    return render


FLOWING = ("notice", "press", "phone-script", "dispatch", "physicians", "partner-note",
           "staff-briefing", "easy-notice", "authority-notification", "data-notice",
           "nis2-early-warning", "nis2-notification", "nis2-final-report")
for _kind in FLOWING:
    register_format(_kind, "txt", _document(_kind))
for _kind in ("sms", "social"):
    register_format(_kind, "txt", _message(_kind))
