"""The approval workflow: who may do what, the hash binding, and every refusal.

Each test runs on SQLite and on PostgreSQL (see storage_fixtures).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from crisis_desk.desk import content, workflow
from crisis_desk.desk.workflow import (
    CheckFailed,
    ConflictError,
    ContentChanged,
    InvalidValue,
    LockedOut,
    NotAllowed,
    SignInFailed,
    WrongState,
)


def _edited(snapshot, **texts):
    """The stored incident with some French texts changed."""
    incident = snapshot.incident
    changes = {field: {**getattr(incident, field), "fr": text} for field, text in texts.items()}
    return replace(incident, **changes)


def _submit_all(store, people, snapshot):
    return workflow.submit(store, people.comms, snapshot.incident_id, snapshot.version)


def _approve(store, people, doc):
    return workflow.approve(store, people.manager, people.pins["manager"], doc.id,
                            doc.submitted_sha256)


def _poster(store, snapshot, site="nivelles"):
    return next(d for d in workflow.documents(store, snapshot.incident_id)
                if d.kind == "poster" and d.site == site)


def _actions(store, incident_id=None):
    return [entry.action for entry in workflow.audit_log(store, incident_id)]


# -- users and sign-in --------------------------------------------------------------------

def test_the_first_account_must_be_a_manager(store):
    assert workflow.needs_first_manager(store)
    with pytest.raises(NotAllowed):
        workflow.add_user(store, None, "Léa", "comms", "4821")
    workflow.add_user(store, None, "Marc", "manager", "9034")
    assert not workflow.needs_first_manager(store)
    with pytest.raises(NotAllowed):
        workflow.add_user(store, None, "Someone", "manager", "1111")


def test_only_a_manager_or_the_administrator_adds_users(store, people):
    for actor in (people.comms, people.reception):
        with pytest.raises(NotAllowed):
            workflow.add_user(store, actor, "Intruder", "manager", "1111")
    workflow.add_user(store, workflow.administrator("ops"), "Night desk", "reception", "2222")
    assert "Night desk" in [user.name for user in workflow.users(store)]
    assert "Intruder" not in [user.name for user in workflow.users(store)]


@pytest.mark.parametrize(("name", "role", "pin"), [
    ("", "comms", "4821"), ("marc lambert", "comms", "4821"), ("Ann", "director", "4821"),
    ("Ann", "comms", "123"), ("Ann", "comms", "    "), ("Ann\x07", "comms", "4821"),
])
def test_bad_accounts_are_refused(store, people, name, role, pin):
    with pytest.raises(InvalidValue):
        workflow.add_user(store, people.manager, name, role, pin)


def test_sign_in_gives_the_role_in_the_database(store, people):
    actor = workflow.sign_in(store, "Léa Peeters", people.pins["comms"])
    assert actor == people.comms
    assert workflow.audit_log(store)[-1].action == "sign_in"


def test_wrong_pin_and_unknown_name_are_refused(store, people):
    with pytest.raises(SignInFailed, match="Wrong PIN"):
        workflow.sign_in(store, "Marc Lambert", "0000")
    with pytest.raises(SignInFailed, match="No user"):
        workflow.sign_in(store, "Nobody", people.pins["manager"])


def test_five_wrong_pins_in_a_row_lock_the_account_for_a_few_minutes(store, people, clock):
    for _attempt in range(workflow.MAX_WRONG_PINS - 1):
        with pytest.raises(SignInFailed) as refused:
            workflow.sign_in(store, "Marc Lambert", "0000")
        assert not isinstance(refused.value, LockedOut)
    with pytest.raises(LockedOut) as locked:
        workflow.sign_in(store, "Marc Lambert", "0000")
    assert locked.value.until == clock() + workflow.LOCK_OUT
    with pytest.raises(LockedOut):  # even the right PIN waits
        workflow.sign_in(store, "Marc Lambert", people.pins["manager"])
    clock.advance(minutes=4)
    with pytest.raises(LockedOut):
        workflow.sign_in(store, "Marc Lambert", people.pins["manager"])
    clock.advance(minutes=1, seconds=1)
    assert workflow.sign_in(store, "Marc Lambert", people.pins["manager"]) == people.manager
    assert "lock_out" in _actions(store)


def test_a_right_pin_resets_the_count(store, people):
    for _round in range(2):
        for _attempt in range(workflow.MAX_WRONG_PINS - 1):
            with pytest.raises(SignInFailed):
                workflow.sign_in(store, "Léa Peeters", "0000")
        workflow.sign_in(store, "Léa Peeters", people.pins["comms"])  # not locked


# -- roles --------------------------------------------------------------------------------

def test_a_receptionist_can_neither_edit_nor_submit_nor_approve(store, people, stored):
    reception = people.reception
    edited = _edited(stored, facts="Changed by reception")
    with pytest.raises(NotAllowed):
        workflow.save_incident(store, reception, stored.incident_id, edited, stored.version)
    with pytest.raises(NotAllowed):
        workflow.autosave(store, reception, stored.incident_id, edited, stored.version)
    with pytest.raises(NotAllowed):
        workflow.create_incident(store, reception, stored.organisation.id, edited)
    with pytest.raises(NotAllowed):
        workflow.submit(store, reception, stored.incident_id, stored.version)
    _submit_all(store, people, stored)
    doc = _poster(store, stored)
    with pytest.raises(NotAllowed):
        workflow.approve(store, reception, people.pins["reception"], doc.id, doc.submitted_sha256)
    with pytest.raises(NotAllowed):
        workflow.send_back(store, reception, doc.id, "no")
    assert workflow.document(store, doc.id).state == "submitted"
    assert workflow.load_incident(store, stored.incident_id).version == stored.version


def test_a_communication_officer_cannot_approve(store, people, stored):
    _submit_all(store, people, stored)
    doc = _poster(store, stored)
    with pytest.raises(NotAllowed):
        workflow.approve(store, people.comms, people.pins["comms"], doc.id, doc.submitted_sha256)
    with pytest.raises(NotAllowed):
        workflow.send_back(store, people.comms, doc.id, "fine by me")
    assert workflow.document(store, doc.id).state == "submitted"


def test_a_manager_neither_edits_nor_submits(store, people, stored):
    with pytest.raises(NotAllowed):
        workflow.save_incident(store, people.manager, stored.incident_id,
                               _edited(stored, facts="Manager's edit"), stored.version)
    with pytest.raises(NotAllowed):
        workflow.submit(store, people.manager, stored.incident_id, stored.version)


def test_roles_come_from_the_database_not_from_the_caller(store, people, stored):
    _submit_all(store, people, stored)
    doc = _poster(store, stored)
    forged = workflow.Actor(people.reception.user_id, people.reception.name, "manager")
    with pytest.raises(NotAllowed):
        workflow.approve(store, forged, people.pins["reception"], doc.id, doc.submitted_sha256)
    with pytest.raises(NotAllowed):
        workflow.approve(store, workflow.administrator(), "", doc.id, doc.submitted_sha256)
    disguised = workflow.Actor(people.comms.user_id, "Marc Lambert", "manager")
    workflow.record_print(store, disguised, doc.id, "pdf")
    logged = workflow.audit_log(store)[-1]
    assert (logged.actor_name, logged.actor_role) == ("Léa Peeters", "comms")


def test_approval_needs_the_managers_own_pin(store, people, stored):
    _submit_all(store, people, stored)
    doc = _poster(store, stored)
    with pytest.raises(SignInFailed):
        workflow.approve(store, people.manager, "0000", doc.id, doc.submitted_sha256)
    with pytest.raises(SignInFailed):
        workflow.approve(store, people.manager, people.pins["comms"], doc.id, doc.submitted_sha256)
    assert workflow.document(store, doc.id).state == "submitted"
    for _attempt in range(workflow.MAX_WRONG_PINS - 3):
        with pytest.raises(SignInFailed):
            workflow.approve(store, people.manager, "0000", doc.id, doc.submitted_sha256)
    with pytest.raises(LockedOut):
        workflow.approve(store, people.manager, "0000", doc.id, doc.submitted_sha256)
    with pytest.raises(LockedOut):
        _approve(store, people, doc)
    assert workflow.document(store, doc.id).state == "submitted"


# -- the workflow -------------------------------------------------------------------------

def test_imported_documents_start_as_drafts(store, stored):
    docs = workflow.documents(store, stored.incident_id)
    keys = content.document_keys(stored.organisation, stored.incident)
    assert len(docs) == len(keys)
    assert {d.state for d in docs} == {"draft"}
    assert all(d.sha256 and len(d.sha256) == 64 for d in docs)
    assert all(workflow.approval_mark(store, d.id) is None for d in docs)


def test_check_errors_block_submission(store, people, stored):
    broken = replace(stored.incident, facts={"fr": stored.incident.facts["fr"]})  # no Dutch
    saved = workflow.save_incident(store, people.comms, stored.incident_id, broken,
                                   stored.version)
    with pytest.raises(CheckFailed) as refused:
        _submit_all(store, people, saved)
    assert any(p.field == "facts" and p.language == "nl" for p in refused.value.problems)
    assert {d.state for d in workflow.documents(store, stored.incident_id)} == {"draft"}
    assert "submit" not in _actions(store, stored.incident_id)


def test_submit_then_approve_binds_the_content_hash(store, people, stored):
    submitted = _submit_all(store, people, stored)
    assert len(submitted) == len(workflow.documents(store, stored.incident_id))
    assert all(d.state == "submitted" and d.submitted_sha256 == d.sha256 for d in submitted)
    doc = _poster(store, stored)
    assert [d.id for d in workflow.awaiting_approval(store)] == [d.id for d in submitted]
    approved = _approve(store, people, doc)
    assert approved.state == "approved" and approved.approved_by == "Marc Lambert"
    mark = workflow.approval_mark(store, doc.id)
    assert mark.number == doc.number == "CHSD-2026-001-poster-nivelles"
    assert (mark.version, mark.approver) == (stored.version, "Marc Lambert")
    assert workflow.render_request(store, doc.id).approval == mark
    other = _poster(store, stored, "tubize")
    assert workflow.render_request(store, other.id).approval is None  # still only submitted


def test_approving_what_changed_since_review_is_refused(store, people, stored):
    _submit_all(store, people, stored)
    reviewed = _poster(store, stored)
    saved = workflow.save_incident(store, people.comms, stored.incident_id,
                                   _edited(stored, facts="Nouveau fait"), stored.version)
    with pytest.raises(WrongState):  # the save sent it back to draft
        _approve(store, people, reviewed)
    _submit_all(store, people, saved)
    with pytest.raises(ContentChanged):  # submitted again, but not what the manager read
        _approve(store, people, reviewed)
    fresh = workflow.document(store, reviewed.id)
    assert fresh.submitted_sha256 != reviewed.submitted_sha256
    assert _approve(store, people, fresh).state == "approved"


def test_a_changed_template_breaks_the_binding(store, people, stored):
    """What was approved includes the wording: a new template means a draft again."""
    from crisis_desk.support.paths import organisation_templates_dir

    _submit_all(store, people, stored)
    notice, script, press = (next(d for d in workflow.documents(store, stored.incident_id)
                                  if d.kind == kind) for kind in ("notice", "phone-script",
                                                                  "press"))
    _approve(store, people, notice)
    for kind in ("notice", "phone-script"):
        folder = organisation_templates_dir(stored.organisation.id) / kind
        folder.mkdir(parents=True)
        (folder / f"{kind}.txt.j2").write_text("{{ org.name }}: {{ incident.facts }}\n")
    assert workflow.approval_mark(store, notice.id) is None
    with pytest.raises(ContentChanged):
        _approve(store, people, script)
    assert _approve(store, people, press).state == "approved"  # its template is unchanged
    resubmitted = _submit_all(store, people, stored)
    assert [d.id for d in resubmitted] == [notice.id]  # approved, but no longer as it reads
    _approve(store, people, resubmitted[0])
    assert workflow.approval_mark(store, notice.id).version == stored.version


def test_approving_a_draft_or_twice_is_refused(store, people, stored):
    doc = _poster(store, stored)
    with pytest.raises(WrongState):
        workflow.approve(store, people.manager, people.pins["manager"], doc.id, doc.sha256)
    _submit_all(store, people, stored)
    doc = workflow.document(store, doc.id)
    _approve(store, people, doc)
    with pytest.raises(WrongState):
        _approve(store, people, doc)


def test_send_back_needs_a_comment_and_returns_to_draft(store, people, stored):
    _submit_all(store, people, stored)
    doc = _poster(store, stored)
    with pytest.raises(InvalidValue):
        workflow.send_back(store, people.manager, doc.id, "   ")
    back = workflow.send_back(store, people.manager, doc.id, "Mention the parking at entrance B.")
    assert (back.state, back.comment) == ("draft", "Mention the parking at entrance B.")
    with pytest.raises(WrongState):
        workflow.send_back(store, people.manager, doc.id, "again")
    again = workflow.submit(store, people.comms, stored.incident_id, stored.version, [doc.id])
    assert [d.id for d in again] == [doc.id]
    assert _approve(store, people, again[0]).comment == ""


def test_an_edit_after_approval_returns_documents_to_draft(store, people, stored):
    _submit_all(store, people, stored)
    for doc in workflow.documents(store, stored.incident_id):
        _approve(store, people, doc)
    saved = workflow.save_incident(store, people.comms, stored.incident_id,
                                   _edited(stored, patient_advice="Restez chez vous."),
                                   stored.version)
    docs = workflow.documents(store, stored.incident_id)
    assert {d.state for d in docs} == {"draft"}
    assert all(workflow.approval_mark(store, d.id) is None for d in docs)
    assert all(d.version == saved.version for d in docs)
    assert "back to draft" in workflow.audit_log(store, stored.incident_id)[-1].detail


def test_saving_the_same_content_keeps_approvals(store, people, stored):
    _submit_all(store, people, stored)
    doc = _approve(store, people, _poster(store, stored))
    same = workflow.save_incident(store, people.comms, stored.incident_id, stored.incident,
                                  stored.version)
    assert same.version == stored.version
    assert workflow.approval_mark(store, doc.id) is not None


def test_a_site_removed_from_the_profile_takes_its_documents_away(store, people, stored):
    org = stored.organisation
    smaller = replace(org, sites=tuple(s for s in org.sites if s.id != "braine"),
                      services=tuple(replace(s, sites=tuple(x for x in s.sites if x != "braine"))
                                     if s.sites else s for s in org.services))
    incident = replace(stored.incident,
                       statuses=tuple(e for e in stored.incident.statuses if e.site != "braine"))
    workflow.save_organisation(store, people.comms, smaller)
    workflow.save_incident(store, people.comms, stored.incident_id, incident, stored.version)
    sites = {d.site for d in workflow.documents(store, stored.incident_id)}
    assert "braine" not in sites and "nivelles" in sites


def test_submitting_an_outdated_version_is_a_conflict(store, people, stored):
    workflow.save_incident(store, people.comms, stored.incident_id,
                           _edited(stored, facts="Plus récent"), stored.version)
    with pytest.raises(ConflictError):
        _submit_all(store, people, stored)


def test_two_desks_saving_the_same_incident_conflict(store, people, stored):
    second = workflow.add_user(store, people.manager, "Tom Maes", "comms", "7777")
    tom = workflow.Actor(second.id, second.name, second.role)
    workflow.save_incident(store, people.comms, stored.incident_id,
                           _edited(stored, facts="Léa's version"), stored.version)
    toms = _edited(stored, facts="Tom's version")
    with pytest.raises(ConflictError, match="Léa Peeters"):
        workflow.save_incident(store, tom, stored.incident_id, toms, stored.version)
    latest = workflow.load_incident(store, stored.incident_id)
    assert latest.incident.facts["fr"] == "Léa's version"
    kept = workflow.recover_autosave(store, tom, stored.incident_id)
    assert kept.incident == toms and kept.base_version == stored.version


# -- printing, export, audit --------------------------------------------------------------

def test_printing_is_logged_with_the_state_printed(store, people, stored):
    doc = next(d for d in workflow.documents(store, stored.incident_id) if d.kind == "notice")
    draft = workflow.print_document(store, people.reception, doc.id, "txt")
    _submit_all(store, people, stored)
    _approve(store, people, workflow.document(store, doc.id))
    approved = workflow.print_document(store, people.reception, doc.id, "txt")
    assert draft == approved  # plain text carries no watermark; the PDF does
    prints = [e for e in workflow.audit_log(store, stored.incident_id) if e.action == "print"]
    assert [e.actor_name for e in prints] == ["Rita Schmit"] * 2
    assert "draft, watermarked" in prints[0].detail
    assert f"approved version {stored.version}" in prints[1].detail
    with pytest.raises(InvalidValue):
        workflow.render_document(store, doc.id, "xml")


def test_every_action_is_in_the_audit_log_with_who_and_when(store, people, stored, clock):
    saved = workflow.save_incident(store, people.comms, stored.incident_id,
                                   _edited(stored, facts="Mise à jour"), stored.version)
    clock.advance(minutes=2)
    _submit_all(store, people, saved)
    docs = workflow.documents(store, stored.incident_id)
    _approve(store, people, docs[0])
    workflow.send_back(store, people.manager, docs[1].id, "Trop long")
    notice = next(d for d in docs if d.kind == "notice")
    workflow.print_document(store, people.reception, notice.id, "txt")
    workflow.export_incident(store, people.comms, stored.incident_id)
    entries = workflow.audit_log(store)
    actions = [e.action for e in entries]
    for action in ("user_add", "create", "import", "edit", "submit", "approve", "send_back",
                   "print", "export"):
        assert action in actions, action
    by_action = {e.action: e for e in entries}
    assert by_action["approve"].actor_name == "Marc Lambert"
    assert by_action["approve"].actor_role == "manager"
    assert by_action["approve"].document_id == docs[0].id
    assert by_action["submit"].at == clock()
    assert [e.id for e in entries] == sorted(e.id for e in entries)


def test_no_code_path_updates_or_deletes_the_audit_log():
    package = Path(workflow.__file__).parent
    sources = [package / "workflow.py", *sorted((package / "storage").glob("*.py"))]
    uses = [line.strip() for path in sources for line in path.read_text().splitlines()
            if "AuditRow" in line]
    allowed = re.compile(r"^(class AuditRow\(Base\)|AuditRow,|session\.add\(AuditRow\(|"
                         r"query = select\(AuditRow\)\.order_by\(AuditRow\.id\)|"
                         r"query = query\.where\(AuditRow\.incident_id == incident_id\)|"
                         r"for row in session\.scalars\(query\)\]|"
                         r"return \[AuditEntry\(row\.id.*)")
    assert uses and all(allowed.match(line) for line in uses), uses


def test_changing_a_logged_line_through_the_store_is_refused(store, people):
    from crisis_desk.store.tables import AuditRow
    from crisis_desk.support.errors import CrisisDeskError

    first = workflow.audit_log(store)[0]
    with pytest.raises(CrisisDeskError), store.writing() as session:
        session.get(AuditRow, first.id).detail = "nothing happened"
    with pytest.raises(CrisisDeskError), store.writing() as session:
        session.delete(session.get(AuditRow, first.id))
    assert workflow.audit_log(store)[0] == first


def test_approve_many_takes_one_pin_and_is_all_or_nothing(store, people, stored):
    submitted = _submit_all(store, people, stored)
    first, second = submitted[:2]
    wrong = {first.id: first.submitted_sha256, second.id: "0" * 64}
    with pytest.raises(ContentChanged):
        workflow.approve_many(store, people.manager, people.pins["manager"], wrong)
    assert {workflow.document(store, d.id).state for d in (first, second)} == {"submitted"}
    reviewed = {d.id: d.submitted_sha256 for d in submitted}
    approved = workflow.approve_many(store, people.manager, people.pins["manager"], reviewed)
    assert [d.id for d in approved] == list(reviewed)
    assert {d.state for d in workflow.documents(store, stored.incident_id)} == {"approved"}
    assert workflow.awaiting_approval(store) == []


def test_refusals_speak_the_interface_language(store, people, stored):
    from crisis_desk import i18n

    _submit_all(store, people, stored)
    doc = _poster(store, stored)
    previous = i18n.interface_language()
    try:
        for code in ("fr", "nl"):
            i18n.set_interface_language(code)
            expected = i18n.gettext(code, "Only a manager can approve a document.")
            assert expected != "Only a manager can approve a document."
            with pytest.raises(NotAllowed) as refused:
                workflow.approve(store, people.comms, people.pins["comms"], doc.id,
                                 doc.submitted_sha256)
            assert str(refused.value) == expected
    finally:
        i18n.set_interface_language(previous)
