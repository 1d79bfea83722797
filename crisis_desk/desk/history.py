"""Checking the whole history: the sealed chains, their triggers, and people against records.

What ``crisis-desk verify`` prints: one sentence per problem, each naming the
first broken or forged row of a chain by its id, or the account whose row no
longer matches its record.
"""

from __future__ import annotations

from crisis_desk.desk import chains, person_records
from crisis_desk.store.database import Store


def verify_history(store: Store) -> list[str]:
    """Everything wrong with the history, one sentence each; empty when it holds."""
    with store.reading() as session:
        return chains.verify(session) + person_records.problems(session)
