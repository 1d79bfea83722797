"""Edits of an incident as pure functions: each returns a new frozen ``Incident``.

The editor widgets call these and never build model objects themselves, so the
rules of the model (a site's own entry beats ``*``; unlisted means operational)
are applied in one place, the core's ``entry_for``. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from crisis_desk.domain.model import WILDCARD_SITE, Incident, Localised, StatusEntry, entry_for

TEXT_FIELDS = ("title", "facts", "patient_advice", "unknowns", "actions")


@dataclass(frozen=True)
class CellState:
    """What the grid shows for one service at one site (or for ``*``)."""

    status: str | None  # None: no entry (operational for a site, nothing for "*")
    inherited: bool  # True: the status comes from the all-sites entry
    note: Localised
    to: str | None

    @property
    def effective(self) -> str:
        return self.status or "operational"


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
        own = _own_entry(incident, site_id, service_id)
        return CellState(own.status if own else None, False, own.note if own else {},
                         own.to if own else None)
    entry = entry_for(incident, site_id, service_id)
    if entry is None:
        return CellState(None, False, {}, None)
    return CellState(entry.status, entry.site == WILDCARD_SITE, entry.note, entry.to)


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
    note = dict(own.note) if own else {}
    if own is None and site_id != WILDCARD_SITE:
        inherited = entry_for(incident, site_id, service_id)
        note = dict(inherited.note) if inherited and inherited.status == status else {}
    entry = StatusEntry(site_id, service_id, status, note,
                        to if status == "relocated" else None)
    return _replace_entry(incident, site_id, service_id, entry)


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
