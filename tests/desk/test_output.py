"""Printing: every print is logged with the state it printed.

Each test runs on SQLite and on PostgreSQL (see storage_fixtures).
"""

from __future__ import annotations

import pytest

from crisis_desk import desk
from crisis_desk.desk import (
    InvalidValue,
)
from tests.desk.workflow_steps import approve_reviewed, submit_all


def test_printing_is_logged_with_the_state_printed(store, people, stored):
    doc = next(d for d in desk.documents(store, stored.incident_id) if d.kind == "notice")
    draft = desk.print_document(store, people.reception, doc.id, "txt")
    submit_all(store, people, stored)
    approve_reviewed(store, people, desk.document(store, doc.id))
    approved = desk.print_document(store, people.reception, doc.id, "txt")
    assert draft == approved  # plain text carries no watermark; the PDF does
    prints = [e for e in desk.audit_log(store, stored.incident_id) if e.action == "print"]
    assert [e.actor_name for e in prints] == ["Rita Schmit"] * 2
    assert "draft, watermarked" in prints[0].detail
    assert f"approved version {stored.version}" in prints[1].detail
    with pytest.raises(InvalidValue):
        desk.render_document(store, doc.id, "xml")
