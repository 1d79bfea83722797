"""The project's own copies of the shared contract files stay byte-identical to them.

``examples/`` and ``tests/data/CAP-v1.2.xsd`` let a clone run every test on its own;
where the shared folder sits beside the repository, these tests prove the copies have
not drifted from the contract. Only they skip when that folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"
SCHEMA = REPO / "tests" / "data" / "CAP-v1.2.xsd"


def _shared(folder: str) -> Path:
    """A folder of the shared contract, or skip where it is not beside the repository."""
    path = SHARED / folder
    if not path.is_dir():
        pytest.skip(f"the shared contract files are not beside the repository ({path})")
    return path


def test_the_examples_are_the_shared_ones():
    shared = _shared("examples")
    expected = sorted(p.name for p in shared.glob("*.toml"))
    assert expected, f"no example in {shared}"
    assert sorted(p.name for p in EXAMPLES.glob("*.toml")) == expected
    for name in expected:
        assert (EXAMPLES / name).read_bytes() == (shared / name).read_bytes(), name


def test_the_cap_schema_is_the_shared_one():
    shared = _shared("schemas") / SCHEMA.name
    assert SCHEMA.read_bytes() == shared.read_bytes()


def test_the_copies_are_there_without_the_shared_folder():
    # The rest of the suite relies on these; a missing copy must fail, never skip.
    assert (EXAMPLES / "organisation.toml").is_file()
    assert (EXAMPLES / "incident-cyberattack.toml").is_file()
    assert SCHEMA.is_file()
