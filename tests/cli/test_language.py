"""The command line speaks the interface language: --ui-lang, else the locale.

The documents' language (--lang) stays separate: a French interface can make a
Dutch press statement.
"""

import os
import subprocess
import sys

import pytest

from crisis_desk import i18n
from crisis_desk.cli.language import requested_language
from crisis_desk.cli.main import main

# The same broken incident in every language: a status nobody knows (fatal) and a
# missing Dutch advice (not fatal).
BROKEN = (('nl = "Kom niet naar een raadpleging', 'xx = "Kom niet naar een raadpleging'),
          ('status = "limited"', 'status = "half-open"'))

EXPECTED = {
    "fr": ("erreur : patient_advice [nl] : le texte manque dans cette langue",
           "statut inconnu « half-open »", "2 erreurs, "),
    "nl": ("fout: patient_advice [nl]: de tekst ontbreekt in deze taal",
           "onbekende status 'half-open'", "2 fouten, "),
    "en": ("error: patient_advice [nl]: the text is missing in this language",
           "unknown status 'half-open'", "2 errors, "),
}


@pytest.fixture
def broken(example_files, tmp_path):
    org, incident = example_files
    text = incident.read_text(encoding="utf-8")
    for old, new in BROKEN:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return org, path


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """The real command in a fresh process, with only the given locale variables."""
    return subprocess.run([sys.executable, "-m", "crisis_desk", *args], capture_output=True,
                          text=True, timeout=120, env=env)


@pytest.mark.parametrize("code, locale", [("fr", "fr_BE.UTF-8"), ("nl", "nl_BE.UTF-8")])
def test_check_lists_the_problems_in_the_locale_language(broken, code, locale, monkeypatch):
    org, incident = broken
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("LC_", "LANG"))}
    result = run("check", str(incident), "--org", str(org), env={**env, "LANG": locale})
    assert result.returncode == 1, result.stderr
    problem, status, counts = EXPECTED[code]
    assert problem in result.stdout
    assert status in result.stdout
    assert result.stdout.splitlines()[-1].startswith(counts)
    english = EXPECTED["en"]
    assert not any(phrase in result.stdout for phrase in english)


@pytest.mark.parametrize("code", ["fr", "nl", "en"])
def test_ui_lang_wins_over_the_locale(broken, code, capsys, monkeypatch):
    org, incident = broken
    monkeypatch.setenv("LANG", "de_BE.UTF-8" if code != "fr" else "nl_BE.UTF-8")
    assert main(["--ui-lang", code, "check", str(incident), "--org", str(org)]) == 1
    out = capsys.readouterr().out
    assert all(phrase in out for phrase in EXPECTED[code])


def test_loader_errors_speak_the_interface_language(tmp_path, capsys):
    missing = str(tmp_path / "nowhere.toml")
    assert main(["--ui-lang", "fr", "check", missing, "--org", missing]) == 1
    assert capsys.readouterr().err == f"crisis-desk : erreur : {missing} : fichier introuvable\n"
    (tmp_path / "org.toml").write_text('id = "x"\nname = { fr = "X" }\nlanguagse = ["fr"]\n',
                                       encoding="utf-8")
    assert main(["--ui-lang", "nl", "check", missing, "--org", str(tmp_path / "org.toml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("crisis-desk: fout: ") and "onbekende sleutel 'languagse'" in err \
        and "bedoelt u 'languages'?" in err and "veld 'languagse'" in err


def test_argparse_usage_and_errors_are_translated(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--ui-lang", "nl", "render"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("gebruik: crisis-desk render")
    assert "fout: de volgende argumenten zijn verplicht: INCIDENT, --org, --kind, --out" in err
    with pytest.raises(SystemExit):
        main(["--ui-lang", "fr", "kit", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("utilisation : crisis-desk kit")
    assert "afficher ce message d'aide et quitter" in out
    assert "seulement ce type (répétable)" in out
    assert "show this help" not in out and "positional arguments" not in out


def test_the_documents_language_stays_separate(example_files, tmp_path):
    org, incident = example_files
    out = tmp_path / "press.txt"
    assert main(["--ui-lang", "fr", "render", str(incident), "--org", str(org), "--kind",
                 "press", "--lang", "nl", "--format", "txt", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("PERSBERICHT")
    assert i18n.interface_language() == "fr"


@pytest.mark.parametrize("argv, environ, expected", [
    ([], {"LANG": "fr_BE.UTF-8"}, "fr"),
    ([], {"LANG": "de_DE.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, "nl"),
    ([], {"LANG": "nl_BE.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "fr"),
    ([], {"LANGUAGE": "de:nl_BE:fr", "LANG": "en_GB.UTF-8"}, "nl"),
    ([], {"LANGUAGE": "fr", "LANG": "C.UTF-8"}, "en"),  # gettext ignores LANGUAGE under C
    ([], {"LANG": "de_BE.UTF-8"}, "en"),  # no German interface: English
    ([], {}, "en"),
    (["--ui-lang", "nl"], {"LANG": "fr_BE.UTF-8"}, "nl"),
    (["--ui-lang=fr", "check"], {}, "fr"),
    (["--ui-lang", "xx"], {"LANG": "nl_BE"}, "nl"),  # the parser refuses "xx" later
    (["--", "--ui-lang", "fr"], {}, "en"),
])
def test_the_interface_language_is_chosen_like_gettext_does(argv, environ, expected):
    assert requested_language(argv, environ) == expected
