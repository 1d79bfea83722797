"""Where an organisation keeps templates of its own, searched before the packaged ones.

The one answer for every caller: the command line (a profile file on disk), the
desk and the preview (a stored profile, known only by its id).
"""

from __future__ import annotations

from pathlib import Path

from crisis_desk.support.paths import organisation_templates_dir


def organisation_template_dirs(org_file: Path | str | None = None,
                               org_id: str | None = None) -> tuple[str, ...]:
    """An organisation's own template folders that exist, the first searched first.

    They live in ``templates/`` beside its profile file, and in the data folder under
    ``organisations/<id>/templates``; both are optional. A stored profile has no file
    beside it, so give only ``org_id`` for it.
    """
    candidates = []
    if org_file is not None:
        candidates.append(Path(org_file).resolve().parent / "templates")
    if org_id:
        candidates.append(organisation_templates_dir(org_id))
    return tuple(str(folder) for folder in candidates if folder.is_dir())
