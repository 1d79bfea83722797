"""The obligation documents in the workflow: an open item blocks that document only, and
the legal clocks read the documents' approval state.

Each test runs on SQLite and on PostgreSQL (see storage_fixtures).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from crisis_desk import desk
from crisis_desk.desk import WrongState
from crisis_desk.domain.model import DataBreach
from crisis_desk.domain.obligations import ClockState
from tests.desk.workflow_steps import approve_reviewed, submit_all


def _states(store, incident_id):
    return {c.obligation.kind: c.state for c in desk.obligation_clocks(store, incident_id)}


def test_a_document_marked_to_be_completed_cannot_be_approved_the_others_can(
        store, people, stored):
    # How many people and records, and whose: not known yet. The notification marks them
    # (the notice to the people concerned needs only which data).
    breach = DataBreach(data_categories=stored.incident.breach.data_categories)
    unknown = replace(stored.incident, breach=breach)
    saved = desk.save_incident(store, people.comms, stored.incident_id, unknown,
                               stored.version)
    submit_all(store, people, saved)
    docs = desk.documents(store, stored.incident_id)
    marked = [d for d in docs if d.kind == "authority-notification"]
    assert marked and all(d.state == "submitted" for d in marked)
    for doc in marked:
        with pytest.raises(WrongState, match="breach.people_categories, breach.people, "
                                             "breach.records"):
            approve_reviewed(store, people, doc)
    others = [d for d in docs if d.kind != "authority-notification"]
    assert {d.kind for d in others} >= {"poster", "notice", "data-notice",
                                        "nis2-early-warning", "nis2-final-report"}
    for doc in others:
        approve_reviewed(store, people, doc)
    after = desk.documents(store, stored.incident_id)
    assert {d.state for d in after if d.kind == "authority-notification"} == {"submitted"}
    assert all(d.state == "approved" for d in after if d.kind != "authority-notification")


def test_the_complete_notification_is_approved_with_its_numbers(store, people, stored):
    submit_all(store, people, stored)
    notification = next(d for d in desk.documents(store, stored.incident_id)
                        if d.kind == "authority-notification" and d.languages == ("fr",))
    assert approve_reviewed(store, people, notification).state == "approved"
    text = desk.document_texts(store, notification.id)["fr"]
    assert "environ 48\u202f000" in text and "Sophie Lambert" in text  # from the database


def test_the_clocks_follow_the_approvals_and_the_time(store, people, stored, clock):
    # The demo became aware at 05:45 (04:45 UTC); the desk's clock says 08:00 UTC.
    assert _states(store, stored.incident_id) == {
        "nis2-early-warning": ClockState.DRAFTED, "authority-notification": ClockState.DRAFTED,
        "nis2-notification": ClockState.DRAFTED, "nis2-final-report": ClockState.DRAFTED,
        "data-notice": ClockState.DRAFTED}
    submit_all(store, people, stored)
    early = [d for d in desk.documents(store, stored.incident_id)
             if d.kind == "nis2-early-warning"]
    approve_reviewed(store, people, early[0])  # one language is enough to send it
    clock.advance(hours=25)
    states = _states(store, stored.incident_id)
    assert states["nis2-early-warning"] == ClockState.APPROVED
    assert states["authority-notification"] == ClockState.SUBMITTED
    clock.advance(hours=48)
    states = _states(store, stored.incident_id)
    assert states["authority-notification"] == ClockState.OVERDUE
    assert states["nis2-notification"] == ClockState.OVERDUE
    assert states["nis2-final-report"] == ClockState.SUBMITTED  # a month
    assert states["data-notice"] == ClockState.SUBMITTED  # never overdue: no fixed clock
