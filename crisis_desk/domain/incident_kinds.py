"""Incident kinds and the fixed wording each brings to every document.

All phrases are English msgids translated in the document's language. A kind
is data: adding one means adding an entry here and its translations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crisis_desk.i18n import N_


@dataclass(frozen=True)
class IncidentKind:
    """A kind of crisis with its own wording for every document."""

    id: str
    name: str
    headline: str  # used when the incident has no title in a language
    what_happened: str
    unknowns: str  # CERC: what is not yet known
    actions: str  # CERC: what is being done
    cap_event: str
    cap_categories: tuple[str, ...]
    questions: tuple[tuple[str, str], ...] = field(default=())


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
            actions=N_("Our IT teams and outside experts are working day and night to restore "
                       "the systems safely. Care continues with paper procedures."),
            cap_event=N_("Hospital cyberattack"),
            cap_categories=("Health", "Infra"),
            questions=(
                (N_("Is it safe to be treated at the hospital now?"),
                 N_("Yes. Our teams care for patients safely with paper procedures, and "
                    "urgent care continues.")),
            ),
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
            questions=(
                (N_("How can I reach a department?"),
                 N_("Call the information line; we will pass on your message.")),
            ),
        ),
        IncidentKind(
            id="power-outage",
            name=N_("Power outage"),
            headline=N_("Power outage: the hospital runs on emergency power"),
            what_happened=N_("A power outage has hit the hospital; emergency generators supply "
                             "the essential services."),
            unknowns=N_("We do not yet know when the mains power will be restored."),
            actions=N_("Our technical teams and the grid operator are working to restore the "
                       "power. Patients who depend on equipment are being watched closely."),
            cap_event=N_("Hospital power outage"),
            cap_categories=("Health", "Infra"),
        ),
        IncidentKind(
            id="evacuation",
            name=N_("Evacuation"),
            headline=N_("Evacuation: part of the hospital has been evacuated"),
            what_happened=N_("Part of the hospital has been evacuated as a precaution."),
            unknowns=N_("We do not yet know when the evacuated areas can be used again."),
            actions=N_("Patients have been moved to safe areas or to other hospitals. The "
                       "fire brigade and the authorities are on site."),
            cap_event=N_("Hospital evacuation"),
            cap_categories=("Health", "Safety", "Fire"),
            questions=(
                (N_("Where is my relative who was in hospital?"),
                 N_("Call the information line with the patient's name; we will tell you "
                    "where they are being cared for.")),
            ),
        ),
    )
}
