"""The view model: everything a template needs, in one language, already resolved.

Templates only lay out; this module decides what each text is in a language:
status wording, kind wording, names, dates in the organisation's time zone, and
the visible marker that stands in for a missing translation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from crisis_desk.domain.incident_kinds import KINDS, IncidentKind
from crisis_desk.domain.model import Incident, Localised, Organisation, service_states
from crisis_desk.domain.statuses import RELOCATED_TO, STATUSES
from crisis_desk.i18n import LANGUAGES, N_, Language, gettext
from crisis_desk.rendering.text import clean

MISSING = N_("[Missing text: %(language)s]")


@dataclass(frozen=True)
class StatusView:
    """A status as shown in one language."""

    id: str
    label: str
    description: str
    colour: str
    shape: str
    symbol: str
    severity: int


@dataclass(frozen=True)
class ServiceView:
    """A service at a site, in one language."""

    id: str
    name: str
    icon: str
    status: StatusView
    note: str
    moved_to: str  # the other site's name, when relocated
    moved_to_id: str

    @property
    def affected(self) -> bool:
        return self.status.severity > 0


@dataclass(frozen=True)
class SiteView:
    """A site and the state of its services, in one language."""

    id: str
    name: str
    town: str
    address: str
    phone: str
    services: tuple[ServiceView, ...]

    @property
    def affected(self) -> tuple[ServiceView, ...]:
        return tuple(s for s in self.services if s.affected)

    @property
    def working(self) -> tuple[ServiceView, ...]:
        return tuple(s for s in self.services if not s.affected)


@dataclass(frozen=True)
class OrganisationView:
    """The organisation's public details in one language."""

    id: str
    name: str
    about: str
    status_url: str
    status_url_short: str  # without the scheme, for SMS and posters
    hotline: str
    hotline_hours: str
    press_name: str
    press_phone: str
    press_email: str


@dataclass(frozen=True)
class IncidentView:
    """The incident in one language."""

    kind: str
    kind_name: str
    title: str
    what_happened: str
    facts: str
    advice: str
    unknowns: str
    actions: str
    update: int
    started: datetime
    issued: datetime
    next_update: datetime | None
    data_at_risk: bool
    appointments: str  # "maintained" | "cancelled"
    questions: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class LanguageView:
    """Everything one template needs to write a document in one language."""

    lang: Language
    org: OrganisationView
    incident: IncidentView
    sites: tuple[SiteView, ...]
    site: SiteView | None
    languages: tuple[Language, ...]  # every language of the document
    missing: tuple[str, ...] = field(default=())  # fields shown with the missing marker

    @property
    def emergency_open(self) -> bool:
        """True when every emergency department of the network still takes patients."""
        emergencies = [s for site in self.sites for s in site.services if s.icon == "emergency"]
        return bool(emergencies) and all(s.status.severity <= 1 for s in emergencies)

    def as_context(self) -> dict[str, object]:
        return {
            "lang": self.lang,
            "org": self.org,
            "incident": self.incident,
            "sites": self.sites,
            "site": self.site,
            "languages": self.languages,
            "missing": self.missing,
            "emergency_open": self.emergency_open,
        }


class _Texts:
    """Picks texts in one language and remembers which were missing."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.missing: list[str] = []

    def pick(self, texts: Localised, field_name: str, fallback: str | None = None) -> str:
        value = texts.get(self.code, "")
        if value.strip():
            return clean(value)
        if fallback is not None and not texts:
            return fallback
        self.missing.append(field_name)
        return gettext(self.code, MISSING) % {"language": LANGUAGES[self.code].native_name}

    def optional(self, texts: Localised, field_name: str) -> str:
        """A text that may be absent altogether, but not in one language only."""
        if not any(v.strip() for v in texts.values()):
            return ""
        return self.pick(texts, field_name)


def build_view(org: Organisation, incident: Incident, code: str,
               site_id: str | None = None, languages: tuple[str, ...] = ()) -> LanguageView:
    """The view model of ``incident`` in language ``code`` (for one site or all)."""
    texts = _Texts(code)
    kind = KINDS[incident.kind]
    sites = tuple(_site_view(org, incident, s.id, texts) for s in org.sites)
    site = next((s for s in sites if s.id == site_id), None) if site_id else None
    return LanguageView(
        lang=LANGUAGES[code],
        org=_organisation_view(org, texts),
        incident=_incident_view(org, incident, kind, texts),
        sites=sites,
        site=site,
        languages=tuple(LANGUAGES[c] for c in (languages or (code,))),
        missing=tuple(dict.fromkeys(texts.missing)),
    )


def _organisation_view(org: Organisation, texts: _Texts) -> OrganisationView:
    return OrganisationView(
        id=org.id,
        name=texts.pick(org.name, "organisation.name"),
        about=texts.optional(org.about, "organisation.about"),
        status_url=clean(org.status_url),
        status_url_short=clean(org.status_url).removeprefix("https://").removeprefix("http://")
        .rstrip("/"),
        hotline=clean(org.hotline.phone),
        hotline_hours=texts.optional(org.hotline.hours, "hotline.hours"),
        press_name=clean(org.press.name),
        press_phone=clean(org.press.phone),
        press_email=clean(org.press.email),
    )


def _incident_view(org: Organisation, incident: Incident, kind: IncidentKind,
                   texts: _Texts) -> IncidentView:
    code = texts.code
    zone = ZoneInfo(org.timezone)
    return IncidentView(
        kind=kind.id,
        kind_name=gettext(code, kind.name),
        title=texts.pick(incident.title, "title", fallback=gettext(code, kind.headline)),
        what_happened=gettext(code, kind.what_happened),
        facts=texts.pick(incident.facts, "facts"),
        advice=texts.pick(incident.patient_advice, "patient_advice"),
        unknowns=texts.pick(incident.unknowns, "unknowns", fallback=gettext(code, kind.unknowns)),
        actions=texts.pick(incident.actions, "actions", fallback=gettext(code, kind.actions)),
        update=incident.update,
        started=incident.started.astimezone(zone),
        issued=incident.issued.astimezone(zone),
        next_update=incident.next_update.astimezone(zone) if incident.next_update else None,
        data_at_risk=incident.patient_data_at_risk,
        appointments=incident.appointment_rule,
        questions=tuple((gettext(code, q), gettext(code, a)) for q, a in kind.questions),
    )


def _site_view(org: Organisation, incident: Incident, site_id: str, texts: _Texts) -> SiteView:
    site = org.site(site_id)
    services = []
    for state in service_states(org, incident, site_id):
        status = STATUSES[state.status]
        moved_to = ""
        if state.to and org.has_site(state.to):
            moved_to = texts.pick(org.site(state.to).name, f"site[{state.to}].name")
        label = gettext(texts.code, status.label)
        if moved_to:
            label = gettext(texts.code, RELOCATED_TO) % {"site": moved_to}
        services.append(ServiceView(
            id=state.service.id,
            name=texts.pick(state.service.name, f"service[{state.service.id}].name"),
            icon=state.service.icon or state.service.id,
            status=StatusView(status.id, label, gettext(texts.code, status.description),
                              status.colour, status.shape, status.symbol, status.severity),
            note=texts.optional(state.note, f"status[{site_id}/{state.service.id}].note"),
            moved_to=moved_to,
            moved_to_id=state.to or "",
        ))
    return SiteView(
        id=site.id,
        name=texts.pick(site.name, f"site[{site.id}].name"),
        town=texts.pick(site.town, f"site[{site.id}].town") if site.town else "",
        address=clean(site.address),
        phone=clean(site.phone),
        services=tuple(services),
    )
