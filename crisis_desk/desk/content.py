"""What a document says, as text: for content hashes, version diffs and reviews.

Every document of an incident (a kind, a site for per-site kinds, and its
languages) has a text rendering per language: the plain-text document where the
kind has one, otherwise a summary of what the document shows (headline, the
status of every service, advice, contacts), written with the same macros. The
content hash that an approval is bound to covers the canonical profile and
incident (so any change returns every document to draft) and these texts (so
the fixed wording in every language is part of what was approved).
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Template

from crisis_desk.documents import kind, kinds
from crisis_desk.domain.model import Incident, Organisation
from crisis_desk.rendering.context import build_view
from crisis_desk.rendering.environment import environment
from crisis_desk.rendering.request import RenderRequest
from crisis_desk.rendering.template_folders import organisation_template_dirs

HASH_SCHEME = "crisis-desk content v1"

# For kinds without a text format: what the document shows, through the shared macros.
# A constant of the program, never user text.
SUMMARY_TEMPLATE = """\
{% import "_shared/text.j2" as t with context %}
{{ org.name }}
{{ incident.title }}
{{ t.update_line(incident) }}

{{ incident.facts }}

{% for shown in ([site] if site else sites) %}
{{ t.site_status(shown) }}
{% endfor %}

{{ incident.advice }}

{{ t.hotline_line(org) }}
{{ org.status_url }}
{{ t.next_update_line(incident) }}
"""
_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class DocumentKey:
    """Which document: its kind, its site ("" when it covers every site) and languages."""

    kind: str
    site: str
    languages: tuple[str, ...]

    @property
    def languages_text(self) -> str:
        return ",".join(self.languages)


def document_keys(org: Organisation, incident: Incident) -> list[DocumentKey]:
    """Every document the incident has, whatever formats are available for each kind."""
    languages = tuple(dict.fromkeys(incident.languages))
    keys = []
    for doc_kind in kinds().values():
        sites = [site.id for site in org.sites] if doc_kind.per_site else [""]
        language_sets = [(code,) for code in languages] if doc_kind.per_language \
            else [languages]
        keys += [DocumentKey(doc_kind.id, site, langs)
                 for site in sites for langs in language_sets]
    return keys


def template_dirs(org: Organisation) -> tuple[str, ...]:
    """The organisation's own template folder in the data folder, when it has one.

    A stored profile has no file beside it, so only the data folder counts.
    """
    return organisation_template_dirs(org_id=org.id)


def document_texts(org: Organisation, incident: Incident, key: DocumentKey,
                   dirs: tuple[str, ...] | None = None) -> dict[str, str]:
    """The document's text in each of its languages."""
    from crisis_desk.rendering.text_documents import render_text_parts

    dirs = template_dirs(org) if dirs is None else dirs
    request = RenderRequest(org, incident, key.languages, key.site or None, None, dirs)
    if "txt" in kind(key.kind).formats:
        return dict(zip(key.languages, render_text_parts(key.kind, request), strict=True))
    return {code: _summary(org, incident, key, code, dirs) for code in key.languages}


def _summary(org: Organisation, incident: Incident, key: DocumentKey, code: str,
             dirs: tuple[str, ...]) -> str:
    view = build_view(org, incident, code, key.site or None, key.languages)
    text = _summary_template(code, dirs).render(view.as_context())
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return _BLANK_RUNS.sub("\n\n", text).strip() + "\n"


@lru_cache(maxsize=32)
def _summary_template(code: str, dirs: tuple[str, ...]) -> Template:
    return environment(code, dirs).from_string(SUMMARY_TEMPLATE)


def content_hash(organisation_toml: str, incident_toml: str, key: DocumentKey,
                 texts: dict[str, str]) -> str:
    """SHA-256 of exactly what is approved: the situation data and the text in each language."""
    digest = hashlib.sha256()
    parts = [("scheme", HASH_SCHEME), ("kind", key.kind), ("site", key.site),
             ("languages", key.languages_text), ("organisation", organisation_toml),
             ("incident", incident_toml)]
    parts += [(f"text:{code}", texts[code]) for code in key.languages]
    for label, value in parts:
        data = value.encode("utf-8")
        # Length-prefixed, so no two different contents can produce the same byte stream.
        digest.update(f"{label} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def document_number(org_id: str, incident_id: int, year: int, key: DocumentKey) -> str:
    """The number printed on an approved document, e.g. RHA-2022-003-poster-arlon."""
    parts = [org_id.upper(), str(year), f"{incident_id:03d}", key.kind]
    if key.site:
        parts.append(key.site)
    if kind(key.kind).per_language:
        parts.append(key.languages_text)
    return "-".join(parts)


def text_diff(old: str, new: str, old_label: str, new_label: str) -> str:
    """A unified diff people can read; empty when nothing changed."""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=old_label, tofile=new_label)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
