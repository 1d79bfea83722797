"""Loading TOML files: the contract examples, and every kind of bad file."""

from datetime import datetime, timedelta

import pytest

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
