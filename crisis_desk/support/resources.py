"""The one place that finds the files the package ships: templates, catalogs, fonts, demo.

In a wheel, the repository's top-level ``templates/`` and ``translations/`` are
package data under ``crisis_desk/`` (``pyproject.toml`` maps them there); in a
source checkout or an editable install they are read where they are, at the top
of the repository, so a translator's edit shows at the next start. Everything
else lives inside the package, beside this module's own folder: the package is
never zipped (a wheel installs as files), so a path is all it takes —
and ``importlib.resources``, with the archive modules it loads, stays out of every
start of the application.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
# The source checkout: crisis_desk/support/resources.py → the repository's root.
SOURCE_ROOT = Path(__file__).resolve().parents[2]


def _package_folder(*parts: str) -> Path:
    """A folder inside the installed package, as a real path (the package is never zipped)."""
    return PACKAGE_ROOT.joinpath(*parts)


@cache
def _top_level(name: str) -> Path:
    """``templates`` or ``translations``: package data in a wheel, else the checkout's own."""
    packaged = _package_folder(name)
    if packaged.is_dir():
        return packaged
    return SOURCE_ROOT / name


def templates_dir() -> Path:
    """The packaged Jinja2 templates, one folder per document kind."""
    return _top_level("templates")


def translations_dir() -> Path:
    """The gettext catalogs: ``<lang>/LC_MESSAGES/<domain>.po``."""
    return _top_level("translations")


def fonts_dir() -> Path:
    """The fonts embedded in every PDF, with their licence."""
    return _package_folder("fonts")


def demo_dir() -> Path:
    """The demo organisation and incident (``crisis-desk demo``, ``--demo``)."""
    return _package_folder("demo")


def migrations_dir() -> Path:
    """Alembic's scripts for the database schema."""
    return _package_folder("store", "migrations")
