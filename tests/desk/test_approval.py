"""Submitting and approving: the hash binding, sending back, and every refusal.

Each test runs on SQLite and on PostgreSQL (see storage_fixtures).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from crisis_desk import desk
from crisis_desk.desk import (
    CheckFailed,
    ContentChanged,
    InvalidValue,
    NotAllowed,
    WrongState,
    content,
)
from tests.desk.workflow_steps import (
    approve_reviewed,
    edited_copy,
    logged_actions,
    poster_of,
    submit_all,
)

# -- the workflow -------------------------------------------------------------------------

def test_imported_documents_start_as_drafts(store, stored):
    docs = desk.documents(store, stored.incident_id)
    keys = content.document_keys(stored.organisation, stored.incident)
    assert len(docs) == len(keys)
    assert {d.state for d in docs} == {"draft"}
    assert all(d.sha256 and len(d.sha256) == 64 for d in docs)
    assert all(desk.approval_mark(store, d.id) is None for d in docs)


def test_check_errors_block_submission(store, people, stored):
    broken = replace(stored.incident, facts={"fr": stored.incident.facts["fr"]})  # no Dutch
    saved = desk.save_incident(store, people.comms, stored.incident_id, broken,
                               stored.version)
    with pytest.raises(CheckFailed) as refused:
        submit_all(store, people, saved)
    assert any(p.field == "facts" and p.language == "nl" for p in refused.value.problems)
    assert {d.state for d in desk.documents(store, stored.incident_id)} == {"draft"}
    assert "submit" not in logged_actions(store, stored.incident_id)


def test_submit_then_approve_binds_the_content_hash(store, people, stored):
    submitted = submit_all(store, people, stored)
    assert len(submitted) == len(desk.documents(store, stored.incident_id))
    assert all(d.state == "submitted" and d.submitted_sha256 == d.sha256 for d in submitted)
    doc = poster_of(store, stored)
    assert [d.id for d in desk.awaiting_approval(store)] == [d.id for d in submitted]
    approved = approve_reviewed(store, people, doc)
    assert approved.state == "approved" and approved.approved_by == "Marc Lambert"
    mark = desk.approval_mark(store, doc.id)
    assert mark.number == doc.number == "CHSD-2026-001-poster-nivelles"
    assert (mark.version, mark.approver) == (stored.version, "Marc Lambert")
    assert desk.render_request(store, doc.id).approval == mark
    other = poster_of(store, stored, "tubize")
    assert desk.render_request(store, other.id).approval is None  # still only submitted


def notice_of(store, snapshot):
    return next(d for d in desk.documents(store, snapshot.incident_id) if d.kind == "notice")


def test_approving_what_changed_since_review_is_refused(store, people, stored):
    submit_all(store, people, stored)
    reviewed = notice_of(store, stored)  # the notice tells the facts
    saved = desk.save_incident(store, people.comms, stored.incident_id,
                               edited_copy(stored, facts="Nouveau fait"), stored.version)
    with pytest.raises(WrongState):  # the save sent it back to draft
        approve_reviewed(store, people, reviewed)
    submit_all(store, people, saved)
    with pytest.raises(ContentChanged):  # submitted again, but not what the manager read
        approve_reviewed(store, people, reviewed)
    fresh = desk.document(store, reviewed.id)
    assert fresh.submitted_sha256 != reviewed.submitted_sha256
    assert approve_reviewed(store, people, fresh).state == "approved"


def test_a_changed_template_breaks_the_binding(store, people, stored):
    """What was approved includes the wording: a new template means a draft again."""
    from crisis_desk.support.paths import organisation_templates_dir

    submit_all(store, people, stored)
    notice, script, press = (next(d for d in desk.documents(store, stored.incident_id)
                                  if d.kind == kind) for kind in ("notice", "phone-script",
                                                                  "press"))
    approve_reviewed(store, people, notice)
    for kind in ("notice", "phone-script"):
        folder = organisation_templates_dir(stored.organisation.id) / kind
        folder.mkdir(parents=True)
        (folder / f"{kind}.txt.j2").write_text("{{ org.name }}: {{ incident.facts }}\n")
    assert desk.approval_mark(store, notice.id) is None
    with pytest.raises(ContentChanged):
        approve_reviewed(store, people, script)
    assert approve_reviewed(store, people, press).state == "approved"  # its template is unchanged
    resubmitted = submit_all(store, people, stored)
    # The notice was approved and the script submitted, but neither reads so any more.
    assert [d.id for d in resubmitted] == [notice.id, script.id]
    approve_reviewed(store, people, resubmitted[0])
    assert desk.approval_mark(store, notice.id).version == stored.version


def test_approving_a_draft_or_twice_is_refused(store, people, stored):
    doc = poster_of(store, stored)
    with pytest.raises(WrongState):
        desk.approve(store, people.manager, people.pins["manager"], doc.id, doc.sha256)
    submit_all(store, people, stored)
    doc = desk.document(store, doc.id)
    approve_reviewed(store, people, doc)
    with pytest.raises(WrongState):
        approve_reviewed(store, people, doc)


def test_send_back_needs_a_comment_and_returns_to_draft(store, people, stored):
    submit_all(store, people, stored)
    doc = poster_of(store, stored)
    with pytest.raises(InvalidValue):
        desk.send_back(store, people.manager, doc.id, "   ")
    back = desk.send_back(store, people.manager, doc.id, "Mention the parking at entrance B.")
    assert (back.state, back.comment) == ("draft", "Mention the parking at entrance B.")
    with pytest.raises(WrongState):
        desk.send_back(store, people.manager, doc.id, "again")
    again = desk.submit(store, people.comms, stored.incident_id, stored.version, [doc.id])
    assert [d.id for d in again] == [doc.id]
    assert approve_reviewed(store, people, again[0]).comment == ""


def test_approve_many_takes_one_pin_and_is_all_or_nothing(store, people, stored):
    submitted = submit_all(store, people, stored)
    first, second = submitted[:2]
    wrong = {first.id: first.submitted_sha256, second.id: "0" * 64}
    with pytest.raises(ContentChanged):
        desk.approve_many(store, people.manager, people.pins["manager"], wrong)
    assert {desk.document(store, d.id).state for d in (first, second)} == {"submitted"}
    reviewed = {d.id: d.submitted_sha256 for d in submitted}
    approved = desk.approve_many(store, people.manager, people.pins["manager"], reviewed)
    assert [d.id for d in approved] == list(reviewed)
    assert {d.state for d in desk.documents(store, stored.incident_id)} == {"approved"}
    assert desk.awaiting_approval(store) == []


def test_refusals_speak_the_interface_language(store, people, stored):
    from crisis_desk import i18n

    submit_all(store, people, stored)
    doc = poster_of(store, stored)
    previous = i18n.interface_language()
    try:
        for code in ("fr", "nl"):
            i18n.set_interface_language(code)
            expected = i18n.gettext(code, "Only a manager can approve a document.")
            assert expected != "Only a manager can approve a document."
            with pytest.raises(NotAllowed) as refused:
                desk.approve(store, people.comms, people.pins["comms"], doc.id,
                             doc.submitted_sha256)
            assert str(refused.value) == expected
    finally:
        i18n.set_interface_language(previous)
