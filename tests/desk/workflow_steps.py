"""Shared steps of the workflow tests: edit, submit, approve, find a document."""

from __future__ import annotations

from dataclasses import replace

from crisis_desk import desk


def edited_copy(snapshot, **texts):
    """The stored incident with some French texts changed."""
    incident = snapshot.incident
    changes = {field: {**getattr(incident, field), "fr": text} for field, text in texts.items()}
    return replace(incident, **changes)


def submit_all(store, people, snapshot):
    return desk.submit(store, people.comms, snapshot.incident_id, snapshot.version)


def approve_reviewed(store, people, doc):
    return desk.approve(store, people.manager, people.pins["manager"], doc.id,
                        doc.submitted_sha256)


def poster_of(store, snapshot, site="nivelles"):
    return next(d for d in desk.documents(store, snapshot.incident_id)
                if d.kind == "poster" and d.site == site)


def logged_actions(store, incident_id=None):
    return [entry.action for entry in desk.audit_log(store, incident_id)]
