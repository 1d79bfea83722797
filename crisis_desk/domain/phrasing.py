"""Texts written with phrases: filled from the phrasebook, in every language at once.

A file reads ``note = { phrase = "results-on-paper" }`` into a ``PhrasedText``
filled from the packaged phrasebook; once the organisation is known,
``bind_phrases`` fills every phrased text again from the organisation's
phrasebook, with the model values its placeholders stand for (the town a service
moved to, the information line, the next update) in each language. Renderers and
the checker see ordinary texts per language; the phrase ids stay for saving.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from crisis_desk.domain.model import Incident, Localised, Organisation, PhrasedText, StatusEntry
from crisis_desk.i18n import LANGUAGES, document_date, document_time
from crisis_desk.i18n.phrasebook import PACKAGED_BOOK, Phrasebook, fill

# The incident's localised texts that may be written with phrases (status notes too).
PHRASED_FIELDS = ("title", "facts", "patient_advice", "unknowns", "actions",
                  "appointment_exceptions", "quote", "data_consequences", "data_measures")
Values = Mapping[str, Mapping[str, str]]  # language -> placeholder -> value


def phrased(phrases: tuple[str, ...], typed: Mapping[str, str],
            book: Phrasebook = PACKAGED_BOOK, values: Values | None = None) -> PhrasedText:
    """The phrases' texts followed by the typed ones, in every language all phrases have."""
    codes = list(dict.fromkeys([*LANGUAGES, *typed]))
    texts = {}
    for code in codes:
        parts = [book.text(phrase_id, code) for phrase_id in phrases]
        if any(part is None for part in parts):
            continue  # a phrase without this language: the checker names it
        sentences = [fill(part, (values or {}).get(code, {})) for part in parts if part]
        if typed.get(code, "").strip():
            sentences.append(typed[code].strip())
        if sentences:
            texts[code] = " ".join(sentences)
    return PhrasedText(phrases, typed, texts)


def phrasebook_for(org: Organisation) -> Phrasebook:
    """The packaged phrasebook with the organisation's own phrases over it."""
    return PACKAGED_BOOK.with_own(org.phrases) if org.phrases else PACKAGED_BOOK


def has_phrases(incident: Incident) -> bool:
    """Whether any text of the incident is written with phrases."""
    return any(isinstance(value, PhrasedText) for _name, value, _entry in texts_of(incident))


def texts_of(incident: Incident) -> Iterator[tuple[str, Localised, StatusEntry | None]]:
    """(checker field name, texts, status entry or None) of every phrasable text."""
    for name in PHRASED_FIELDS:
        yield name, getattr(incident, name), None
    for number, entry in enumerate(incident.statuses, start=1):
        yield f"status[{number}].note", entry.note, entry


def placeholder_values(org: Organisation, incident: Incident,
                       entry: StatusEntry | None) -> dict[str, dict[str, str]]:
    """What each placeholder says in each language, for one text (a note knows its ``to``)."""
    return _with_destination(org, _common_values(org, incident), entry)


def _common_values(org: Organisation, incident: Incident) -> dict[str, dict[str, str]]:
    """The values every text of the incident shares: the hotline and the next update."""
    values: dict[str, dict[str, str]] = {}
    next_update = _local(incident.next_update, org.timezone)
    for code in LANGUAGES:
        own: dict[str, str] = {}
        if org.hotline.phone:
            own["hotline"] = org.hotline.phone
        if next_update is not None:
            own["next_date"] = document_date(next_update, code)
            own["next_time"] = document_time(next_update, code)
        values[code] = own
    return values


def _with_destination(org: Organisation, common: dict[str, dict[str, str]],
                      entry: StatusEntry | None) -> dict[str, dict[str, str]]:
    if entry is None or not entry.to:
        return common
    return {code: {**own, "destination": _destination(org, entry, code)}
            for code, own in common.items()}


def _local(moment: datetime | None, zone: str) -> datetime | None:
    return moment.astimezone(ZoneInfo(zone)) if moment is not None else None


def _destination(org: Organisation, entry: StatusEntry | None, code: str) -> str:
    """The town (else the name) of where a relocated service went, in language ``code``."""
    if entry is None or not entry.to:
        return ""
    if not (org.has_site(entry.to) or org.has_partner(entry.to)):
        return ""
    place = org.destination(entry.to)
    for texts in (place.town, place.name):
        text = texts.get(code) or next(iter(texts.values()), "")
        if text.strip():
            return text.strip()
    return ""


# The last few bindings, by the identity of the objects bound: a document renders its
# view once per language and site, and the editor checks and previews the same state.
_RECENT: list[tuple[Organisation, Incident, Incident]] = []
_RECENT_SIZE = 8


def bind_phrases(org: Organisation, incident: Incident) -> Incident:
    """``incident`` with every phrased text filled from ``org``'s phrasebook and values."""
    if not has_phrases(incident):
        return incident
    for known_org, known_incident, bound in tuple(_RECENT):  # another thread may add
        if known_org is org and known_incident is incident:
            return bound
    bound = _bound(org, incident)
    _RECENT.insert(0, (org, incident, bound))
    del _RECENT[_RECENT_SIZE:]
    return bound


def _bound(org: Organisation, incident: Incident) -> Incident:
    book = phrasebook_for(org)
    common = _common_values(org, incident)

    def bound(value: Localised, entry: StatusEntry | None) -> Localised:
        if not isinstance(value, PhrasedText):
            return value
        return phrased(value.phrases, value.typed, book, _with_destination(org, common, entry))

    changes: dict[str, Any] = {name: bound(getattr(incident, name), None)
                               for name in PHRASED_FIELDS}
    changes["statuses"] = tuple(replace(entry, note=bound(entry.note, entry))
                                for entry in incident.statuses)
    return replace(incident, **changes)
