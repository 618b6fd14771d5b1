"""Verification codes: 80 random bits in Crockford's base 32 (no I, L, O or U), grouped by
four so that they are easy to read aloud and type: ``WP-7K3M-Q9TD-2XHB-R4VN``."""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "WP"
GROUPS = 4
GROUP_SIZE = 4  # 16 characters × 5 bits = 80 bits
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_CLEAN = re.compile(r"[\s\-_.]")


def generate_code() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_SIZE))
    groups = [chars[i : i + GROUP_SIZE] for i in range(0, len(chars), GROUP_SIZE)]
    return "-".join([PREFIX, *groups])


def normalise_code(text: str) -> str | None:
    """The canonical form of a typed code, or None if it cannot be one. Accepts lower case,
    spaces, missing dashes and the letters people confuse with digits."""
    if not isinstance(text, str) or len(text) > 64:
        return None
    raw = _CLEAN.sub("", text).upper()
    if raw.startswith(PREFIX) and len(raw) == len(PREFIX) + GROUPS * GROUP_SIZE:
        raw = raw[len(PREFIX) :]  # a code may itself start with "WP": typed without prefix
    raw = raw.translate(_CONFUSABLE)
    if len(raw) != GROUPS * GROUP_SIZE or any(c not in ALPHABET for c in raw):
        return None
    return "-".join([PREFIX] + [raw[i : i + GROUP_SIZE] for i in range(0, len(raw), GROUP_SIZE)])
