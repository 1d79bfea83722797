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
watermark). ``msgType`` is Update, with ``references``, when earlier messages are
known: the earlier updates the store keeps, or those the incident file lists under
``[[published]]``; an update with neither is sent as an Alert (the checker warns),
since an Update without references is one receivers cannot attach to anything.
Identifiers, sender and references: ``cap_messages``. An approved alert adds the
number of its approval record to its identifier and is ``sent`` at the moment of
approval, so every approved version, a corrected one too, is its own message; it
references every approved alert it replaces.

``expires`` is the next update plus a margin (a late update must not make the alert
vanish), or a day after issue when no next update is planned: an alert without it
stays active for ever in the receivers' rules. Each site is an ``<area>``, with a
``<circle>`` around it when the profile gives its coordinates.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from markupsafe import Markup

from crisis_desk.documents import register_format
from crisis_desk.documents.cap_messages import (
    approved_references,
    cap_time,
    identifier,
    incident_key,
    references,
    sender,
)
from crisis_desk.documents.status_page import alternatives, web_href
from crisis_desk.domain.incident_kinds import KINDS
from crisis_desk.domain.model import Incident, Organisation, Site, service_states
from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import N_, gettext
from crisis_desk.rendering.context import LanguageView, ServiceView, SiteView, build_view
from crisis_desk.rendering.environment import render_template
from crisis_desk.rendering.request import RenderRequest

DRAFT_NOTE = N_("Draft: not approved for publication.")
AVAILABLE_AT = N_("Available at: %(sites)s")  # as the status page says it
EMERGENCY_ICON = "emergency"
DELAYED, RESTRICTED, OUT = 1, 2, 3  # status severities the mapping turns on
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
EXPIRY_MARGIN = timedelta(hours=6)  # after the planned next update, should it be late
EXPIRY_WITHOUT_NEXT_UPDATE = timedelta(hours=24)
AREA_RADIUS_KM = 10.0  # around a site: the people who would go there


def render_cap(request: RenderRequest) -> bytes:
    """The alert, UTF-8, valid against the CAP 1.2 schema."""
    org, incident = request.organisation, request.incident
    codes = alert_codes(org, incident)
    infos = [_info(request, code, codes) for code in request.languages]
    mark = request.approval
    # An approved alert names the approved alerts it replaces; the first one, like a
    # draft, the earlier updates the store keeps or the incident file lists.
    referenced = approved_references(org, incident, mark) if mark and mark.earlier \
        else references(org, incident, request.history)
    context: dict[str, object] = {
        "identifier": identifier(org, incident, mark.serial if mark else None),
        "sender": sender(org),
        "sent": cap_time(mark.approved_at if mark else incident.issued, org.timezone),
        "status": "Draft" if request.is_draft else "Actual",
        "msg_type": "Update" if referenced else "Alert",
        "note": " / ".join(dict.fromkeys(gettext(c, DRAFT_NOTE) for c in request.languages))
        if request.is_draft else "",
        "references": referenced,
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
        "expires": cap_time(expires(incident), org.timezone),
        "next_update_time": cap_time(incident.next_update, org.timezone)
        if incident.next_update else "",
        "web": web_href(view.org.status_url) or "",
        "areas": areas(org, view),
        "details": service_details(view),
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


def expires(incident: Incident) -> datetime:
    """When receivers may drop the alert: after the next update, with a margin."""
    if incident.next_update and incident.next_update > incident.issued:
        return incident.next_update + EXPIRY_MARGIN
    return incident.issued + EXPIRY_WITHOUT_NEXT_UPDATE


def status_summary(view: LanguageView) -> dict[str, object]:
    """The affected services: said once when every site that has one shares its status,
    per site otherwise, so the description stays short when a status applies everywhere."""
    everywhere: dict[str, tuple[str, ServiceView]] = {}  # service id -> (a site, its state)
    if len(view.sites) > 1:
        for service_id in dict.fromkeys(s.id for site in view.sites for s in site.affected):
            states = [(site.id, s) for site in view.sites for s in site.services
                      if s.id == service_id]
            # Said once only when it reads the same at every site, notes included.
            if len({(s.status.label, s.note) for _site, s in states}) == 1:
                everywhere[service_id] = states[0]
    by_site = [(site, [s for s in site.affected if s.id not in everywhere])
               for site in view.sites]
    return {"everywhere": list(everywhere.values()),
            "by_site": [(site, rest) for site, rest in by_site if rest]}


def service_details(view: LanguageView) -> dict[tuple[str, str], tuple[str, ...]]:
    """What follows a service's status, as in every other document: its note, a partner
    hospital's address and phone, and the sites where the service still works."""
    elsewhere = alternatives(view.sites)
    code = view.lang.code
    details = {}
    for site in view.sites:
        for service in site.affected:
            where = service.destination.details \
                if service.destination and service.destination.partner else ""
            others = elsewhere[site.id].get(service.id, ())
            available = gettext(code, AVAILABLE_AT) % {"sites": ", ".join(others)} \
                if others else ""
            details[site.id, service.id] = tuple(filter(None, (service.note, where, available)))
    return details


def areas(org: Organisation, view: LanguageView) -> list[tuple[str, str]]:
    """(description, circle) of every site; the circle is empty without coordinates."""
    return [(_area_description(site_view), _circle(site))
            for site, site_view in zip(org.sites, view.sites, strict=True)]


def _area_description(site: SiteView) -> str:
    return ", ".join(dict.fromkeys(filter(None, (site.name, site.address or site.town))))


def _circle(site: Site) -> str:
    """CAP's "latitude,longitude radius" (WGS 84, kilometres)."""
    if site.lat is None or site.lon is None:
        return ""
    return f"{site.lat:.6f},{site.lon:.6f} {AREA_RADIUS_KM:g}"


register_format("cap", "xml", render_cap)
