"""The six service statuses: fixed wording, colour and a shape, so colour is never alone."""

from __future__ import annotations

from typing import NamedTuple

from crisis_desk.i18n import N_


class Status(NamedTuple):
    """How a service is doing, with everything a document needs to show it."""

    id: str
    label: str  # msgid, translated in the document language
    colour: str  # hex RGB, dark enough for white text and for black-and-white printing
    shape: str  # circle, triangle, diamond, square, arrow, cross
    symbol: str  # a character that carries the shape in text and HTML
    severity: int  # 0 = works normally … 4 = not available
    description: str  # msgid: what the status means, for the editor and the legend


# Labels are read after a service name ("Imagerie médicale : …"), whatever its gender and
# number, so every language words them as a phrase that agrees with nothing: French uses
# noun phrases ("Activité suspendue", "Fermeture temporaire"), never a bare participle.
STATUSES: dict[str, Status] = {
    s.id: s
    for s in (
        Status("operational", N_("Operating normally"), "#1b7a36", "circle", "●", 0,
               N_("Works normally.")),
        Status("degraded", N_("Working with delays"), "#9a6200", "triangle", "▲", 1,
               N_("Works with delays.")),
        Status("limited", N_("Urgent cases only"), "#c25100", "diamond", "◆", 2,
               N_("Only urgent cases are seen.")),
        Status("relocated", N_("Moved to another site"), "#1d5fa8", "arrow", "➜", 2,
               N_("Takes place at another site.")),
        Status("suspended", N_("Suspended"), "#b3261e", "square", "■", 3,
               N_("Postponed; patients will be contacted.")),
        Status("closed", N_("Closed"), "#3c3c3c", "cross", "✖", 4,
               N_("Not available.")),
    )
}

RELOCATED_TO = N_("Moved to %(site)s")
