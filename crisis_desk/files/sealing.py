"""The checksum an export carries, so that an import knows the file is as it was written.

An exported file starts with comment lines, one of which gives the SHA-256 of the
canonical TOML below the header. A file written by hand carries none and is read
as it is; an exported file whose text changed since (a damaged USB stick, an edit
made by mistake) no longer matches, and the import refuses it unless the person
says the change is intended.
"""

from __future__ import annotations

import enum
import hashlib
from pathlib import Path

from crisis_desk.i18n import _
from crisis_desk.support.errors import InputError

SEAL_PREFIX = "# SHA-256 of the text below: "


class Seal(enum.Enum):
    """What a file says about its own integrity."""

    ABSENT = "absent"  # written by hand (or not an export at all)
    INTACT = "intact"
    BROKEN = "broken"


class ChangedSinceExport(InputError):
    """An exported file whose text no longer matches the checksum it carries."""


def sealed(header: str, canonical: str) -> str:
    """``header`` (comment lines), the checksum line, a blank line, then ``canonical``."""
    return f"{header}{SEAL_PREFIX}{_digest(canonical)}\n\n{canonical}"


def seal_of(text: str) -> Seal:
    """Whether ``text`` carries a checksum, and whether its body still matches it."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")  # an editor's harmless habits
    offset = 0
    while text.startswith("#", offset):
        end = text.find("\n", offset)
        line = text[offset:] if end < 0 else text[offset:end]
        if line.startswith(SEAL_PREFIX):
            body = "" if end < 0 else text[end + 1:]
            body = body.removeprefix("\n")
            return Seal.INTACT if _digest(body) == line[len(SEAL_PREFIX):].strip() \
                else Seal.BROKEN
        if end < 0:
            break
        offset = end + 1
    return Seal.ABSENT


def verify_seal(path: Path | str) -> Seal:
    """The seal of the file at ``path``; ``ChangedSinceExport`` when it is broken.

    A file that cannot be read or decoded counts as unsealed: loading it reports why.
    """
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return Seal.ABSENT
    state = seal_of(text)
    if state is Seal.BROKEN:
        raise ChangedSinceExport(_("the file was changed after it was exported: its text no "
                                   "longer matches the checksum it carries"), path=path)
    return state


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
