"""Where a document stands, without rendering again what a desk like this one rendered.

The desk that saves a version hashes every document and stores each hash with its
renderer's fingerprint; another desk with the same fingerprint takes the hash as it
is (the manager's list reads in a fraction of a second, however many posters), one
with another renders again, and what is printed with an approval mark always rests
on this desk's own rendering. Each test runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import pytest

from crisis_desk import desk
from crisis_desk.desk import content
from tests.desk.test_trust import override, raw, watermarked
from tests.desk.workflow_steps import approve_reviewed, poster_of, submit_all


@pytest.fixture
def renders(monkeypatch) -> list[str]:
    """The kinds this process renders to hash, from now on, as a fresh process would."""
    seen: list[str] = []
    real = content.rendered_hash

    def counted(request):
        seen.append(request.kind_id)
        return real(request)

    monkeypatch.setattr(content, "_HASHES", type(content._HASHES)())
    monkeypatch.setattr(content, "rendered_hash", counted)
    return seen


def test_a_desk_takes_the_hashes_a_desk_like_it_stored(store, people, stored, renders):
    submitted = submit_all(store, people, stored)
    renders.clear()
    waiting = desk.awaiting_approval(store, stored.incident_id)
    assert {d.id for d in waiting} == {d.id for d in submitted}
    assert all(d.state == "submitted" and d.sha256 == d.submitted_sha256 for d in waiting)
    assert renders == []


def test_a_hash_stored_by_another_renderer_is_rendered_again(store, people, stored,
                                                             renders):
    submit_all(store, people, stored)
    poster = poster_of(store, stored)
    # another program version saved it, or someone wrote a hash of their own
    raw(store, f"UPDATE documents SET sha256 = '{'0' * 64}', sha256_renderer = 'other' "
               f"WHERE id = {poster.id}")
    renders.clear()
    again = desk.document(store, poster.id)
    assert renders == ["poster"]
    assert again.sha256 == poster.submitted_sha256 and again.state == "submitted"


def test_an_approval_mark_rests_on_this_desk_s_rendering(store, people, stored):
    submit_all(store, people, stored)
    poster = poster_of(store, stored)
    approve_reviewed(store, people, poster)
    org = stored.organisation
    override(org.id, "poster", "poster.j2",
             {'{{ _("Life-threatening emergency: call 112.") }}': "Appelez le 0900 00 000."})
    # the stored hash claimed by a renderer with the new template: the list may believe it,
    # the print desk does not
    fingerprint = content.renderer_fingerprint(content.template_dirs(org))
    raw(store, f"UPDATE documents SET sha256_renderer = '{fingerprint}' "
               f"WHERE id = {poster.id}")
    assert desk.approval_mark(store, poster.id) is None
    assert watermarked(desk.render_document(store, poster.id, "pdf"))


def test_the_fingerprint_follows_the_organisation_s_templates(stored):
    org = stored.organisation
    before = content.renderer_fingerprint(content.template_dirs(org))
    assert before == content.renderer_fingerprint(content.template_dirs(org))
    override(org.id, "sms", "sms.txt.j2", {"{{ ns.text }}": "{{ ns.text }} "})
    assert content.renderer_fingerprint(content.template_dirs(org)) != before
