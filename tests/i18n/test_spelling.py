"""The fixed wording of the notice, press release, phone script and incident kinds is
spelled correctly in French, Dutch and German (hunspell, Belgian and German dictionaries)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[2]
SOURCES = ("templates/notice/", "templates/press/", "templates/phone-script/",
           "templates/_shared/", "domain/incident_kinds.py")
DICTIONARIES = {"fr": "fr_BE", "nl": "nl_BE", "de": "de_DE"}
PLACEHOLDER = re.compile(r"%\(\w+\)s")
QUOTES = re.compile(r"[‘’“”„«»]")


def _fixed_wording(code: str) -> list[str]:
    with (REPO / "translations" / code / "LC_MESSAGES" / "core.po").open("rb") as handle:
        catalog = read_po(handle, locale=code)
    texts = []
    for message in catalog:
        if message.id and message.string and any(
                location.startswith(SOURCES) for location, _ in message.locations):
            string = message.string if isinstance(message.string, str) else message.string[0]
            texts.append(QUOTES.sub(" ", PLACEHOLDER.sub(" ", string)))
    return texts


@pytest.mark.parametrize("code", sorted(DICTIONARIES))
def test_fixed_wording_is_hunspell_clean(code):
    program = shutil.which("hunspell")
    dictionary = Path("/usr/share/hunspell") / f"{DICTIONARIES[code]}.dic"
    if program is None or not dictionary.exists():
        pytest.skip(f"hunspell with {DICTIONARIES[code]} is not installed")
    texts = _fixed_wording(code)
    assert len(texts) > 40  # the catalog was read: the documents' wording is there
    result = subprocess.run([program, "-d", DICTIONARIES[code], "-l"], input="\n".join(texts),
                            capture_output=True, text=True, check=True)
    assert sorted(set(result.stdout.split())) == []
