"""Writing a document never replaces what it should not, and never leaves half a file."""

from __future__ import annotations

import errno
import os

import pytest

from crisis_desk.support import atomic
from crisis_desk.support.atomic import write_atomically
from crisis_desk.support.errors import OutputError


def test_a_file_is_replaced_whole_and_no_part_file_stays(tmp_path):
    target = tmp_path / "poster.pdf"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["poster.pdf"]


def test_a_link_is_never_followed_nor_replaced(tmp_path):
    kept = tmp_path / "kept.txt"
    kept.write_text("keep")
    link = tmp_path / "link.txt"
    link.symlink_to(kept)
    with pytest.raises(OutputError, match="is a link"):
        write_atomically(link, b"x")
    assert link.is_symlink() and kept.read_text() == "keep"


@pytest.mark.parametrize("make", ["folder", "fifo"])
def test_folders_and_pipes_are_refused(tmp_path, make):
    target = tmp_path / "target"
    target.mkdir() if make == "folder" else os.mkfifo(target)
    with pytest.raises(OutputError):
        write_atomically(target, b"x")
    assert not (tmp_path / ".target.part").exists()


def test_a_planted_link_at_the_part_file_is_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    (tmp_path / ".out.txt.part").symlink_to(victim)
    write_atomically(tmp_path / "out.txt", b"document")
    assert victim.read_text() == "keep"
    assert (tmp_path / "out.txt").read_bytes() == b"document"


def test_a_full_disk_is_one_message_and_leaves_nothing(tmp_path, monkeypatch):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OutputError, match="no space left on the disk"):
        write_atomically(tmp_path / "notice.pdf", b"x" * 1000)
    assert list(tmp_path.iterdir()) == []
