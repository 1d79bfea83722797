"""Status wording reads correctly after any service name, in every language."""

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from crisis_desk.domain.model import StatusEntry
from crisis_desk.domain.statuses import RELOCATED_TO, STATUSES
from crisis_desk.i18n import LANGUAGES, gettext
from crisis_desk.rendering.context import build_view

# French status labels are noun phrases with their own head noun, so nothing in them
# agrees with the service ("Imagerie médicale : Activité suspendue", never "Suspendu").
FRENCH_HEADS = {"Fonctionnement": "m", "Activité": "f", "Cas": "mp", "Fermeture": "f"}
# Words that would have to agree with a service name if a label started with them.
FRENCH_BARE_PARTICIPLES = ("Fonctionne", "Suspendu", "Fermé", "Déplacé", "Reporté", "Ouvert",
                           "Limité", "Transféré")
HUNSPELL = {"fr": "fr_BE", "nl": "nl_NL", "de": "de_DE", "en": "en_GB"}


def _every_status(org, incident):
    """The incident with every status on every catalogue service, at every site."""
    statuses = list(STATUSES)
    other_site = {site.id: next(s.id for s in org.sites if s.id != site.id) for site in org.sites}
    entries = []
    for number, service in enumerate(org.services):
        for site in org.sites:
            status = statuses[(number + len(entries)) % len(statuses)]
            entries.append(StatusEntry(site.id, service.id, status,
                                       to=other_site[site.id] if status == "relocated" else None))
    return replace(incident, statuses=entries)


@pytest.fixture(params=["example", "demo"])
def profile(request):
    return request.getfixturevalue(request.param)


def test_french_labels_are_noun_phrases_that_agree_with_no_service(profile):
    org, incident = profile
    view = build_view(org, _every_status(org, incident), "fr")
    shown = [(service.name, service.status) for site in view.sites for service in site.services]
    assert {status.id for _, status in shown} == set(STATUSES)
    for name, status in shown:
        head = status.label.split()[0]
        assert head in FRENCH_HEADS, f"{name} : {status.label}"
        assert head not in FRENCH_BARE_PARTICIPLES, f"{name} : {status.label}"
        if FRENCH_HEADS[head] == "f":  # "Activité suspendue", "Activité transférée"
            participle = status.label.split()[1].strip("–")
            assert not participle.endswith(("é", "u", "és", "us")), status.label


def test_a_status_reads_the_same_after_every_service(profile):
    org, incident = profile
    for code in org.languages:
        view = build_view(org, _every_status(org, incident), code)
        labels: dict[tuple[str, str], set[str]] = {}
        for site in view.sites:
            for service in site.services:
                labels.setdefault((service.status.id, service.moved_to), set()).add(
                    service.status.label)
        assert all(len(found) == 1 for found in labels.values()), labels


def test_no_stray_comma_in_the_delay_status():
    for code in LANGUAGES:
        assert "," not in gettext(code, STATUSES["degraded"].label)
        assert gettext("fr", STATUSES["degraded"].label) == "Fonctionnement ralenti"


def test_the_limited_status_is_defined_as_the_documents_apply_it():
    """Limited cancels appointments by default: the legend must not invite them in."""
    for code in LANGUAGES:
        description = gettext(code, STATUSES["limited"].description)
        assert "appointment" not in description and "rendez-vous" not in description
        assert "afspraak" not in description and "Termin" not in description


@pytest.mark.skipif(shutil.which("hunspell") is None, reason="hunspell is not installed")
@pytest.mark.parametrize("code", ["fr", "nl", "de"])
def test_status_wording_is_spelled_correctly(code):
    if not Path(f"/usr/share/hunspell/{HUNSPELL[code]}.dic").exists():
        pytest.skip(f"no hunspell dictionary {HUNSPELL[code]}")
    words = []
    for status in STATUSES.values():
        words += gettext(code, status.label).split() + gettext(code, status.description).split()
    words += (gettext(code, RELOCATED_TO) % {"site": ""}).split()
    text = "\n".join(w.strip(".;:–'’") for w in words if w.strip(".;:–'’"))
    result = subprocess.run(["hunspell", "-d", HUNSPELL[code], "-l"], input=text,
                            capture_output=True, text=True, check=True)
    assert result.stdout.split() == []
