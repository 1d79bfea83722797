"""What the entrance poster says, per language: drawn by ``crisis_desk.pdf.poster``.

The texts come from the named blocks of ``templates/poster/poster.j2`` and the
view model; this module only gathers them, one ``LanguageTexts`` per language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crisis_desk.domain.model import Incident, Organisation, entry_for
from crisis_desk.pdf.templates import BlockRenderer
from crisis_desk.rendering.context import SiteView, StatusView, build_view

TEMPLATE = "poster/poster.j2"  # its named blocks are the texts


@dataclass(frozen=True)
class ServiceText:
    """One service's texts in one language."""

    name: str
    status: str
    note: str
    alternative: str


@dataclass(frozen=True)
class ServiceRow:
    """One row of the poster: a service, its status, and its texts per language."""

    id: str
    icon: str
    status: StatusView
    texts: tuple[ServiceText, ...]
    note_field: str
    line: int | None


@dataclass(frozen=True)
class LanguageTexts:
    """The poster's texts in one language."""

    code: str
    organisation: str
    site: str
    headline: str
    what_to_do_heading: str
    what_to_do: str
    emergency: str
    hotline_heading: str
    hotline_hours: str
    update: str
    next_update: str
    qr_caption: str


LANGUAGE_BLOCKS = ("organisation", "site", "headline", "what_to_do_heading", "what_to_do",
                   "emergency", "hotline_heading", "hotline_hours", "update", "next_update",
                   "qr_caption")


@dataclass(frozen=True)
class PosterTexts:
    """Everything the poster of one site shows, in every language."""

    site_id: str
    languages: tuple[LanguageTexts, ...]
    rows: tuple[ServiceRow, ...]
    hotline: str
    status_url: str
    status_link: str


_recent: dict[tuple, tuple[Organisation, Incident, PosterTexts]] = {}


def poster_texts(org: Organisation, incident: Incident, site_id: str,
                 languages: Sequence[str], template_dirs: tuple[str, ...] = ()) -> PosterTexts:
    """The poster's texts, remembered for the same (unchanged, frozen) org and incident.

    A kit checks the posters and then renders each site twice (A4, A3) from the same
    objects; the entry holds the objects themselves, so an id cannot be reused.
    """
    key = (id(org), id(incident), site_id, tuple(languages), template_dirs)
    hit = _recent.get(key)
    if hit is not None and hit[0] is org and hit[1] is incident:
        return hit[2]
    if len(_recent) >= 64:
        _recent.clear()
    texts = _render_texts(org, incident, site_id, languages, template_dirs)
    _recent[key] = (org, incident, texts)
    return texts


def _render_texts(org: Organisation, incident: Incident, site_id: str,
                  languages: Sequence[str], template_dirs: tuple[str, ...]) -> PosterTexts:
    """Render the poster template's blocks for every language of the poster."""
    if not languages:
        raise _no_poster(site_id)
    per_language, services = [], []
    for code in languages:
        view = build_view(org, incident, code, site_id, tuple(languages))
        site = _known_site(view.site, site_id)
        blocks = BlockRenderer(TEMPLATE, code, view.as_context(), template_dirs)
        per_language.append(LanguageTexts(code=code, **{name: blocks.render(name)
                                                        for name in LANGUAGE_BLOCKS}))
        services.append([ServiceText(*(blocks.render(f"service_{part}", service=service)
                                       for part in ("name", "status", "note", "alternative")))
                         for service in site.services])
    rows = []
    for index, service in enumerate(site.services):
        entry = entry_for(incident, site_id, service.id)
        number = incident.statuses.index(entry) + 1 if entry is not None else None
        rows.append(ServiceRow(
            id=service.id, icon=service.icon, status=service.status,
            texts=tuple(texts[index] for texts in services),
            note_field=f"status[{number}].note" if number else f"service[{service.id}]",
            line=entry.line if entry is not None else None))
    rows.sort(key=lambda row: -row.status.severity)  # what does not work comes first
    return PosterTexts(site_id, tuple(per_language), tuple(rows), view.org.hotline,
                       view.org.status_url, view.org.status_url_short)


def _known_site(site: SiteView | None, site_id: str) -> SiteView:
    if site is None:
        raise _no_poster(site_id)
    return site


def _no_poster(site_id: str) -> ValueError:
    return ValueError(f"a poster needs a language and a known site, not {site_id!r}")
