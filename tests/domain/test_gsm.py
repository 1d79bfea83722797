"""Exact SMS and social post lengths: GSM 03.38, its extension table, UCS-2, segments."""

from __future__ import annotations

import pytest

from crisis_desk.domain.gsm import (
    GSM_BASIC,
    GSM_EXTENSION,
    SOCIAL_LIMIT,
    first_non_gsm,
    sms_length,
    social_length,
)


def test_pure_gsm_text_is_one_septet_per_character():
    text = "Hopital d'Arlon: venez avec vos papiers. Info +32 63 55 00 99 (8-20 h)."
    length = sms_length(text)
    assert (length.encoding, length.units, length.segments) == ("GSM-7", len(text), 1)
    assert length.single_limit == 160 and length.first_outside is None


def test_the_whole_basic_alphabet_stays_gsm_7():
    text = "".join(sorted(GSM_BASIC))
    length = sms_length(text)
    assert length.encoding == "GSM-7"
    assert length.units == len(text)


@pytest.mark.parametrize("char", sorted(GSM_EXTENSION))
def test_each_extension_character_counts_two(char):
    length = sms_length("a" + char)
    assert (length.encoding, length.units) == ("GSM-7", 3)


def test_euro_and_brackets_count_double_against_the_limit():
    assert sms_length("€" * 80).fits_one
    over = sms_length("[" + "a" * 158 + "]")
    assert over.units == 162
    assert not over.fits_one and over.segments == 2


@pytest.mark.parametrize("word", ["é", "è", "à", "ü", "ù", "ì", "ò", "É", "Ç", "ä", "ö", "ñ",
                                  "ß", "Ø", "å", "Liège", "Zürich", "déjà"])
def test_accents_of_the_gsm_alphabet_stay_gsm_7(word):
    assert sms_length(word).encoding == "GSM-7"


@pytest.mark.parametrize("char", ["ê", "ç", "ë", "ï", "ô", "û", "œ", "â", "î",
                                  "\u00a0", "\u202f", "’", "–", "…"])
def test_one_character_outside_the_alphabet_forces_ucs_2(char):
    text = "a" * 69 + char
    length = sms_length(text)
    assert (length.encoding, length.units, length.single_limit) == ("UCS-2", 70, 70)
    assert length.first_outside == char
    assert length.fits_one
    assert not sms_length(text + "a").fits_one


def test_one_e_circumflex_turns_a_160_character_text_into_three_sms():
    gsm = sms_length("a" * 160)
    assert gsm.segments == 1
    ucs = sms_length("a" * 159 + "ê")
    assert (ucs.encoding, ucs.units, ucs.segments) == ("UCS-2", 160, 3)


@pytest.mark.parametrize(("units", "segments"), [
    (160, 1), (161, 2), (306, 2), (307, 3), (459, 3), (460, 4),
])
def test_gsm_7_multi_segment_messages_hold_153_septets_each(units, segments):
    assert sms_length("x" * units).segments == segments


@pytest.mark.parametrize(("units", "segments"), [
    (70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4),
])
def test_ucs_2_multi_segment_messages_hold_67_units_each(units, segments):
    assert sms_length("ô" * units).segments == segments


def test_an_escape_pair_is_never_split_across_two_segments():
    # 152 septets, then € (2) would straddle the 153-septet boundary: it moves on.
    text = "a" * 152 + "€" + "a" * 152
    length = sms_length(text)
    assert length.units == 306
    assert length.segments == 3


def test_a_surrogate_pair_is_never_split_across_two_segments():
    text = "ê" + "a" * 65 + "😀" + "a" * 66
    length = sms_length(text)
    assert (length.encoding, length.units) == ("UCS-2", 134)
    assert length.segments == 3


def test_characters_beyond_the_basic_plane_count_two_utf16_units():
    length = sms_length("😀")
    assert (length.encoding, length.units) == ("UCS-2", 2)


def test_the_empty_text_is_one_segment():
    assert sms_length("").segments == 1


def test_first_non_gsm_names_the_first_offender():
    assert first_non_gsm("Hôpital Saint-Jérôme") == "ô"
    assert first_non_gsm("Arlon € [2022]") is None


def test_social_posts_count_characters_as_people_see_them():
    assert SOCIAL_LIMIT == 280
    assert social_length("é" * SOCIAL_LIMIT) == SOCIAL_LIMIT
    assert social_length("Cyberaanval: ziekenhuis België") == 30
    assert social_length("ĳ ł ő ş ß\u202f") == 10
