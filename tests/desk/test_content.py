"""Document keys, their text in each language, and the content hash approvals are bound to."""

from __future__ import annotations

from dataclasses import replace

from crisis_desk.desk import content
from crisis_desk.desk.content import DocumentKey
from crisis_desk.documents import kinds
from tests.conftest import REPO


def _hash(org, incident, key):
    return content.document_hash(org, incident, key)


def test_every_kind_site_and_language_has_a_document(demo):
    org, incident = demo
    keys = content.document_keys(org, incident)
    expected = sum((len(org.sites) if k.per_site else 1)
                   * (len(incident.languages) if k.per_language else 1)
                   for k in kinds().values())
    assert len(keys) == len(set(keys)) == expected
    assert DocumentKey("poster", "tubize", ("fr", "nl")) in keys
    assert DocumentKey("press", "", ("nl",)) in keys
    assert DocumentKey("notice", "", ("fr", "nl")) in keys


def test_texts_are_per_language_and_per_site(demo):
    org, incident = demo
    poster = content.document_texts(org, incident, DocumentKey("poster", "tubize", ("fr", "nl")))
    assert set(poster) == {"fr", "nl"}
    assert org.site("tubize").name["fr"] in poster["fr"]
    assert org.site("nivelles").name["fr"] not in poster["fr"]
    assert "Pharmacie de garde : Nivelles." in poster["fr"]  # the site's own note
    assert org.site("tubize").name["nl"] in poster["nl"]
    press = content.document_texts(org, incident, DocumentKey("press", "", ("nl",)))
    assert list(press) == ["nl"] and incident.facts["nl"] in press["nl"]


def test_the_hash_is_stable_and_follows_every_change(demo):
    org, incident = demo
    key = DocumentKey("notice", "", ("fr", "nl"))
    reference = _hash(org, incident, key)
    assert reference == _hash(org, incident, key)
    changes = [
        (org, replace(incident, facts={**incident.facts, "nl": incident.facts["nl"] + " "})),
        (org, replace(incident, update=incident.update + 1)),
        (org, replace(incident, patient_data_at_risk=not incident.patient_data_at_risk)),
        (replace(org, hotline=replace(org.hotline, phone="+32 2 000 00 00")), incident),
    ]
    hashes = {_hash(o, i, key) for o, i in changes}
    assert reference not in hashes and len(hashes) == len(changes)
    assert _hash(org, incident, DocumentKey("poster", "tubize", ("fr", "nl"))) != reference


def test_the_hash_covers_what_the_reader_gets_and_nothing_else(demo, tmp_path):
    """A poster's hash follows its rendered pages: the facts it does not show leave it,
    an override template that changes its wording does not."""
    org, incident = demo
    key = DocumentKey("poster", "braine", ("fr", "nl"))
    reference = _hash(org, incident, key)
    unseen = replace(incident, facts={**incident.facts, "fr": "Autre chose."})
    assert _hash(org, unseen, key) == reference  # the poster does not carry the facts
    folder = tmp_path / "poster"
    folder.mkdir()
    original = (REPO / "templates" / "poster" / "poster.j2").read_text()
    (folder / "poster.j2").write_text(original.replace(
        "{% block emergency %}{{ _(\"Life-threatening emergency: call 112.\") }}",
        "{% block emergency %}TOUT EST RÉTABLI"))
    overridden = content.document_request(org, incident, key, dirs=(str(tmp_path),))
    assert content.rendered_hash(overridden) != reference
    plain = content.document_request(org, incident, key, dirs=())
    assert content.rendered_hash(plain) == reference  # the cache tells the folders apart


def test_the_number_names_kind_site_and_language(demo):
    org, incident = demo
    assert content.document_number("chsd", 7, 2026, DocumentKey("poster", "braine", ("fr", "nl"))
                                   ) == "CHSD-2026-007-poster-braine"
    assert content.document_number("chsd", 12, 2026, DocumentKey("sms", "", ("nl",))
                                   ) == "CHSD-2026-012-sms-nl"


def test_a_diff_is_readable_and_empty_when_nothing_changed():
    assert content.text_diff("a\nb\n", "a\nb\n", "old", "new") == ""
    diff = content.text_diff("a\nb\n", "a\nc", "old", "new")
    assert "--- old" in diff and "+++ new" in diff and "-b\n" in diff and "+c\n" in diff
