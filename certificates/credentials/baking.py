"""Open Badges 3.0 baking: the credential in a PNG ``iTXt`` chunk with the keyword
``openbadgecredential``, uncompressed, placed before ``IEND``. Reading walks the chunks
once (time linear in the size) and never decompresses anything."""

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
    """The baked credential's text, or NotABadge."""
    if not png.startswith(SIGNATURE):
        raise NotABadge("not a PNG")
    offset = len(SIGNATURE)
    while offset + 12 <= len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        data = png[offset + 8 : offset + 8 + length]
        if len(data) != length:
            break
        if kind == b"iTXt" and data.startswith(KEYWORD + b"\x00"):
            return _itxt_text(data)
        if kind == b"IEND":
            break
        offset += 12 + length
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
