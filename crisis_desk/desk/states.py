"""The named values the workflow stores: document states, decisions, audit actions.

Each is a ``StrEnum`` whose values are the strings in the database, so a member
compares equal to what a query reads back and is stored as its value.
"""

from __future__ import annotations

from enum import StrEnum


class DocumentState(StrEnum):
    """Where a document stands: draft -> submitted -> approved (or sent back to draft)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"


class Decision(StrEnum):
    """A manager's decision on a submitted document."""

    APPROVED = "approved"
    SENT_BACK = "sent_back"


class AuditAction(StrEnum):
    """What a line of the audit log records."""

    USER_ADD = "user_add"
    SIGN_IN = "sign_in"
    WRONG_PIN = "wrong_pin"
    LOCK_OUT = "lock_out"
    CREATE = "create"
    IMPORT = "import"
    EDIT = "edit"
    SUBMIT = "submit"
    APPROVE = "approve"
    SEND_BACK = "send_back"
    PRINT = "print"
    EXPORT = "export"
