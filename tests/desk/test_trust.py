"""Approvals that can be trusted: the attacks of issue 13 and what the desk does about them.

Each test runs on SQLite and on PostgreSQL (see storage_fixtures).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import text

from crisis_desk import desk
from crisis_desk.desk import content
from crisis_desk.domain.model import StatusEntry
from crisis_desk.support.paths import organisation_templates_dir
from tests.conftest import REPO
from tests.desk.workflow_steps import approve_reviewed, poster_of, submit_all
from tests.pdf_tools import text as pdf_text


def watermarked(pdf: bytes) -> bool:
    return "PROJET/ONTWERP" in pdf_text(pdf).replace(" ", "")


def approve_everything(store, people, snapshot):
    submit_all(store, people, snapshot)
    for doc in desk.awaiting_approval(store, snapshot.incident_id):
        approve_reviewed(store, people, doc)


def by_kind(store, snapshot, kind):
    return next(d for d in desk.documents(store, snapshot.incident_id) if d.kind == kind)


def raw(store, *statements):
    """What an attacker with the database file or the application's login can run."""
    with store.engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))


def override(org_id, kind, name, replacements):
    """An override template in the organisation's folder: the packaged one, edited."""
    folder = organisation_templates_dir(org_id) / kind
    folder.mkdir(parents=True, exist_ok=True)
    source = (REPO / "templates" / kind / name).read_text()
    for old, new in replacements.items():
        assert old in source, old
        source = source.replace(old, new)
    (folder / name).write_text(source)


# -- the approval covers what the reader gets ----------------------------------------------

def test_override_templates_withdraw_the_approvals_of_what_they_change(store, people, stored):
    approve_everything(store, people, stored)
    poster, page, cap = (by_kind(store, stored, k) for k in ("poster", "status-page", "cap"))
    press = by_kind(store, stored, "press")
    assert all(desk.approval_mark(store, d.id) for d in (poster, page, cap, press))
    org_id = stored.organisation.id
    override(org_id, "poster", "poster.j2",
             {'{{ _("Life-threatening emergency: call 112.") }}': "Appelez le 0900 00 000."})
    override(org_id, "status-page", "page.html.j2", {"<body": "<body data-changed"})
    override(org_id, "cap", "info.xml.j2", {"<severity>{{ severity }}</severity>":
                                            "<severity>Minor</severity>"})
    for doc in (poster, page, cap):
        assert desk.approval_mark(store, doc.id) is None
        info = desk.document(store, doc.id)
        assert info.state == "draft" and not info.printable_approved
        assert "no longer reads as it was approved" in info.approval_problem
    assert desk.approval_mark(store, press.id) is not None  # its templates are unchanged
    changes = desk.changes_since_approval(store, poster.id)  # never "(no change)"
    assert all("does not read the same" in changes[code] for code in ("fr", "nl"))
    xml = desk.render_document(store, cap.id, "xml").decode()
    assert "<status>Draft</status>" in xml and "<severity>Minor</severity>" in xml
    assert watermarked(desk.render_document(store, poster.id, "pdf"))


def test_the_last_approved_version_stays_printable_while_the_next_awaits(
        store, people, stored):
    approve_everything(store, people, stored)
    nivelles, tubize = poster_of(store, stored), poster_of(store, stored, "tubize")
    entry = StatusEntry(site="nivelles", service="consultations", status="closed")
    changed = replace(stored.incident, statuses=(*stored.incident.statuses, entry))
    saved = desk.save_incident(store, people.comms, stored.incident_id, changed,
                               stored.version)
    submitted = {d.id for d in submit_all(store, people, saved)}
    assert nivelles.id in submitted and tubize.id not in submitted  # only what changed
    waiting = desk.document(store, nivelles.id)
    assert waiting.state == "submitted" and waiting.approved_version == stored.version
    printed = desk.render_document(store, nivelles.id, "pdf")
    assert not watermarked(printed) and f"version {stored.version}" in pdf_text(printed)
    reviewed = desk.render_document(store, nivelles.id, "pdf", current=True)
    assert watermarked(reviewed)  # what the manager reviews is the new, unapproved one
    assert desk.document(store, tubize.id).state == "approved"
    approve_reviewed(store, people, waiting)
    assert desk.approval_mark(store, nivelles.id).version == saved.version


# -- records nobody can flip ---------------------------------------------------------------

def test_a_forged_document_row_approves_nothing(store, people, stored):
    poster = poster_of(store, stored)
    raw(store, f"UPDATE documents SET state = 'approved', approved_sha256 = '{poster.sha256}', "
               f"approved_by = 'Marc', approved_version = 1, approved_at = '2026-03-09 08:00:00'"
               f" WHERE id = {poster.id}")
    assert desk.approval_mark(store, poster.id) is None
    assert desk.document(store, poster.id).state == "draft"
    assert watermarked(desk.render_document(store, poster.id, "pdf"))
    assert desk.verify_history(store) == []  # the history itself was not touched


def test_verify_names_a_changed_or_deleted_approval(store, people, stored):
    approve_everything(store, people, stored)
    assert desk.verify_history(store) == []
    poster = poster_of(store, stored)
    first = raw_first_approval(store, poster.id)
    if store.backend == "sqlite":
        raw(store, "DROP TRIGGER approvals_no_update",
            f"UPDATE approvals SET user_name = 'Someone else' WHERE id = {first}")
    else:
        raw(store, "ALTER TABLE approvals DISABLE TRIGGER USER",
            f"UPDATE approvals SET user_name = 'Someone else' WHERE id = {first}")
    problems = desk.verify_history(store)
    assert any(f"approvals is broken at row {first}:" in p for p in problems), problems
    assert any("missing or disabled" in p for p in problems)
    assert desk.approval_mark(store, poster.id) is None
    assert "damaged from record" in desk.document(store, poster.id).approval_problem


def test_verify_names_a_deleted_audit_line(store, people, stored):
    approve_everything(store, people, stored)
    if store.backend == "sqlite":
        raw(store, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE id = 3")
    else:
        raw(store, "ALTER TABLE audit_log DISABLE TRIGGER USER",
            "DELETE FROM audit_log WHERE id = 3")
    problems = desk.verify_history(store)
    assert any("audit_log is broken at row 4: the rows 3 to 3 are missing" in p
               for p in problems), problems


def raw_first_approval(store, document_id):
    with store.engine.connect() as connection:
        return connection.execute(text(
            f"SELECT min(id) FROM approvals WHERE document_id = {document_id}")).scalar_one()


def test_the_chains_link_every_row(store, people, stored):
    approve_everything(store, people, stored)
    with store.engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT id, prev_sha256, row_sha256 FROM audit_log ORDER BY id")).all()
    assert rows[0].prev_sha256 == "0" * 64
    assert all(b.prev_sha256 == a.row_sha256 and b.id == a.id + 1
               for a, b in zip(rows, rows[1:], strict=False))
    assert len({r.row_sha256 for r in rows}) == len(rows)


def test_the_hash_is_the_rendered_document(store, stored):
    poster = poster_of(store, stored)
    key = content.DocumentKey("poster", "nivelles", tuple(stored.incident.languages))
    assert poster.sha256 == content.document_hash(stored.organisation, stored.incident, key)


# -- CAP identity ------------------------------------------------------------------------

def _alert_field(xml: str, name: str) -> str:
    return xml.split(f"<{name}>", 1)[1].split(f"</{name}>", 1)[0]


def test_every_approved_cap_is_its_own_message(store, people, stored, clock):
    cap = by_kind(store, stored, "cap")
    assert "<status>Draft</status>" in desk.render_document(store, cap.id, "xml").decode()
    approve_everything(store, people, stored)
    first = desk.render_document(store, cap.id, "xml").decode()
    assert _alert_field(first, "status") == "Actual"
    assert _alert_field(first, "sent") == "2026-03-09T09:00:00+01:00"  # the approval time
    clock.advance(minutes=20)
    fixed = replace(stored.incident, patient_advice={**stored.incident.patient_advice,
                                                     "fr": "Une coquille corrigée."})
    saved = desk.save_incident(store, people.comms, stored.incident_id, fixed, stored.version)
    draft = desk.render_document(store, cap.id, "xml", current=True).decode()
    assert _alert_field(draft, "status") == "Draft"
    approve_everything(store, people, saved)
    second = desk.render_document(store, cap.id, "xml").decode()
    assert _alert_field(second, "identifier") != _alert_field(first, "identifier")
    assert _alert_field(second, "sent") == "2026-03-09T09:20:00+01:00"
    assert _alert_field(second, "msgType") == "Update"
    sender = _alert_field(first, "sender")
    assert _alert_field(second, "references") == (
        f"{sender},{_alert_field(first, 'identifier')},{_alert_field(first, 'sent')}")
