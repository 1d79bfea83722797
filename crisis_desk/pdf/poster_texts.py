"""What the entrance poster says, per language: drawn by ``crisis_desk.pdf.poster``.

The texts come from the named blocks of ``templates/poster/poster.j2`` and the
view model; this module only gathers them, one ``LanguageTexts`` per language,
and puts the services in the order the poster shows them: what patients must
not miss (closed, then moved elsewhere) first, then by the catalogue's
``priority``, then by severity. The texts are named tuples (immutable values, cheap
to define): a laid-out poster is remembered by them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from crisis_desk.domain.model import Incident, Organisation, entry_for
from crisis_desk.i18n import gettext
from crisis_desk.pdf.templates import BlockRenderer
from crisis_desk.rendering.appointments import OTHERS_COME, OTHERS_STAY_AWAY
from crisis_desk.rendering.context import AppointmentsView, SiteView, StatusView, build_view

TEMPLATE = "poster/poster.j2"  # its named blocks are the texts
FIRST_STATUSES = ("closed", "relocated")
# ``more_services`` is rendered once with this in place of the count, which only the
# layout knows; the layout puts the number in.
COUNT_MARK = "\u2063count\u2063"


class ServiceText(NamedTuple):
    """One service's texts in one language."""

    name: str
    status: str
    note: str
    alternative: str


class ServiceRow(NamedTuple):
    """One row of the poster: a service, its status, and its texts per language."""

    id: str
    icon: str
    status: StatusView
    texts: tuple[ServiceText, ...]
    note_field: str
    line: int | None
    rank: int | None = None  # the catalogue's ``priority`` of the service

    @property
    def affected(self) -> bool:
        return self.status.severity > 0

    @property
    def priority(self) -> tuple[int, float, int]:
        """Sort key: a closed or relocated service sends patients away, so it comes first;
        then the catalogue's priority (1 first, services without one after), then the
        more severe status."""
        return (0 if self.status.id in FIRST_STATUSES else 1,
                self.rank if self.rank is not None else math.inf, -self.status.severity)


class LanguageTexts(NamedTuple):
    """The poster's texts in one language."""

    code: str
    organisation: str
    site: str
    headline: str
    title: str
    emergency_department: str
    what_to_do: str
    emergency: str
    hotline_heading: str
    hotline_hours: str
    update: str
    next_update: str
    qr_caption: str
    more_services: str  # with COUNT_MARK where the number goes

    def more(self, count: int) -> str:
        """The line naming how many affected services the poster had no room for."""
        return self.more_services.replace(COUNT_MARK, str(count))

    @property
    def actions(self) -> tuple[str, ...]:
        """What a patient must read first: emergencies, appointments, 112."""
        return tuple(text for text in (self.emergency_department, self.what_to_do,
                                       self.emergency) if text)


LANGUAGE_BLOCKS = ("organisation", "site", "headline", "title", "emergency_department",
                   "what_to_do", "emergency", "hotline_heading", "hotline_hours", "update",
                   "next_update", "qr_caption")


class PosterTexts(NamedTuple):
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
    views = [build_view(org, incident, code, site_id, tuple(languages)) for code in languages]
    rules = _same_rule([_known_site(view.site, site_id).appointments for view in views],
                       languages)
    for code, view, rule in zip(languages, views, rules, strict=True):
        site = _known_site(view.site, site_id)
        blocks = BlockRenderer(TEMPLATE, code, {**view.as_context(), "rule": rule},
                               template_dirs)
        per_language.append(LanguageTexts(
            code=code, more_services=blocks.render("more_services", count=COUNT_MARK),
            **{name: blocks.render(name) for name in LANGUAGE_BLOCKS}))
        services.append([ServiceText(*(blocks.render(f"service_{part}", service=service)
                                       for part in ("name", "status", "note", "alternative")))
                         for service in site.services])
    rows = []
    ranks = {service.id: service.priority for service in org.services}
    for index, service in enumerate(site.services):
        entry = entry_for(incident, site_id, service.id)
        number = incident.statuses.index(entry) + 1 if entry is not None else None
        rows.append(ServiceRow(
            id=service.id, icon=service.icon, status=service.status,
            texts=tuple(texts[index] for texts in services),
            note_field=f"status[{number}].note" if number else f"service[{service.id}]",
            line=entry.line if entry is not None else None, rank=ranks.get(service.id)))
    rows.sort(key=lambda row: row.priority)  # stable: the catalogue's order within a rank
    return PosterTexts(site_id, tuple(per_language), tuple(rows), view.org.hotline,
                       view.org.status_url, view.org.status_url_short)


def _same_rule(appointments: Sequence[AppointmentsView | None], languages: Sequence[str]
               ) -> list[int]:
    """Which of its short appointment rules each language prints (an index into
    ``short``): the same variant in every language — both groups named, or only the
    services that keep their appointments, or only the cancelled ones — the one whose
    longest translation is shortest, so that no language says less than another."""
    kinds = [_variant_kinds(view.short if view else (), code)
             for view, code in zip(appointments, languages, strict=True)]
    common = set(kinds[0]).intersection(*kinds[1:]) if kinds else set()
    if not common:
        return [-1 for _ in languages]
    lengths = {kind: max(len(view.short[k[kind]]) for view, k in zip(appointments, kinds,
                                                                     strict=True) if view)
               for kind in common}
    chosen = min(sorted(common), key=lambda kind: lengths[kind])
    return [k[chosen] for k in kinds]


def _variant_kinds(short: Sequence[str], code: str) -> dict[str, int]:
    """The index of each kind of short rule: "both", "kept" or "cancelled" (the short
    rules are written with plain spaces, for the SMS: so is what is looked for)."""
    kinds: dict[str, int] = {}
    for index, variant in enumerate(short):
        kind = "both" if index == 0 else (
            "cancelled" if gettext(code, OTHERS_COME, plain=True) in variant else
            "kept" if gettext(code, OTHERS_STAY_AWAY, plain=True) in variant else "both")
        kinds.setdefault(kind, index)
    return kinds


def _known_site(site: SiteView | None, site_id: str) -> SiteView:
    if site is None:
        raise _no_poster(site_id)
    return site


def _no_poster(site_id: str) -> ValueError:
    return ValueError(f"a poster needs a language and a known site, not {site_id!r}")
