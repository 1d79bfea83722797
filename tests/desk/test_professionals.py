"""The documents for professionals go through the same workflow as the others.

Each test runs on SQLite and on PostgreSQL (see storage_fixtures).
"""

from __future__ import annotations

from dataclasses import replace

from crisis_desk import desk
from crisis_desk.domain.model import StatusEntry
from tests.desk.workflow_steps import approve_reviewed, submit_all

NEW_KINDS = {"dispatch", "physicians", "partner-note", "staff-briefing", "easy-notice"}


def test_the_new_fields_are_kept_by_the_database(store, people, stored):
    incident = replace(
        stored.incident,
        staff_instructions={"fr": "Passez au bureau de crise.", "nl": "Kom naar de crisiscel."},
        physicians_contact="+32 67 88 00 50",
        statuses=(*stored.incident.statuses,
                  StatusEntry("nivelles", "emergency", "limited", ambulances="diverted",
                              ambulances_to="tubize")))
    saved = desk.save_incident(store, people.comms, stored.incident_id, incident,
                               stored.version)
    back = desk.load_incident(store, stored.incident_id, saved.version).incident
    assert back == incident
    assert back.statuses[-1].ambulances_to == "tubize"


def test_the_new_documents_are_submitted_and_approved_like_the_others(store, people, stored):
    docs = desk.documents(store, stored.incident_id)
    kinds = {d.kind for d in docs}
    assert kinds >= NEW_KINDS
    easy = [d for d in docs if d.kind == "easy-notice"]
    assert len(easy) == len(stored.incident.languages)  # one per language
    submit_all(store, people, stored)
    for doc in desk.documents(store, stored.incident_id):
        if doc.kind in NEW_KINDS:
            approve_reviewed(store, people, doc)
    states = {d.kind: d.state for d in desk.documents(store, stored.incident_id)}
    assert all(states[k] == "approved" for k in NEW_KINDS)
