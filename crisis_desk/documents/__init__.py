"""The registry of document kinds, the formats each can be rendered in, and its checks.

The kinds are fixed here (they are the product's vocabulary), each with the
checks that only rendering it can answer (does the SMS fit one segment, does the
poster fit its page) and the formats it comes in. The renderers of a format live
in one module of this package (``FORMAT_MODULES``), which calls
``register_format`` at import; it is imported when a document of that format is
first rendered, so a kit of posters never loads the text, web or CAP renderers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from crisis_desk.documents.checks import (
    Check,
    cap_alert,
    open_items,
    poster_fit,
    sms_segments,
    social_post_length,
)
from crisis_desk.domain.model import Incident, Organisation
from crisis_desk.domain.obligations import applies
from crisis_desk.domain.problems import Problem, Severity
from crisis_desk.i18n import N_
from crisis_desk.rendering.request import ApprovalMark, RenderRequest
from crisis_desk.support.errors import TemplateProblem

Renderer = Callable[[RenderRequest], bytes]

# The module of this package that renders each format.
FORMAT_MODULES = {"pdf": "pdf_formats", "txt": "text", "html": "status_page", "xml": "cap"}
_RENDERERS: dict[tuple[str, str], Renderer] = {}
PDF_AND_TEXT = ("pdf", "txt")


class Formats(Mapping[str, Renderer]):
    """A kind's formats, in the order a kit writes them; a renderer's module is imported
    when the renderer is first asked for."""

    def __init__(self, kind_id: str, names: tuple[str, ...]) -> None:
        self._kind_id, self._names = kind_id, names

    def __getitem__(self, fmt: str) -> Renderer:
        if fmt not in self._names:
            raise KeyError(fmt)
        key = (self._kind_id, fmt)
        if key not in _RENDERERS:
            importlib.import_module(f"{__name__}.{FORMAT_MODULES[fmt]}")
        return _RENDERERS[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, fmt: object) -> bool:
        return fmt in self._names


@dataclass
class DocumentKind:
    """A kind of document: whether it is made per site and per language, its formats and
    the checks run on each document of the kind before it is made."""

    id: str
    title: str  # msgid
    per_site: bool
    per_language: bool  # one document per language instead of one multilingual document
    checks: tuple[Check, ...] = ()
    declared: tuple[str, ...] = PDF_AND_TEXT  # its formats (see ``FORMAT_MODULES``)
    # For an authority: one language per document, never several on one page (see
    # ``language_sets``).
    single_language: bool = False

    @property
    def formats(self) -> Formats:
        return Formats(self.id, self.declared)

    def render(self, fmt: str, request: RenderRequest) -> bytes:
        return self.formats[fmt](request)


PROFESSIONAL_KINDS = (
    DocumentKind("dispatch", N_("Emergency departments and ambulances (112)"),
                 per_site=False, per_language=False),
    DocumentKind("physicians", N_("Letter to physicians"), per_site=False,
                 per_language=False),
    DocumentKind("partner-note", N_("Note for receiving hospitals"), per_site=False,
                 per_language=False),
    DocumentKind("staff-briefing", N_("Staff briefing"), per_site=False, per_language=False),
    DocumentKind("easy-notice", N_("Easy-read patient notice"), per_site=False,
                 per_language=True),
)
def _owed(kind_id: str, title: str, *, single_language: bool = True) -> DocumentKind:
    """A document owed to an authority (one language each) or to the people concerned
    (one per language), checked for the items it still marks "to be completed"."""
    return DocumentKind(kind_id, title, per_site=False, per_language=True,
                        checks=(open_items(kind_id),), single_language=single_language)


EXTENSIONS = {"pdf": "pdf", "txt": "txt", "html": "html", "xml": "xml"}

_KINDS: dict[str, DocumentKind] = {
    k.id: k
    for k in (
        # The A3 poster is the A4 page scaled: one fit check serves both (run once).
        DocumentKind("poster", N_("Poster (A4)"), per_site=True, per_language=False,
                     checks=(poster_fit,), declared=("pdf",)),
        DocumentKind("poster-a3", N_("Poster (A3)"), per_site=True, per_language=False,
                     checks=(poster_fit,), declared=("pdf",)),
        DocumentKind("notice", N_("Patient notice"), per_site=False, per_language=False),
        DocumentKind("press", N_("Press statement"), per_site=False, per_language=True),
        DocumentKind("phone-script", N_("Phone script"), per_site=False, per_language=False),
        DocumentKind("sms", N_("SMS"), per_site=False, per_language=True,
                     checks=(sms_segments,), declared=("txt",)),
        DocumentKind("social", N_("Social media post"), per_site=False, per_language=True,
                     checks=(social_post_length,), declared=("txt",)),
        DocumentKind("status-page", N_("Status web page"), per_site=False, per_language=False,
                     declared=("html",)),
        DocumentKind("cap", N_("CAP alert"), per_site=False, per_language=False,
                     checks=(cap_alert,), declared=("xml",)),
        # Beyond the public: the professionals, and the notice in easy language.
        *PROFESSIONAL_KINDS,
        # What the cell owes the authorities and the people concerned; made only when
        # the incident owes it (``domain.obligations``).
        _owed("authority-notification", N_("Notification to the data protection authority")),
        _owed("data-notice", N_("Notice to the people concerned"), single_language=False),
        _owed("nis2-early-warning", N_("NIS2 early warning")),
        _owed("nis2-notification", N_("NIS2 incident notification")),
        _owed("nis2-final-report", N_("NIS2 final report")),
    )
}


def register_format(kind_id: str, fmt: str, renderer: Renderer) -> None:
    """Called by format modules: ``kind_id`` is rendered as ``fmt`` by ``renderer``."""
    if fmt not in _KINDS[kind_id].declared:
        raise ValueError(f"{kind_id} does not declare the format {fmt!r}")
    _RENDERERS[(kind_id, fmt)] = renderer


def kinds() -> dict[str, DocumentKind]:
    """Every document kind, with the formats each declares."""
    return _KINDS


def kind_ids() -> list[str]:
    """The kinds' ids."""
    return list(_KINDS)


def kind(kind_id: str) -> DocumentKind:
    """One kind; KeyError when unknown."""
    return kinds()[kind_id]


@dataclass(frozen=True)
class PlannedDocument:
    """One file of a kit: which kind, format, site and languages."""

    kind: str
    fmt: str
    site: str | None
    languages: tuple[str, ...]

    @property
    def filename(self) -> str:
        parts = [self.kind, *([self.site] if self.site else []), *self.languages]
        return "-".join(parts) + "." + EXTENSIONS[self.fmt]


def language_sets(doc_kind: DocumentKind, incident: Incident,
                  languages: tuple[str, ...] | None = None) -> list[tuple[str, ...]]:
    """The languages of each document of a kind: all on one, or one per document.

    A document for an authority is in one language: the incident's
    ``authority_language`` when the officer picked one, else one document in each
    language (the officer sends the one the authority reads). ``languages``, when
    given (``--lang``), picks them instead.
    """
    if doc_kind.single_language and not languages and incident.authority_language:
        return [(incident.authority_language,)]
    codes = tuple(dict.fromkeys(languages or incident.languages))
    return [(code,) for code in codes] if doc_kind.per_language else [codes]


def owed(kind_id: str, incident: Incident) -> bool:
    """Whether the incident has a document of this kind (an obligation may not apply)."""
    return applies(kind_id, incident)


def plan(org: Organisation, incident: Incident, kind_ids: list[str] | None = None,
         languages: tuple[str, ...] | None = None, site: str | None = None,
         formats: list[str] | None = None) -> Iterator[PlannedDocument]:
    """Every document a kit holds: each kind, format, site and language set.

    Without ``kind_ids``, the documents the incident owes no one are left out (no
    data protection notification when no personal data is at risk).
    """
    for kind_id in kind_ids or [k for k in kinds() if owed(k, incident)]:
        doc_kind = kind(kind_id)
        for fmt in doc_kind.formats:
            if formats and fmt not in formats:
                continue
            sites = [site] if site else [s.id for s in org.sites]
            for site_id in sites if doc_kind.per_site else [None]:
                for langs in language_sets(doc_kind, incident, languages):
                    yield PlannedDocument(kind_id, fmt, site_id, langs)


def render_planned(doc: PlannedDocument, org: Organisation, incident: Incident, *,
                   approval: ApprovalMark | None = None,
                   template_dirs: tuple[str, ...] = (),
                   history: tuple[Incident, ...] = ()) -> bytes:
    """Render one planned document."""
    request = RenderRequest(org, incident, doc.languages, doc.site, approval, template_dirs,
                            history)
    return kind(doc.kind).render(doc.fmt, request)


def check_documents(org: Organisation, incident: Incident, kind_ids: Iterable[str] | None,
                    template_dirs: tuple[str, ...] = ()) -> list[Problem]:
    """Run the checks of every document a kit of ``kind_ids`` (None: every kind) holds.

    Each document is rendered as the kit renders it, with the same template folders.
    A check runs once per site and languages, however many formats the kind has and
    however many kinds share it (the A4 and A3 posters).
    """
    done: set[tuple[Check, str | None, tuple[str, ...]]] = set()
    problems: list[Problem] = []
    for kind_id in list(kinds()) if kind_ids is None else kind_ids:
        if not owed(kind_id, incident):
            continue
        for doc in plan(org, incident, [kind_id]):
            request = RenderRequest(org, incident, doc.languages, doc.site,
                                    template_dirs=template_dirs)
            for doc_check in kind(kind_id).checks:
                if (doc_check, doc.site, doc.languages) not in done:
                    done.add((doc_check, doc.site, doc.languages))
                    problems += _run(doc_check, kind_id, request)
    return problems


def _run(doc_check: Check, kind_id: str, request: RenderRequest) -> list[Problem]:
    """One check; a broken template of the organisation's is reported, not raised, so the
    checker still lists every other problem."""
    try:
        return doc_check(request)
    except TemplateProblem as exc:
        return [Problem(Severity.ERROR, kind_id, str(exc))]
