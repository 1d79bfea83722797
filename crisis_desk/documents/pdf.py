"""PDF formats: posters (A4, A3) per site, and the notice, press statement and phone script.

ReportLab is imported when a PDF is rendered, not when this module registers
the formats, so commands that make no PDF (and the checker's SMS counting)
never pay for it.
"""

from __future__ import annotations

from crisis_desk.documents import Renderer, register_format
from crisis_desk.rendering.request import RenderRequest


def _poster(kind_id: str) -> Renderer:
    def render(request: RenderRequest) -> bytes:
        from crisis_desk.pdf.poster import render_poster

        return render_poster(request, kind_id)
    return render


def _document(kind_id: str) -> Renderer:
    def render(request: RenderRequest) -> bytes:
        from crisis_desk.pdf.document import render_document

        return render_document(kind_id, request)
    return render


for _kind in ("poster", "poster-a3"):
    register_format(_kind, "pdf", _poster(_kind))
for _kind in ("notice", "press", "phone-script"):
    register_format(_kind, "pdf", _document(_kind))
