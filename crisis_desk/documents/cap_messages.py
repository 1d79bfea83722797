"""Who a CAP message is and which earlier ones it updates: identifiers, sender, times.

Apart from the alert itself so that the checker, the export and the alert agree on
them without the checker importing the document registry. Identifiers are derived
from the organisation id, the start of the incident and the update number, so every
update can name the earlier ones without a registry.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from crisis_desk.domain.model import Incident, Organisation, PublishedMessage
from crisis_desk.rendering.request import ApprovalMark

_NOT_IN_ID = re.compile(r"[^A-Za-z0-9._:@+-]+")


def cap_time(moment: datetime, timezone: str) -> str:
    """A CAP time: local time with its offset, seconds, never ``Z``."""
    return moment.astimezone(ZoneInfo(timezone)).replace(microsecond=0).isoformat()


def _compact_time(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y%m%dT%H%M%S%z")


def incident_key(org: Organisation, incident: Incident) -> str:
    """The incident's own identifier, shared by all its updates (CAP ``incidents``)."""
    org_id = _NOT_IN_ID.sub("-", org.id).strip("-") or "organisation"
    return f"{org_id}-{_compact_time(incident.started, org.timezone)}"


def identifier(org: Organisation, incident: Incident, serial: int | None = None) -> str:
    """This update's identifier: no spaces, commas, ``<`` or ``&``.

    An approved alert adds its approval's number, so a corrected update approved
    again is a new message that hubs do not drop as a duplicate.
    """
    base = f"{incident_key(org, incident)}-update-{incident.update}"
    return base if serial is None else f"{base}-approval-{serial}"


def approved_references(org: Organisation, incident: Incident, mark: ApprovalMark) -> str:
    """``sender,identifier,sent`` of every alert this approved one replaces, oldest first."""
    return " ".join(
        f"{sender(org)},{identifier(org, replace(incident, update=e.update), e.serial)},"
        f"{cap_time(e.approved_at, org.timezone)}" for e in mark.earlier)


def sender(org: Organisation) -> str:
    """Who sends: the host of the organisation's status address, else its id."""
    host = urlsplit(org.status_url.strip()).hostname or ""
    host = _NOT_IN_ID.sub("", host)
    org_id = _NOT_IN_ID.sub("-", org.id).strip("-") or "organisation"
    return f"{org_id}@{host}" if host else f"{org_id}@crisis-desk"


def published_messages(org: Organisation, history: tuple[Incident, ...],
                       before: int) -> list[PublishedMessage]:
    """The CAP messages of the stored earlier updates (those before update ``before``)."""
    earlier = {h.update: h for h in history if h.update < before}
    return [PublishedMessage(sender(org), identifier(org, h), h.issued)
            for _number, h in sorted(earlier.items())]


def references(org: Organisation, incident: Incident, history: tuple[Incident, ...]) -> str:
    """``sender,identifier,sent`` of every earlier message of this incident, oldest first:
    the stored history's and those the incident file lists, each once, never itself."""
    own = identifier(org, incident)
    messages: dict[str, PublishedMessage] = {}
    for message in (*published_messages(org, history, incident.update), *incident.published):
        if message.identifier != own:
            messages.setdefault(message.identifier, message)
    ordered = sorted(messages.values(), key=lambda m: m.sent)
    return " ".join(f"{m.sender},{m.identifier},{cap_time(m.sent, org.timezone)}"
                    for m in ordered)
