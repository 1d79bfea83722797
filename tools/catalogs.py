"""Keeping the gettext catalogs in step with the code and the templates.

Each domain is one ``.po`` per language, extracted from its own part of the
package, so people working on different parts never edit the same catalog.
The mapping follows ``babel.cfg`` (Python files, and Jinja2 templates with the
i18n extension)::

    python tools/catalogs.py update [DOMAIN ...]  # extract, merge into the .po files
    python tools/catalogs.py check                # untranslated or fuzzy entries

A developer's tool: it writes into the repository's ``translations/``, never into
an installed package.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po, write_po

from crisis_desk.i18n import LANGUAGES

REPOSITORY = Path(__file__).resolve().parent.parent
PACKAGE = REPOSITORY / "crisis_desk"
TEMPLATES = REPOSITORY / "templates"
TRANSLATIONS_DIR = REPOSITORY / "translations"

# domain -> file patterns (relative to the package, templates as "templates/..."); first
# match wins.
DOMAINS: dict[str, tuple[str, ...]] = {
    "phrases": ("i18n/phrases.py",),  # the phrasebook: msgctxt is the phrase id
    "gui": ("gui/*.py", "gui/**/*.py"),
    "pdf": ("pdf/*.py", "documents/pdf*.py", "templates/poster*/*", "templates/pdf/*"),
    "web": ("documents/status_page.py", "documents/cap.py", "templates/status-page/*",
            "templates/cap/*", "templates/sms/*", "templates/social/*"),
    "storage": ("store/*.py", "store/**/*.py", "desk/*.py", "desk/**/*.py", "cli/database.py"),
    "core": ("*.py", "*/*.py", "templates/*/*"),
}
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "_n": (1, 2),  # _n: interface plurals
            "P_": ((1, "c"), 2)}
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true",
                 "lstrip_blocks": "true"}


def domain_of(relative: str) -> str | None:
    """The domain a package file's messages belong to."""
    for domain, patterns in DOMAINS.items():
        if any(fnmatch(relative, p) for p in patterns):
            return domain
    return None


def _source_files() -> Iterator[tuple[str, Path]]:
    """(name for the domain patterns, path) of every Python file and template."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if "__pycache__" not in path.parts:
            yield path.relative_to(PACKAGE).as_posix(), path
    for path in sorted(TEMPLATES.rglob("*.j2")):
        yield "templates/" + path.relative_to(TEMPLATES).as_posix(), path


def extract() -> dict[str, Catalog]:
    """A fresh template catalog per domain, from the code and templates as they are."""
    catalogs: dict[str, Catalog] = {}
    for relative, path in _source_files():
        domain = domain_of(relative)
        if domain is None:
            continue
        catalog = catalogs.setdefault(domain, Catalog(project="crisis-desk", domain=domain))
        method = "python" if path.suffix == ".py" else "jinja2.ext:babel_extract"
        options = {} if method == "python" else JINJA_OPTIONS
        for lineno, message, comments, context in extract_from_file(
                method, str(path), keywords=KEYWORDS, options=options):
            catalog.add(message, None, [(relative, lineno)], auto_comments=comments,
                        context=context)
    return catalogs


def update(domains: list[str] | None = None) -> None:
    """Extract the domains (all by default) and merge each into every language's catalog."""
    for domain, template in extract().items():
        if domains and domain not in domains:
            continue
        with (TRANSLATIONS_DIR / f"{domain}.pot").open("wb") as handle:
            write_po(handle, template, width=100, omit_header=False)
        for code in LANGUAGES:
            po_path = TRANSLATIONS_DIR / code / "LC_MESSAGES" / f"{domain}.po"
            po_path.parent.mkdir(parents=True, exist_ok=True)
            if po_path.exists():
                with po_path.open("rb") as handle:
                    catalog = read_po(handle, locale=code, domain=domain)
            else:
                catalog = Catalog(locale=code, domain=domain, project="crisis-desk")
            catalog.update(template, no_fuzzy_matching=True)
            if code == "en":  # English is the source language: msgids are the text
                for message in catalog:
                    if message.id and isinstance(message.id, tuple):
                        if not all(message.string or ()):  # plural: (singular, plural)
                            message.string = message.id
                    elif message.id and not message.string:
                        message.string = message.id
            # A translated catalog is finished work: its header is not "fuzzy" (msgfmt and
            # translation tools would otherwise treat the whole file as a draft).
            catalog.fuzzy = False
            with po_path.open("wb") as handle:
                write_po(handle, catalog, width=100, ignore_obsolete=True,
                         include_previous=False)


def problems() -> list[str]:
    """Every entry that is missing, untranslated or fuzzy, in every language."""
    found = []
    for domain, template in extract().items():
        if not any(message.id for message in template):
            continue
        for code in LANGUAGES:
            po_path = TRANSLATIONS_DIR / code / "LC_MESSAGES" / f"{domain}.po"
            if not po_path.exists():
                found.append(f"{code}/{domain}.po: missing catalog")
                continue
            with po_path.open("rb") as handle:
                catalog = read_po(handle, locale=code, domain=domain)
            if catalog.fuzzy:
                found.append(f"{code}/{domain}.po: the catalog's header is marked fuzzy")
            for message in template:
                if not message.id:
                    continue
                entry = catalog.get(message.id, message.context)
                where = f"{code}/{domain}.po: {message.id!r}"
                if entry is None:
                    found.append(f"{where} is not in the catalog")
                elif entry.fuzzy:
                    found.append(f"{where} is fuzzy")
                elif not entry.string or (isinstance(entry.string, tuple)
                                          and not all(entry.string)):
                    found.append(f"{where} is not translated")
    return found


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if args[:1] == ["update"]:
        unknown = [d for d in args[1:] if d not in DOMAINS]
        if unknown:
            print(f"unknown domain {unknown[0]}; domains: {', '.join(DOMAINS)}")
            return 2
        update(args[1:] or None)
        return 0
    if args == ["check"]:
        issues = problems()
        print("\n".join(issues) or "every catalog is complete")
        return 1 if issues else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
