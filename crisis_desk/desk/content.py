"""What a document says, as text: for content hashes, version diffs and reviews.

Every document of an incident (a kind, a site for per-site kinds, and its
languages) has a text rendering per language: the plain-text document where the
kind has one, otherwise a summary of what the document shows (headline, the
status of every service, advice, contacts), written with the same macros; these
texts are what reviews and version diffs show.

The content hash that an approval is bound to covers what the reader gets: the
bytes of every format of the document, rendered without an approval mark, in
every one of its languages. So a change of the incident, the profile, an
override template, a catalog or the program's own output that changes what a
document says changes its hash, and a change that leaves a document as it was
does not. Rendering every document costs a fraction of a second, so hashes are
kept in a small cache keyed by everything the rendering reads.

Another desk's process has rendered each saved version already: its hash is
stored with the fingerprint of the renderer that made it (the program, its
templates, catalogs and fonts, the libraries that write the bytes, and the
organisation's own templates). A desk whose renderer has the same fingerprint
would render exactly those bytes, so it may take the stored hash as its own;
any other renders again.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from jinja2 import Template

from crisis_desk.documents import DocumentKind, kind, kinds, language_sets, owed
from crisis_desk.domain.model import Incident, Organisation
from crisis_desk.files import writing as serialise
from crisis_desk.rendering.context import build_view
from crisis_desk.rendering.environment import environment
from crisis_desk.rendering.request import RenderRequest
from crisis_desk.rendering.template_folders import organisation_template_dirs
from crisis_desk.support import resources

T = TypeVar("T")
HASH_SCHEME = "crisis-desk rendered content v2"
HASH_CACHE_SIZE = 1024
# The libraries whose version can change the bytes of a document (PDF writer, QR codes,
# templates, CLDR dates and numbers).
RENDERING_LIBRARIES = ("Jinja2", "Babel", "reportlab", "rl_accel", "qrcode", "pillow")

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
    keys = []
    for doc_kind in kinds().values():
        if not owed(doc_kind.id, incident):  # e.g. no data notice without data at risk
            continue
        sites = [site.id for site in org.sites] if doc_kind.per_site else [""]
        keys += [DocumentKey(doc_kind.id, site, langs)
                 for site in sites for langs in language_sets(doc_kind, incident)]
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


def rendered_hash(request: RenderRequest) -> str:
    """SHA-256 of what the reader gets: every format of the document, without approval mark.

    The request's ``approval`` is ignored: the mark is the one thing an approval adds.
    """
    request = replace(request, approval=None)
    key = _cache_key(request)
    cached = _HASHES.get(key)
    if cached is not None:
        _HASHES.move_to_end(key)
        return cached
    digest = hashlib.sha256()
    doc_kind = _kind_of(request)
    _feed(digest, "scheme", HASH_SCHEME.encode())
    _feed(digest, "languages", ",".join(request.languages).encode())
    _feed(digest, "site", (request.site or "").encode())
    for fmt in sorted(doc_kind.formats):
        _feed(digest, f"format:{fmt}", doc_kind.render(fmt, request))
    value = _HASHES[key] = digest.hexdigest()
    while len(_HASHES) > HASH_CACHE_SIZE:
        _HASHES.popitem(last=False)
    return value


_HASHES: OrderedDict[tuple[object, ...], str] = OrderedDict()


def document_request(org: Organisation, incident: Incident, key: DocumentKey,
                     history: tuple[Incident, ...] = (),
                     dirs: tuple[str, ...] | None = None) -> KeyedRequest:
    """The draft render request of a document, remembering which kind it is."""
    dirs = template_dirs(org) if dirs is None else dirs
    return KeyedRequest(org, incident, key.languages, key.site or None, None, dirs, history,
                        kind_id=key.kind)


@dataclass(frozen=True)
class KeyedRequest(RenderRequest):
    """A render request that knows the kind of document it renders (for hashing)."""

    kind_id: str = ""


def document_hash(org: Organisation, incident: Incident, key: DocumentKey,
                  history: tuple[Incident, ...] = ()) -> str:
    """The content hash of one document of a version of the incident."""
    return rendered_hash(document_request(org, incident, key, history))


def _kind_of(request: RenderRequest) -> DocumentKind:
    if not isinstance(request, KeyedRequest) or not request.kind_id:
        raise ValueError("a content hash needs the document's kind")
    return kind(request.kind_id)


def _cache_key(request: RenderRequest) -> tuple[object, ...]:
    """Everything a rendering reads that can change while the program runs.

    The model counts by its canonical TOML; the override templates are files, so
    their names and contents count (catalogs and code are loaded once).
    """
    assert isinstance(request, KeyedRequest)
    return (request.kind_id, request.languages, request.site,
            serialise.organisation_to_toml(request.organisation),
            serialise.incident_to_toml(request.incident),
            tuple(serialise.incident_to_toml(earlier) for earlier in request.history),
            request.template_dirs, _folders_fingerprint(request.template_dirs))


def _folders_fingerprint(dirs: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for folder in dirs:
        root = Path(folder)
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            _feed(digest, str(path.relative_to(root)), path.read_bytes())
    return digest.hexdigest()


def vouched(dirs: tuple[str, ...], hashes: Callable[[], T]) -> tuple[T, str | None]:
    """``hashes()``, rendered now, and the renderer fingerprint they were made under.

    None instead of a fingerprint when an override template changed while they were
    rendered: no desk can then be told which templates made them.
    """
    before = renderer_fingerprint(dirs)
    found = hashes()
    return found, before if renderer_fingerprint(dirs) == before else None


def renderer_fingerprint(dirs: tuple[str, ...]) -> str:
    """What, besides the stored model, decides every content hash: the same fingerprint,
    the same bytes. The program's part is read once per process; ``dirs`` each time."""
    digest = hashlib.sha256()
    _feed(digest, "program", _program_fingerprint().encode())
    _feed(digest, "folders", "\n".join(dirs).encode())
    _feed(digest, "templates", _folders_fingerprint(dirs).encode())
    return digest.hexdigest()


@cache
def _program_fingerprint() -> str:
    """The program as it renders: its code, templates, catalogs, fonts, and libraries."""
    from crisis_desk import __version__

    digest = hashlib.sha256()
    _feed(digest, "scheme", HASH_SCHEME.encode())
    _feed(digest, "version", __version__.encode())
    for name in RENDERING_LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        _feed(digest, f"library:{name}", version.encode())
    roots = (resources.PACKAGE_ROOT, resources.templates_dir(), resources.translations_dir())
    for root in dict.fromkeys(roots):
        for path in sorted(p for p in root.rglob("*") if p.is_file()
                           and "__pycache__" not in p.parts and p.suffix != ".pyc"):
            _feed(digest, f"{root.name}/{path.relative_to(root)}", path.read_bytes())
    return digest.hexdigest()


def _feed(digest: hashlib._Hash, label: str, data: bytes) -> None:
    # Length-prefixed, so no two different contents can produce the same byte stream.
    digest.update(f"{label} {len(data)}\n".encode())
    digest.update(data)


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
