"""Counted phrases the screens share: "3 drafts", "1 approved", with each language's plurals."""

from __future__ import annotations

from crisis_desk import desk
from crisis_desk.i18n import _n


def state_count(state: str, count: int) -> str:
    """``count`` documents in ``state`` (draft, submitted, approved), in the interface language."""
    values = {"count": count}
    if state == desk.DocumentState.DRAFT:
        return _n("%(count)d draft", "%(count)d drafts", count) % values
    if state == desk.DocumentState.SUBMITTED:
        return _n("%(count)d submitted", "%(count)d submitted", count) % values
    if state == desk.DocumentState.APPROVED:
        return _n("%(count)d approved", "%(count)d approved", count) % values
    return f"{count} {state}"  # a state this version does not know: shown as stored
