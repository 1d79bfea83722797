"""Services grouped for reading: what is the same on every site once, then each site's rest.

A network's sites often share most of their statuses (the same outage hits every
site); listing them site by site repeats the same lines four or forty times. The
notice, press statement and phone script therefore state a service once "on all
our sites" when it reads exactly the same (status, wording, note, destination)
on every site that offers it, and then list per site only what differs (sites
whose differences read alike are named together).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from crisis_desk.rendering.context import ServiceView, SiteView


@dataclass(frozen=True)
class SiteDifferences:
    """What one site, or several that differ alike, say beyond the services all share."""

    sites: tuple[SiteView, ...]
    affected: tuple[ServiceView, ...]
    working: tuple[ServiceView, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(site.name for site in self.sites)

    @property
    def empty(self) -> bool:
        return not self.affected and not self.working


@dataclass(frozen=True)
class GroupedServices:
    """The services shared by every site, then what each site adds."""

    common_affected: tuple[ServiceView, ...]
    common_working: tuple[ServiceView, ...]
    sites: tuple[SiteDifferences, ...]  # only sites with something of their own

    @property
    def has_common(self) -> bool:
        return bool(self.common_affected or self.common_working)


def _reading(service: ServiceView) -> tuple[str, str, str, str]:
    """What a reader sees of a service: two sites agree when this is equal."""
    where = service.destination.details if service.destination else ""
    return service.status.id, service.status.label, service.note, where


def _shared_ids(sites: tuple[SiteView, ...]) -> set[str]:
    """Services offered on two sites or more that read the same on every one of them."""
    readings: dict[str, set[tuple[str, str, str, str]]] = {}
    counts: dict[str, int] = {}
    for site in sites:
        for service in site.services:
            readings.setdefault(service.id, set()).add(_reading(service))
            counts[service.id] = counts.get(service.id, 0) + 1
    return {sid for sid, seen in readings.items() if len(seen) == 1 and counts[sid] > 1}


def group_services(sites: tuple[SiteView, ...]) -> GroupedServices:
    """Group the sites' services; one site alone keeps its own list, with nothing shared."""
    shared = _shared_ids(sites) if len(sites) > 1 else set()
    first_seen: dict[str, ServiceView] = {}
    for site in sites:
        for service in site.services:
            if service.id in shared:
                first_seen.setdefault(service.id, service)
    common = tuple(first_seen.values())
    differences = [
        SiteDifferences((site,),
                        tuple(s for s in site.affected if s.id not in shared),
                        tuple(s for s in site.working if s.id not in shared))
        for site in sites]
    return GroupedServices(
        common_affected=_most_severe_first(s for s in common if s.affected),
        common_working=tuple(s for s in common if not s.affected),
        sites=_merged(d for d in differences if not d.empty),
    )


def _most_severe_first(services: Iterable[ServiceView]) -> tuple[ServiceView, ...]:
    return tuple(sorted(services, key=lambda s: -s.status.severity))


def _merged(differences: Iterable[SiteDifferences]) -> tuple[SiteDifferences, ...]:
    """Sites whose own lines read the same are named together, in the first one's place."""
    merged: dict[tuple[object, ...], SiteDifferences] = {}
    for part in differences:
        key = (tuple((s.id, _reading(s)) for s in part.affected),
               tuple((s.id, _reading(s)) for s in part.working))
        if key in merged:
            earlier = merged[key]
            merged[key] = SiteDifferences(earlier.sites + part.sites, earlier.affected,
                                          earlier.working)
        else:
            merged[key] = part
    return tuple(merged.values())


@dataclass(frozen=True)
class Change:
    """A service whose status reads differently since the previous update."""

    site: str
    service: str
    before: str
    now: str


def changes_since(previous: tuple[SiteView, ...],
                  current: tuple[SiteView, ...]) -> tuple[Change, ...]:
    """Every service whose status changed, site by site, in the current order."""
    before = {(site.id, s.id): s for site in previous for s in site.services}
    found = []
    for site in current:
        for service in site.services:
            old = before.get((site.id, service.id))
            if old is not None and (old.status.id, old.status.label) != (
                    service.status.id, service.status.label):
                found.append(Change(site.name, service.name, old.status.label,
                                    service.status.label))
    return tuple(found)


@dataclass(frozen=True)
class StatusTable:
    """The phone card's grid: a row per service affected somewhere, a column per site.

    ``rows[0]`` is the header; a site without the service shows a dash. ``notes``
    are the notes and destinations the grid has no room for, each said once with
    the sites it concerns (none named when it holds on all of them).
    """

    rows: tuple[tuple[str, ...], ...]
    notes: tuple[tuple[str, str, tuple[str, ...]], ...]  # (service, note, places or none)


NO_SERVICE = "—"


def status_table(sites: tuple[SiteView, ...], service_header: str) -> StatusTable:
    """The grid of what works where, with the notes beneath it."""
    order: dict[str, str] = {}
    for site in sites:
        for service in site.affected:
            order.setdefault(service.id, service.name)
    header = (service_header, *(site.town or site.name for site in sites))
    rows = [header]
    notes: dict[tuple[str, str], list[str]] = {}
    for service_id, name in order.items():
        cells = [name]
        for site in sites:
            found = next((s for s in site.services if s.id == service_id), None)
            cells.append(f"{found.status.symbol} {found.status.label}" if found
                         else NO_SERVICE)
            if found is not None and (found.note or _where(found)):
                line = " — ".join(part for part in (found.note, _where(found)) if part)
                notes.setdefault((name, line), []).append(site.town or site.name)
        rows.append(tuple(cells))
    every = len(sites)
    lines = tuple((name, note, () if len(places) == every else tuple(places))
                  for (name, note), places in notes.items())
    return StatusTable(tuple(rows), lines)


def _where(service: ServiceView) -> str:
    """A partner hospital's address and phone: callers must be told where to go."""
    return service.destination.details if service.destination and service.destination.partner \
        else ""
