"""What one render needs: the model, the languages, the site, the approval, the overrides.

Below the document registry, so that the drawing code can take a request
without knowing which kinds exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crisis_desk.domain.model import Incident, Organisation


@dataclass(frozen=True)
class ApprovalMark:
    """What an approved document prints instead of the draft watermark."""

    number: str  # the document's number, e.g. "RHA-2022-003-poster-arlon"
    version: int
    approver: str
    approved_at: datetime
    serial: int = 0  # the approval record's number: each approval its own CAP identifier
    earlier: tuple[EarlierApproval, ...] = ()  # the approvals it supersedes, oldest first


@dataclass(frozen=True)
class EarlierApproval:
    """An earlier approval of the same document, which a new one replaces (CAP references)."""

    serial: int
    update: int
    approved_at: datetime


@dataclass(frozen=True)
class RenderRequest:
    """Everything needed to render one document."""

    organisation: Organisation
    incident: Incident
    languages: tuple[str, ...]
    site: str | None = None
    approval: ApprovalMark | None = None  # None: a draft, watermarked
    template_dirs: tuple[str, ...] = ()  # the organisation's overrides, searched first
    history: tuple[Incident, ...] = ()  # earlier updates of this incident, oldest first

    @property
    def is_draft(self) -> bool:
        return self.approval is None
