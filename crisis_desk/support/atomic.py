"""Writing a file so that a crash, a full disk or a power cut never leaves half of it.

The bytes go to a hidden ``.<name>.part`` file beside the target, are flushed to
disk, and only then renamed over the target: readers see the old file or the new
one, never a mixture. A failed write removes its partial file. Cache entries are
put in place the same way, but a failure there is no error (``write_cache_entry``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from crisis_desk.support.errors import OutputError, _


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; on any error nothing is left behind.

    Only a regular file is ever replaced: a link, a device (``/dev/null`` for root), a
    named pipe or a folder at ``path`` is refused with ``OutputError``, as is a
    write that fails (no room, no permission), whose message says why.
    """
    refuse_to_replace(path)
    temporary = path.with_name(f".{path.name}.part")
    with contextlib.suppress(FileNotFoundError):  # a crash's leftover, or a planted link
        temporary.unlink()
    try:
        with open(temporary, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(exc, OSError):
            raise OutputError(_reason(exc), path=path) from None
        raise


def refuse_to_replace(path: Path) -> None:
    """``OutputError`` unless ``path`` is absent or a regular file (never followed)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(_reason(exc), path=path) from None
    if not stat.S_ISREG(mode):
        message = _("is a link; it is never replaced (give a new file name)") \
            if stat.S_ISLNK(mode) else \
            _("is a folder; it is never replaced (give a new file name)") \
            if stat.S_ISDIR(mode) else \
            _("is not a regular file; it is never replaced (give a new file name)")
        raise OutputError(message, path=path)


def _reason(exc: OSError) -> str:
    """What went wrong, in words: "no space left on the disk", "permission denied"."""
    if exc.errno == errno.ENOSPC:
        return _("no space left on the disk; nothing was written")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("cannot be written here (no permission or a read-only disk)")
    return _("cannot be written (%(reason)s)") % {"reason": exc.strerror or exc}


def write_text_atomically(path: Path, text: str) -> None:
    """``write_atomically`` for UTF-8 text."""
    write_atomically(path, text.encode("utf-8"))


def write_cache_entry(entry: Path, data: bytes, older: Iterable[Path] = ()) -> None:
    """Put a cache entry in place whole (a desk starting beside this one reads the old
    entry or the new one), after removing the ``older`` entries it replaces.

    A cache can always be built again: a full or read-only disk leaves no partial file
    and raises nothing, it only costs the next start the time to build it.
    """
    partial = entry.with_name(f".{entry.name}.{os.getpid()}.part")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        for stale in older:
            stale.unlink(missing_ok=True)
        partial.write_bytes(data)
        partial.replace(entry)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
