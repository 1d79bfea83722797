"""What the crisis cell owes the authorities and the people concerned, and by when.

Each obligation is a document kind with a legal clock counted from when the
organisation became aware of the incident (``Incident.aware_since``):

- GDPR Art. 33: the notification to the data protection authority, 72 hours;
- GDPR Art. 34: the notice to the people concerned, "without undue delay" (no
  fixed clock: it is shown, never overdue);
- NIS2 Art. 23(4): the early warning to the national CSIRT (in Belgium the
  Centre for Cybersecurity Belgium), 24 hours; the incident notification,
  72 hours; the final report, one month.

Which obligations apply: the GDPR ones when personal data may be at risk (the
incident says so, or gives details of the breach); the NIS2 ones when the
incident is one of the network and information systems (a cyberattack or an IT
outage), as NIS2 counts a hospital's significant incidents whatever their cause.
The final report's month is counted from awareness too, a day or so earlier
than the regulation's (one month after the notification): the safe side.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple
from zoneinfo import ZoneInfo

from crisis_desk.domain.model import Incident
from crisis_desk.i18n import N_

# Incident kinds of the network and information systems: NIS2 reports apply.
NIS2_KINDS = frozenset({"cyberattack", "it-outage"})


def data_at_risk(incident: Incident) -> bool:
    """Whether the GDPR obligations apply: personal data may be affected."""
    return incident.patient_data_at_risk or incident.breach.given


def nis2_incident(incident: Incident) -> bool:
    """Whether the NIS2 reports apply: an incident of the hospital's information systems."""
    return incident.kind in NIS2_KINDS


def add_months(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` later; the month's last day when it is shorter."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


class Obligation(NamedTuple):
    """A document owed by a deadline: its kind, what the law calls it, and its clock."""

    kind: str  # the document kind that fulfils it
    title: str  # msgid: "GDPR notification to the data protection authority"
    applies: Callable[[Incident], bool]
    hours: int = 0  # the clock; 0 with months 0: no fixed deadline
    months: int = 0

    def deadline(self, incident: Incident, timezone: str | None = None) -> datetime | None:
        """When the document is due, or None for "without undue delay".

        Hours are hours; a month ends at the same time of day on the organisation's
        clock (``timezone``), across a change to or from summer time.
        """
        aware = incident.aware_since
        if self.months:
            local = aware.astimezone(ZoneInfo(timezone)) if timezone else aware
            return add_months(local, self.months)
        return aware + timedelta(hours=self.hours) if self.hours else None


OBLIGATIONS: tuple[Obligation, ...] = (
    Obligation("nis2-early-warning", N_("NIS2 early warning to the national CSIRT"),
               nis2_incident, hours=24),
    Obligation("authority-notification",
               N_("GDPR notification to the data protection authority"), data_at_risk,
               hours=72),
    Obligation("nis2-notification", N_("NIS2 incident notification to the national CSIRT"),
               nis2_incident, hours=72),
    Obligation("nis2-final-report", N_("NIS2 final report to the national CSIRT"),
               nis2_incident, months=1),
    Obligation("data-notice", N_("GDPR notice to the people concerned"), data_at_risk),
)
BY_KIND: Mapping[str, Obligation] = {o.kind: o for o in OBLIGATIONS}


def applies(kind_id: str, incident: Incident) -> bool:
    """Whether the incident owes a document of this kind (any other kind: always made)."""
    obligation = BY_KIND.get(kind_id)
    return obligation is None or obligation.applies(incident)


class ClockState(StrEnum):
    """Where an obligation stands: its document drafted, submitted or approved, or late."""

    DRAFTED = "drafted"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    OVERDUE = "overdue"  # past its deadline and not approved


# The states in words, for the command line (the app has its own, in its catalog).
STATE_WORDS = {
    ClockState.DRAFTED: N_("drafted"),
    ClockState.SUBMITTED: N_("submitted"),
    ClockState.APPROVED: N_("approved"),
    ClockState.OVERDUE: N_("overdue"),
}


class Clock(NamedTuple):
    """One obligation of an incident, its deadline and where its document stands."""

    obligation: Obligation
    deadline: datetime | None
    state: ClockState

    @property
    def overdue(self) -> bool:
        return self.state == ClockState.OVERDUE


def clocks(incident: Incident, now: datetime,
           document_states: Mapping[str, str] | None = None,
           timezone: str | None = None) -> list[Clock]:
    """The clocks of every obligation the incident has, soonest deadline first.

    ``document_states`` gives, per kind, the state of its document in the desk
    ("draft", "submitted", "approved"); a kind not in it is a draft (files on
    their own are never approved). Being approved stops the clock. ``timezone`` is
    the organisation's, for the month of the final report.
    """
    states = document_states or {}
    found = []
    for obligation in OBLIGATIONS:
        if not obligation.applies(incident):
            continue
        deadline = obligation.deadline(incident, timezone)
        state = {"approved": ClockState.APPROVED,
                 "submitted": ClockState.SUBMITTED}.get(states.get(obligation.kind, ""),
                                                        ClockState.DRAFTED)
        if state != ClockState.APPROVED and deadline is not None and now > deadline:
            state = ClockState.OVERDUE
        found.append(Clock(obligation, deadline, state))
    return sorted(found, key=lambda c: (c.deadline is None, c.deadline or now))
