"""``crisis-desk phrases``: every phrase id with its text per language, tab-separated."""

from __future__ import annotations

from pathlib import Path

from crisis_desk.cli.main import main
from crisis_desk.i18n.phrasebook import packaged_texts

DATA = Path(__file__).resolve().parents[1] / "data"


def test_every_packaged_phrase_one_a_line_in_every_language(capsys):
    assert main(["phrases"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(packaged_texts())
    columns = dict((line.split("\t")[0], line.split("\t")[1:]) for line in lines)
    assert columns["results-on-paper"] == [
        "Les résultats sont transmis sur papier, avec retard.",
        "De resultaten worden op papier bezorgd, met vertraging.",
        "Die Ergebnisse werden mit Verzögerung auf Papier übermittelt.",
        "Results are sent on paper, with a delay."]


def test_chosen_languages_and_the_organisation_phrasebook(capsys):
    assert main(["phrases", "--lang", "nl,fr", "--org",
                 str(DATA / "organisation-four-languages.toml")]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in lines}
    assert rows["parking-free"] == ["Parkeren is gratis voor patiënten zolang de verstoring "
                                    "duurt.", "Le parking est gratuit pour les patients "
                                    "pendant la perturbation."]
    assert rows["follow-updates"][1] == "Suivez nos mises à jour sur status.example.org."
    assert lines[-1].startswith("parking-free\t")  # the organisation's own come last


def test_an_unknown_language_is_a_usage_error(capsys):
    assert main(["phrases", "--lang", "fr,xx"]) == 2
    assert "unknown language xx" in capsys.readouterr().err
