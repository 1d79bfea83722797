"""The view model of the documents for professionals, from the same model as the rest.

The dispatch sheet, the letter to physicians, the note to receiving hospitals,
the staff briefing and the easy-read notice need what the public documents do
not say: where ambulances go, who receives which patients, the direct line for
physicians, the instructions for staff. This module resolves those in one
language, on top of the language view (``context.build_view``), so the
templates only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from crisis_desk.domain.model import (
    Incident,
    Organisation,
    ambulance_routing,
    is_emergency,
    physicians_contact,
    service_states,
)
from crisis_desk.i18n import N_, gettext
from crisis_desk.rendering.context import (
    LanguageView,
    PlaceView,
    ServiceView,
    SiteView,
    optional_text,
    place_view,
)
from crisis_desk.rendering.text import clean

AMBULANCE_PATIENTS = N_("Patients brought by ambulance")
# Kinds that take the computers down: paper procedures and paper referrals apply.
PAPER_KINDS = frozenset({"cyberattack", "it-outage"})


@dataclass(frozen=True)
class EmergencyView:
    """One site's emergency department as ambulance dispatch needs it."""

    site: SiteView
    department: ServiceView | None  # None: the site has no emergency department
    open: bool = False
    accepted: bool = False
    diverted_to: PlaceView | None = None  # where ambulances go instead, when said


@dataclass(frozen=True)
class Transfer:
    """What one hospital receives from one site: a service's patients, or its ambulances."""

    service: str  # the service's name, or "patients brought by ambulance"
    source: str  # the site it comes from
    source_phone: str
    note: str = ""
    ambulances: bool = False


@dataclass(frozen=True)
class ReceiverView:
    """A hospital (partner or site of the group) receiving patients, with what it receives."""

    place: PlaceView
    transfers: tuple[Transfer, ...]

    @property
    def rows(self) -> list[list[str]]:
        """What, from where, and the note: a table's rows (its header is the template's)."""
        return [[t.service, t.source, t.note] for t in self.transfers]

    @property
    def sources(self) -> tuple[Transfer, ...]:
        """One transfer per site it comes from, for the contacts."""
        return tuple({t.source: t for t in self.transfers}.values())


@dataclass(frozen=True)
class ProfessionalsView:
    """What the documents for professionals add to the language view."""

    emergencies: tuple[EmergencyView, ...]
    receivers: tuple[ReceiverView, ...]
    physicians_contact: str
    staff_instructions: str
    paper: bool  # paper procedures apply (the computers are down)
    booked: frozenset[str]  # ids of the services patients book (appointments apply)

    @property
    def all_accepted(self) -> bool:
        return all(e.accepted for e in self.emergencies if e.department)


def build_professionals(org: Organisation, incident: Incident,
                        view: LanguageView) -> ProfessionalsView:
    """The professionals' view of ``incident`` in the view's language."""
    code = view.lang.code
    return ProfessionalsView(
        emergencies=tuple(_emergency(org, incident, site, code) for site in view.sites),
        receivers=_receivers(org, incident, view),
        physicians_contact=clean(physicians_contact(org, incident)),
        staff_instructions=optional_text(incident.staff_instructions, code,
                                         "staff_instructions"),
        paper=incident.kind in PAPER_KINDS,
        booked=frozenset(s.id for s in org.services if s.takes_appointments),
    )


def _emergency(org: Organisation, incident: Incident, site: SiteView,
               code: str) -> EmergencyView:
    routing = ambulance_routing(org, incident, site.id)
    department = next((s for s in site.services
                       if is_emergency(org.service(s.id))), None)
    if routing is None or department is None:
        return EmergencyView(site, None)
    diverted_to = place_view(org, routing.to, code) if routing.to else None
    return EmergencyView(site, department, routing.open, routing.accepted, diverted_to)


def _receivers(org: Organisation, incident: Incident,
               view: LanguageView) -> tuple[ReceiverView, ...]:
    """Every place that receives a relocated service or diverted ambulances, in the
    profile's order (the group's sites, then the partners)."""
    code = view.lang.code
    received: dict[str, list[Transfer]] = {}
    for site in view.sites:
        for state, service in zip(service_states(org, incident, site.id), site.services,
                                  strict=True):
            if state.status == "relocated" and state.to and state.to != site.id:
                received.setdefault(state.to, []).append(
                    Transfer(service.name, site.name, site.phone, service.note))
        routing = ambulance_routing(org, incident, site.id)
        if routing and not routing.accepted and routing.to and routing.to != site.id:
            received.setdefault(routing.to, []).append(
                Transfer(gettext(code, AMBULANCE_PATIENTS), site.name, site.phone,
                         ambulances=True))
    order = [site.id for site in org.sites] + [partner.id for partner in org.partners]
    receivers = []
    for place_id in sorted(received.keys() & set(order), key=order.index):
        place = place_view(org, place_id, code)
        if place is not None:
            receivers.append(ReceiverView(place, tuple(received[place_id])))
    return tuple(receivers)
