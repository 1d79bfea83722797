"""Catalogs kept compiled in the cache folder: the same translations, never stale ones."""

from __future__ import annotations

import os

import pytest

from crisis_desk import i18n
from crisis_desk.i18n import compiled

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n')


def _po(*entries: str) -> str:
    return HEADER + "\n".join(entries)


def _catalog(folder, name, text, mtime):
    path = folder / f"{name}.po"
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime, mtime))


@pytest.fixture
def catalogs(tmp_path, monkeypatch):
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    _catalog(folder, "core", _po('msgid "Open"\nmsgstr "Ouvert"\n',
                                 'msgid "%(n)d site"\nmsgid_plural "%(n)d sites"\n'
                                 'msgstr[0] "%(n)d site"\nmsgstr[1] "%(n)d sites"\n',
                                 'msgctxt "x"\nmsgid "Closed"\nmsgstr "Fermé"\n'), 10**18)
    _catalog(folder, "gui", _po('msgid "Open"\nmsgstr "Ouvrir"\n'), 10**18)
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    monkeypatch.setenv("CRISIS_DESK_CACHE_DIR", str(tmp_path / "cache"))
    i18n.translations.cache_clear()
    yield folder, tmp_path / "cache" / "catalogs"
    i18n.translations.cache_clear()


def _read_back():
    """What a new process reads: the cache, not this process's memory."""
    i18n.translations.cache_clear()
    documents = i18n.translations("fr")
    interface = i18n.translations("fr", interface=True)
    return documents, interface


def _sayings(translations):
    return (translations.gettext("Open"), translations.ngettext("%(n)d site", "%(n)d sites", 1),
            translations.ngettext("%(n)d site", "%(n)d sites", 2),
            translations.ngettext("%(n)d site", "%(n)d sites", 0),
            translations.pgettext("x", "Closed"), translations.gettext("unknown"))


def test_the_kept_catalog_translates_as_the_compiled_one(catalogs):
    _, kept = catalogs
    fresh = [_sayings(t) for t in _read_back()]
    assert sorted(p.name.split("-")[1] for p in kept.glob("*.marshal")) == [
        "documents", "interface"]
    again = [_sayings(t) for t in _read_back()]
    assert again == fresh
    assert fresh[0] == ("Ouvert", "%(n)d site", "%(n)d sites", "%(n)d site", "Fermé", "unknown")
    assert fresh[1][0] == "Ouvrir"  # each side keeps its own wording


def test_a_changed_catalog_is_never_read_from_the_cache(catalogs):
    folder, kept = catalogs
    _read_back()
    _catalog(folder, "core", _po('msgid "Open"\nmsgstr "Ouvertes"\n'), 10**18 + 1)
    documents, _ = _read_back()
    assert documents.gettext("Open") == "Ouvertes"
    assert len(list(kept.glob("fr-documents-*.marshal"))) == 1  # the stale one went


def test_a_damaged_entry_is_built_again(catalogs):
    _, kept = catalogs
    _read_back()
    for entry in kept.glob("*.marshal"):
        entry.write_bytes(b"\x00\x01damaged")
    documents, interface = _read_back()
    assert (documents.gettext("Open"), interface.gettext("Open")) == ("Ouvert", "Ouvrir")
    for entry in kept.glob("*.marshal"):
        entry.write_bytes(__import__("marshal").dumps({"catalog": "not a dict"}))
    assert _read_back()[0].gettext("Open") == "Ouvert"


def test_a_full_disk_costs_time_not_translations(catalogs, monkeypatch):
    _, kept = catalogs

    def full(self, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(compiled.Path, "write_bytes", full)
    documents, _ = _read_back()
    assert documents.ngettext("%(n)d site", "%(n)d sites", 3) == "%(n)d sites"
    assert not kept.exists() or not list(kept.iterdir())  # no partial entry left


def test_the_shipped_catalogs_read_back_the_same(tmp_path, monkeypatch):
    monkeypatch.setenv("CRISIS_DESK_CACHE_DIR", str(tmp_path / "cache"))
    for code in i18n.LANGUAGES:
        for interface in (False, True):
            i18n.translations.cache_clear()
            fresh = i18n.translations(code, interface)
            i18n.translations.cache_clear()
            kept = i18n.translations(code, interface)
            assert kept is not fresh
            assert kept._catalog == fresh._catalog
            assert [kept.plural(n) for n in range(0, 30)] == [fresh.plural(n)
                                                              for n in range(0, 30)]
    i18n.translations.cache_clear()
