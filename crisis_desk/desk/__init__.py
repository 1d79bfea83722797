"""The desk's workflow: who may do what with an incident and its documents.

This is the one place the rules live, whatever the interface (desktop app or
command line): a communication officer edits and submits, a manager approves
with their PIN or sends back with a comment, a receptionist prints. Every
function checks the role of the person acting against the database and raises
a ``WorkflowError`` with a translated message when the action is not allowed.

Draft -> submitted -> approved (or sent back to draft). An approval is bound to
the SHA-256 of the document as rendered, in every language (see
``crisis_desk.desk.content``); a later change returns to draft only the
documents whose content it changed, and the last approved version stays
printable until its successor is approved (``standing``). Approvals and the
audit log are hash-chained (``chains``, ``verify_history``). Every saved update
is kept as a version; unsaved typing is kept by ``autosave``; every action is
written to the append-only audit log.

The modules, each with its own queries: ``people`` (accounts, sign-in, PINs),
``audit``, ``profiles``, ``versioning`` (incidents and their versions),
``unsaved`` (autosave), ``tracking`` (document records and their hashes),
``standing`` (what is approved), ``chains`` (sealed hash chains and their check),
``person_records`` (the sealed records of people), ``history`` (``verify``),
``approval``, ``output`` (marks, rendering, printing, export), ``deadlines`` (the legal
clocks of the obligation documents), over
``lookups``, ``records`` (what the functions return), ``errors`` and ``states``.
Callers use this package's names only::

    from crisis_desk import desk

    store = open_store()                         # crisis_desk.store.database
    officer = desk.sign_in(store, "Lea", "482139")
    snapshot = desk.import_incident(store, officer, org, incident)
    snapshot = desk.save_incident(store, officer, snapshot.incident_id, edited,
                                  snapshot.version)
    desk.submit(store, officer, snapshot.incident_id, snapshot.version)
    manager = desk.sign_in(store, "Marc", "903417")
    for doc in desk.awaiting_approval(store):
        desk.approve(store, manager, "903417", doc.id, doc.submitted_sha256)

Importing the package loads SQLAlchemy: the app defers it (``gui.app``) so that
its window shows first.
"""

from __future__ import annotations

from crisis_desk.desk.approval import (
    MAX_COMMENT_LENGTH,
    approve,
    approve_many,
    send_back,
    submit,
)
from crisis_desk.desk.audit import audit_log, last_change
from crisis_desk.desk.deadlines import obligation_clocks
from crisis_desk.desk.errors import (
    AlreadyImported,
    CheckFailed,
    ContentChanged,
    InvalidValue,
    LockedOut,
    NotAllowed,
    NotFound,
    ProfileDiffers,
    SignInFailed,
    WorkflowError,
    WrongState,
)
from crisis_desk.desk.history import verify_history
from crisis_desk.desk.output import (
    approval_mark,
    export_incident,
    export_kit,
    print_document,
    record_export,
    record_print,
    render_document,
    render_request,
    save_export,
)
from crisis_desk.desk.people import (
    ADMINISTRATOR,
    LOCK_OUT,
    MAX_NAME_LENGTH,
    MAX_PIN_LENGTH,
    MAX_WRONG_PINS,
    MIN_PIN_LENGTH,
    ROLE_NAMES,
    add_user,
    administrator,
    change_role,
    deactivate,
    needs_first_manager,
    reactivate,
    reset_pin,
    sign_in,
    users,
)
from crisis_desk.desk.profiles import organisation, organisations, save_organisation
from crisis_desk.desk.records import (
    Actor,
    AuditEntry,
    Autosave,
    DocumentInfo,
    ExportedIncident,
    IncidentSummary,
    SavedExport,
    Snapshot,
    UserInfo,
    VersionInfo,
)
from crisis_desk.desk.states import AuditAction, Decision, DocumentState
from crisis_desk.desk.tracking import (
    awaiting_approval,
    changes_since_approval,
    document,
    document_diff,
    document_texts,
    documents,
)
from crisis_desk.desk.unsaved import autosave, discard_autosave, recover_autosave
from crisis_desk.desk.versioning import (
    create_incident,
    import_incident,
    incident_diff,
    incidents,
    load_incident,
    save_incident,
    versions,
)
from crisis_desk.domain.roles import ROLES, Role
from crisis_desk.store.errors import ConflictError, StorageError

COMMS, MANAGER, RECEPTION = Role.COMMS, Role.MANAGER, Role.RECEPTION

__all__ = [
    "ADMINISTRATOR", "COMMS", "LOCK_OUT", "MANAGER", "MAX_COMMENT_LENGTH", "MAX_NAME_LENGTH",
    "MAX_PIN_LENGTH", "MAX_WRONG_PINS", "MIN_PIN_LENGTH", "RECEPTION", "ROLES", "ROLE_NAMES",
    "Actor", "AlreadyImported", "AuditAction", "AuditEntry", "Autosave", "CheckFailed",
    "ConflictError", "ContentChanged", "Decision", "DocumentInfo", "DocumentState",
    "ExportedIncident", "IncidentSummary", "InvalidValue", "LockedOut", "NotAllowed",
    "NotFound", "ProfileDiffers", "Role", "SavedExport", "SignInFailed", "Snapshot",
    "StorageError", "UserInfo", "VersionInfo", "WorkflowError", "WrongState",
    "add_user", "administrator", "approval_mark", "approve", "approve_many", "audit_log",
    "autosave", "awaiting_approval", "change_role", "changes_since_approval",
    "create_incident", "deactivate", "discard_autosave", "document", "document_diff",
    "document_texts", "documents",
    "export_incident", "export_kit", "import_incident", "incident_diff", "incidents",
    "last_change", "load_incident", "needs_first_manager", "obligation_clocks",
    "organisation", "organisations", "print_document", "record_export",
    "reactivate", "record_print", "recover_autosave", "render_document", "render_request",
    "reset_pin", "save_export",
    "save_incident", "save_organisation", "send_back", "sign_in", "submit", "users",
    "verify_history", "versions",
]
