"""``last_change`` grows with every action at any desk, and not with a mere read."""

from __future__ import annotations

from crisis_desk import desk


def test_the_counter_grows_with_each_action_and_not_with_reads(store, people, stored):
    first = desk.last_change(store)
    desk.documents(store, stored.incident_id)
    desk.awaiting_approval(store)
    assert desk.last_change(store) == first
    desk.submit(store, people.comms, stored.incident_id, stored.version)
    assert desk.last_change(store) > first


def test_organisations_lists_each_stored_profile_once(store, people, stored):
    assert [org.id for org in desk.organisations(store)] == [stored.organisation.id]
