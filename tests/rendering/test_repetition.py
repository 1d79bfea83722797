"""The sentences of a user's text that a document says anyway are left out, only those."""

from __future__ import annotations

from crisis_desk.rendering.repetition import said_in, sentences, unrepeated

SCAM = ("Méfiez-vous des appels frauduleux. Nous ne vous demanderons jamais vos données "
        "bancaires, vos mots de passe ni un paiement par téléphone, par e-mail ou par SMS.")


def test_sentences_are_cut_after_their_final_mark():
    assert sentences("Venez. Ne venez pas ! Pourquoi ?\nParce que…  Fin") == [
        "Venez.", "Ne venez pas !", "Pourquoi ?", "Parce que…", "Fin"]


def test_a_sentence_whose_every_word_is_said_below_is_left_out():
    advice = ("Ne venez pas sans rendez-vous. Nous ne vous demanderons jamais vos données "
              "bancaires par téléphone ou par e-mail. Merci de votre patience.")
    assert unrepeated(advice, SCAM) == ("Ne venez pas sans rendez-vous. "
                                        "Merci de votre patience.")


def test_a_sentence_that_adds_a_word_is_kept_whole():
    advice = "Nous ne vous demanderons jamais vos données bancaires ni votre carte Vitale."
    assert unrepeated(advice, SCAM) == advice


def test_nothing_left_out_leaves_the_text_exactly_as_typed():
    advice = "Première ligne.\n\n  Deuxième ligne, avec ses espaces.  "
    assert unrepeated(advice, SCAM) is advice


def test_short_sentences_are_never_taken_for_repeats():
    # Four compared words, each in the warning: still a sentence of its own.
    assert not said_in("Jamais de paiement par téléphone.", [SCAM])
    assert unrepeated("Données bancaires ?", SCAM) == "Données bancaires ?"


def test_every_sentence_repeated_leaves_nothing():
    assert unrepeated("Nous ne demanderons jamais vos données bancaires par SMS.", SCAM) == ""
