"""W3C Bitstring Status List: one bit per certificate, set when it is revoked. A list
holds ``LIST_SIZE`` bits (16 KB, the minimum the specification sets for herd privacy),
gzipped, base64url-encoded and prefixed ``u`` (multibase). Index 0 is the left-most bit
of the first byte. A certificate's position never changes (``Certificate.status_list_index``:
list = index // LIST_SIZE, bit = index % LIST_SIZE)."""

import base64
import gzip

LIST_SIZE = 131_072  # bits: 16 KB


def lists_for(issued: int) -> int:
    """How many lists the bits of ``issued`` certificates are drawn from: each kept at most
    half full (``certificates.services.credentials.status_index_candidate``)."""
    return max(1, -(-2 * (issued + 1) // LIST_SIZE))


def position(index: int) -> tuple[int, int]:
    return divmod(index, LIST_SIZE)


def encode(bits_set) -> str:
    bitstring = bytearray(LIST_SIZE // 8)
    for bit in bits_set:
        bitstring[bit // 8] |= 0x80 >> (bit % 8)
    packed = gzip.compress(bytes(bitstring), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).rstrip(b"=").decode()


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("not a base64url multibase value")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def is_set(bitstring: bytes, bit: int) -> bool:
    return bool(bitstring[bit // 8] & (0x80 >> (bit % 8)))
