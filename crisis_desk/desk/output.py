"""What leaves the desk: approval marks, rendering, printing and export.

What prints is decided by ``crisis_desk.desk.standing``, the one answer to
"is it approved": the approved version in force, with its mark, while it still
renders exactly as approved; otherwise the newest version, watermarked. Every
print and export is written to the audit log; an export writes its files first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from crisis_desk.desk import audit, lookups, standing
from crisis_desk.desk.errors import InvalidValue
from crisis_desk.desk.people import ADMINISTRATOR, authorise
from crisis_desk.desk.records import Actor, ExportedIncident, SavedExport
from crisis_desk.desk.states import AuditAction
from crisis_desk.documents import kind, plan
from crisis_desk.documents.cap_messages import published_messages
from crisis_desk.domain.model import Incident, Organisation
from crisis_desk.domain.roles import Role
from crisis_desk.files import writing as serialise
from crisis_desk.i18n import _
from crisis_desk.rendering.request import ApprovalMark, RenderRequest
from crisis_desk.store.database import Store
from crisis_desk.store.errors import StorageError
from crisis_desk.store.tables import DocumentRow
from crisis_desk.support.atomic import write_atomically, write_text_atomically


def approval_mark(store: Store, document_id: int) -> ApprovalMark | None:
    """What the approved version in force prints (number, version, approver); None if none.

    The approved version is rendered and hashed again: if it no longer reads exactly
    as approved, or its approval record fails verification, there is no mark.
    """
    with store.reading() as session:
        row = lookups.document_row(session, document_id)
        return standing.standing(session, row, render=True).mark(row.number)


def render_request(store: Store, document_id: int, current: bool = False) -> RenderRequest:
    """What a renderer needs for a stored document: see ``standing.print_request``.

    By default the approved version in force, with its mark (what reception prints),
    else the newest version as a watermarked draft; ``current`` always renders the
    newest version (what the manager reviews).
    """
    with store.reading() as session:
        return standing.print_request(session, lookups.document_row(session, document_id),
                                      current)


def render_document(store: Store, document_id: int, fmt: str, current: bool = False) -> bytes:
    """The document in a format (pdf, txt, html, xml): approved, or a watermarked draft."""
    with store.reading() as session:
        kind_id = lookups.document_row(session, document_id).kind
    formats = kind(kind_id).formats
    if fmt not in formats:
        raise InvalidValue(_("Documents of kind '%(kind)s' are not made as %(format)s (only "
                             "as %(formats)s).") % {"kind": kind_id, "format": fmt,
                                                    "formats": ", ".join(formats) or "-"})
    return formats[fmt](render_request(store, document_id, current))


def print_document(store: Store, actor: Actor, document_id: int, fmt: str = "pdf") -> bytes:
    """Render a document for printing and note it in the audit log."""
    data = render_document(store, document_id, fmt)
    record_print(store, actor, document_id, fmt)
    return data


def record_print(store: Store, actor: Actor, document_id: int, fmt: str = "pdf") -> None:
    """Note in the audit log that a document was printed (drafts carry their watermark)."""
    with store.writing() as session:
        actor = authorise(session, actor,
                          (Role.COMMS, Role.MANAGER, Role.RECEPTION, ADMINISTRATOR),
                          _("Sign in to print."))
        row = lookups.document_row(session, document_id)
        mark = standing.standing(session, row, render=True).mark(row.number)
        state = f"approved version {mark.version}" if mark else "draft, watermarked"
        audit.record(session, store, actor, AuditAction.PRINT, incident_id=row.incident_id,
                     document_id=row.id, detail=f"{row.number} ({fmt}, {state})")


def export_incident(store: Store, actor: Actor, incident_id: int,
                    version: int | None = None) -> ExportedIncident:
    """The incident and its profile as TOML files that load back to equal objects.

    Only reads: it works from a read-only or full database. Nothing is noted in the
    audit log here; ``save_export`` notes it once the files exist.
    """
    with store.reading() as session:
        actor = authorise(session, actor, (Role.COMMS, Role.MANAGER, ADMINISTRATOR),
                          _("Only a communication officer or a manager can export an incident."))
        row = lookups.incident_row(session, incident_id)
        snapshot = lookups.snapshot(session, row, version or row.latest_version)
        org_toml, incident_toml = lookups.stored_texts(session, snapshot)
        history = lookups.history(session, row, snapshot.version, snapshot.incident.update)
    if history:  # the file then tells a kit made without the database what was sent
        incident_toml = serialise.incident_to_toml(
            _with_published(snapshot.organisation, snapshot.incident, history))
    what = f"incident {incident_id}, version {snapshot.version}"
    org_what = f"organisation {snapshot.organisation.id}"
    return ExportedIncident(serialise.export_text(incident_toml, what),
                            serialise.export_text(org_toml, org_what), snapshot.version,
                            incident_id)


def record_export(store: Store, actor: Actor, exported: ExportedIncident, where: str) -> None:
    """Note in the audit log that an export was written (``where``: the files)."""
    with store.writing() as session:
        actor = authorise(session, actor, (Role.COMMS, Role.MANAGER, ADMINISTRATOR),
                          _("Only a communication officer or a manager can export an incident."))
        audit.record(session, store, actor, AuditAction.EXPORT,
                     incident_id=exported.incident_id,
                     detail=f"version {exported.version} as TOML to {where}")


def save_export(store: Store, actor: Actor, incident_id: int,
                incident_file: Path | Callable[[int], Path],
                organisation_file: Path | None = None) -> SavedExport:
    """Write the export files, each atomically, then note the export in the audit log.

    ``incident_file`` may be a function of the exported version, for names that carry it.

    The order is the point: a failed write leaves no file and no entry (an export is
    never recorded that did not happen), while a database that can no longer be
    written (read-only, disk full) still gives the files; ``unrecorded`` then says why
    the audit log could not note them, for the person to hear.
    """
    exported = export_incident(store, actor, incident_id)
    if callable(incident_file):
        incident_file = incident_file(exported.version)
    files = [(incident_file, exported.incident_toml)]
    if organisation_file is not None:
        files.append((organisation_file, exported.organisation_toml))
    for path, text in files:
        write_text_atomically(path, text)
    written = tuple(path for path, _text in files)
    try:
        record_export(store, actor, exported, " and ".join(str(p) for p in written))
    except StorageError as exc:
        return SavedExport(written, exported.version, str(exc))
    return SavedExport(written, exported.version)


def _with_published(org: Organisation, incident: Incident,
                    history: tuple[Incident, ...]) -> Incident:
    """The incident listing the CAP messages of its stored earlier updates (each once)."""
    known = {m.identifier for m in incident.published}
    stored = [m for m in published_messages(org, history, incident.update)
              if m.identifier not in known]
    return replace(incident, published=(*incident.published, *stored))


def export_kit(store: Store, actor: Actor, incident_id: int, folder: Path | str,
               kind_ids: list[str] | None = None) -> list[Path]:
    """Write every document of every format to ``folder``, as reception would print it.

    Each document is its approved version in force with its mark, else the newest
    version as a watermarked draft.
    """
    folder = Path(folder)
    with store.reading() as session:
        actor = authorise(session, actor, (Role.COMMS, Role.MANAGER, ADMINISTRATOR),
                          _("Only a communication officer or a manager can export documents."))
        incident_row = lookups.incident_row(session, incident_id)
        snapshot = lookups.snapshot(session, incident_row, incident_row.latest_version)
        requests = {(r.kind, r.site, r.languages): standing.print_request(session, r)
                    for r in session.scalars(select(DocumentRow).where(
                        DocumentRow.incident_id == incident_id, DocumentRow.is_current))}
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in plan(snapshot.organisation, snapshot.incident, kind_ids):
        request = requests[(doc.kind, doc.site or "", ",".join(doc.languages))]
        path = folder / doc.filename
        write_atomically(path, kind(doc.kind).render(doc.fmt, request))
        written.append(path)
    with store.writing() as session:
        audit.record(session, store, actor, AuditAction.EXPORT, incident_id=incident_id,
                     detail=f"version {snapshot.version}: {len(written)} documents to {folder}")
    return written
