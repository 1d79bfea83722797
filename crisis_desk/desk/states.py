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
    USER_ROLE = "user_role"
    USER_DEACTIVATE = "user_deactivate"
    USER_REACTIVATE = "user_reactivate"
    USER_PIN_RESET = "user_pin_reset"
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


class PersonChange(StrEnum):
    """What a record of a person records (see ``crisis_desk.desk.person_records``)."""

    ADDED = "added"
    ROLE = "role"
    DEACTIVATED = "deactivated"
    REACTIVATED = "reactivated"
    PIN_RESET = "pin_reset"
    PIN_UPGRADED = "pin_upgraded"  # the same PIN, hashed again at today's cost
    RECORDED = "recorded"  # an account as found when the records began
