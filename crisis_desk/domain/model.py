"""The situation model: an organisation profile and an incident.

Plain frozen dataclasses. A ``Localised`` text maps a language code to the text
in that language; a language may be missing, which the checker reports.

What a patient must do is decided per service (``appointments_at``): a status
entry may say so, else the incident's rule for every entry, else the status's own
default. ``appointment_groups`` gathers the services of a site (or of the whole
network) by that decision, which is what every document states.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime

Localised = Mapping[str, str]


class PhrasedText(Mapping[str, str]):
    """A localised text written with phrasebook phrases, then typed text per language.

    To every renderer it is an ordinary ``Localised`` mapping (language -> text, the
    phrases' texts followed by what was typed); it also remembers its phrase ids,
    so that saving keeps them. A language in which a phrase has no text is left
    out, which the checker reports naming the phrase. Two phrased texts are equal
    when they say the same phrases and typed texts, whatever phrasebook filled them.
    """

    __slots__ = ("phrases", "typed", "_texts")

    def __init__(self, phrases: tuple[str, ...], typed: Mapping[str, str],
                 texts: Mapping[str, str]) -> None:
        self.phrases = tuple(phrases)
        self.typed: dict[str, str] = dict(typed)
        self._texts: dict[str, str] = dict(texts)

    def __getitem__(self, code: str) -> str:
        return self._texts[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PhrasedText):
            return (self.phrases, self.typed) == (other.phrases, other.typed)
        return NotImplemented if not isinstance(other, Mapping) else False

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, like a dict

    def __repr__(self) -> str:
        return f"PhrasedText({self.phrases!r}, {self.typed!r})"

WILDCARD_SITE = "*"
FORMAT_VERSION = 2  # files without ``format`` are version 1 and read the same way

MAINTAINED, CANCELLED = "maintained", "cancelled"
APPOINTMENT_RULES = (MAINTAINED, CANCELLED)
# What appointments do when neither the entry nor the incident says: come when the
# service works (a relocated one, at its destination), stay away when it does not.
DEFAULT_APPOINTMENTS = {
    "operational": MAINTAINED,
    "degraded": MAINTAINED,
    "relocated": MAINTAINED,
    "limited": CANCELLED,
    "suspended": CANCELLED,
    "closed": CANCELLED,
}
# Services people do not book (they walk in or call): never in an appointment line,
# unless the catalogue says otherwise with ``appointments = true``.
WITHOUT_APPOINTMENTS = frozenset({"emergency", "pharmacy", "phone", "visits"})


@dataclass(frozen=True)
class Site:
    """One hospital site, with its names in each language."""

    id: str
    name: Localised
    town: Localised
    address: str = ""
    phone: str = ""
    lat: float | None = None  # decimal degrees, for the CAP alert's area
    lon: float | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class Partner:
    """A hospital outside the group that receives patients or samples (a relocation target)."""

    id: str
    name: Localised
    town: Localised = field(default_factory=dict)
    address: str = ""
    phone: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Service:
    """A service of the catalogue; ``sites`` is None when it exists on every site."""

    id: str
    name: Localised
    icon: str = ""
    sites: tuple[str, ...] | None = None
    appointments: bool | None = None  # does it take appointments? None: by its pictogram
    # Where the entrance poster puts it among the affected services when not all fit:
    # 1 first, then 2…; after the closed and relocated ones, before those without one.
    priority: int | None = None

    def exists_at(self, site_id: str) -> bool:
        return self.sites is None or site_id in self.sites

    @property
    def takes_appointments(self) -> bool:
        if self.appointments is not None:
            return self.appointments
        return (self.icon or self.id) not in WITHOUT_APPOINTMENTS


@dataclass(frozen=True)
class PressContact:
    """Who journalists call."""

    name: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class DataProtectionOfficer:
    """Whom patients contact about their personal data (GDPR Art. 34(2))."""

    name: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Spokesperson:
    """Who speaks for the organisation; the press statement quotes them by name and role."""

    name: str = ""
    role: Localised = field(default_factory=dict)


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
    status_url: str = ""  # the address for every language without its own
    about: Localised = field(default_factory=dict)
    press: PressContact = field(default_factory=PressContact)
    hotline: Hotline = field(default_factory=Hotline)
    partners: tuple[Partner, ...] = ()
    dpo: DataProtectionOfficer | None = None
    spokesperson: Spokesperson | None = None
    status_urls: Localised = field(default_factory=dict)  # per language, overriding status_url
    # The organisation's own phrasebook: phrase id -> text per language, adding to or
    # replacing the packaged phrases.
    phrases: Mapping[str, Localised] = field(default_factory=dict)
    physicians_contact: str = ""  # the direct line for physicians and dispatch; optional

    def status_url_for(self, code: str) -> str:
        """The status page address that documents in language ``code`` point to."""
        return self.status_urls.get(code) or self.status_url

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

    def partner(self, partner_id: str) -> Partner:
        for partner in self.partners:
            if partner.id == partner_id:
                return partner
        raise KeyError(partner_id)

    def has_partner(self, partner_id: str) -> bool:
        return any(partner.id == partner_id for partner in self.partners)

    def destination(self, place_id: str) -> Site | Partner:
        """Where a relocated service went: a site of the group, else a partner hospital."""
        return self.site(place_id) if self.has_site(place_id) else self.partner(place_id)


@dataclass(frozen=True)
class PublishedMessage:
    """An alert already sent for this incident, that a CAP update must reference."""

    sender: str
    identifier: str
    sent: datetime


@dataclass(frozen=True)
class DataBreach:
    """What is known of a personal data breach (GDPR Art. 33(3)(a)); each item optional.

    Counts are approximate, as the regulation allows; None means not known yet,
    which the authority notification marks "to be completed".
    """

    data_categories: Localised = field(default_factory=dict)  # "identity, medical records"
    people_categories: Localised = field(default_factory=dict)  # "patients, staff"
    people: int | None = None  # approximate number of people concerned
    records: int | None = None  # approximate number of personal data records
    delay_reason: Localised = field(default_factory=dict)  # notified after 72 h: why

    @property
    def given(self) -> bool:
        """Whether anything at all is known of the breach."""
        return bool(self.data_categories or self.people_categories) or \
            self.people is not None or self.records is not None


SEVERITIES = ("low", "medium", "high", "critical")


@dataclass(frozen=True)
class Nis2Details:
    """What the NIS2 reports to the national CSIRT ask beyond the situation (Art. 23(4))."""

    malicious: bool | None = None  # suspected unlawful or malicious act? None: not assessed
    cross_border: bool | None = None  # could it have a cross-border impact?
    severity: str | None = None  # one of SEVERITIES, the initial assessment's
    assessment: Localised = field(default_factory=dict)  # severity and impact, in words
    indicators: tuple[str, ...] = ()  # indicators of compromise (addresses, hashes…)
    root_cause: Localised = field(default_factory=dict)  # the threat or root cause
    mitigation: Localised = field(default_factory=dict)  # measures applied and ongoing


@dataclass(frozen=True)
class StatusEntry:
    """One line of the incident: a service's status at a site (or ``*``)."""

    site: str
    service: str
    status: str
    note: Localised = field(default_factory=dict)
    to: str | None = None  # a site of the group or a partner, for "relocated"
    line: int | None = field(default=None, compare=False)  # where it was read, for messages
    appointments: str | None = None  # "maintained" | "cancelled"; None: the incident's rule
    # For an emergency department: does it take ambulances ("accepted") or are they sent
    # elsewhere ("diverted")? None: by its status. Where they go: a site or a partner.
    ambulances: str | None = None
    ambulances_to: str | None = None


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
    # The rule for every status entry without its own; None: each status's default.
    appointments: str | None = None  # "maintained" | "cancelled"
    unknowns: Localised = field(default_factory=dict)  # overrides the kind's wording
    actions: Localised = field(default_factory=dict)  # overrides the kind's wording
    appointment_exceptions: Localised = field(default_factory=dict)  # "36 weeks: come"
    quote: Localised = field(default_factory=dict)  # the spokesperson's words
    data_consequences: Localised = field(default_factory=dict)  # replaces the kind's wording
    data_measures: Localised = field(default_factory=dict)  # replaces the kind's wording
    # CAP messages already sent, for an update's <references> when the database that
    # sent them is not at hand (``export`` writes them, ``kit`` reads them).
    published: tuple[PublishedMessage, ...] = ()
    staff_instructions: Localised = field(default_factory=dict)  # what staff must do
    physicians_contact: str = ""  # overrides the profile's direct line for physicians
    # When the organisation became aware of the incident; the legal clocks (GDPR, NIS2)
    # run from it. None: at the start.
    detected: datetime | None = None
    breach: DataBreach = field(default_factory=DataBreach)
    nis2: Nis2Details = field(default_factory=Nis2Details)
    # The one language of the documents for the authorities; None: each incident language.
    authority_language: str | None = None

    @property
    def aware_since(self) -> datetime:
        """When the organisation became aware: ``detected``, else ``started``."""
        return self.detected or self.started

    @property
    def appointment_rule(self) -> str:
        """One network-wide rule, as the first documents stated it.

        Superseded by ``appointment_groups`` (per service); kept only until every
        document states the rule per service group.
        """
        if self.appointments:
            return self.appointments
        suspended = any(e.status in ("suspended", "closed") for e in self.statuses)
        return CANCELLED if suspended else MAINTAINED


@dataclass(frozen=True)
class ServiceState:
    """The resolved status of one service at one site, with what its patients must do."""

    service: Service
    status: str
    note: Localised
    to: str | None
    appointments: str = MAINTAINED
    site: str = ""  # the site it was resolved for


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
            states.append(ServiceState(service, "operational", {}, None, MAINTAINED, site_id))
        else:
            states.append(ServiceState(service, entry.status, entry.note, entry.to,
                                       entry_appointments(incident, entry), site_id))
    return states


def entry_appointments(incident: Incident, entry: StatusEntry) -> str:
    """What a status entry means for appointments: its own word, the incident's, the status's."""
    if entry.appointments in APPOINTMENT_RULES:
        return entry.appointments
    if incident.appointments in APPOINTMENT_RULES:
        return incident.appointments
    return DEFAULT_APPOINTMENTS.get(entry.status, MAINTAINED)


def appointments_at(org: Organisation, incident: Incident, site_id: str,
                    service_id: str) -> str:
    """'maintained' (come as planned) or 'cancelled' (do not come, we will contact you)."""
    entry = entry_for(incident, site_id, service_id)
    return MAINTAINED if entry is None else entry_appointments(incident, entry)


@dataclass(frozen=True)
class AppointmentGroups:
    """The services whose patients come as planned, those who must not, those who go elsewhere.

    Services are in catalogue order, each once per group; over several sites a
    service may be in two groups (kept on one site, cancelled on another).
    """

    maintained: tuple[Service, ...]
    cancelled: tuple[Service, ...]
    relocated: tuple[ServiceState, ...]  # maintained, at another place
    # Services kept on some sites and cancelled on others, with the sites of each rule:
    # documents for the whole network name those sites, never "come" and "do not come"
    # for the same service without saying where.
    split: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)

    @property
    def all_cancelled(self) -> bool:
        """True only when no service keeps its appointments (then "do not come" is right)."""
        return not self.maintained and not self.relocated

    @property
    def none_cancelled(self) -> bool:
        return not self.cancelled


def appointment_groups(org: Organisation, incident: Incident,
                       site_id: str | None = None) -> AppointmentGroups:
    """Group the services of one site (or of every site) by what their patients must do.

    A service counts among the cancelled ones when its appointments are cancelled on
    at least one site considered, and among the maintained ones when they are kept
    on at least one; documents for the whole network say per site where it differs.
    Only services that take appointments are grouped (not the emergency department,
    the pharmacy, the switchboard or visits); one that simply works is "maintained",
    since patients must never read that everything is cancelled while it runs.
    """
    sites = [site_id] if site_id else [site.id for site in org.sites]
    maintained: dict[str, Service] = {}
    cancelled: dict[str, Service] = {}
    relocated: dict[tuple[str, str], ServiceState] = {}
    kept_at: dict[str, list[str]] = {}
    cancelled_at: dict[str, list[str]] = {}
    for site in sites:
        for state in service_states(org, incident, site):
            if not state.service.takes_appointments:
                continue
            if state.appointments == CANCELLED:
                cancelled.setdefault(state.service.id, state.service)
                cancelled_at.setdefault(state.service.id, []).append(site)
            elif state.status == "relocated" and state.to:
                relocated.setdefault((state.service.id, state.to), state)
            else:
                maintained.setdefault(state.service.id, state.service)
                kept_at.setdefault(state.service.id, []).append(site)
    order = {service.id: number for number, service in enumerate(org.services)}
    return AppointmentGroups(
        maintained=tuple(sorted(maintained.values(), key=lambda s: order[s.id])),
        cancelled=tuple(sorted(cancelled.values(), key=lambda s: order[s.id])),
        relocated=tuple(sorted(relocated.values(), key=lambda s: order[s.service.id])),
        split={service_id: (tuple(kept_at[service_id]), tuple(cancelled_at[service_id]))
               for service_id in kept_at.keys() & cancelled_at.keys()},
    )


# -- ambulances ---------------------------------------------------------------------------

ACCEPTED, DIVERTED = "accepted", "diverted"
AMBULANCE_RULES = (ACCEPTED, DIVERTED)
# An emergency department that is shut or gone takes no ambulances unless it says so.
DIVERTING_STATUSES = frozenset({"suspended", "closed", "relocated"})
EMERGENCY = "emergency"


def is_emergency(service: Service) -> bool:
    """The emergency department, by its id or its pictogram."""
    return EMERGENCY in (service.id, service.icon)


@dataclass(frozen=True)
class AmbulanceRouting:
    """What ambulance dispatch must know about one site's emergency department."""

    site: str
    status: str  # the department's status
    accepted: bool
    to: str | None = None  # where diverted ambulances go: a site or a partner; None: unsaid

    @property
    def open(self) -> bool:
        """Whether the department receives patients who come by themselves."""
        return self.status not in DIVERTING_STATUSES


def ambulance_routing(org: Organisation, incident: Incident,
                      site_id: str) -> AmbulanceRouting | None:
    """The site's emergency department for dispatch; None when the site has none."""
    service = next((s for s in org.services_at(site_id) if is_emergency(s)), None)
    if service is None:
        return None
    entry = entry_for(incident, site_id, service.id)
    if entry is None:
        return AmbulanceRouting(site_id, "operational", True)
    accepted = entry.ambulances == ACCEPTED if entry.ambulances in AMBULANCE_RULES \
        else entry.status not in DIVERTING_STATUSES
    to = None if accepted else entry.ambulances_to or \
        (entry.to if entry.status == "relocated" else None)
    return AmbulanceRouting(site_id, entry.status, accepted, to)


def physicians_contact(org: Organisation, incident: Incident) -> str:
    """The direct line for physicians: the incident's, else the profile's."""
    return incident.physicians_contact.strip() or org.physicians_contact.strip()
