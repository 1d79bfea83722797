"""Sentences and words, as the plain-language check and the easy-read test count them."""

from __future__ import annotations

from crisis_desk.domain.readability import long_sentences, opening, sentences, word_count


def test_sentences_end_at_full_stops_question_and_exclamation_marks():
    text = "Ne venez pas. Nous vous appelons ! Une question ? Appelez le 112.\nSans point"
    assert sentences(text) == ["Ne venez pas.", "Nous vous appelons !", "Une question ?",
                               "Appelez le 112.", "Sans point"]


def test_words_are_what_a_reader_sees_between_spaces():
    assert word_count("Urgences — C'est fermé.") == 3  # the dash is no word
    assert word_count("Appelez le +32 63 55 00 99.") == 7
    assert word_count("") == 0


def test_long_sentences_are_those_over_the_limit():
    long = " ".join(["mot"] * 21) + "."
    short = " ".join(["mot"] * 20) + "."
    assert long_sentences(f"{short} {long} {short}") == [long]
    assert opening(long) == "mot mot mot mot mot mot…"
    assert opening("Deux mots.") == "Deux mots."
