"""A wrong PIN says how many tries are left before the account is locked."""

from __future__ import annotations

import pytest

from crisis_desk import desk
from crisis_desk.desk import LockedOut, SignInFailed


def test_each_wrong_pin_says_how_many_tries_are_left(store, people):
    said = []
    for _attempt in range(desk.MAX_WRONG_PINS - 1):
        with pytest.raises(SignInFailed) as refused:
            desk.sign_in(store, "Marc Lambert", "0000")
        said.append(str(refused.value))
    assert [text.rsplit(": ", 1)[1] for text in said] == [
        f"{left}." for left in range(desk.MAX_WRONG_PINS - 1, 0, -1)]
    assert all(text.startswith("Wrong PIN.") for text in said)
    with pytest.raises(LockedOut):
        desk.sign_in(store, "Marc Lambert", "0000")


def test_the_right_pin_starts_the_count_again(store, people):
    with pytest.raises(SignInFailed, match=f": {desk.MAX_WRONG_PINS - 1}\\.$"):
        desk.sign_in(store, "Marc Lambert", "0000")
    desk.sign_in(store, "Marc Lambert", people.pins["manager"])
    with pytest.raises(SignInFailed, match=f": {desk.MAX_WRONG_PINS - 1}\\.$"):
        desk.sign_in(store, "Marc Lambert", "0000")
