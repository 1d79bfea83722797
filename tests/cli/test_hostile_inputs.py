"""Random bytes, random TOML and odd paths through every command that reads or writes files.

Whatever it is given, ``check``, ``render``, ``kit``, ``import`` and ``export`` end
with exit 0, 1 or 2 and at most a message (never a traceback), and write nothing
outside ``--out`` (and the database they were pointed at). The command line's
``main()`` runs in this process, a few dozen examples per command, so the test
stays quick enough to run on every change.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import sys
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisis_desk.cli import main as cli
from crisis_desk.documents import kind_ids
from tests.conftest import DEMO

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
FEWER = settings(SETTINGS, max_examples=20)  # the commands that render or store for real
DEMO_ORG = tomllib.loads((DEMO / "organisation.toml").read_text(encoding="utf-8"))
DEMO_INCIDENT = tomllib.loads((DEMO / "incident.toml").read_text(encoding="utf-8"))
SITES = ["nivelles", "tubize", "braine", "*", "", "../x", "NIVELLES"]
KINDS = kind_ids()
# In memory where the system has it: every write is flushed to disk (fsync), which on a
# shared disk costs far more than the commands themselves.
MEMORY = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
HOSTILE_TEXT = ["{{ 7*7 }}", "<b>&amp;", "\u202e", "\u200b", "🚑", "مرحبا", "%s", "\\", "\n",
                "a" * 300]


# -- what the files hold ------------------------------------------------------------------

def _toml_values() -> st.SearchStrategy[object]:
    scalars = st.one_of(
        st.sampled_from(HOSTILE_TEXT), st.text(max_size=30), st.booleans(),
        st.integers(min_value=-2**63, max_value=2**63 - 1), st.floats(allow_nan=False),
        st.sampled_from([0, -1, 99, 10**18, 2**63 - 1]),
        st.datetimes(timezones=st.none()), st.dates())
    return st.recursive(scalars, lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["fr", "nl", "de", "en", "id", "name", "xx"]), inner,
                        max_size=3)), max_leaves=8)


@st.composite
def _mutated(draw, data: dict) -> dict:
    """``data`` with a few values, anywhere in it, replaced by random ones (or removed)."""
    copy = tomllib.loads(tomli_w.dumps(data))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        table, key = _somewhere(draw, copy)
        if draw(st.booleans()) and key in table:
            del table[key]
        else:
            table[key] = draw(_toml_values())
    return copy


def _somewhere(draw, table: dict) -> tuple[dict, str]:
    """A (table, key) pair reached by walking down from ``table`` at random."""
    while True:
        keys = sorted(table) + ["unknown_key"]
        key = draw(st.sampled_from(keys))
        value = table.get(key)
        if isinstance(value, list) and value and isinstance(value[0], dict) \
                and draw(st.booleans()):
            table = value[draw(st.integers(min_value=0, max_value=len(value) - 1))]
        elif isinstance(value, dict) and draw(st.booleans()):
            table = value
        else:
            return table, key


def _file_contents(data: dict) -> st.SearchStrategy[bytes]:
    """A file as a person (or a broken USB stick) might give it."""
    return st.one_of(
        st.binary(max_size=400),
        st.text(max_size=200).map(lambda t: t.encode("utf-8")),
        _mutated(data).map(lambda d: tomli_w.dumps(d).encode("utf-8")),
        _mutated(data).map(lambda d: tomli_w.dumps(d).encode("utf-8")),
        st.just(tomli_w.dumps(data).encode("utf-8")),
        st.just(("[a]\n" * 3 + "x = " + "[" * 600).encode("utf-8")),
    )


@st.composite
def _retexted(draw, data: dict) -> dict:
    """``data`` with its free texts replaced by hostile ones: it loads, and renders."""
    copy = tomllib.loads(tomli_w.dumps(data))
    for key in draw(st.lists(st.sampled_from(["title", "facts", "patient_advice", "unknowns"]),
                             min_size=1, max_size=3, unique=True)):
        text = draw(st.sampled_from(HOSTILE_TEXT) | st.text(min_size=1, max_size=40))
        copy[key] = {"fr": text, "nl": text}
    return copy


def _inputs() -> st.SearchStrategy[tuple[bytes, bytes]]:
    """(organisation, incident): one of them broken, both, or neither but hostile texts."""
    org, incident = (tomli_w.dumps(d).encode("utf-8") for d in (DEMO_ORG, DEMO_INCIDENT))
    return st.one_of(
        st.tuples(st.just(org), _file_contents(DEMO_INCIDENT)),
        st.tuples(_file_contents(DEMO_ORG), st.just(incident)),
        st.tuples(st.just(org), _retexted(DEMO_INCIDENT).map(
            lambda d: tomli_w.dumps(d).encode("utf-8"))),
        st.tuples(_file_contents(DEMO_ORG), _file_contents(DEMO_INCIDENT)),
    )


# -- where the output goes ----------------------------------------------------------------

OUT_NAMES = ["out", "out/", "out/x.pdf", "kit/nested/deeper", ".", "..", "org.toml",
             "org.toml/x.pdf", "link", "fifo", "a folder/with space", "x" * 300, "-", "",
             "dir-link/x.txt", "../escape/out", "n\u00e9e\nline"]


@dataclass
class Sandbox:
    """A private folder: the input files, a link, a FIFO, a folder, the database."""

    root: Path
    work: Path

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.work / 'desk.sqlite3'}"


@contextlib.contextmanager
def _sandbox(org: bytes, incident: bytes, database: Path | None = None) -> Iterator[Sandbox]:
    with tempfile.TemporaryDirectory(dir=MEMORY) as folder:
        root = Path(folder)
        work = root / "work"
        work.mkdir()
        (work / "org.toml").write_bytes(org)
        (work / "incident.toml").write_bytes(incident)
        (root / "outside.txt").write_text("keep", encoding="utf-8")
        (work / "link").symlink_to(root / "outside.txt")
        (root / "elsewhere").mkdir()
        (work / "dir-link").symlink_to(root / "elsewhere", target_is_directory=True)
        os.mkfifo(work / "fifo")
        if database is not None:
            for part in database.parent.glob(database.name + "*"):
                shutil.copyfile(part, work / part.name.replace(database.stem, "desk"))
        previous = Path.cwd()
        os.chdir(work)
        try:
            yield Sandbox(root, work)
        finally:
            os.chdir(previous)


def _snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every path under ``root`` with its type, size and modification time (never followed)."""
    seen = {}
    for path in [root, *root.rglob("*")]:
        info = os.lstat(path)
        seen[str(path)] = (stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns)
    return seen


def _run(argv: list[str], box: Sandbox, allowed: list[str]) -> tuple[int, str]:
    """``main(argv)`` in the sandbox; (exit code, what it printed on stderr).

    Fails on a traceback, an exit code other than 0, 1 or 2, or a change outside
    ``allowed`` (the --out paths, relative to the sandbox's working folder) and the
    database.
    """
    before = _snapshot(box.root)
    out, err = io.TextIOWrapper(io.BytesIO(), "utf-8"), io.TextIOWrapper(io.BytesIO(), "utf-8")
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), out, err
    try:
        code = cli.main(argv)
    except SystemExit as exit_:  # argparse's own usage errors
        code = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    err.flush()
    message = err.buffer.getvalue().decode("utf-8", "replace")  # type: ignore[attr-defined]
    assert code in (0, 1, 2), (argv, code, message)
    assert "Traceback" not in message, message
    _assert_nothing_written_outside(box, before, allowed)
    assert (box.root / "outside.txt").read_text(encoding="utf-8") == "keep"
    return code, message


def _assert_nothing_written_outside(box: Sandbox, before: dict, allowed: list[str]) -> None:
    after = _snapshot(box.root)
    # "-" is standard output for render and export, a folder of that name for kit. A
    # folder on the way may be a link (to a USB stick, say): --out is where it leads.
    roots = [os.path.realpath(box.work / name) for name in allowed if name]
    roots.append(str(box.work / "desk.sqlite3"))

    def permitted(path: str) -> bool:
        if path not in before and any(r.startswith(path + "/") for r in roots):
            return True  # a folder on the way to --out, created with it
        return any(path == r or path.startswith(r.rstrip("/") + "/") or path.startswith(r + "-")
                   for r in roots)

    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    # A folder's mtime changes when --out creates something in it; only files matter there.
    changed = {p for p in changed
               if not (p in before and p in after and stat.S_ISDIR(after[p][0]))}
    assert {p for p in changed if not permitted(p)} == set()


# -- the commands -------------------------------------------------------------------------

@SETTINGS
@given(files=_inputs())
def test_check_takes_anything(files):
    org, incident = files
    with _sandbox(org, incident) as box:
        _run(["check", "incident.toml", "--org", "org.toml"], box, [])


@SETTINGS
@given(files=_inputs(), kind=st.sampled_from(KINDS), site=st.none() | st.sampled_from(SITES),
       lang=st.none() | st.sampled_from(["fr", "nl", "fr,nl", "de", "xx", ",", ""]),
       fmt=st.none() | st.sampled_from(["pdf", "txt", "html", "xml"]),
       out=st.sampled_from(OUT_NAMES))
def test_render_takes_anything(files, kind, site, lang, fmt, out):
    org, incident = files
    argv = ["render", "incident.toml", "--org", "org.toml", "--kind", kind, "--out", out]
    argv += ["--site", site] if site is not None else []
    argv += ["--lang", lang] if lang is not None else []
    argv += ["--format", fmt] if fmt is not None else []
    with _sandbox(org, incident) as box:
        _run(argv, box, [out])


@FEWER
@given(files=_inputs(),
       kinds=st.lists(st.sampled_from(["sms", "social", "cap", "status-page", "poster"]),
                      min_size=1, max_size=2),
       out=st.sampled_from(OUT_NAMES))
def test_kit_takes_anything(files, kinds, out):
    org, incident = files
    argv = ["kit", "incident.toml", "--org", "org.toml", "--out", out]
    for kind in kinds:
        argv += ["--kind", kind]
    with _sandbox(org, incident) as box:
        _run(argv, box, [out])


@FEWER
@given(files=_inputs(), flags=st.lists(st.sampled_from(["--update-profile",
                                                        "--accept-changes"]), unique=True))
def test_import_takes_anything(stored_demo, files, flags):
    """Into a database that already holds the demo: the same files are a repeat, changed
    ones a new incident or a profile that differs."""
    org, incident = files
    with _sandbox(org, incident, stored_demo) as box:
        _run(["--db", box.database_url, "import", "incident.toml", "--org", "org.toml",
              *flags], box, [])


@pytest.fixture(scope="module")
def stored_demo(tmp_path_factory) -> Path:
    """A database file holding the demo incident as incident 1 (copied for each example)."""
    from crisis_desk import desk
    from crisis_desk.files.loading import load_incident, load_organisation
    from crisis_desk.store.database import open_store

    path = tmp_path_factory.mktemp("stored") / "stored.sqlite3"
    org = load_organisation(DEMO / "organisation.toml")
    with open_store(f"sqlite:///{path}") as store:
        desk.import_incident(store, desk.administrator(), org,
                             load_incident(DEMO / "incident.toml", org.timezone))
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@SETTINGS
@given(incident_id=st.sampled_from(["1", "2", "0", "-1", "x", "99999999999999999999"]),
       out=st.sampled_from(OUT_NAMES), org_out=st.none() | st.sampled_from(OUT_NAMES))
def test_export_takes_anything(stored_demo, incident_id, out, org_out):
    argv = ["export", incident_id, "--out", out]
    argv += ["--org-out", org_out] if org_out is not None else []
    with _sandbox(b"", b"", stored_demo) as box:
        code, _message = _run(["--db", box.database_url, *argv], box,
                              [out] + ([org_out] if org_out is not None else []))
    assert code in (0, 1, 2)
