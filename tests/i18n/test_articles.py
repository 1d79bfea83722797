"""An organisation's name as a sentence's subject takes the article of its head noun."""

from __future__ import annotations

import pytest

from crisis_desk.i18n.articles import article, subject


@pytest.mark.parametrize(("name", "code", "expected"), [
    ("Réseau hospitalier Ardenne-Gaume", "fr", "Le Réseau hospitalier Ardenne-Gaume"),
    ("Hôpital Erasme", "fr", "L'Hôpital Erasme"),
    ("Clinique Saint-Jean", "fr", "La Clinique Saint-Jean"),
    ("CHU de Liège", "fr", "Le CHU de Liège"),
    ("Vivalia", "fr", "Vivalia"),
    ("Le Grand Hôpital de Charleroi", "fr", "Le Grand Hôpital de Charleroi"),
    ("Ziekenhuisnetwerk Ardennen-Gaume", "nl", "Het Ziekenhuisnetwerk Ardennen-Gaume"),
    ("Sint-Jozefkliniek", "nl", "De Sint-Jozefkliniek"),
    ("AZ Delta", "nl", "AZ Delta"),
    ("Krankenhauszentrum Senne-und-Dyle", "de", "Das Krankenhauszentrum Senne-und-Dyle"),
    ("Klinik Sankt Josef", "de", "Die Klinik Sankt Josef"),
    ("Klinikverbund Eifel", "de", "Der Klinikverbund Eifel"),
    ("Epicura", "de", "Epicura"),
    ("Senne-and-Dyle Hospital Centre", "en", "The Senne-and-Dyle Hospital Centre"),
    ("The Royal Hospital", "en", "The Royal Hospital"),
    ("Epicura", "en", "Epicura"),
])
def test_the_name_as_a_sentence_starts_with_it(name, code, expected):
    assert subject(name, code) == expected


def test_no_article_for_a_name_without_letters_or_an_unknown_language():
    assert article("", "fr") == "" and article("123", "nl") == ""
    assert article("Hôpital", "xx") == ""
