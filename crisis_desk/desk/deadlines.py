"""The legal clocks of an incident, read against where its documents stand in the desk.

The deadlines come from the model (``domain.obligations``: counted from when the
organisation became aware); whether each obligation's document is drafted,
submitted or approved comes from its approval records (``standing``). An
obligation made in several languages (an authority document the officer has not
yet given one language) counts as approved once one of them is: one is sent.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from crisis_desk.desk import lookups, standing
from crisis_desk.desk.states import DocumentState
from crisis_desk.domain.obligations import BY_KIND, Clock, clocks
from crisis_desk.store.database import Store
from crisis_desk.store.tables import DocumentRow

# The furthest a document has gone, when an obligation has several (one per language).
_PROGRESS = (DocumentState.DRAFT, DocumentState.SUBMITTED, DocumentState.APPROVED)


def obligation_clocks(store: Store, incident_id: int, now: datetime | None = None
                      ) -> list[Clock]:
    """Each obligation of the incident's latest version: its deadline and its state."""
    with store.reading() as session:
        row = lookups.incident_row(session, incident_id)
        snapshot = lookups.snapshot(session, row, row.latest_version)
        states: dict[str, str] = {}
        for doc in session.scalars(select(DocumentRow).where(
                DocumentRow.incident_id == incident_id, DocumentRow.is_current,
                DocumentRow.kind.in_(list(BY_KIND)))):
            state = standing.standing(session, doc).state
            earlier = states.get(doc.kind, DocumentState.DRAFT)
            states[doc.kind] = max(state, earlier, key=_PROGRESS.index)
        return clocks(snapshot.incident, now or store.now(), states,
                      snapshot.organisation.timezone)
