"""The audit log: every action with who and when, and nothing ever changed.

Each test runs on SQLite and on PostgreSQL (see storage_fixtures).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crisis_desk import desk
from tests.desk.workflow_steps import approve_reviewed, edited_copy, submit_all


def test_every_action_is_in_the_audit_log_with_who_and_when(store, people, stored, clock,
                                                            tmp_path):
    saved = desk.save_incident(store, people.comms, stored.incident_id,
                               edited_copy(stored, facts="Mise à jour"), stored.version)
    clock.advance(minutes=2)
    submit_all(store, people, saved)
    docs = desk.documents(store, stored.incident_id)
    approve_reviewed(store, people, docs[0])
    desk.send_back(store, people.manager, docs[1].id, "Trop long")
    notice = next(d for d in docs if d.kind == "notice")
    desk.print_document(store, people.reception, notice.id, "txt")
    desk.save_export(store, people.comms, stored.incident_id, tmp_path / "incident.toml")
    entries = desk.audit_log(store)
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
    desk_package = Path(desk.__file__).parent
    sources = [*sorted(desk_package.glob("*.py")),
               *sorted((desk_package.parent / "store").glob("*.py"))]
    uses = [line.strip() for path in sources for line in path.read_text().splitlines()
            if "AuditRow" in line]
    allowed = re.compile(r"^(class AuditRow\(Base\)|AuditRow,|session\.add\(AuditRow\(|"
                         r"chains\.append\(session, AuditRow\(|"
                         r"ChainedRow = ApprovalRow \| AuditRow|"
                         r"from crisis_desk\.store\.tables import APPEND_ONLY_TABLES, ApprovalRow, "
                         r"AuditRow$|for table in \(ApprovalRow, AuditRow\):|"
                         r"logged = session\.scalar\(select\(func\.count\(\)\)"
                         r"\.select_from\(AuditRow\)|"
                         r"\.where\(AuditRow\.action\.in_|"
                         r"from crisis_desk\.store\.tables import AuditRow$|"
                         r"query = select\(AuditRow\)\.order_by\(AuditRow\.id\)|"
                         r"query = query\.where\(AuditRow\.incident_id == incident_id\)|"
                         r"for row in session\.scalars\(query\)\]|"
                         r"return session\.scalar\(select\(func\.max\(AuditRow\.id\)\)\) or 0$|"
                         r"return \[AuditEntry\(row\.id.*|"
                         r"lines = session\.execute\(select\(AuditRow\.id, AuditRow\.detail\)|"
                         r"ChainedRow = ApprovalRow \| AuditRow \| UserRecordRow$|"
                         r"CHAINED: .* = \(ApprovalRow, AuditRow, UserRecordRow\)$)")
    assert uses and all(allowed.match(line) for line in uses), uses


def test_changing_a_logged_line_through_the_store_is_refused(store, people):
    from crisis_desk.store.tables import AuditRow
    from crisis_desk.support.errors import CrisisDeskError

    first = desk.audit_log(store)[0]
    with pytest.raises(CrisisDeskError), store.writing() as session:
        session.get(AuditRow, first.id).detail = "nothing happened"
    with pytest.raises(CrisisDeskError), store.writing() as session:
        session.delete(session.get(AuditRow, first.id))
    assert desk.audit_log(store)[0] == first
