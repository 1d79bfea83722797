"""A process that autosaves and saves is killed with SIGKILL; nothing committed is lost.

The writer prints a line after each commit. The test kills it after a random
number of lines (so, at a random point of its next write), reopens the
database and checks: SQLite's integrity check passes, and the stored state is
the last one the writer reported, or the one it was committing when it died.

``CRISIS_DESK_KILL_ROUNDS`` sets how many kills (default 3, to keep the suite
fast; the quality gates run 20 or more); ``CRISIS_DESK_KILL_SEED`` replays one run.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import textwrap

from sqlalchemy import text

from crisis_desk import desk
from crisis_desk.store.database import open_store

ROUNDS = int(os.environ.get("CRISIS_DESK_KILL_ROUNDS", "3"))
SAVE_EVERY = 3  # the writer saves a version after every third autosave

WRITER = textwrap.dedent("""
    import sys
    from dataclasses import replace
    from crisis_desk import desk
    from crisis_desk.store.database import open_store

    url, user_id, incident_id, typed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \\
        int(sys.argv[4])
    save_every = int(sys.argv[5])
    store = open_store(url)
    officer = desk.Actor(user_id, "Léa Peeters", "comms")
    snapshot = desk.load_incident(store, incident_id)
    print("ready", flush=True)
    while True:
        typed += 1
        typing = replace(snapshot.incident, facts={**snapshot.incident.facts,
                                                   "fr": f"typed {typed}"})
        desk.autosave(store, officer, incident_id, typing, snapshot.version)
        print(f"autosaved {typed}", flush=True)
        if typed % save_every == 0:
            snapshot = desk.save_incident(store, officer, incident_id, typing,
                                          snapshot.version)
            print(f"saved {typed} version {snapshot.version}", flush=True)
""")



def _typed(incident) -> int:
    match = re.fullmatch(r"typed (\d+)", incident.facts["fr"])
    return int(match.group(1)) if match else 0


def _kill_after(url, user_id, incident_id, typed: int, lines: int) -> list[str]:
    """Start the writer, let it report ``lines`` commits, kill it; return what it reported."""
    writer = subprocess.Popen([sys.executable, "-c", WRITER, url, str(user_id),
                               str(incident_id), str(typed), str(SAVE_EVERY)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reported = []
    try:
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
        while len(reported) < lines:
            line = writer.stdout.readline().strip()
            assert line, f"the writer stopped: {writer.stderr.read()}"
            reported.append(line)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
    assert writer.returncode == -signal.SIGKILL
    return reported


def _check_integrity(opened) -> None:
    if opened.backend != "sqlite":
        return
    with opened.reading() as session:
        assert session.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []


def test_killing_a_writing_process_loses_nothing_committed(database_url, store, people, stored):
    seed = int(os.environ.get("CRISIS_DESK_KILL_SEED", random.randrange(2**32)))
    chance = random.Random(seed)
    store.close()
    last_typed, last_version = 0, stored.version
    for round_number in range(ROUNDS):
        reported = _kill_after(database_url, people.comms.user_id, stored.incident_id,
                               last_typed, chance.randint(1, 12))
        context = f"seed {seed}, round {round_number}, writer said {reported}"
        last_typed = max([last_typed] + [int(line.split()[1]) for line in reported])
        saves = [int(line.split()[-1]) for line in reported if line.startswith("saved")]
        last_version = max([last_version, *saves])
        with open_store(database_url) as reopened:
            _check_integrity(reopened)
            latest = desk.load_incident(reopened, stored.incident_id)
            kept = desk.recover_autosave(reopened, people.comms, stored.incident_id)
            committed = _typed(kept.incident if kept else latest.incident)
            # What was reported is there; at most the write under way when killed is more.
            assert last_typed <= committed <= last_typed + 1, context
            assert last_version <= latest.version <= last_version + 1, context
            edits = [e for e in desk.audit_log(reopened, stored.incident_id)
                     if e.action == "edit"]
            assert len(edits) == latest.version - 1, context
            for version in range(1, latest.version + 1):
                desk.load_incident(reopened, stored.incident_id, version)
        last_typed, last_version = committed, latest.version


def test_a_killed_transaction_leaves_no_half(database_url, store):
    """A writer killed inside a transaction (after its changes, before COMMIT) leaves nothing."""
    url = database_url
    child = textwrap.dedent("""
        import os, signal, sys
        from sqlalchemy import text
        from crisis_desk.store.database import open_store
        store = open_store(sys.argv[1])
        with store.writing() as session:
            session.execute(text("INSERT INTO organisations (id, latest_version, created_at, "
                                 "row_version) VALUES ('half', 1, '2026-03-09 08:00:00', 1)"))
            session.flush()
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    result = subprocess.run([sys.executable, "-c", child, url], capture_output=True, timeout=60)
    assert result.returncode == -signal.SIGKILL
    with open_store(url) as reopened:
        _check_integrity(reopened)
        with reopened.reading() as session:
            assert session.execute(text("SELECT count(*) FROM organisations")).scalar() == 0
