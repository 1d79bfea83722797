"""The CAP 1.2 alert: one ``<info>`` block per language, for public-warning systems.

Everything that is not wording is decided once, from the model, so the blocks of
every language carry identical codes. From the statuses of all services at all
sites (severity 0 = works normally … 4 = not available, see ``statuses.py``):

=============  ==================================================================
urgency        Immediate when any service is limited, relocated, suspended or
               closed (people must change their plans now); Expected when services
               only run with delays; Past when everything works normally again.
severity       Severe when an emergency department is suspended or closed (people
               in danger must go elsewhere); Moderate when any service is limited,
               relocated, suspended or closed; Minor otherwise. Extreme is never
               derived: a service status alone cannot show an extraordinary threat.
certainty      Observed: the statuses report what the hospital sees, not a forecast.
responseType   Avoid when appointments are cancelled (stay away unless contacted);
               Monitor while anything is disrupted; AllClear when nothing is.
=============  ==================================================================

``status`` is Actual once the alert is approved and Draft before (CAP's own
marker for "not actionable in its current form", the equivalent of the PDF
watermark). Identifiers are derived from the organisation id, the start of the
incident and the update number; an approved alert adds the number of its
approval record and is ``sent`` at the moment of approval, so every approved
version, a corrected one too, is its own message. ``msgType`` is Alert for the
first approved alert of update 1 and Update afterwards; an approved alert's
``references`` name every approved alert it replaces, a draft's the earlier
updates the store knows.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from markupsafe import Markup

from crisis_desk.documents import register_format
from crisis_desk.documents.status_page import web_href
from crisis_desk.domain.incident_kinds import KINDS
from crisis_desk.domain.model import Incident, Organisation, service_states
from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import N_, gettext
from crisis_desk.rendering.context import LanguageView, ServiceView, build_view
from crisis_desk.rendering.environment import render_template
from crisis_desk.rendering.request import ApprovalMark, RenderRequest

DRAFT_NOTE = N_("Draft: not approved for publication.")
EMERGENCY_ICON = "emergency"
DELAYED, RESTRICTED, OUT = 1, 2, 3  # status severities the mapping turns on
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_IN_ID = re.compile(r"[^A-Za-z0-9._:@+-]+")


def render_cap(request: RenderRequest) -> bytes:
    """The alert, UTF-8, valid against the CAP 1.2 schema."""
    org, incident = request.organisation, request.incident
    codes = alert_codes(org, incident)
    infos = [_info(request, code, codes) for code in request.languages]
    mark = request.approval
    context: dict[str, object] = {
        "identifier": identifier(org, incident, mark.serial if mark else None),
        "sender": sender(org),
        "sent": cap_time(mark.approved_at if mark else incident.issued, org.timezone),
        "status": "Draft" if request.is_draft else "Actual",
        "msg_type": "Alert" if incident.update == 1 and not (mark and mark.earlier)
        else "Update",
        "note": " / ".join(dict.fromkeys(gettext(c, DRAFT_NOTE) for c in request.languages))
        if request.is_draft else "",
        # An approved alert names the approved alerts it replaces; the first one, like a
        # draft, the earlier updates the store knows.
        "references": approved_references(org, incident, mark) if mark and mark.earlier
        else references(org, incident, request.history),
        "incidents": incident_key(org, incident),
        "infos": infos,
    }
    alert = render_template("cap/cap.xml.j2", request.languages[0], context,
                            request.template_dirs)
    return _NOT_XML.sub("", alert).encode("utf-8")


def _info(request: RenderRequest, code: str, codes: dict[str, object]) -> Markup:
    org, incident = request.organisation, request.incident
    view = build_view(org, incident, code, None, request.languages)
    context = {
        **view.as_context(),
        **codes,
        "language_tag": view.lang.tag,
        "event": gettext(code, KINDS[incident.kind].cap_event),
        "effective": cap_time(incident.issued, org.timezone),
        "onset": cap_time(incident.started, org.timezone),
        "next_update_time": cap_time(incident.next_update, org.timezone)
        if incident.next_update else "",
        "web": web_href(view.org.status_url) or "",
        "area": area_description(view),
        **status_summary(view),
    }
    info = render_template("cap/info.xml.j2", code, context, request.template_dirs)
    return Markup(info.rstrip())


def alert_codes(org: Organisation, incident: Incident) -> dict[str, object]:
    """Everything in an ``<info>`` block that is not wording: the same in every language."""
    levels = [(STATUSES[state.status].severity, state.service.icon)
              for site in org.sites for state in service_states(org, incident, site.id)]
    worst = max((level for level, _icon in levels), default=0)
    emergency_out = any(level >= OUT and icon == EMERGENCY_ICON for level, icon in levels)
    return {
        "categories": KINDS[incident.kind].cap_categories,
        "response_type": response_type(worst, incident.appointment_rule),
        "urgency": urgency(worst),
        "severity": severity(worst, emergency_out),
        "certainty": "Observed",
        "kind_code": incident.kind,
    }


def urgency(worst: int) -> str:
    """How soon people must act, from the worst status severity."""
    if worst >= RESTRICTED:
        return "Immediate"
    return "Expected" if worst >= DELAYED else "Past"


def severity(worst: int, emergency_out: bool) -> str:
    """How serious the disruption is for the public."""
    if emergency_out:
        return "Severe"
    return "Moderate" if worst >= RESTRICTED else "Minor"


def response_type(worst: int, appointment_rule: str) -> str:
    """What people should do: stay away, keep informed, or nothing any more."""
    if worst == 0:
        return "AllClear"
    return "Avoid" if appointment_rule == "cancelled" else "Monitor"


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


def references(org: Organisation, incident: Incident, history: tuple[Incident, ...]) -> str:
    """``sender,identifier,sent`` of every earlier update of this incident, oldest first."""
    earlier = {h.update: h for h in history if h.update < incident.update}
    return " ".join(f"{sender(org)},{identifier(org, h)},{cap_time(h.issued, org.timezone)}"
                    for _number, h in sorted(earlier.items()))


def status_summary(view: LanguageView) -> dict[str, object]:
    """The affected services: said once when every site that has one shares its status,
    per site otherwise, so the description stays short when a status applies everywhere."""
    everywhere: dict[str, ServiceView] = {}
    if len(view.sites) > 1:
        for service_id in dict.fromkeys(s.id for site in view.sites for s in site.affected):
            states = [s for site in view.sites for s in site.services if s.id == service_id]
            if len({s.status.label for s in states}) == 1:
                everywhere[service_id] = states[0]
    by_site = [(site, [s for s in site.affected if s.id not in everywhere])
               for site in view.sites]
    return {"everywhere": list(everywhere.values()),
            "by_site": [(site, rest) for site, rest in by_site if rest]}


def area_description(view: LanguageView) -> str:
    """The towns of the sites, in the view's language, each once."""
    towns = [site.town or site.name for site in view.sites]
    return ", ".join(dict.fromkeys(towns))


register_format("cap", "xml", render_cap)
