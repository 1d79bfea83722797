"""Rendering the plain-text templates in each language, with the structure they write.

Below the document registry: the text formats, the PDF layouts and the length
checks all render through here, so none of them needs the registry to do it.
"""

from __future__ import annotations

import re

from crisis_desk.rendering.context import LanguageView, build_view
from crisis_desk.rendering.grouping import changes_since, group_services, status_table
from crisis_desk.rendering.obligations import obligation_view
from crisis_desk.rendering.professionals import build_professionals
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
                                              _context(view, request, code),
                                              request.template_dirs)))
    return parts


def _context(view: LanguageView, request: RenderRequest, code: str) -> dict[str, object]:
    """The view, the services grouped, and what changed since the previous update."""
    earlier = [h for h in request.history if h.update < request.incident.update]
    changes: tuple[object, ...] = ()
    previous_update = 0
    if earlier:
        previous = build_view(request.organisation, earlier[-1], code, request.site)
        changes, previous_update = changes_since(previous.sites, view.sites), earlier[-1].update
    return {**view.as_context(), "grouped": group_services(view.sites), "changes": changes,
            "previous_update": previous_update, "status_table": status_table,
            "pro": build_professionals(request.organisation, request.incident, view),
            "report": obligation_view(request.organisation, request.incident, code)}


def render_text_parts(kind_id: str, request: RenderRequest) -> list[str]:
    """The document in each of its languages, as separate texts."""
    return [part.text.strip() + "\n" for _, part in render_structured_parts(kind_id, request)]
