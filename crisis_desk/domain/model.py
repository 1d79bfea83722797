"""The situation model: an organisation profile and an incident.

Plain frozen dataclasses. A ``Localised`` text maps a language code to the text
in that language; a language may be missing, which the checker reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

Localised = Mapping[str, str]

WILDCARD_SITE = "*"


@dataclass(frozen=True)
class Site:
    """One hospital site, with its names in each language."""

    id: str
    name: Localised
    town: Localised
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Service:
    """A service of the catalogue; ``sites`` is None when it exists on every site."""

    id: str
    name: Localised
    icon: str = ""
    sites: tuple[str, ...] | None = None

    def exists_at(self, site_id: str) -> bool:
        return self.sites is None or site_id in self.sites


@dataclass(frozen=True)
class PressContact:
    """Who journalists call."""

    name: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Hotline:
    """The information line for patients and visitors."""

    phone: str = ""
    hours: Localised = field(default_factory=dict)


@dataclass(frozen=True)
class Organisation:
    """The profile prepared in peacetime: names, sites, services and contacts."""

    id: str
    name: Localised
    sites: tuple[Site, ...]
    services: tuple[Service, ...]
    languages: tuple[str, ...] = ("fr", "nl")
    timezone: str = "Europe/Brussels"
    status_url: str = ""
    about: Localised = field(default_factory=dict)
    press: PressContact = field(default_factory=PressContact)
    hotline: Hotline = field(default_factory=Hotline)

    def site(self, site_id: str) -> Site:
        for site in self.sites:
            if site.id == site_id:
                return site
        raise KeyError(site_id)

    def has_site(self, site_id: str) -> bool:
        return any(site.id == site_id for site in self.sites)

    def service(self, service_id: str) -> Service:
        for service in self.services:
            if service.id == service_id:
                return service
        raise KeyError(service_id)

    def has_service(self, service_id: str) -> bool:
        return any(service.id == service_id for service in self.services)

    def services_at(self, site_id: str) -> list[Service]:
        return [s for s in self.services if s.exists_at(site_id)]


@dataclass(frozen=True)
class StatusEntry:
    """One line of the incident: a service's status at a site (or ``*``)."""

    site: str
    service: str
    status: str
    note: Localised = field(default_factory=dict)
    to: str | None = None
    line: int | None = field(default=None, compare=False)  # where it was read, for messages


@dataclass(frozen=True)
class Incident:
    """One update of a crisis: what happened, what works where, what to do."""

    organisation: str
    kind: str
    started: datetime
    issued: datetime
    update: int
    title: Localised
    facts: Localised
    patient_advice: Localised
    statuses: tuple[StatusEntry, ...] = ()
    next_update: datetime | None = None
    patient_data_at_risk: bool = False
    languages: tuple[str, ...] = ("fr", "nl")
    # Optional additions (with defaults, so the shared examples stay valid):
    appointments: str | None = None  # "maintained" | "cancelled"; None: derived
    unknowns: Localised = field(default_factory=dict)  # overrides the kind's wording
    actions: Localised = field(default_factory=dict)  # overrides the kind's wording

    @property
    def appointment_rule(self) -> str:
        """'cancelled' (stay away unless contacted) or 'maintained' (come unless contacted)."""
        if self.appointments:
            return self.appointments
        suspended = any(e.status in ("suspended", "closed") for e in self.statuses)
        return "cancelled" if suspended else "maintained"


APPOINTMENT_RULES = ("maintained", "cancelled")


@dataclass(frozen=True)
class ServiceState:
    """The resolved status of one service at one site."""

    service: Service
    status: str
    note: Localised
    to: str | None


def entry_for(incident: Incident, site_id: str, service_id: str) -> StatusEntry | None:
    """The entry that decides a service's status at a site: the site's own beats ``*``."""
    wildcard = None
    for entry in incident.statuses:
        if entry.service != service_id:
            continue
        if entry.site == site_id:
            return entry
        if entry.site == WILDCARD_SITE and wildcard is None:
            wildcard = entry
    return wildcard


def service_states(org: Organisation, incident: Incident, site_id: str) -> list[ServiceState]:
    """Every catalogue service at a site with its status; unlisted ones are operational."""
    states = []
    for service in org.services_at(site_id):
        entry = entry_for(incident, site_id, service.id)
        if entry is None:
            states.append(ServiceState(service, "operational", {}, None))
        else:
            states.append(ServiceState(service, entry.status, entry.note, entry.to))
    return states
