"""Two domains may translate one msgid differently: a document takes the document
domains' wording, the interface its own (a label on screen never becomes a heading)."""

from __future__ import annotations

import pytest

from crisis_desk import i18n


def _po(msgid: str, msgstr: str) -> str:
    return ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            f'msgid "{msgid}"\nmsgstr "{msgstr}"\n')


@pytest.fixture
def clashing_catalogs(tmp_path, monkeypatch):
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "core.po").write_text(_po("Root cause", "Cause profonde"), encoding="utf-8")
    (folder / "gui.po").write_text(_po("Root cause", "Cause première (écran)"),
                                   encoding="utf-8")
    (folder / "web.po").write_text(_po("Status", "État"), encoding="utf-8")
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    monkeypatch.setenv("CRISIS_DESK_CACHE_DIR", str(tmp_path / "cache"))
    i18n.translations.cache_clear()
    yield
    i18n.translations.cache_clear()


def test_a_document_takes_the_document_domains_wording(clashing_catalogs):
    assert i18n.gettext("fr", "Root cause") == "Cause profonde"
    assert i18n.gettext("fr", "Status") == "État"


def test_the_interface_takes_its_own_wording(clashing_catalogs):
    i18n.set_interface_language("fr")
    try:
        assert i18n._("Root cause") == "Cause première (écran)"
        assert i18n._("Status") == "État"  # what only a document domain has still counts
    finally:
        i18n.set_interface_language("en")
