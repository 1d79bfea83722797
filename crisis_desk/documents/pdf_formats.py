"""PDF formats: posters (A4, A3) per site, and the documents that flow over pages.

Those are the notice, press statement and phone script, the documents for
professionals (dispatch sheet, letter to physicians, note for receiving
hospitals, staff briefing) and the easy-read notice, in its own large look.

The flowing documents (notice, press statement, phone script) are laid out from
the structure their text templates write (``rendering.text_documents``), so
the text and the PDF come from one template source; the layout itself
(``crisis_desk.pdf.flowing``) is handed that structure and the kind's title and
knows nothing of the registry.

ReportLab, and the structure of the flowing documents, are imported when a PDF
is rendered, not when this module registers the formats, so commands that make
no PDF (and the checker's SMS counting) never pay for them, nor a kit of
posters for the flowing documents' machinery.
"""

from __future__ import annotations

from crisis_desk.documents import Renderer, kind, register_format
from crisis_desk.rendering.request import RenderRequest


def _poster(kind_id: str) -> Renderer:
    def render(request: RenderRequest) -> bytes:
        from crisis_desk.pdf.poster import render_poster

        return render_poster(request, kind_id)
    return render


def _flowing(kind_id: str) -> Renderer:
    def render(request: RenderRequest) -> bytes:
        from crisis_desk.pdf.flowing import render_flowing
        from crisis_desk.rendering.text_documents import render_structured_parts

        return render_flowing(kind(kind_id).title, render_structured_parts(kind_id, request),
                              request)
    return render


for _kind in ("poster", "poster-a3"):
    register_format(_kind, "pdf", _poster(_kind))
def _easy(kind_id: str) -> Renderer:
    """The easy-read notice: the flowing layout in large type, a pictogram per sentence."""
    def render(request: RenderRequest) -> bytes:
        from crisis_desk.pdf.easy import render_easy
        from crisis_desk.rendering.text_documents import render_structured_parts

        return render_easy(kind(kind_id).title, render_structured_parts(kind_id, request),
                           request)
    return render


for _kind in ("notice", "press", "phone-script", "dispatch", "physicians", "partner-note",
              "staff-briefing", "authority-notification", "data-notice",
              "nis2-early-warning", "nis2-notification", "nis2-final-report"):
    register_format(_kind, "pdf", _flowing(_kind))
register_format("easy-notice", "pdf", _easy("easy-notice"))
