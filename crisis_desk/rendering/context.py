"""The view model: everything a template needs, in one language, already resolved.

Templates only lay out; this module decides what each text is in a language:
status wording, kind wording, names, dates in the organisation's time zone, and
the visible marker that stands in for a missing translation.

The views are named tuples: immutable values, like frozen dataclasses, but about a
quarter of the cost to define, which every command that renders pays at start.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from crisis_desk.domain.incident_kinds import KINDS, IncidentKind
from crisis_desk.domain.model import (
    AppointmentGroups,
    Incident,
    Localised,
    Organisation,
    Service,
    appointment_groups,
    service_states,
)
from crisis_desk.domain.phrasing import bind_phrases
from crisis_desk.domain.statuses import RELOCATED_TO, STATUSES
from crisis_desk.i18n import LANGUAGES, N_, Language, document_date, document_time, gettext
from crisis_desk.i18n.articles import subject
from crisis_desk.rendering.appointments import Groups, Moved, full_sentences, short_variants
from crisis_desk.rendering.text import clean

MISSING = N_("[Missing text: %(language)s]")
ADDRESS_AND_PHONE = N_("%(address)s, tel. %(phone)s")
DPO_LINE = N_("Our data protection officer: %(contact)s.")
DEFAULT_DATA_CONSEQUENCES = N_(
    "Possible consequences: criminals could use the data to contact you by telephone, "
    "e-mail or text message while pretending to be the hospital, or to misuse your identity.")
DATA_CONSEQUENCES = N_("Possible consequences: %(consequences)s")
DATA_MEASURES = N_("What we are doing: %(measures)s")
QUOTE_WITH_ROLE = N_("“%(quote)s”, says %(name)s, %(role)s.")
QUOTE = N_("“%(quote)s”, says %(name)s.")
# Languages that write a role in apposition, or a sentence after a colon, in lower case
# ("…, déclare Anne Dupont, directrice générale"; "Ce que nous faisons : nos équipes…").
LOWER_CASE_ROLES = frozenset({"fr", "nl"})


class StatusView(NamedTuple):
    """A status as shown in one language."""

    id: str
    label: str
    description: str
    colour: str
    shape: str
    symbol: str
    severity: int


class PlaceView(NamedTuple):
    """Where a relocated service went: a site of the group or a partner hospital."""

    id: str
    name: str
    town: str
    address: str
    phone: str
    partner: bool  # outside the group: documents give its address and phone
    details: str = ""  # "address, tel. phone" as the language writes it


class ServiceView(NamedTuple):
    """A service at a site, in one language."""

    id: str
    name: str
    icon: str
    status: StatusView
    note: str
    moved_to: str  # the other place's name, when relocated
    moved_to_id: str
    appointments: str = "maintained"  # what its patients must do: "maintained" | "cancelled"
    destination: PlaceView | None = None

    @property
    def affected(self) -> bool:
        return self.status.severity > 0


class AppointmentsView(NamedTuple):
    """What patients must do, per group of services, in one language.

    ``come``: appointments go ahead; ``stay_away``: do not come, we will contact
    you; ``elsewhere``: (service, site it left, place) kept at another site or a
    partner hospital.
    """

    come: tuple[str, ...]
    stay_away: tuple[str, ...]
    elsewhere: tuple[tuple[str, str, str], ...]
    exceptions: str  # the incident's free text ("36 weeks or more: come as planned")
    sentences: tuple[str, ...] = ()  # the rule in full, exceptions last
    short: tuple[str, ...] = ()  # the rule for SMS and posts, most complete first

    @property
    def all_cancelled(self) -> bool:
        """Only then may a document tell every patient not to come."""
        return not self.come and not self.elsewhere

    @property
    def none_cancelled(self) -> bool:
        return not self.stay_away


class SiteView(NamedTuple):
    """A site and the state of its services, in one language."""

    id: str
    name: str
    town: str
    address: str
    phone: str
    services: tuple[ServiceView, ...]
    appointments: AppointmentsView | None = None  # at this site

    @property
    def affected(self) -> tuple[ServiceView, ...]:
        return tuple(s for s in self.services if s.affected)

    @property
    def working(self) -> tuple[ServiceView, ...]:
        return tuple(s for s in self.services if not s.affected)


class OrganisationView(NamedTuple):
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
    dpo_name: str = ""
    dpo_email: str = ""
    dpo_phone: str = ""
    spokesperson_name: str = ""
    spokesperson_role: str = ""

    dpo_line: str = ""  # "Our data protection officer: name, e-mail, phone."

    @property
    def has_dpo(self) -> bool:
        return bool(self.dpo_name or self.dpo_email or self.dpo_phone)


class IncidentView(NamedTuple):
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
    appointments: str  # "maintained" | "cancelled": the network-wide rule (see below)
    questions: tuple[tuple[str, str], ...]
    exceptions: str = ""  # appointment exceptions, free text
    quote: str = ""  # the spokesperson's words
    data_consequences: str = ""  # free text replacing the kind's wording, when given
    data_measures: str = ""
    # The data paragraph's sentences, ready to print (free text, else the fixed wording;
    # the measures fall back to "what is being done").
    data_consequences_line: str = ""
    data_measures_line: str = ""
    quote_line: str = ""  # the spokesperson's words, attributed; empty without both
    opening: str = ""  # the press release's first sentence: who, what, since when


class LanguageView(NamedTuple):
    """Everything one template needs to write a document in one language."""

    lang: Language
    org: OrganisationView
    incident: IncidentView
    sites: tuple[SiteView, ...]
    site: SiteView | None
    languages: tuple[Language, ...]  # every language of the document
    missing: tuple[str, ...] = ()  # fields shown with the missing marker
    appointments: AppointmentsView | None = None  # over the whole network

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
            "appointments": self.appointments,
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
    view = _network_view(org, incident, code, tuple(languages))
    if not site_id:
        return view
    return view._replace(site=next((s for s in view.sites if s.id == site_id), None))


_recent: dict[tuple, tuple[Organisation, Incident, LanguageView]] = {}


def _network_view(org: Organisation, incident: Incident, code: str,
                  languages: tuple[str, ...]) -> LanguageView:
    """The view of every site, remembered for the same (frozen) org and incident: a kit
    asks for it once per site and document, and only the site picked out differs. The
    entry holds the objects themselves, so a reused id cannot return another's view."""
    key = (id(org), id(incident), code, languages)
    hit = _recent.get(key)
    if hit is not None and hit[0] is org and hit[1] is incident:
        return hit[2]
    if len(_recent) >= 64:
        _recent.clear()
    view = _built_view(org, incident, code, languages)
    _recent[key] = (org, incident, view)
    return view


def _built_view(org: Organisation, incident: Incident, code: str,
                languages: tuple[str, ...]) -> LanguageView:
    incident = bind_phrases(org, incident)  # phrases in the organisation's own words
    texts = _Texts(code)
    kind = KINDS[incident.kind]
    exceptions = texts.optional(incident.appointment_exceptions, "appointment_exceptions")
    sites = tuple(_site_view(org, incident, s.id, texts, exceptions) for s in org.sites)
    return LanguageView(
        lang=LANGUAGES[code],
        org=_organisation_view(org, texts),
        incident=_incident_view(org, incident, kind, texts),
        sites=sites,
        site=None,
        languages=tuple(LANGUAGES[c] for c in (languages or (code,))),
        missing=tuple(dict.fromkeys(texts.missing)),
        appointments=_appointments_view(org, appointment_groups(org, incident), texts,
                                        exceptions),
    )


def _appointments_view(org: Organisation, groups: AppointmentGroups, texts: _Texts,
                       exceptions: str) -> AppointmentsView:
    def name(service: Service) -> str:
        return texts.pick(service.name, f"service[{service.id}].name")

    moved = tuple(Moved(name(state.service), _place_name(org, state.site, texts),
                        _place_name(org, state.to or "", texts),
                        _place_town(org, state.site, texts),
                        _place_town(org, state.to or "", texts)) for state in groups.relocated)
    def at(service: Service, kept: bool) -> str:
        """The service's name, with the sites where this rule holds when it differs."""
        if service.id not in groups.split:
            return name(service)
        sites = groups.split[service.id][0 if kept else 1]
        towns = ", ".join(_place_town(org, site, texts) for site in sites)
        return f"{name(service)} ({towns})"

    named = Groups(come=tuple(at(s, True) for s in groups.maintained),
                   stay_away=tuple(at(s, False) for s in groups.cancelled), elsewhere=moved)
    extra = (exceptions,) if exceptions else ()
    return AppointmentsView(
        come=named.come,
        stay_away=named.stay_away,
        elsewhere=tuple((m.service, m.site, m.place) for m in moved),
        exceptions=exceptions,
        sentences=(*full_sentences(named, texts.code), *extra),
        short=tuple(" ".join((variant, *extra))
                    for variant in short_variants(named, texts.code)),
    )


def _place_town(org: Organisation, place_id: str, texts: _Texts) -> str:
    """A place's town, for short texts; its name when no town is given."""
    if org.has_site(place_id) or org.has_partner(place_id):
        town = org.destination(place_id).town
        if any(t.strip() for t in town.values()):
            return texts.pick(town, f"{place_id}.town")
    return _place_name(org, place_id, texts)


def _place_name(org: Organisation, place_id: str, texts: _Texts) -> str:
    if org.has_site(place_id):
        return texts.pick(org.site(place_id).name, f"site[{place_id}].name")
    if org.has_partner(place_id):
        return texts.pick(org.partner(place_id).name, f"partner[{place_id}].name")
    return ""


def _place_view(org: Organisation, place_id: str, texts: _Texts) -> PlaceView | None:
    if not (org.has_site(place_id) or org.has_partner(place_id)):
        return None
    place = org.destination(place_id)
    address, phone = clean(place.address), clean(place.phone)
    details = gettext(texts.code, ADDRESS_AND_PHONE) % {"address": address, "phone": phone} \
        if address and phone else address or phone
    return PlaceView(
        id=place.id,
        name=_place_name(org, place_id, texts),
        town=texts.optional(place.town, f"{place.id}.town"),
        address=address,
        phone=phone,
        partner=not org.has_site(place_id),
        details=details,
    )


def _organisation_view(org: Organisation, texts: _Texts) -> OrganisationView:
    return OrganisationView(
        id=org.id,
        name=texts.pick(org.name, "organisation.name"),
        about=texts.optional(org.about, "organisation.about"),
        status_url=clean(org.status_url_for(texts.code)),
        status_url_short=clean(org.status_url_for(texts.code)).removeprefix("https://")
        .removeprefix("http://").rstrip("/"),
        hotline=clean(org.hotline.phone),
        hotline_hours=texts.optional(org.hotline.hours, "hotline.hours"),
        press_name=clean(org.press.name),
        press_phone=clean(org.press.phone),
        press_email=clean(org.press.email),
        dpo_name=clean(org.dpo.name) if org.dpo else "",
        dpo_email=clean(org.dpo.email) if org.dpo else "",
        dpo_phone=clean(org.dpo.phone) if org.dpo else "",
        spokesperson_name=clean(org.spokesperson.name) if org.spokesperson else "",
        spokesperson_role=texts.optional(org.spokesperson.role, "spokesperson.role")
        if org.spokesperson else "",
        dpo_line=_dpo_line(org, texts.code),
    )


def _dpo_line(org: Organisation, code: str) -> str:
    if org.dpo is None:
        return ""
    contact = ", ".join(clean(part) for part in (org.dpo.name, org.dpo.email, org.dpo.phone)
                        if part.strip())
    return gettext(code, DPO_LINE) % {"contact": contact} if contact else ""


def _after_colon(text: str, code: str) -> str:
    """A sentence set after a colon: French and Dutch start it in lower case ("Nos" → "nos")."""
    if code in LOWER_CASE_ROLES and text[1:2].islower():
        return text[0].lower() + text[1:]
    return text


def _quote_line(org: Organisation, quote: str, code: str) -> str:
    """The quote attributed to the spokesperson; nothing without a quote or a name."""
    person = org.spokesperson
    if not quote or person is None or not person.name.strip():
        return ""
    role = clean(person.role.get(code, "")).strip()
    if role and code in LOWER_CASE_ROLES and role[1:2].islower():
        role = role[0].lower() + role[1:]
    values = {"quote": quote.strip(), "name": clean(person.name), "role": role}
    return gettext(code, QUOTE_WITH_ROLE if role else QUOTE) % values


def _incident_view(org: Organisation, incident: Incident, kind: IncidentKind,
                   texts: _Texts) -> IncidentView:
    code = texts.code
    zone = ZoneInfo(org.timezone)
    quote = texts.optional(incident.quote, "quote")
    consequences = texts.optional(incident.data_consequences, "data_consequences")
    measures = texts.optional(incident.data_measures, "data_measures")
    actions = texts.pick(incident.actions, "actions", fallback=gettext(code, kind.actions))
    return IncidentView(
        kind=kind.id,
        kind_name=gettext(code, kind.name),
        title=texts.pick(incident.title, "title", fallback=gettext(code, kind.headline)),
        what_happened=gettext(code, kind.what_happened),
        facts=texts.pick(incident.facts, "facts"),
        advice=texts.pick(incident.patient_advice, "patient_advice"),
        unknowns=texts.pick(incident.unknowns, "unknowns", fallback=gettext(code, kind.unknowns)),
        actions=actions,
        update=incident.update,
        started=incident.started.astimezone(zone),
        issued=incident.issued.astimezone(zone),
        next_update=incident.next_update.astimezone(zone) if incident.next_update else None,
        data_at_risk=incident.patient_data_at_risk,
        appointments=incident.appointment_rule,  # until documents state it per group
        questions=tuple((gettext(code, q), gettext(code, a)) for q, a in kind.questions),
        exceptions=texts.optional(incident.appointment_exceptions, "appointment_exceptions"),
        quote=quote,
        data_consequences=consequences,
        data_measures=measures,
        data_consequences_line=gettext(code, DATA_CONSEQUENCES)
        % {"consequences": _after_colon(consequences, code)}
        if consequences else gettext(code, DEFAULT_DATA_CONSEQUENCES),
        data_measures_line=gettext(code, DATA_MEASURES)
        % {"measures": _after_colon(measures or actions, code)},
        quote_line=_quote_line(org, quote, code),
        opening=gettext(code, kind.opening) % {
            "organisation": subject(texts.pick(org.name, "organisation.name"), code),
            "date": document_date(incident.started.astimezone(zone), code),
            "time": document_time(incident.started.astimezone(zone), code)},
    )


def _site_view(org: Organisation, incident: Incident, site_id: str, texts: _Texts,
               exceptions: str = "") -> SiteView:
    site = org.site(site_id)
    services = []
    for state in service_states(org, incident, site_id):
        status = STATUSES[state.status]
        moved_to = _place_name(org, state.to, texts) if state.to else ""
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
            appointments=state.appointments,
            destination=_place_view(org, state.to, texts) if state.to else None,
        ))
    return SiteView(
        id=site.id,
        name=texts.pick(site.name, f"site[{site.id}].name"),
        town=texts.pick(site.town, f"site[{site.id}].town") if site.town else "",
        address=clean(site.address),
        phone=clean(site.phone),
        services=tuple(services),
        appointments=_appointments_view(org, appointment_groups(org, incident, site_id),
                                        texts, exceptions),
    )


def optional_text(texts: Localised, code: str, field_name: str) -> str:
    """A text that may be absent altogether, in one language (the marker when only it lacks)."""
    return _Texts(code).optional(texts, field_name)


def place_view(org: Organisation, place_id: str, code: str) -> PlaceView | None:
    """A site of the group or a partner hospital in one language; None when unknown."""
    return _place_view(org, place_id, _Texts(code))
