"""Catalogs complete, languages as data, dates and numbers by CLDR."""

from datetime import datetime
from zoneinfo import ZoneInfo

from crisis_desk import i18n
from tools.catalogs import DOMAINS, domain_of, extract, problems


def test_every_catalog_is_complete_and_without_fuzzy_entries():
    found = problems()
    assert found == [], "\n".join(found)


def test_every_marked_phrase_is_extracted():
    templates = extract()
    assert "core" in templates
    ids = {m.id for m in templates["core"] if m.id}
    assert "Operating normally" in ids  # N_ in Python
    assert "Information for patients and visitors" in ids  # _ in a Jinja2 template


def test_domains_partition_the_package():
    assert domain_of("gui/main_window.py") == "gui"
    assert domain_of("templates/notice/notice.txt.j2") == "core"
    assert set(DOMAINS) >= {"core", "gui"}


def test_dates_in_belgian_french_and_dutch():
    day = datetime(2022, 5, 14, 9, 5, tzinfo=ZoneInfo("Europe/Brussels"))
    assert i18n.format_date(day, "fr") == "samedi 14 mai 2022"
    assert i18n.format_date(day, "nl") == "zaterdag 14 mei 2022"
    assert i18n.format_date(day, "de") == "Samstag, 14. Mai 2022"
    assert i18n.format_time(day, "fr") == "09:05"


def test_numbers_use_the_language_grouping():
    assert i18n.format_number(5000, "fr") == "5\u202f000"
    assert i18n.format_number(5000, "nl") == "5.000"


def test_document_wording_differs_per_language_and_interface_is_separate():
    assert i18n.gettext("fr", "Suspended") == "Activité suspendue"
    assert i18n.gettext("nl", "Suspended") == "Opgeschort"
    i18n.set_interface_language("nl")
    try:
        assert i18n._("Suspended") == "Opgeschort"
        assert i18n.gettext("fr", "Suspended") == "Activité suspendue"
    finally:
        i18n.set_interface_language("en")
