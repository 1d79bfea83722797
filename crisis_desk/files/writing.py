"""Organisations and incidents to TOML and back: the canonical form the database keeps.

The TOML written here is what ``crisis_desk.files.loading`` reads, so an exported file
loads back to an equal object. The form is canonical: the same content always
gives the same text (fixed key order, languages sorted within a text), which is
what the content hashes of the approval workflow are computed over.
"""

from __future__ import annotations

import tomllib
from typing import Any

import tomli_w

from crisis_desk.domain.model import (
    FORMAT_VERSION,
    Incident,
    Localised,
    Organisation,
    Partner,
    PhrasedText,
    Service,
    Site,
    StatusEntry,
)
from crisis_desk.files.loading import incident_from_data, organisation_from_data
from crisis_desk.files.sealing import sealed
from crisis_desk.i18n import _
from crisis_desk.support.errors import InputError

EXPORT_HEADER = "# Exported by Crisis Desk: {what}. Load it with crisis-desk import.\n"


def _texts(texts: Localised) -> dict[str, Any]:
    """Text per language; a phrased text keeps its phrase ids and only what was typed."""
    if isinstance(texts, PhrasedText):
        ids: dict[str, Any] = ({"phrase": texts.phrases[0]} if len(texts.phrases) == 1
                               else {"phrases": list(texts.phrases)})
        return {**ids, **{code: texts.typed[code] for code in sorted(texts.typed)}}
    return {code: texts[code] for code in sorted(texts)}


def _put(table: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` unless the value is empty (the loader's default stands for it)."""
    if value is None or value == "" or value == {} or value == []:
        return
    table[key] = value


def _dumps(data: dict[str, Any]) -> str:
    return tomli_w.dumps(data, multiline_strings=False)


# -- incidents ----------------------------------------------------------------------------

def incident_to_data(incident: Incident) -> dict[str, Any]:
    """The incident as a TOML-ready mapping, in canonical order."""
    data: dict[str, Any] = {"format": FORMAT_VERSION}
    _put(data, "organisation", incident.organisation)
    data["kind"] = incident.kind
    data["started"] = incident.started
    data["issued"] = incident.issued
    data["update"] = incident.update
    _put(data, "next_update", incident.next_update)
    data["patient_data_at_risk"] = incident.patient_data_at_risk
    data["languages"] = list(incident.languages)
    _put(data, "appointments", incident.appointments)
    for key in ("title", "facts", "patient_advice", "unknowns", "actions",
                "appointment_exceptions", "quote", "data_consequences", "data_measures"):
        _put(data, key, _texts(getattr(incident, key)))
    _put(data, "status", [_status_to_data(entry) for entry in incident.statuses])
    _put(data, "staff_instructions", _texts(incident.staff_instructions))
    _put(data, "physicians_contact", incident.physicians_contact)
    _put(data, "published", [{"sender": m.sender, "identifier": m.identifier, "sent": m.sent}
                             for m in incident.published])
    _put(data, "detected", incident.detected)
    _put(data, "authority_language", incident.authority_language)
    _put(data, "breach", _breach_to_data(incident))
    _put(data, "nis2", _nis2_to_data(incident))
    return data


def _breach_to_data(incident: Incident) -> dict[str, Any]:
    breach, data = incident.breach, dict[str, Any]()
    _put(data, "people", breach.people)
    _put(data, "records", breach.records)
    _put(data, "data_categories", _texts(breach.data_categories))
    _put(data, "people_categories", _texts(breach.people_categories))
    _put(data, "delay_reason", _texts(breach.delay_reason))
    return data


def _nis2_to_data(incident: Incident) -> dict[str, Any]:
    nis2, data = incident.nis2, dict[str, Any]()
    _put(data, "malicious", nis2.malicious)
    _put(data, "cross_border", nis2.cross_border)
    _put(data, "severity", nis2.severity)
    _put(data, "indicators", list(nis2.indicators))
    for key in ("assessment", "root_cause", "mitigation"):
        _put(data, key, _texts(getattr(nis2, key)))
    return data


def _status_to_data(entry: StatusEntry) -> dict[str, Any]:
    data: dict[str, Any] = {"site": entry.site, "service": entry.service, "status": entry.status}
    _put(data, "to", entry.to)
    _put(data, "appointments", entry.appointments)
    _put(data, "ambulances", entry.ambulances)
    _put(data, "ambulances_to", entry.ambulances_to)
    _put(data, "note", _texts(entry.note))
    return data


def incident_to_toml(incident: Incident) -> str:
    """The canonical TOML text of an incident."""
    return _dumps(incident_to_data(incident))


def incident_from_toml(text: str, timezone: str = "Europe/Brussels",
                       source: str = "stored incident") -> Incident:
    """Read back an incident from TOML text; ``source`` names it in error messages."""
    return incident_from_data(_parse(text, source), text, source, timezone)


# -- organisations ------------------------------------------------------------------------

def organisation_to_data(org: Organisation) -> dict[str, Any]:
    """The organisation profile as a TOML-ready mapping, in canonical order."""
    data: dict[str, Any] = {"format": FORMAT_VERSION, "id": org.id,
                            "languages": list(org.languages), "timezone": org.timezone}
    _put(data, "status_url", _texts(org.status_urls) if org.status_urls else org.status_url)
    data["name"] = _texts(org.name)
    _put(data, "about", _texts(org.about))
    press: dict[str, Any] = {}
    for key in ("name", "phone", "email"):
        _put(press, key, getattr(org.press, key))
    _put(data, "press", press)
    hotline: dict[str, Any] = {}
    _put(hotline, "phone", org.hotline.phone)
    _put(hotline, "hours", _texts(org.hotline.hours))
    _put(data, "hotline", hotline)
    _put(data, "physicians_contact", org.physicians_contact)
    if org.dpo is not None:
        data["dpo"] = {key: getattr(org.dpo, key) for key in ("name", "email", "phone")}
    if org.spokesperson is not None:
        data["spokesperson"] = {"name": org.spokesperson.name,
                                "role": _texts(org.spokesperson.role)}
    _put(data, "site", [_place_to_data(site) for site in org.sites])
    _put(data, "service", [_service_to_data(service) for service in org.services])
    _put(data, "partner", [_place_to_data(partner) for partner in org.partners])
    _put(data, "phrases", {phrase_id: _texts(org.phrases[phrase_id])
                           for phrase_id in sorted(org.phrases)})
    return data


def _place_to_data(place: Site | Partner) -> dict[str, Any]:
    """A site of the group or a partner hospital: the same fields."""
    data: dict[str, Any] = {"id": place.id}
    _put(data, "address", place.address)
    _put(data, "phone", place.phone)
    _put(data, "lat", place.lat)
    _put(data, "lon", place.lon)
    data["name"] = _texts(place.name)
    _put(data, "town", _texts(place.town))
    return data


def _service_to_data(service: Service) -> dict[str, Any]:
    data: dict[str, Any] = {"id": service.id}
    _put(data, "icon", service.icon)
    if service.sites is not None:
        data["sites"] = list(service.sites)
    if service.appointments is not None:
        data["appointments"] = service.appointments
    _put(data, "priority", service.priority)
    data["name"] = _texts(service.name)
    return data


def organisation_to_toml(org: Organisation) -> str:
    """The canonical TOML text of an organisation profile."""
    return _dumps(organisation_to_data(org))


def organisation_from_toml(text: str, source: str = "stored organisation") -> Organisation:
    """Read back an organisation profile from TOML text."""
    return organisation_from_data(_parse(text, source), text, source)


def _parse(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(_("malformed TOML: %(reason)s") % {"reason": exc}, path=source) from None


def export_text(canonical: str, what: str) -> str:
    """A file to hand over: a comment saying what it is and its checksum (which import
    verifies), then the canonical TOML."""
    return sealed(EXPORT_HEADER.format(what=what.replace("\n", " ")), canonical)
