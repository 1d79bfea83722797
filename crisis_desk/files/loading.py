"""Reading organisation profiles and incidents from TOML into the model.

Structural problems (malformed TOML, wrong types, missing required fields, files
that are empty, binary or huge) raise one ``InputError`` naming the file, the
line where it can be found and the field. Meaning (unknown sites, missing
translations, …) is the checker's job, so that all such problems are listed at
once.

Files are strict: a key the format does not know is an error that suggests the
closest known key (a typo in ``patient_data_at_risk`` must not silently drop the
data paragraph). Ids become file names, so they are lower-case letters, digits
and hyphens; status addresses are web addresses. Files carry ``format = 2``;
files without it (version 1, like the shared examples) read the same way.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crisis_desk.domain.model import (
    AMBULANCE_RULES,
    APPOINTMENT_RULES,
    FORMAT_VERSION,
    SEVERITIES,
    DataBreach,
    DataProtectionOfficer,
    Hotline,
    Incident,
    Nis2Details,
    Organisation,
    Partner,
    PressContact,
    PublishedMessage,
    Service,
    Site,
    Spokesperson,
    StatusEntry,
)
from crisis_desk.files.reader import (  # noqa: F401 - re-exported: the loader's public rules
    CAP_TOKEN,
    HAS_SPACES,
    ID_PATTERN,
    LATITUDE,
    LONGITUDE,
    MAX_FILE_BYTES,
    MAX_UPDATE,
    MAX_URL_LENGTH,
    NOT_A_WEB_ADDRESS,
    TOO_LONG,
    YEARS,
    T,
    _Locator,
    _raise,
    _Reader,
    _shown,
    _type_name,
    is_coordinate,
    is_valid_id,
    parse_toml,
    read_toml,
    web_address_fault,
)
from crisis_desk.i18n import LANGUAGES, _
from crisis_desk.i18n.phrasebook import PLACEHOLDERS, placeholders_in


def load_organisation(path: Path | str) -> Organisation:
    """Read an organisation profile (see examples/organisation.toml).

    Its own phrasebook, when there is one beside it (``organisation.phrases.toml``
    for ``organisation.toml``), adds to the profile's ``[phrases]`` and wins over it.
    """
    data, text = read_toml(path)
    org = organisation_from_data(data, text, path)
    book = phrasebook_path(path)
    if not book.is_file():
        return org
    book_data, book_text = read_toml(book)
    top = _Reader(book_data, book, _Locator(book_text))
    _format_version(top)
    own = _own_phrases(top.sub("phrases"))
    top.reject_unknown()
    return replace(org, phrases={**org.phrases, **own})


def phrasebook_path(profile: Path | str) -> Path:
    """Where an organisation's own phrasebook lives: beside its profile."""
    profile = Path(profile)
    return profile.with_name(f"{profile.stem}.phrases.toml")


def _own_phrases(reader: _Reader) -> dict[str, dict[str, str]]:
    """``[phrases.<id>]`` tables: an organisation's phrases, each with text per language."""
    phrases = {}
    for phrase_id in list(reader.data):
        if not is_valid_id(phrase_id):
            raise reader.error(phrase_id, _("'%(id)s' is not a phrase id: use lower-case letters, "
                                            "digits and hyphens") % {"id": _shown(phrase_id)})
        texts = reader.localised(phrase_id, required=True)
        for code, text in texts.items():
            if code not in LANGUAGES:
                raise reader.error(phrase_id, _("'%(code)s' is not a language code (%(known)s)")
                                   % {"code": _shown(code), "known": ", ".join(LANGUAGES)})
            unknown = [name for name in placeholders_in(text) if name not in PLACEHOLDERS]
            if unknown:
                raise reader.error(phrase_id, _("the placeholder {%(name)s} is not known "
                                              "(known: %(known)s)")
                                   % {"name": unknown[0], "known": ", ".join(PLACEHOLDERS)})
        phrases[phrase_id] = texts
    return phrases


def organisation_from_data(data: dict[str, Any], text: str, path: Path | str) -> Organisation:
    """Build an ``Organisation`` from parsed TOML."""
    top = _Reader(data, path, _Locator(text))
    _format_version(top)
    timezone = top.text("timezone", default="Europe/Brussels")
    _zone(timezone, top, "timezone")
    status_url, status_urls = top.web_addresses("status_url")
    org = Organisation(
        id=top.identifier("id"),
        name=top.localised("name", required=True),
        languages=top.text_list("languages", default=("fr", "nl")) or ("fr", "nl"),
        timezone=timezone,
        status_url=status_url,
        status_urls=status_urls,
        about=top.localised("about"),
        press=_press(top.sub("press")),
        hotline=_hotline(top.sub("hotline")),
        sites=tuple(_site(r) for r in top.tables("site")),
        services=tuple(_service(r) for r in top.tables("service")),
        partners=tuple(_partner(r) for r in top.tables("partner")),
        dpo=_dpo(top.optional_sub("dpo")),
        spokesperson=_spokesperson(top.optional_sub("spokesperson")),
        phrases=_own_phrases(top.sub("phrases")),
        physicians_contact=top.text("physicians_contact"),
    )
    top.reject_unknown()
    return org


def _format_version(top: _Reader) -> int:
    version = top.integer("format", default=1)
    if not 1 <= version <= FORMAT_VERSION:
        raise top.error("format", _("format %(version)d is not known to this version of "
                                    "Crisis Desk (it reads formats 1 to %(last)d)")
                        % {"version": version, "last": FORMAT_VERSION})
    return version


def _finished(reader: _Reader, value: T) -> T:
    """``value``, once ``reader``'s table is known to hold no unknown key."""
    reader.reject_unknown()
    return value


def _press(reader: _Reader) -> PressContact:
    return _finished(reader, PressContact(reader.text("name"), reader.text("phone"),
                                          reader.text("email")))


def _hotline(reader: _Reader) -> Hotline:
    return _finished(reader, Hotline(reader.text("phone"), reader.localised("hours")))


def _dpo(reader: _Reader | None) -> DataProtectionOfficer | None:
    if reader is None:
        return None
    return _finished(reader, DataProtectionOfficer(reader.text("name"), reader.text("email"),
                                                   reader.text("phone")))


def _spokesperson(reader: _Reader | None) -> Spokesperson | None:
    if reader is None:
        return None
    return _finished(reader, Spokesperson(reader.text("name"), reader.localised("role")))


PlaceT = TypeVar("PlaceT", Site, Partner)


def _place(reader: _Reader, kind: type[PlaceT]) -> PlaceT:
    """A site of the group or a partner hospital: the same fields, read the same way."""
    return _finished(reader, kind(
        id=reader.identifier("id"),
        name=reader.localised("name", required=True),
        town=reader.localised("town"),
        address=reader.text("address"),
        phone=reader.text("phone"),
        lat=reader.number("lat", LATITUDE),
        lon=reader.number("lon", LONGITUDE),
    ))


def _site(reader: _Reader) -> Site:
    return _place(reader, Site)


def _partner(reader: _Reader) -> Partner:
    return _place(reader, Partner)


def _service(reader: _Reader) -> Service:
    return _finished(reader, Service(
        id=reader.identifier("id"),
        name=reader.localised("name", required=True),
        icon=reader.text("icon"),
        sites=reader.text_list("sites"),
        appointments=reader.boolean_or_none("appointments"),
        priority=_priority(reader),
    ))


def _priority(reader: _Reader) -> int | None:
    """A service's optional rank on the poster: a whole number, 1 being shown first."""
    given = reader.has("priority")
    value = reader.integer("priority")
    if not given:
        return None
    if not 1 <= value <= 999:
        raise reader.error("priority", _("must be a whole number from 1 (shown first) "
                                         "to 999, not %(value)s") % {"value": value})
    return value


def _zone(name: str, reader: _Reader, key: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise reader.error(key, _("unknown time zone '%(zone)s' (use e.g. Europe/Brussels)")
                           % {"zone": name}) from None


def load_incident(path: Path | str, timezone: str = "Europe/Brussels") -> Incident:
    """Read an incident; times without an offset are taken in ``timezone``."""
    data, text = read_toml(path)
    return incident_from_data(data, text, path, timezone)


def incident_from_data(data: dict[str, Any], text: str, path: Path | str,
                       timezone: str = "Europe/Brussels") -> Incident:
    """Build an ``Incident`` from parsed TOML."""
    top = _Reader(data, path, _Locator(text))
    _format_version(top)
    zone = ZoneInfo(timezone)
    update = top.integer("update", default=1)
    if not 1 <= update <= MAX_UPDATE:
        raise top.error("update", _("must be between 1 and %(last)d") % {"last": MAX_UPDATE})
    incident = Incident(
        organisation=top.text("organisation"),
        kind=top.text("kind", required=True),
        started=top.moment("started", zone, required=True),
        issued=top.moment("issued", zone, required=True),
        update=update,
        next_update=top.moment("next_update", zone),
        patient_data_at_risk=top.boolean("patient_data_at_risk"),
        languages=top.text_list("languages", default=("fr", "nl")),
        title=top.phrasable("title"),
        facts=top.phrasable("facts"),
        patient_advice=top.phrasable("patient_advice"),
        appointments=top.choice("appointments", APPOINTMENT_RULES),
        unknowns=top.phrasable("unknowns"),
        actions=top.phrasable("actions"),
        appointment_exceptions=top.phrasable("appointment_exceptions"),
        quote=top.phrasable("quote"),
        data_consequences=top.phrasable("data_consequences"),
        data_measures=top.phrasable("data_measures"),
        statuses=tuple(_status_entry(r) for r in top.tables("status")),
        published=tuple(_published(r, zone) for r in top.tables("published")),
        staff_instructions=top.localised("staff_instructions"),
        physicians_contact=top.text("physicians_contact"),
        detected=top.moment("detected", zone),
        breach=_breach(top.sub("breach")),
        nis2=_nis2(top.sub("nis2")),
        authority_language=top.text("authority_language") or None,
    )
    top.reject_unknown()
    return incident


def _count(reader: _Reader, key: str) -> int | None:
    """An approximate number of people or records; absent when not known."""
    if not reader.has(key):
        reader.read.add(key)
        return None
    value = reader.integer(key)
    if value < 0:
        raise reader.error(key, _("must be zero or more"))
    return value


def _breach(reader: _Reader) -> DataBreach:
    """What is known of a personal data breach (GDPR Art. 33(3)(a))."""
    return _finished(reader, DataBreach(
        data_categories=reader.localised("data_categories"),
        people_categories=reader.localised("people_categories"),
        people=_count(reader, "people"),
        records=_count(reader, "records"),
        delay_reason=reader.localised("delay_reason"),
    ))


def _nis2(reader: _Reader) -> Nis2Details:
    """The items the NIS2 reports ask beyond the situation itself."""
    return _finished(reader, Nis2Details(
        malicious=reader.boolean_or_none("malicious"),
        cross_border=reader.boolean_or_none("cross_border"),
        severity=reader.choice("severity", SEVERITIES),
        assessment=reader.localised("assessment"),
        indicators=reader.text_list("indicators", default=()),
        root_cause=reader.localised("root_cause"),
        mitigation=reader.localised("mitigation"),
    ))


def _published(reader: _Reader, zone: ZoneInfo) -> PublishedMessage:
    """A CAP message already sent: its sender, identifier and time, as CAP references them."""
    def cap_token(key: str) -> str:
        value = reader.text(key, required=True)
        if not CAP_TOKEN.fullmatch(value):
            raise reader.error(key, _("'%(value)s' cannot be a CAP %(key)s: no spaces, "
                                      "commas, '<' or '&'")
                               % {"value": _shown(value), "key": key})
        return value
    return _finished(reader, PublishedMessage(
        sender=cap_token("sender"),
        identifier=cap_token("identifier"),
        sent=reader.moment("sent", zone, required=True),
    ))


def _status_entry(reader: _Reader) -> StatusEntry:
    return _finished(reader, StatusEntry(
        site=reader.text("site", default="*"),
        service=reader.text("service", required=True),
        status=reader.text("status", required=True),
        note=reader.phrasable("note"),
        to=reader.text("to") or None,
        line=reader.locator.line_of(reader.table, reader.index, None),
        appointments=reader.choice("appointments", APPOINTMENT_RULES),
        ambulances=reader.choice("ambulances", AMBULANCE_RULES),
        ambulances_to=reader.text("ambulances_to") or None,
    ))
