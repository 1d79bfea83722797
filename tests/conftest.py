"""Shared fixtures: offscreen Qt, a private data folder per test, the example files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.storage_fixtures"]  # the database fixtures, on SQLite and PostgreSQL

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"  # the project's copies of the shared contract files
DEMO = REPO / "crisis_desk" / "demo"


@pytest.fixture(scope="session")
def private_cache_dir(tmp_path_factory) -> Path:
    """One cache folder (compiled templates and catalogs) for the whole test session."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path_factory, monkeypatch, private_cache_dir) -> Path:
    """Every test gets its own data folder, never the user's real one."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("CRISIS_DESK_DATA_DIR", str(folder))
    monkeypatch.setenv("CRISIS_DESK_CACHE_DIR", str(private_cache_dir))
    monkeypatch.delenv("CRISIS_DESK_DB", raising=False)
    return folder


@pytest.fixture(autouse=True)
def english_interface(monkeypatch):
    """Every test starts with the interface in English, whatever the machine's locale.

    Tests that compare messages compare the English msgids; the command line reads the
    locale variables, so they are set here (for subprocesses too), and the in-process
    interface language is put back after each test.
    """
    from crisis_desk import i18n

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_interface_language("en")
    yield
    i18n.set_interface_language("en")


@pytest.fixture(autouse=True)
def quick_pin_hashes(monkeypatch):
    """New PIN hashes at scrypt's former cost (N=2^14) during tests.

    The real cost takes about half a second a hash on purpose; the suite signs in and
    approves thousands of times. The hashing itself is the real one, and the tests of
    the cost and of its upgrade (tests/desk/test_pins.py) put the real cost back.
    """
    from crisis_desk.desk import pins

    monkeypatch.setattr(pins, "COST_N", 2**14)


@pytest.fixture
def examples_dir() -> Path:
    """``examples/``, the project's byte-identical copies of the shared contract files."""
    return EXAMPLES


@pytest.fixture
def example_files(examples_dir) -> tuple[Path, Path]:
    """(organisation, incident) paths of the contract example."""
    return examples_dir / "organisation.toml", examples_dir / "incident-cyberattack.toml"


@pytest.fixture
def demo_files(tmp_path) -> tuple[Path, Path]:
    """(organisation, incident) copies of the demo data, free to edit."""
    org, incident = tmp_path / "organisation.toml", tmp_path / "incident.toml"
    shutil.copyfile(DEMO / "organisation.toml", org)
    shutil.copyfile(DEMO / "incident.toml", incident)
    return org, incident


@pytest.fixture
def example(example_files):
    """The loaded contract example: (Organisation, Incident)."""
    from crisis_desk.files.loading import load_incident, load_organisation

    org = load_organisation(example_files[0])
    return org, load_incident(example_files[1], org.timezone)


@pytest.fixture
def demo(demo_files):
    """The loaded demo: (Organisation, Incident)."""
    from crisis_desk.files.loading import load_incident, load_organisation

    org = load_organisation(demo_files[0])
    return org, load_incident(demo_files[1], org.timezone)


def single_rule(incident):
    """The incident with one appointment rule for everyone: no booked service is cancelled
    or moved. Its SMS fits one segment and its post 280 characters, which the shared
    example (dialysis kept, consultations cancelled, imaging moved) cannot."""
    from dataclasses import replace

    kept = tuple(e for e in incident.statuses
                 if e.status not in ("limited", "suspended", "closed", "relocated"))
    return replace(incident, statuses=kept, appointments=None)


@pytest.fixture
def calm_example(example):
    """The shared example with a single appointment rule (see ``single_rule``)."""
    org, incident = example
    return org, single_rule(incident)


@pytest.fixture
def calm_demo(demo):
    """The demo with a single appointment rule."""
    org, incident = demo
    return org, single_rule(incident)
