"""PDF formats: posters (A4, A3) per site, and the notice, press statement and phone script.

The flowing documents (notice, press statement, phone script) are laid out from
the structure their text templates write (``rendering.text_documents``), so
the text and the PDF come from one template source; the layout itself
(``crisis_desk.pdf.flowing``) is handed that structure and the kind's title and
knows nothing of the registry.

ReportLab is imported when a PDF is rendered, not when this module registers
the formats, so commands that make no PDF (and the checker's SMS counting)
never pay for it.
"""

from __future__ import annotations

from crisis_desk.documents import Renderer, kind, register_format
from crisis_desk.rendering.request import RenderRequest
from crisis_desk.rendering.text_documents import render_structured_parts


def _poster(kind_id: str) -> Renderer:
    def render(request: RenderRequest) -> bytes:
        from crisis_desk.pdf.poster import render_poster

        return render_poster(request, kind_id)
    return render


def _flowing(kind_id: str) -> Renderer:
    def render(request: RenderRequest) -> bytes:
        from crisis_desk.pdf.flowing import render_flowing

        return render_flowing(kind(kind_id).title, render_structured_parts(kind_id, request),
                              request)
    return render


for _kind in ("poster", "poster-a3"):
    register_format(_kind, "pdf", _poster(_kind))
for _kind in ("notice", "press", "phone-script", "authority-notification", "data-notice",
              "nis2-early-warning", "nis2-notification", "nis2-final-report"):
    register_format(_kind, "pdf", _flowing(_kind))
