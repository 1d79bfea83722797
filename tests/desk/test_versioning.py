"""Saving versions: documents back to draft, kept approvals, conflicts between desks.

Each test runs on SQLite and on PostgreSQL (see storage_fixtures).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from crisis_desk import desk
from crisis_desk.desk import (
    ConflictError,
)
from tests.desk.workflow_steps import approve_reviewed, edited_copy, poster_of, submit_all


def test_an_edit_after_approval_returns_only_the_changed_documents_to_draft(
        store, people, stored):
    submit_all(store, people, stored)
    for doc in desk.documents(store, stored.incident_id):
        approve_reviewed(store, people, doc)
    saved = desk.save_incident(store, people.comms, stored.incident_id,
                               edited_copy(stored, patient_advice="Restez chez vous."),
                               stored.version)
    docs = desk.documents(store, stored.incident_id)
    # The French advice is on the notice, the phone script, the status page and the CAP.
    changed = {"notice", "phone-script", "status-page", "cap"}
    assert {d.kind for d in docs if d.state == "draft"} == changed
    assert all(d.state == "approved" for d in docs if d.kind not in changed)
    assert all(d.version == saved.version for d in docs)
    for doc in docs:  # what was approved stays printable until its successor is approved
        assert desk.approval_mark(store, doc.id).version == stored.version
        assert doc.approved_version == stored.version
    detail = desk.audit_log(store, stored.incident_id)[-1].detail
    assert "back to draft" in detail and "-notice" in detail and "-poster-" not in detail


def test_saving_the_same_content_keeps_approvals(store, people, stored):
    submit_all(store, people, stored)
    doc = approve_reviewed(store, people, poster_of(store, stored))
    same = desk.save_incident(store, people.comms, stored.incident_id, stored.incident,
                              stored.version)
    assert same.version == stored.version
    assert desk.approval_mark(store, doc.id) is not None


def test_a_site_removed_from_the_profile_takes_its_documents_away(store, people, stored):
    org = stored.organisation
    smaller = replace(org, sites=tuple(s for s in org.sites if s.id != "braine"),
                      services=tuple(replace(s, sites=tuple(x for x in s.sites if x != "braine"))
                                     if s.sites else s for s in org.services))
    incident = replace(stored.incident,
                       statuses=tuple(e for e in stored.incident.statuses if e.site != "braine"))
    desk.save_organisation(store, people.comms, smaller)
    desk.save_incident(store, people.comms, stored.incident_id, incident, stored.version)
    sites = {d.site for d in desk.documents(store, stored.incident_id)}
    assert "braine" not in sites and "nivelles" in sites


def test_submitting_an_outdated_version_is_a_conflict(store, people, stored):
    desk.save_incident(store, people.comms, stored.incident_id,
                       edited_copy(stored, facts="Plus récent"), stored.version)
    with pytest.raises(ConflictError):
        submit_all(store, people, stored)


def test_two_desks_saving_the_same_incident_conflict(store, people, stored):
    second = desk.add_user(store, people.manager, "Tom Maes", "comms", "777788")
    tom = desk.Actor(second.id, second.name, second.role)
    desk.save_incident(store, people.comms, stored.incident_id,
                       edited_copy(stored, facts="Léa's version"), stored.version)
    toms = edited_copy(stored, facts="Tom's version")
    with pytest.raises(ConflictError, match="Léa Peeters"):
        desk.save_incident(store, tom, stored.incident_id, toms, stored.version)
    latest = desk.load_incident(store, stored.incident_id)
    assert latest.incident.facts["fr"] == "Léa's version"
    kept = desk.recover_autosave(store, tom, stored.incident_id)
    assert kept.incident == toms and kept.base_version == stored.version
