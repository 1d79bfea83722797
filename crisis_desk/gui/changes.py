"""What changed in a document since it was approved, in words a manager reads.

The workflow gives a unified diff per language (``desk.changes_since_approval``);
a manager should not have to read ``@@ -10,11 +10,12 @@``. Each run of
removed and added lines becomes "Was / Now", only-added lines "Added", and
only-removed lines "Removed"; a language whose text did not change says so in
a sentence. The lines themselves are the document's own text, shown as they are.
And for the typing kept after a crash: which fields it holds, by their names.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from crisis_desk.domain.model import Incident
from crisis_desk.i18n import N_, _

from .item_models import FIELD_LABELS

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
WAS, NOW = N_("Was: %(text)s"), N_("Now: %(text)s")
ADDED_LINE, REMOVED_LINE = N_("Added: %(text)s"), N_("Removed: %(text)s")


@dataclass
class Change:
    """One place where the text differs: the lines it had and the lines it has."""

    was: list[str] = field(default_factory=list)
    now: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.was and self.now:
            return CHANGED
        return ADDED if self.now else REMOVED


def changes_in(diff: str) -> list[Change]:
    """The changes a unified diff describes, in their order (headers and context left out)."""
    found: list[Change] = []
    current: Change | None = None
    for line in diff.splitlines():
        if line.startswith(("+++", "---", "@@")) or line[:1] not in ("+", "-"):
            current = None  # context or a header ends a change
            continue
        if current is None or (line[0] == "-" and current.now):
            current = Change()
            found.append(current)
        text = line[1:].strip()
        if text:
            (current.now if line[0] == "+" else current.was).append(text)
    return [change for change in found if change.was or change.now]


def readable(diff: str) -> str:
    """A diff told in words; a sentence when nothing changed."""
    if not diff.strip():
        return _("No change in this language since the approved version.")
    changes = changes_in(diff)
    if not changes:  # a sentence from the workflow rather than a diff
        return diff.strip()
    return "\n\n".join(_told(change) for change in changes)


def _told(change: Change) -> str:
    was, now = " / ".join(change.was), " / ".join(change.now)
    if change.kind == CHANGED:
        return f"{_(WAS) % {'text': was}}\n{_(NOW) % {'text': now}}"
    if change.kind == ADDED:
        return _(ADDED_LINE) % {"text": now}
    return _(REMOVED_LINE) % {"text": was}


def line_prefixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(what was, what is now): how the told lines start, in the interface language."""
    def start(message: str) -> str:
        return _(message).split("%(text)s")[0]
    return (start(WAS), start(REMOVED_LINE)), (start(NOW), start(ADDED_LINE))


# -- what unsaved typing holds ---------------------------------------------------------------

OTHER_FIELD_LABELS = {
    "statuses": N_("Statuses of the services"),
    "update": N_("Update number"),
    "patient_data_at_risk": N_("Patient data at risk"),
    "appointments": N_("Appointments"),
}


def changed_fields(saved: Incident, typed: Incident) -> list[str]:
    """The fields that differ, named as the editor names them: 'What happened (NL)'."""
    names = []
    for item in fields(Incident):
        old, new = getattr(saved, item.name), getattr(typed, item.name)
        if old == new:
            continue
        label = FIELD_LABELS.get(item.name) or OTHER_FIELD_LABELS.get(item.name)
        label = _(label) if label else item.name
        if isinstance(old, dict) and isinstance(new, dict):
            codes = [c for c in (*old, *new) if old.get(c, "") != new.get(c, "")]
            names += [f"{label} ({code.upper()})" for code in dict.fromkeys(codes)]
        else:
            names.append(label)
    return names
