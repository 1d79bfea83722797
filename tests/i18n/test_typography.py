"""Each language's typography: French spacing, hours and "1er"; German and Dutch hours."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from crisis_desk import i18n
from crisis_desk.documents import plan, render_planned
from crisis_desk.i18n.typography import NARROW_NBSP, typeset
from crisis_desk.rendering.environment import environment

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.mark.parametrize(("text", "expected"), [
    ("Urgence vitale : appelez le 112.", "Urgence vitale\u202f: appelez le 112."),
    ("Que faire ?", "Que faire\u202f?"),
    ("Info: %(phone)s", "Info\u202f: %(phone)s"),
    ("Attention ! Oui ; non", "Attention\u202f! Oui\u202f; non"),
    ("« Bonjour »", "«\u202fBonjour\u202f»"),
    ("«Bonjour»", "«\u202fBonjour\u202f»"),
    ("Mise à jour 3 : état", "Mise à jour 3\u202f: état"),
    ("Vraiment ?!", "Vraiment\u202f?!"),
])
def test_french_puts_a_narrow_no_break_space_before_high_punctuation(text, expected):
    assert typeset(text, "fr") == expected


@pytest.mark.parametrize("text", [
    "à 10:00", "https://status.example.org/?lang=fr&x=1", "? en tête de ligne",
    ": en tête de ligne", "1:2", "Rendez-vous!important",
])
def test_french_leaves_times_addresses_and_line_starts_alone(text):
    assert typeset(text, "fr") == text


def test_other_languages_keep_their_punctuation():
    for code in ("nl", "de", "en"):
        assert typeset("Vragen? Bel: 112!", code) == "Vragen? Bel: 112!"


@pytest.mark.parametrize(("code", "hour", "minute", "expected"), [
    ("fr", 10, 0, "10\u202fh"), ("fr", 10, 30, "10\u202fh\u202f30"),
    ("fr", 7, 5, "7\u202fh\u202f05"),
    ("de", 7, 15, "7:15\u202fUhr"), ("de", 10, 0, "10:00\u202fUhr"),
    ("nl", 10, 0, "10\u202fuur"), ("nl", 10, 30, "10.30\u202fuur"),
    ("en", 10, 30, "10:30"),
])
def test_hours_in_running_text(code, hour, minute, expected):
    moment = datetime(2022, 5, 16, hour, minute, tzinfo=BRUSSELS)
    assert i18n.document_time(moment, code) == expected


def test_french_writes_the_first_of_the_month_1er():
    assert i18n.document_date(date(2026, 12, 1), "fr") == "mardi 1er décembre 2026"
    assert i18n.document_date(date(2026, 12, 1), "fr", "long") == "1er décembre 2026"
    assert i18n.document_date(date(2026, 12, 11), "fr", "long") == "11 décembre 2026"
    assert i18n.document_date(date(2026, 12, 1), "nl") == "dinsdag 1 december 2026"


def test_templates_get_typeset_fixed_wording_and_dates():
    env = environment("fr")
    moment = datetime(2026, 12, 1, 10, 30, tzinfo=BRUSSELS)
    assert env.from_string("{{ _('Closed') }} {{ when|date('long') }} {{ when|time }}").render(
        when=moment) == "Fermeture temporaire 1er décembre 2026 10\u202fh\u202f30"
    de = environment("de").from_string("{{ _('%(date)s at %(time)s', date=d, time=t) }}")
    assert de.render(d="1. Dezember", t=i18n.document_time(moment, "de")) \
        == "1. Dezember um 10:30\u202fUhr"


def test_user_text_is_never_typeset():
    """Only the catalog's wording changes: values interpolated into it stay as typed."""
    env = environment("fr")
    rendered = env.from_string("{{ _('%(service)s: %(status)s', service=s, status=t) }}").render(
        s="Radiologie :", t="Fermé !")
    assert rendered == "Radiologie :\u202f: Fermé !"


def test_documents_carry_french_spacing_but_the_sms_stays_plain(example):
    org, incident = example
    docs = {doc.kind: render_planned(doc, org, incident).decode()
            for doc in plan(org, incident, ["notice", "sms"], formats=["txt"])}
    french_notice = docs["notice"].split("=" * 72)[0]
    assert NARROW_NBSP in french_notice
    typed = [incident.title["fr"], *(entry.note.get("fr", "") for entry in incident.statuses)]
    for text in filter(None, typed):  # what users typed keeps its own spaces
        french_notice = french_notice.replace(text, "")
    assert " :" not in french_notice and " ?" not in french_notice
    assert NARROW_NBSP not in docs["sms"]

