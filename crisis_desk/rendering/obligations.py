"""The view of the documents owed to the authorities and to the people concerned.

The GDPR notification (Art. 33), the notice to the people concerned (Art. 34)
and the three NIS2 reports ask for items the situation model may not hold yet
(the number of people concerned, the root cause). Each item is resolved here in
the document's language: its text, or the visible "to be completed" mark. The
same list of what is missing (``gaps``, language-independent) makes the checker
warn and keeps a document so marked from being approved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from crisis_desk.domain.incident_kinds import KINDS
from crisis_desk.domain.model import SEVERITIES, Incident, Localised, Organisation
from crisis_desk.domain.obligations import BY_KIND
from crisis_desk.i18n import N_, _, format_number, gettext
from crisis_desk.rendering.text import clean

TO_COMPLETE = N_("[To be completed]")
YES, NO = N_("yes"), N_("no")
ABOUT = N_("about %(number)s")
SEVERITY_WORDS = {
    "low": N_("low"),
    "medium": N_("medium"),
    "high": N_("high"),
    "critical": N_("critical"),
}
AUTHORITY_CONSEQUENCES = N_(
    "The people concerned could be contacted by criminals posing as the hospital "
    "(phishing by telephone, e-mail or text message), their identity could be misused, "
    "and the confidentiality of their health data could be lost; while the systems are "
    "down, their care may be delayed.")
assert set(SEVERITY_WORDS) == set(SEVERITIES)


def _has_text(texts: Localised) -> bool:
    return any(text.strip() for text in texts.values())


def _late(incident: Incident) -> bool:
    """Whether this update is issued after the 72-hour deadline (Art. 33(1): say why)."""
    deadline = BY_KIND["authority-notification"].deadline(incident)
    return deadline is not None and incident.issued > deadline


def _dpo_given(org: Organisation) -> bool:
    dpo = org.dpo
    return dpo is not None and bool(dpo.name.strip()) and bool(
        dpo.email.strip() or dpo.phone.strip())


# Each item a document asks for, what it is called in the checker's warning, and
# whether the model holds it. Order: as the document sets them out.
ITEMS: Mapping[str, tuple[str, Callable[[Organisation, Incident], bool]]] = {
    "breach.data_categories": (N_("the categories of personal data concerned"),
                               lambda org, inc: _has_text(inc.breach.data_categories)),
    "breach.people_categories": (N_("the categories of people concerned"),
                                 lambda org, inc: _has_text(inc.breach.people_categories)),
    "breach.people": (N_("the approximate number of people concerned"),
                      lambda org, inc: inc.breach.people is not None),
    "breach.records": (N_("the approximate number of personal data records concerned"),
                       lambda org, inc: inc.breach.records is not None),
    "breach.delay_reason": (N_("the reasons for notifying after 72 hours"),
                            lambda org, inc: not _late(inc)
                            or _has_text(inc.breach.delay_reason)),
    "organisation.dpo": (N_("the data protection officer's name and contact details"),
                         lambda org, inc: _dpo_given(org)),
    "nis2.malicious": (N_("whether an unlawful or malicious act is suspected"),
                       lambda org, inc: inc.nis2.malicious is not None),
    "nis2.cross_border": (N_("whether the incident could have a cross-border impact"),
                          lambda org, inc: inc.nis2.cross_border is not None),
    "nis2.severity": (N_("the severity of the incident"),
                      lambda org, inc: inc.nis2.severity is not None),
    "nis2.indicators": (N_("the indicators of compromise"),
                        lambda org, inc: bool(inc.nis2.indicators)),
    "nis2.root_cause": (N_("the type of threat or root cause"),
                        lambda org, inc: _has_text(inc.nis2.root_cause)),
    "nis2.mitigation": (N_("the mitigation measures applied and ongoing"),
                        lambda org, inc: _has_text(inc.nis2.mitigation)),
}
# What each document must carry (GDPR Art. 33(3), Art. 34(2); NIS2 Art. 23(4)).
REQUIRED: Mapping[str, tuple[str, ...]] = {
    "authority-notification": ("breach.data_categories", "breach.people_categories",
                               "breach.people", "breach.records", "breach.delay_reason",
                               "organisation.dpo"),
    "data-notice": ("breach.data_categories", "organisation.dpo"),
    "nis2-early-warning": ("nis2.malicious", "nis2.cross_border"),
    "nis2-notification": ("nis2.malicious", "nis2.cross_border", "nis2.severity",
                          "nis2.indicators"),
    "nis2-final-report": ("nis2.severity", "nis2.root_cause", "nis2.mitigation",
                          "nis2.cross_border"),
}


def gaps(kind_id: str, org: Organisation, incident: Incident) -> tuple[str, ...]:
    """The items a document of ``kind_id`` lacks (field names); () for any other kind."""
    return tuple(item for item in REQUIRED.get(kind_id, ())
                 if not ITEMS[item][1](org, incident))


def item_description(item: str) -> str:
    """What a missing item is, in words (for the checker)."""
    return _(ITEMS[item][0])


@dataclass(frozen=True)
class ObligationView:
    """The items of the obligation documents in one language; a missing one reads
    as the "to be completed" mark."""

    to_complete: str
    aware_since: datetime
    deadline_24h: datetime
    deadline_72h: datetime
    deadline_month: datetime
    late: bool  # this update is issued after the 72-hour deadline (Art. 33(1): say why)
    delay_reason: str
    data_categories: str
    people_categories: str
    people: str
    records: str
    dpo: str
    consequences: str
    measures: str
    malicious: str
    cross_border: str
    severity: str
    assessment: str  # optional free text: "" when not given
    indicators: tuple[str, ...]
    root_cause: str
    mitigation: str


def obligation_view(org: Organisation, incident: Incident, code: str) -> ObligationView:
    """Every item of the obligation documents, resolved in language ``code``."""
    todo = gettext(code, TO_COMPLETE)
    zone = ZoneInfo(org.timezone)

    def text(texts: Localised) -> str:
        value = texts.get(code, "").strip()
        return clean(value) if value else todo

    def count(value: int | None) -> str:
        if value is None:
            return todo
        return gettext(code, ABOUT) % {"number": format_number(value, code)}

    def answer(value: bool | None) -> str:
        return todo if value is None else gettext(code, YES if value else NO)

    nis2, breach = incident.nis2, incident.breach
    deadline = {kind: BY_KIND[kind].deadline(incident, org.timezone) for kind in
                ("nis2-early-warning", "authority-notification", "nis2-final-report")}
    return ObligationView(
        to_complete=todo,
        aware_since=incident.aware_since.astimezone(zone),
        deadline_24h=_local(deadline["nis2-early-warning"], zone),
        deadline_72h=_local(deadline["authority-notification"], zone),
        deadline_month=_local(deadline["nis2-final-report"], zone),
        late=_late(incident),
        delay_reason=text(breach.delay_reason),
        data_categories=text(breach.data_categories),
        people_categories=text(breach.people_categories),
        people=count(breach.people),
        records=count(breach.records),
        dpo=_dpo_contact(org) if _dpo_given(org) else todo,
        consequences=clean(incident.data_consequences.get(code, "")).strip()
        or gettext(code, AUTHORITY_CONSEQUENCES),
        measures=clean(incident.data_measures.get(code, "")).strip()
        or clean(incident.actions.get(code, "")).strip()
        or gettext(code, KINDS[incident.kind].actions),
        malicious=answer(nis2.malicious),
        cross_border=answer(nis2.cross_border),
        severity=gettext(code, SEVERITY_WORDS[nis2.severity]) if nis2.severity else todo,
        assessment=clean(nis2.assessment.get(code, "")).strip(),
        indicators=tuple(clean(i) for i in nis2.indicators) or (todo,),
        root_cause=text(nis2.root_cause),
        mitigation=text(nis2.mitigation),
    )


def _local(moment: datetime | None, zone: ZoneInfo) -> datetime:
    assert moment is not None  # these obligations all have a fixed clock
    return moment.astimezone(zone)


def _dpo_contact(org: Organisation) -> str:
    assert org.dpo is not None
    return ", ".join(clean(part) for part in (org.dpo.name, org.dpo.email, org.dpo.phone)
                     if part.strip())
