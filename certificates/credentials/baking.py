"""Open Badges 3.0 baking: the credential in a PNG ``iTXt`` chunk with the keyword
``openbadgecredential``, uncompressed, placed before ``IEND``. Reading searches for that
chunk once (time linear in the size) and never decompresses anything."""

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEYWORD = b"openbadgecredential"


class NotABadge(ValueError):
    pass


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bake(png: bytes, credential: str) -> bytes:
    """``png`` must be a PNG without a credential; the credential goes before IEND."""
    if not png.startswith(SIGNATURE) or not png.endswith(_chunk(b"IEND", b"")):
        raise NotABadge("not a PNG")
    # keyword, NUL, compression flag 0, method 0, empty language tag NUL, empty
    # translated keyword NUL, text.
    data = KEYWORD + b"\x00\x00\x00" + b"\x00" + b"\x00" + credential.encode()
    return png[:-12] + _chunk(b"iTXt", data) + png[-12:]


def unbake(png: bytes) -> str:
    """The baked credential's text, or NotABadge. Found with one C-speed search for the
    chunk's type and keyword (walking a file of a million empty chunks in Python took
    seconds), then checked against the chunk's length field."""
    if not png.startswith(SIGNATURE):
        raise NotABadge("not a PNG")
    marker = b"iTXt" + KEYWORD + b"\x00"
    start = len(SIGNATURE) + 4
    while (found := png.find(marker, start)) >= 0:
        (length,) = struct.unpack(">I", png[found - 4 : found])
        # Compare before copying: a file of markers each claiming a huge length would
        # otherwise copy the rest of the file once per marker (quadratic).
        if found + 4 + length <= len(png):
            return _itxt_text(png[found + 4 : found + 4 + length])
        start = found + 1
    raise NotABadge("no credential in this image")


def _itxt_text(data: bytes) -> str:
    rest = data[len(KEYWORD) + 1 :]
    if len(rest) < 2 or rest[0] != 0:  # compressed credentials are not ours
        raise NotABadge("compressed or damaged credential chunk")
    parts = rest[2:].split(b"\x00", 2)
    if len(parts) != 3:
        raise NotABadge("damaged credential chunk")
    try:
        return parts[2].decode()
    except UnicodeDecodeError:
        raise NotABadge("damaged credential chunk") from None
