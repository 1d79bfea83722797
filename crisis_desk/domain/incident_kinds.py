"""Incident kinds and the fixed wording each brings to every document.

All phrases are English msgids translated in the document's language. A kind
is data: adding one means adding an entry here and its translations. Fixed
wording states only what follows from the kind itself: who is working on it,
never a promise or a fact that nobody entered (the incident's own texts say
more). A question's answer is read out by a receptionist, so it never
contradicts the phone script (no patient information over the telephone).
"""

from __future__ import annotations

from typing import NamedTuple

from crisis_desk.i18n import N_


class IncidentKind(NamedTuple):
    """A kind of crisis with its own wording for every document."""

    id: str
    name: str
    headline: str  # used when the incident has no title in a language
    what_happened: str
    unknowns: str  # CERC: what is not yet known
    actions: str  # CERC: what is being done
    cap_event: str
    cap_categories: tuple[str, ...]
    questions: tuple[tuple[str, str], ...] = ()
    # The press release's opening, in the third person: who (``organisation``, the name
    # with its article), what, and since when (``date``, ``time``). Written per kind so
    # that every language can give the event its own verb, article and case.
    opening: str = N_("%(organisation)s has been dealing with an incident since %(date)s at "
                      "%(time)s.")


KINDS: dict[str, IncidentKind] = {
    k.id: k
    for k in (
        IncidentKind(
            id="cyberattack",
            name=N_("Cyberattack"),
            headline=N_("Cyberattack: our computer systems are down"),
            what_happened=N_("A cyberattack has disrupted our computer systems."),
            unknowns=N_("We do not yet know how long the disruption will last, nor whether "
                        "data have been stolen."),
            actions=N_("Our IT teams are working to restore the systems safely. Care "
                       "continues with paper procedures."),
            cap_event=N_("Hospital cyberattack"),
            cap_categories=("Health", "Infra"),
            opening=N_("%(organisation)s has been hit by a cyberattack since %(date)s at "
                       "%(time)s."),
        ),
        IncidentKind(
            id="it-outage",
            name=N_("IT outage"),
            headline=N_("IT outage: our computer systems are disrupted"),
            what_happened=N_("A technical failure has disrupted our computer systems."),
            unknowns=N_("We do not yet know how long the disruption will last."),
            actions=N_("Our IT teams are working to restore the systems. Care continues with "
                       "paper procedures."),
            cap_event=N_("Hospital IT outage"),
            cap_categories=("Health", "Infra"),
            opening=N_("%(organisation)s has been facing an IT outage since %(date)s at "
                       "%(time)s."),
        ),
        IncidentKind(
            id="phone-outage",
            name=N_("Telephone outage"),
            headline=N_("Telephone outage: our switchboard is hard to reach"),
            what_happened=N_("A failure has disrupted our telephone lines."),
            unknowns=N_("We do not yet know when the telephone lines will be fully restored."),
            actions=N_("Our technicians and the operator are working to restore the lines. "
                       "An information line has been opened."),
            cap_event=N_("Hospital telephone outage"),
            cap_categories=("Health", "Infra"),
            opening=N_("%(organisation)s has been facing a telephone outage since %(date)s "
                       "at %(time)s."),
        ),
        IncidentKind(
            id="power-outage",
            name=N_("Power outage"),
            headline=N_("Power outage: the hospital runs on emergency power"),
            what_happened=N_("A power outage has hit the hospital; emergency generators supply "
                             "the essential services."),
            unknowns=N_("We do not yet know when the mains power will be restored."),
            actions=N_("Our technical teams are working to restore the power."),
            cap_event=N_("Hospital power outage"),
            cap_categories=("Health", "Infra"),
            opening=N_("%(organisation)s has been facing a power outage since %(date)s at "
                       "%(time)s."),
        ),
        IncidentKind(
            id="evacuation",
            name=N_("Evacuation"),
            headline=N_("Evacuation: part of the hospital has been evacuated"),
            what_happened=N_("Part of the hospital has been evacuated as a precaution."),
            unknowns=N_("We do not yet know when the evacuated areas can be used again."),
            actions=N_("Our teams are working to make the evacuated areas safe again."),
            cap_event=N_("Hospital evacuation"),
            cap_categories=("Health", "Safety", "Fire"),
            opening=N_("%(organisation)s has had to evacuate part of its buildings; the "
                       "evacuation began on %(date)s at %(time)s."),
            questions=(
                (N_("Where is my relative who was in hospital?"),
                 N_("Never say over the telephone where a patient is. Take the caller's "
                    "name, telephone number and relationship to the patient, and pass them "
                    "on to your supervisor.")),
            ),
        ),
    )
}
