"""Edits of an incident as pure functions: each returns a new frozen ``Incident``.

The editor widgets call these and never build model objects themselves, so the
rules of the model (a site's own entry beats ``*``; unlisted means operational)
are applied in one place, the core's ``entry_for``. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from crisis_desk.domain.model import (
    AMBULANCE_RULES,
    APPOINTMENT_RULES,
    DEFAULT_APPOINTMENTS,
    MAINTAINED,
    SEVERITIES,
    WILDCARD_SITE,
    Incident,
    Localised,
    Organisation,
    Partner,
    PhrasedText,
    Site,
    StatusEntry,
    entry_appointments,
    entry_for,
)
from crisis_desk.domain.phrasing import phrased

TEXT_FIELDS = ("title", "facts", "patient_advice", "unknowns", "actions",
               "appointment_exceptions", "quote", "data_consequences", "data_measures",
               "staff_instructions")


@dataclass(frozen=True)
class CellState:
    """What the grid shows for one service at one site (or for ``*``)."""

    status: str | None  # None: no entry (operational for a site, nothing for "*")
    inherited: bool  # True: the status comes from the all-sites entry
    note: Localised
    to: str | None
    own_appointments: str | None = None  # the entry's own word; None: follows the rule
    appointments: str = MAINTAINED  # what its patients must do, all rules applied
    ambulances: str | None = None  # an emergency department's own word; None: by status
    ambulances_to: str | None = None

    @property
    def effective(self) -> str:
        return self.status or "operational"

    @property
    def appointments_unusual(self) -> bool:
        """True when patients must do otherwise than the status alone would say."""
        return self.status is not None and \
            self.appointments != DEFAULT_APPOINTMENTS.get(self.status, MAINTAINED)


def with_text(incident: Incident, field_name: str, code: str, text: str) -> Incident:
    """``incident`` with one free text changed in one language."""
    if field_name not in TEXT_FIELDS:
        raise KeyError(field_name)
    texts = dict(getattr(incident, field_name))
    if text:
        texts[code] = text
    else:
        texts.pop(code, None)
    # The field is chosen at run time (checked against TEXT_FIELDS above), so the
    # change is typed loosely rather than per field.
    change: dict[str, Any] = {field_name: texts}
    return replace(incident, **change)


def cell_state(incident: Incident, site_id: str, service_id: str) -> CellState:
    """The state of a grid cell; ``site_id`` may be ``*`` for the all-sites column."""
    if site_id == WILDCARD_SITE:
        entry = _own_entry(incident, site_id, service_id)
    else:
        entry = entry_for(incident, site_id, service_id)
    if entry is None:
        return CellState(None, False, {}, None)
    return CellState(entry.status, entry.site != site_id, entry.note, entry.to,
                     entry.appointments, entry_appointments(incident, entry),
                     entry.ambulances, entry.ambulances_to)


def appointments_by_rule(incident: Incident, status: str) -> str:
    """What an entry with this status and no word of its own means for appointments."""
    return entry_appointments(incident, StatusEntry(WILDCARD_SITE, "", status))


def relocation_targets(org: Organisation, site_id: str) -> tuple[Site | Partner, ...]:
    """Where a service of ``site_id`` may move: the group's other sites, then partners."""
    sites = tuple(site for site in org.sites if site.id != site_id)
    return (*sites, *org.partners)


def _own_entry(incident: Incident, site_id: str, service_id: str) -> StatusEntry | None:
    for entry in incident.statuses:
        if entry.site == site_id and entry.service == service_id:
            return entry
    return None


def _replace_entry(incident: Incident, site_id: str, service_id: str,
                   entry: StatusEntry | None) -> Incident:
    """Put ``entry`` where the site's own entry was (or at the end); None removes it."""
    entries = list(incident.statuses)
    for index, existing in enumerate(entries):
        if existing.site == site_id and existing.service == service_id:
            if entry is None:
                del entries[index]
            else:
                entries[index] = entry
            return replace(incident, statuses=tuple(entries))
    if entry is not None:
        entries.append(entry)
    return replace(incident, statuses=tuple(entries))


def with_status(incident: Incident, site_id: str, service_id: str, status: str,
                to: str | None = None) -> Incident:
    """Set a service's status at a site (or ``*``), keeping its notes."""
    own = _own_entry(incident, site_id, service_id)
    kept = own
    if own is None and site_id != WILDCARD_SITE:
        # A site set apart with the all-sites status keeps what that entry says.
        inherited = entry_for(incident, site_id, service_id)
        kept = inherited if inherited and inherited.status == status else None
    entry = StatusEntry(site_id, service_id, status, dict(kept.note) if kept else {},
                        to if status == "relocated" else None,
                        appointments=kept.appointments if kept else None,
                        ambulances=kept.ambulances if kept else None,
                        ambulances_to=kept.ambulances_to if kept else None)
    return _replace_entry(incident, site_id, service_id, entry)


def with_appointments(incident: Incident, site_id: str, service_id: str,
                      appointments: str | None) -> Incident:
    """Say what an existing entry's patients must do; None: they follow the rule."""
    own = _own_entry(incident, site_id, service_id)
    if own is None:
        raise KeyError((site_id, service_id))
    if appointments is not None and appointments not in APPOINTMENT_RULES:
        raise ValueError(appointments)
    return _replace_entry(incident, site_id, service_id,
                          replace(own, appointments=appointments))


def with_ambulances(incident: Incident, site_id: str, service_id: str,
                    ambulances: str | None, to: str | None = None) -> Incident:
    """Say whether an emergency department takes ambulances and, when diverted, where to.

    None: by its status (a suspended, closed or moved department diverts them).
    """
    own = _own_entry(incident, site_id, service_id)
    if own is None:
        raise KeyError((site_id, service_id))
    if ambulances is not None and ambulances not in AMBULANCE_RULES:
        raise ValueError(ambulances)
    diverted_to = (to or None) if ambulances != "accepted" else None
    return _replace_entry(incident, site_id, service_id,
                          replace(own, ambulances=ambulances, ambulances_to=diverted_to))


def with_physicians_contact(incident: Incident, contact: str) -> Incident:
    """The direct line for physicians for this incident ("" : the profile's)."""
    return replace(incident, physicians_contact=contact.strip())


def without_status(incident: Incident, site_id: str, service_id: str) -> Incident:
    """Remove a site's own entry: it follows the all-sites entry again (or is operational)."""
    return _replace_entry(incident, site_id, service_id, None)


def with_note(incident: Incident, site_id: str, service_id: str, code: str,
              text: str) -> Incident:
    """Change the note of an existing entry in one language."""
    own = _own_entry(incident, site_id, service_id)
    if own is None:
        raise KeyError((site_id, service_id))
    note = dict(own.note)
    if text:
        note[code] = text
    else:
        note.pop(code, None)
    return _replace_entry(incident, site_id, service_id, replace(own, note=note))


def with_phrase(incident: Incident, field_name: str, phrase_id: str) -> Incident:
    """``incident`` with a phrase in one free text, in every language at once.

    A text already written with phrases gets one more; a typed one (or the words
    typed to find the phrase) is replaced by it.
    """
    if field_name not in TEXT_FIELDS:
        raise KeyError(field_name)
    current = getattr(incident, field_name)
    ids = (*current.phrases, phrase_id) if isinstance(current, PhrasedText) else (phrase_id,)
    typed = current.typed if isinstance(current, PhrasedText) else {}
    change: dict[str, Any] = {field_name: phrased(ids, typed)}
    return replace(incident, **change)


def with_note_phrases(incident: Incident, site_id: str, service_id: str,
                      phrases: tuple[str, ...]) -> Incident:
    """An existing entry's note written with phrases, in every language at once."""
    own = _own_entry(incident, site_id, service_id)
    if own is None:
        raise KeyError((site_id, service_id))
    return _replace_entry(incident, site_id, service_id,
                          replace(own, note=phrased(phrases, {})))


def with_languages(incident: Incident, codes: tuple[str, ...]) -> Incident:
    """The incident written in these languages (texts of other languages are kept)."""
    return replace(incident, languages=tuple(codes))


def entry_number(incident: Incident, site_id: str, service_id: str) -> int | None:
    """The checker's 1-based ``status[n]`` number of a site's own entry."""
    for number, entry in enumerate(incident.statuses, start=1):
        if entry.site == site_id and entry.service == service_id:
            return number
    return None


def entry_at(incident: Incident, number: int) -> StatusEntry | None:
    """The entry the checker calls ``status[number]``."""
    if 1 <= number <= len(incident.statuses):
        return incident.statuses[number - 1]
    return None


def new_incident(organisation_id: str, kind: str, languages: tuple[str, ...],
                 now: datetime) -> Incident:
    """An empty first update of a new incident, starting and issued now."""
    return Incident(organisation=organisation_id, kind=kind, started=now, issued=now,
                    update=1, title={}, facts={}, patient_advice={}, languages=languages)


# -- the legal obligations (GDPR, NIS2) ---------------------------------------------------

# The per-language texts of the obligation documents, named as the checker names them.
OBLIGATION_TEXTS = ("breach.data_categories", "breach.people_categories",
                    "breach.delay_reason", "nis2.assessment", "nis2.root_cause",
                    "nis2.mitigation")
BREACH_COUNTS = ("people", "records")
NIS2_ANSWERS = ("malicious", "cross_border")


def with_detected(incident: Incident, moment: datetime | None) -> Incident:
    """When the organisation became aware; None: at the start of the incident."""
    return replace(incident, detected=moment)


def with_authority_language(incident: Incident, code: str | None) -> Incident:
    """The one language of the authorities' documents; None: each incident language."""
    return replace(incident, authority_language=code or None)


def with_obligation_text(incident: Incident, field_name: str, code: str,
                         text: str) -> Incident:
    """One text of the breach or NIS2 details (``"nis2.root_cause"``) in one language."""
    if field_name not in OBLIGATION_TEXTS:
        raise KeyError(field_name)
    part, key = field_name.split(".")
    details = getattr(incident, part)
    texts = dict(getattr(details, key))
    if text:
        texts[code] = text
    else:
        texts.pop(code, None)
    change: dict[str, Any] = {key: texts}
    return replace(incident, **{part: replace(details, **change)})


def with_breach_count(incident: Incident, key: str, value: int | None) -> Incident:
    """The approximate number of people or records concerned; None: not known."""
    if key not in BREACH_COUNTS:
        raise KeyError(key)
    if value is not None and value < 0:
        raise ValueError(value)
    change: dict[str, Any] = {key: value}
    return replace(incident, breach=replace(incident.breach, **change))


def with_nis2_answer(incident: Incident, key: str, value: bool | None) -> Incident:
    """Malicious act suspected, cross-border impact: yes, no, or None (not assessed)."""
    if key not in NIS2_ANSWERS:
        raise KeyError(key)
    change: dict[str, Any] = {key: value}
    return replace(incident, nis2=replace(incident.nis2, **change))


def with_severity(incident: Incident, severity: str | None) -> Incident:
    """The initial assessment's severity (one of ``SEVERITIES``); None: not assessed."""
    if severity is not None and severity not in SEVERITIES:
        raise ValueError(severity)
    return replace(incident, nis2=replace(incident.nis2, severity=severity))


def indicator_lines(text: str) -> tuple[str, ...]:
    """The indicators of compromise written one per line; blank lines are dropped."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def with_indicators(incident: Incident, text: str) -> Incident:
    """The indicators of compromise, one per line of ``text``."""
    return replace(incident, nis2=replace(incident.nis2, indicators=indicator_lines(text)))
