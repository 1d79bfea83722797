"""PINs, kept only as salted scrypt hashes and compared in constant time.

A stored hash reads ``scrypt$N$r$p$salt$hash`` (salt and hash in base64), so
the cost can be raised later without invalidating the PINs already chosen: a
hash of an older cost is replaced at the next correct sign-in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SCHEME = "scrypt"
# The cost recommended today for interactive sign-in (about half a second, 128 MiB):
# a PIN has few possible values, so each guess must be expensive.
COST_N, BLOCK_R, PARALLEL_P = 2**17, 8, 1
SALT_BYTES, HASH_BYTES = 16, 32
MAX_COST = 2**20  # a stored cost above this is refused rather than tried (memory)


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * n * r, dklen=HASH_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str) -> str:
    """A new salted hash of ``pin``, ready to store."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(pin, salt, COST_N, BLOCK_R, PARALLEL_P)
    return f"{SCHEME}${COST_N}${BLOCK_R}${PARALLEL_P}${_b64(salt)}${_b64(digest)}"


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was made with another cost than today's (it is then upgraded)."""
    parts = stored.split("$")
    return len(parts) != 6 or parts[0] != SCHEME or \
        parts[1:4] != [str(COST_N), str(BLOCK_R), str(PARALLEL_P)]


def verify_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` is the one ``stored`` was made from; never raises on bad input."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != SCHEME or not 1 < int(n) <= MAX_COST or int(r) * int(p) > 64:
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(pin, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)
