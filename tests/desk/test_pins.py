"""PIN hashing: salted scrypt, constant-time comparison, nothing in clear."""

from __future__ import annotations

import pytest

from crisis_desk.desk.pins import hash_pin, verify_pin


def test_a_pin_verifies_against_its_hash():
    stored = hash_pin("4821")
    assert verify_pin("4821", stored)
    assert not verify_pin("4822", stored)
    assert not verify_pin("", stored)


def test_the_hash_is_salted_and_holds_no_pin():
    first, second = hash_pin("4821"), hash_pin("4821")
    assert first != second
    assert "4821" not in first
    assert first.startswith("scrypt$")


def test_any_characters_can_be_a_pin():
    stored = hash_pin("ĳzer-ß-🙂")
    assert verify_pin("ĳzer-ß-🙂", stored)
    assert not verify_pin("ijzer-ß-🙂", stored)


@pytest.mark.parametrize("stored", [
    "", "plain", "md5$1$2$3$4$5", "scrypt$16384$8$1$!!!$???",
    "scrypt$1073741824$8$1$AAAA$AAAA",  # a cost that would exhaust memory is not tried
])
def test_a_damaged_hash_never_verifies_nor_raises(stored):
    assert not verify_pin("4821", stored)
