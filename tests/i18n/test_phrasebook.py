"""The packaged phrasebook: at least 60 phrases, each complete and spelled right in
French, Dutch, German and English, with placeholders only for model values."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from crisis_desk.i18n import LANGUAGES
from crisis_desk.i18n.phrasebook import (
    PACKAGED_BOOK,
    PLACEHOLDERS,
    fill,
    packaged_texts,
    placeholders_in,
)
from crisis_desk.i18n.typography import NARROW_NBSP
from tools import catalogs

DICTIONARIES = {"fr": "fr_BE", "nl": "nl_BE", "de": "de_DE", "en": "en_GB"}


def test_the_phrasebook_has_at_least_sixty_phrases_in_every_language():
    texts = packaged_texts()
    assert len(texts) >= 60
    incomplete = {pid: sorted(set(LANGUAGES) - set(t)) for pid, t in texts.items()
                  if set(t) != set(LANGUAGES)}
    assert incomplete == {}


def test_the_phrase_catalogs_are_complete():
    assert [p for p in catalogs.problems() if "/phrases.po" in p] == []
    assert catalogs.domain_of("i18n/phrases.py") == "phrases"


def test_every_translation_keeps_the_placeholders_of_the_english_text():
    for phrase_id, texts in packaged_texts().items():
        english = sorted(placeholders_in(texts["en"]))
        assert set(english) <= set(PLACEHOLDERS), phrase_id
        for code, text in texts.items():
            assert sorted(placeholders_in(text)) == english, (phrase_id, code)


def test_a_phrase_reads_as_each_language_sets_it():
    assert PACKAGED_BOOK.text("results-on-paper", "nl") == \
        "De resultaten worden op papier bezorgd, met vertraging."
    french = PACKAGED_BOOK.text("switchboard-intermittent", "fr")
    assert f"intermittence{NARROW_NBSP}: appelez" in french
    assert " :" in PACKAGED_BOOK.text("switchboard-intermittent", "fr", plain=True)
    assert PACKAGED_BOOK.text("no-such-phrase", "fr") is None


def test_placeholders_are_filled_as_data_never_evaluated():
    text = PACKAGED_BOOK.text("exams-at-destination", "fr")
    assert fill(text, {"destination": "{hotline} <b>&"}) == "Les examens ont lieu à {hotline} <b>&."
    assert fill("{unknown}", {"destination": "x"}) == "{unknown}"


def test_search_finds_phrases_by_words_of_any_language_without_accents():
    assert "results-on-paper" in PACKAGED_BOOK.search("resultats papier")
    assert "results-on-paper" in PACKAGED_BOOK.search("vertraging papier")
    assert "no-bank-details" in PACKAGED_BOOK.search("Bankdaten")
    assert PACKAGED_BOOK.search("papier", languages=("en",)) == []
    assert PACKAGED_BOOK.search("   ") == []


def test_an_organisation_phrase_replaces_the_packaged_one_in_every_language():
    own = PACKAGED_BOOK.with_own({"follow-updates": {"fr": "Voir status.example.org."},
                                  "parking-free": {"en": "Parking is free."}})
    assert own.text("follow-updates", "fr") == "Voir status.example.org."
    assert own.text("follow-updates", "nl") is None  # not the packaged Dutch of another text
    assert own.languages("parking-free") == ("en",)
    assert own.ids()[-1] == "parking-free" and own.ids().count("follow-updates") == 1


@pytest.mark.parametrize("code", sorted(DICTIONARIES))
def test_the_phrases_are_hunspell_clean(code):
    program = shutil.which("hunspell")
    if program is None or not (Path("/usr/share/hunspell") / f"{DICTIONARIES[code]}.dic").exists():
        pytest.skip(f"hunspell with {DICTIONARIES[code]} is not installed")
    texts = [fill(t[code], {name: " " for name in PLACEHOLDERS})
             for t in packaged_texts().values()]
    result = subprocess.run([program, "-d", DICTIONARIES[code], "-l"], input="\n".join(texts),
                            capture_output=True, text=True, check=True)
    assert sorted(set(result.stdout.split())) == []
