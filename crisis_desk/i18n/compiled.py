"""The catalogs compiled once and kept in the cache folder, never trusted when stale.

A language's catalogs are ``.po`` files, one per domain, merged into one set of
translations. Compiling a ``.po`` file is slow (Babel reads it in pure Python) and so
is parsing six ``.mo`` files at every start, so two things are kept:

* each domain's ``.mo``, under a name made of the ``.po`` file's size and
  modification time (``compiled_mo``);
* each language's merged catalog, for documents and for the interface, as plain data
  written with ``marshal`` (nothing in it is executed), under a name made of every
  ``.po`` file's name, size and modification time (``load_merged``, ``store_merged``).

An entry that is missing, stale or damaged is built again; without a cache folder,
or on a full disk, the catalogs are compiled in memory, a few milliseconds more.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import sys
from collections.abc import Callable, Sequence
from gettext import c2py
from pathlib import Path

from babel.support import Translations

from crisis_desk.support.atomic import write_cache_entry

FORMAT = 1  # bump when what a merged entry holds changes


def compiled_mo(po_file: Path, code: str) -> bytes:
    """The ``.mo`` bytes of one catalog, from the cache when the source is unchanged."""
    stat = po_file.stat()
    cached = _entry(f"{code}-{po_file.stem}-{stat.st_size}-{stat.st_mtime_ns}.mo")
    if cached is not None:
        try:
            return cached.read_bytes()
        except OSError:  # not compiled yet, or just replaced by a desk beside this one
            pass
    from babel.messages.mofile import write_mo  # only when compiling: rare
    from babel.messages.pofile import read_po

    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=code, domain=po_file.stem)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    if cached is not None:
        write_cache_entry(cached, buffer.getvalue(),
                          cached.parent.glob(f"{code}-{po_file.stem}-*.mo"))
    return buffer.getvalue()


def _merged_name(code: str, side: str, po_files: Sequence[Path]) -> str:
    """The cache entry's name for the merged catalog of ``po_files`` (in merge order)."""
    stamps = [(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in po_files]
    # marshal's format is the running Python's: another Python keeps its own entry.
    digest = hashlib.sha256(repr((FORMAT, sys.implementation.cache_tag, stamps)).encode()
                            ).hexdigest()[:20]
    return f"{code}-{side}-{digest}.marshal"


def load_merged(code: str, side: str, po_files: Sequence[Path]) -> Translations | None:
    """The merged catalog of ``po_files`` for one ``side`` ("documents" or "interface"),
    if the cache holds it for these very files; None otherwise."""
    entry = _entry(_merged_name(code, side, po_files))
    if entry is None:
        return None
    try:
        state = marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not _well_formed(state):
        return None
    merged = Translations(fp=None, domain=state["domain"])
    # What parsing a .mo file sets (gettext.GNUTranslations._parse), no more.
    merged.__dict__.update(_catalog=state["catalog"], _info=state["info"],
                           _charset=state["charset"], plural=_plural(state["info"]))
    return merged


def store_merged(code: str, side: str, po_files: Sequence[Path], merged: Translations
                 ) -> None:
    """Keep ``merged``, replacing the older entry of this language and side."""
    entry = _entry(_merged_name(code, side, po_files))
    if entry is None:
        return
    state = {"domain": merged.domain, "catalog": merged._catalog, "info": merged._info,
             "charset": getattr(merged, "_charset", None)}
    write_cache_entry(entry, marshal.dumps(state), entry.parent.glob(f"{code}-{side}-*.marshal"))


def _well_formed(state: object) -> bool:
    return (isinstance(state, dict) and isinstance(state.get("catalog"), dict)
            and isinstance(state.get("info"), dict) and isinstance(state.get("domain"), str)
            and isinstance(state.get("charset"), str | None))


def _plural(info: dict[str, str]) -> Callable[[int], int]:
    """The plural rule of the catalog's header, compiled as ``gettext`` compiles it."""
    forms = info.get("plural-forms")
    if not forms:
        return lambda n: int(n != 1)
    return c2py(forms.split(";")[1].split("plural=")[1])


def _entry(name: str) -> Path | None:
    from crisis_desk.support.paths import cache_dir

    folder = cache_dir()
    return folder / "catalogs" / name if folder is not None else None
