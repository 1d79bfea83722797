"""Loading TOML files: the contract examples, and every kind of bad file."""

from datetime import datetime, timedelta

import pytest

from crisis_desk.files import loading
from crisis_desk.files.loading import MAX_FILE_BYTES, load_incident, load_organisation
from crisis_desk.support.errors import InputError


def test_shared_examples_load_unchanged(example_files):
    org = load_organisation(example_files[0])
    incident = load_incident(example_files[1], org.timezone)
    assert org.id == "rha"
    assert [s.id for s in org.sites] == ["arlon", "bastogne", "libramont", "marche"]
    assert org.service("dialysis").sites == ("arlon", "libramont", "marche")
    assert org.hotline.hours["nl"] == "elke dag van 8 tot 20 uur"
    assert incident.update == 3
    assert incident.issued.utcoffset() == timedelta(hours=2)
    assert incident.statuses[6].to == "libramont"
    assert incident.patient_data_at_risk is True


def test_demo_loads(demo):
    org, incident = demo
    assert incident.organisation == org.id
    assert set(incident.languages) == {"fr", "nl"}


def _write(tmp_path, text, name="incident.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """kind = "cyberattack"
started = 2022-05-14T01:30:00+02:00
issued = 2022-05-16T10:00:00+02:00
"""


def test_minimal_incident_gets_defaults(tmp_path):
    incident = load_incident(_write(tmp_path, MINIMAL))
    assert incident.update == 1
    assert incident.languages == ("fr", "nl")
    assert incident.statuses == ()


def test_malformed_toml_names_file_and_line(tmp_path):
    path = _write(tmp_path, MINIMAL + 'update = \n[title]\nfr = "x"\n')
    with pytest.raises(InputError) as caught:
        load_incident(path)
    assert caught.value.line == 4
    assert str(path) in str(caught.value)
    assert "malformed TOML" in str(caught.value)


def test_wrong_type_names_field_and_line(tmp_path):
    path = _write(tmp_path, MINIMAL + 'update = "three"\n')
    with pytest.raises(InputError) as caught:
        load_incident(path)
    assert caught.value.field == "update"
    assert caught.value.line == 4
    assert "whole number" in caught.value.message


def test_wrong_type_inside_array_of_tables(tmp_path):
    text = MINIMAL + '\n[[status]]\nservice = "lab"\nstatus = "closed"\n\n' \
                     '[[status]]\nservice = "phone"\nstatus = 3\n'
    with pytest.raises(InputError) as caught:
        load_incident(_write(tmp_path, text))
    assert caught.value.field == "status[2].status"
    assert caught.value.line == 11


def test_localised_text_must_be_a_table(tmp_path):
    with pytest.raises(InputError) as caught:
        load_incident(_write(tmp_path, MINIMAL + 'facts = "only one language"\n'))
    assert caught.value.field == "facts"
    assert "per language" in caught.value.message


def test_missing_required_field(tmp_path):
    with pytest.raises(InputError) as caught:
        load_incident(_write(tmp_path, 'kind = "cyberattack"\n'))
    assert "'started' is missing" in caught.value.message


def test_date_without_time_is_refused(tmp_path):
    with pytest.raises(InputError) as caught:
        load_incident(_write(tmp_path, MINIMAL.replace("2022-05-16T10:00:00+02:00",
                                                       "2022-05-16")))
    assert caught.value.field == "issued"


def test_time_without_offset_takes_the_organisation_zone(tmp_path):
    incident = load_incident(_write(tmp_path, MINIMAL.replace("+02:00", "")))
    assert incident.issued.utcoffset() == timedelta(hours=2)  # Brussels summer time
    assert incident.issued == datetime.fromisoformat("2022-05-16T10:00:00+02:00")


@pytest.mark.parametrize("content, expected", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x00\x01\x02binary\xff", "binary"),
    (b"kind = \"caf\xe9\"\n", "UTF-8"),
])
def test_unusable_files_get_one_clear_error(tmp_path, content, expected):
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_incident(path)
    assert expected in str(caught.value)


def test_truncated_file(tmp_path, example_files):
    text = example_files[1].read_text(encoding="utf-8")
    path = _write(tmp_path, text[: len(text) // 2])
    with pytest.raises(InputError) as caught:
        load_incident(path)
    assert str(path) in str(caught.value)


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(max(MAX_FILE_BYTES + 1, 50 * 1024 * 1024))  # 50 MB, sparse
    with pytest.raises(InputError) as caught:
        load_organisation(path)
    assert "too large" in str(caught.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        load_incident(tmp_path / "nope.toml")
    with pytest.raises(InputError, match="folder"):
        load_incident(tmp_path)


def test_unknown_time_zone(tmp_path):
    path = _write(tmp_path, 'id = "x"\ntimezone = "Mars/Olympus"\n[name]\nfr = "X"\n',
                  "org.toml")
    with pytest.raises(InputError) as caught:
        load_organisation(path)
    assert caught.value.field == "timezone"
    assert caught.value.line == 2


# -- strict files ---------------------------------------------------------------------------

def _incident_with(tmp_path, example_files, old: str, new: str):
    text = example_files[1].read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "incident.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _organisation_with(tmp_path, example_files, old: str, new: str):
    text = example_files[0].read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "organisation.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_misspelt_key_is_refused_with_the_closest_known_one(tmp_path, example_files):
    path = _incident_with(tmp_path, example_files, "patient_data_at_risk =",
                          "patient_data_at_rsk =")
    with pytest.raises(InputError) as caught:
        load_incident(path)
    error = caught.value
    assert "did you mean 'patient_data_at_risk'" in str(error)
    assert error.field == "patient_data_at_rsk" and error.line == 14
    assert str(path) in str(error)


@pytest.mark.parametrize(("old", "new", "field"), [
    ('service = "dialysis"', 'service = "dialysis"\nstatsu = "closed"', "status[2].statsu"),
    ("next_update =", "nxt_update =", "nxt_update"),
])
def test_unknown_keys_in_tables_and_at_the_top_are_refused(tmp_path, example_files, old, new,
                                                           field):
    path = _incident_with(tmp_path, example_files, old, new)
    with pytest.raises(InputError) as caught:
        load_incident(path)
    assert "unknown key" in str(caught.value)
    assert caught.value.field == field


def test_a_misspelt_status_address_key_is_refused(tmp_path, example_files):
    path = _organisation_with(tmp_path, example_files, "status_url =", "status_ulr =")
    with pytest.raises(InputError, match="did you mean 'status_url'"):
        load_organisation(path)


@pytest.mark.parametrize("bad_id", ["../../../../x", "Arlon", "café", "a/b", "", "-x",
                                    "x" * 41, "a b"])
def test_ids_that_could_leave_the_output_folder_are_refused(tmp_path, example_files, bad_id):
    path = _organisation_with(tmp_path, example_files, 'id = "arlon"', f'id = "{bad_id}"')
    with pytest.raises(InputError, match="is not a valid id") as caught:
        load_organisation(path)
    assert caught.value.field == "site[1].id"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x.org", "https://x.org/a b",
                                 "https://x.org/" + "a" * 300, "status.example.org"])
def test_status_addresses_must_be_web_addresses(tmp_path, example_files, url):
    path = _organisation_with(tmp_path, example_files, 'status_url = "https://status.example.org"',
                              f'status_url = "{url}"')
    with pytest.raises(InputError) as caught:
        load_organisation(path)
    assert caught.value.field == "status_url"


def test_the_status_address_may_be_given_per_language(tmp_path, example_files):
    path = _organisation_with(
        tmp_path, example_files, 'status_url = "https://status.example.org"',
        'status_url = { fr = "https://status.example.org/fr", '
        'nl = "https://status.example.org/nl" }')
    org = load_organisation(path)
    assert org.status_url_for("nl") == "https://status.example.org/nl"
    assert org.status_url_for("fr") == "https://status.example.org/fr"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("started = 2022-05-14T01:30:00+02:00", "started = 0001-05-14T01:30:00+02:00", "year 1"),
    ("issued = 2022-05-16T10:00:00+02:00", "issued = 9999-05-16T10:00:00+02:00", "year 9999"),
    ("update = 3 ", "update = 99999999999999999999 ", None),
    ("update = 3 ", "update = 10001 ", "between 1 and 10000"),
    ('languages = ["fr", "nl"]', 'languages = ["fr", "nl"]\nformat = 3', "format 3"),
])
def test_out_of_range_values_are_one_clear_error(tmp_path, example_files, old, new, message):
    path = _incident_with(tmp_path, example_files, old, new)
    with pytest.raises(InputError) as caught:
        load_incident(path)
    if message:
        assert message in str(caught.value)


def test_files_of_format_2_with_every_new_field_load(tmp_path, example_files):
    org_path = _organisation_with(tmp_path, example_files, 'id = "rha"', '''format = 2
id = "rha"''')
    text = org_path.read_text(encoding="utf-8") + '''
[dpo]
name = "Anne Dupont"
email = "dpo@example.org"

[spokesperson]
name = "Yves Bernard"
role = { fr = "Directeur général", nl = "Algemeen directeur" }

[[partner]]
id = "godinne"
name = { fr = "CHU UCL Namur – Godinne", nl = "UZ UCL Namen – Godinne" }
address = "Avenue Docteur G. Thérasse 1, 5530 Yvoir"
phone = "+32 81 42 21 11"
lat = 50.3
lon = 4.9
'''
    org_path.write_text(text, encoding="utf-8")
    org = load_organisation(org_path)
    assert org.dpo.name == "Anne Dupont" and org.spokesperson.role["nl"] == "Algemeen directeur"
    assert org.partner("godinne").lat == 50.3
    incident_path = _incident_with(
        tmp_path, example_files, 'status = "relocated"\nto = "libramont"',
        'status = "relocated"\nto = "godinne"\nappointments = "maintained"')
    incident = load_incident(incident_path)
    moved = next(e for e in incident.statuses if e.status == "relocated")
    assert (moved.to, moved.appointments) == ("godinne", "maintained")


def test_the_rules_the_profile_editor_shares_with_the_loader():
    assert loading.is_valid_id("site-2") and not loading.is_valid_id("Site 2")
    assert not loading.is_valid_id("-x") and not loading.is_valid_id("a" * 41)
    assert loading.web_address_fault("") is None
    assert loading.web_address_fault("https://status.example.org/nl") is None
    assert loading.web_address_fault("status.example.org") == loading.NOT_A_WEB_ADDRESS
    assert loading.web_address_fault("https://x.org/" + "a" * 200) == loading.TOO_LONG
    assert loading.web_address_fault("https://x.org/a b") == loading.HAS_SPACES
    assert loading.is_coordinate(-90, loading.LATITUDE)
    assert not loading.is_coordinate(90.5, loading.LATITUDE)
    assert loading.is_coordinate(180, loading.LONGITUDE)
    assert not loading.is_coordinate(float("nan"), loading.LONGITUDE)


def test_toml_nested_too_deeply_is_one_clear_error(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text("a = " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="nested too deeply"):
        load_incident(path)


PUBLISHED = '''
[[published]]
sender = "rha@status.example.org"
identifier = "rha-20220514T013000+0200-update-1"
sent = 2022-05-14T08:00:00+02:00
'''


def test_the_cap_messages_already_sent_are_read_strictly(tmp_path, example_files):
    path = tmp_path / "incident.toml"
    path.write_text(example_files[1].read_text(encoding="utf-8") + PUBLISHED, encoding="utf-8")
    [message] = load_incident(path).published
    assert message.identifier == "rha-20220514T013000+0200-update-1"
    assert message.sent.isoformat() == "2022-05-14T08:00:00+02:00"
    for old, new, complaint in (("sender = ", "sendr = ", "sender"),
                                ('update-1"', 'update 1"', "cannot be a CAP identifier"),
                                ("sent = 2022-05-14T08:00:00+02:00", 'sent = "today"', "sent")):
        path.write_text(example_files[1].read_text(encoding="utf-8")
                        + PUBLISHED.replace(old, new), encoding="utf-8")
        with pytest.raises(InputError, match=complaint):
            load_incident(path)


def test_ambulances_must_be_accepted_or_diverted(example_files, tmp_path):
    path = tmp_path / "incident.toml"
    path.write_text(example_files[1].read_text(encoding="utf-8") + (
        '\n[[status]]\nsite = "arlon"\nservice = "emergency"\nstatus = "closed"\n'
        'ambulances = "maybe"\n'), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_incident(path)
    assert "accepted, diverted" in str(caught.value) and "maybe" in str(caught.value)


def test_a_service_may_have_a_poster_priority(tmp_path, example_files):
    path = _organisation_with(tmp_path, example_files, 'id = "visits"',
                              'id = "visits"\npriority = 1')
    org = load_organisation(path)
    assert org.service("visits").priority == 1
    assert org.service("dialysis").priority is None


@pytest.mark.parametrize("value", ["0", "1000", '"high"', "1.5", "true"])
def test_a_poster_priority_is_a_whole_number_from_1(tmp_path, example_files, value):
    path = _organisation_with(tmp_path, example_files, 'id = "visits"',
                              f'id = "visits"\npriority = {value}')
    with pytest.raises(InputError, match="whole number") as caught:
        load_organisation(path)
    assert caught.value.field == "service[10].priority"
