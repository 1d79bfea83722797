"""Services grouped for reading: shared lines once, then each site's own; what changed."""

from dataclasses import replace

from crisis_desk.domain.model import StatusEntry
from crisis_desk.rendering.context import build_view
from crisis_desk.rendering.grouping import changes_since, group_services, status_table


def _ids(services):
    return [s.id for s in services]


def test_what_reads_the_same_on_every_site_is_stated_once(example):
    org, incident = example
    grouped = group_services(build_view(org, incident, "fr").sites)
    # Everything but imaging reads the same wherever it exists (Bastogne's goes elsewhere).
    assert set(_ids(grouped.common_affected)) == {"laboratory", "consultations", "surgery",
                                                  "phone"}
    assert "imaging" not in _ids(grouped.common_affected + grouped.common_working)
    severities = [s.status.severity for s in grouped.common_affected]
    assert severities == sorted(severities, reverse=True)  # the worst first


def test_each_site_lists_only_its_differences_and_alike_sites_are_named_together(example):
    org, incident = example
    grouped = group_services(build_view(org, incident, "fr").sites)
    by_names = {part.names: part for part in grouped.sites}
    assert set(by_names) == {("Hôpital d'Arlon", "Hôpital de Libramont", "Hôpital de Marche"),
                             ("Hôpital de Bastogne",)}
    bastogne = by_names[("Hôpital de Bastogne",)]
    assert _ids(bastogne.affected) == ["imaging"] and bastogne.affected[0].moved_to
    assert all(_ids(part.affected) == ["imaging"] for part in grouped.sites)


def test_one_site_keeps_its_whole_list(example):
    org, incident = example
    alone = replace(org, sites=org.sites[:1])
    view = build_view(alone, incident, "fr")
    grouped = group_services(view.sites)
    assert not grouped.has_common
    [part] = grouped.sites
    assert part.affected == view.sites[0].affected and part.working == view.sites[0].working


def test_a_site_that_differs_in_one_note_is_not_merged(example):
    org, incident = example
    own_note = StatusEntry("arlon", "laboratory", "degraded",
                           {"fr": "Prises de sang au rez-de-chaussée.", "nl": "Gelijkvloers."})
    grouped = group_services(build_view(org, replace(
        incident, statuses=(*incident.statuses, own_note)), "fr").sites)
    assert "laboratory" not in _ids(grouped.common_affected)
    arlon = next(part for part in grouped.sites if "Hôpital d'Arlon" in part.names)
    assert arlon.names == ("Hôpital d'Arlon",) and "laboratory" in _ids(arlon.affected)


def test_the_phone_grid_has_a_column_per_site_and_says_each_note_once(example):
    org, incident = example
    view = build_view(org, incident, "fr")
    grid = status_table(view.sites, "Service")
    assert grid.rows[0] == ("Service", "Arlon", "Bastogne", "Libramont", "Marche-en-Famenne")
    imaging = next(row for row in grid.rows if row[0] == "Imagerie médicale")
    assert imaging[2].startswith("➜ ") and "Libramont" in imaging[2]
    notes = {(name, note): places for name, note, places in grid.notes}
    assert notes[("Imagerie médicale", "Les examens d'imagerie ont lieu à Libramont.")] \
        == ("Bastogne",)
    consultations = [places for (name, _), places in notes.items() if name == "Consultations"]
    assert consultations == [()]  # the same on every site: no site named


def test_changes_since_the_previous_update_name_site_service_and_both_statuses(example):
    org, incident = example
    earlier = replace(incident, update=2, statuses=tuple(
        replace(entry, status="closed") if entry.service == "consultations" else entry
        for entry in incident.statuses))
    before = build_view(org, earlier, "fr").sites
    now = build_view(org, incident, "fr").sites
    changes = changes_since(before, now)
    assert {c.service for c in changes} == {"Consultations"}
    assert len(changes) == len(org.sites)
    assert changes[0].before != changes[0].now
    assert changes_since(now, now) == ()
