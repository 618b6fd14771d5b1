"""Hostile form posts and query strings for the POST fuzz (test_post_fuzz.py) and the
values the property tests mix into learners' answers.

A payload turns an endpoint's valid fields into the pairs actually sent. Values are text, or
``Raw`` bytes for what no browser sends but a script can: a lone surrogate, invalid or
overlong UTF-8.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote_from_bytes, quote_plus

ONE_MB = 1024 * 1024
MAX_FIELDS = 10_000  # settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


@dataclass(frozen=True)
class Raw:
    data: bytes


Value = str | Raw
Pairs = list[tuple[str, Value]]
Payload = Callable[[dict[str, str]], Pairs]

UNICODE_EDGES = [
    "a\x00b",  # PostgreSQL refuses NUL in text and in jsonb
    "%00",
    "\u202egnp.exe",  # right-to-left override
    "Z" + "\u0336\u0334\u0335" * 300,  # a pile of combining marks
    "\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",  # emoji joined by ZWJ
    "\U0001d518\U0001d52b\U0001d526\U0001d520\U0001d52c\U0001d521\U0001d522\U0001f642",
    "a\u2028b\u2029c\x85d",  # line and paragraph separators, NEL
    "\ufeffbom",
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629\u200f\u0661\u0662",  # Arabic, RLM, digits
    "\U0001f642" * 50_000,  # 200 kB of 4-byte characters
]
RAW_EDGES = [
    Raw(b"\xed\xa0\x80"),  # a lone surrogate, as UTF-8 cannot carry it
    Raw(b"\xff\xfe\xfd"),  # not UTF-8 at all
    Raw(b"\xc0\x80"),  # an overlong NUL
]


def _each(fields: dict[str, str], value: Value) -> Pairs:
    return [(name, value) for name in fields]


def _appended(fields: dict[str, str], edge: Value) -> Pairs:
    if isinstance(edge, Raw):
        return [(name, Raw(valid.encode() + edge.data)) for name, valid in fields.items()]
    return [(name, valid + edge) for name, valid in fields.items()]


def _many_fields(count: int) -> Payload:
    def payload(fields: dict[str, str]) -> Pairs:
        pairs: Pairs = list(fields.items())
        return pairs + [(f"x{n}", "y") for n in range(count - len(pairs))]

    return payload


PAYLOADS: dict[str, Payload] = {
    "valid": lambda fields: list(fields.items()),
    "no fields": lambda fields: [],
    "every other field missing": lambda fields: list(fields.items())[1::2],
    "empty values": lambda fields: _each(fields, ""),
    "whitespace values": lambda fields: _each(fields, " \t\r\n "),
    "letters for numbers": lambda fields: _each(fields, "abc"),
    "negative": lambda fields: _each(fields, "-1"),
    "fraction": lambda fields: _each(fields, "1.5"),
    "id 0": lambda fields: _each(fields, "0"),
    "id past int32": lambda fields: _each(fields, "2147483648"),
    "id past int64": lambda fields: _each(fields, "9223372036854775808"),
    "40-digit number": lambda fields: _each(fields, "9" * 40),
    "JSON object": lambda fields: _each(fields, '{"$gt": ""}'),
    "arrays for scalars": lambda fields: [
        pair for name, valid in fields.items() for pair in ((name, valid), (name, "x"), (name, ""))
    ],
    "PHP-style array names": lambda fields: [(f"{name}[]", v) for name, v in fields.items()],
    "1 MB in every field": lambda fields: _each(fields, "A" * ONE_MB),
    "10,000 fields": _many_fields(MAX_FIELDS),
    "10,001 fields": _many_fields(MAX_FIELDS + 1),
    **{f"+ unicode {i}: {edge[:12]!r}": (lambda e: lambda f: _appended(f, e))(edge)
       for i, edge in enumerate(UNICODE_EDGES)},
    **{f"+ raw bytes {edge.data!r}": (lambda e: lambda f: _appended(f, e))(edge)
       for edge in RAW_EDGES},
}  # fmt: skip


def urlencoded(pairs: Pairs) -> bytes:
    """A form body (or query string) with each value percent-encoded as given."""
    parts = []
    for name, value in pairs:
        encoded = quote_from_bytes(value.data) if isinstance(value, Raw) else quote_plus(value)
        parts.append(f"{quote_plus(name)}={encoded}")
    return "&".join(parts).encode("ascii")


def multipart_data(pairs: Pairs) -> dict[str, list[str | bytes]]:
    """The same pairs for Django's test client multipart encoder (bytes are sent as they
    are)."""
    data: dict[str, list[str | bytes]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value.data if isinstance(value, Raw) else value)
    return data


# --- CSV files for the assignment import ----------------------------------------------------

CSV_HEADER = b"email,course,due_date,full_name,unit\r\n"
CSV_FILES: dict[str, bytes] = {
    "empty": b"",
    "header only": CSV_HEADER,
    "NUL bytes": CSV_HEADER + b"a@example.org\x00,x,2099-01-01,A,u\r\n",
    "an Excel workbook": b"PK\x03\x04" + b"\x00" * 200,
    "binary noise": bytes(range(256)) * 40,
    "UTF-16 without a BOM, odd length": "email\r\nö".encode("utf-16-le") + b"\x00",
    "UTF-16 BOM, broken": b"\xff\xfe" + b"\x00\xd8" * 10,
    "a 200 kB header cell": b"email," + b"x" * 200_000 + b"\r\na@example.org,y\r\n",
    "a 200 kB row cell": CSV_HEADER + b"a@example.org,c,2099-01-01," + b"n" * 200_000 + b",u\r\n",
    "an unterminated quote": CSV_HEADER + b'"a@example.org,c,2099-01-01,Name,u\r\n',
    "bare carriage returns": CSV_HEADER.replace(b"\r\n", b"\r") + b"a@example.org,c\r",
    "formula injection": CSV_HEADER + b"=cmd|' /C calc'!A0,=1+1,@SUM(1),+1,-1\r\n",
    "unicode edges": CSV_HEADER
    + "\u202ea@example.org,\ufeffc,\u0662\u0660\u0669\u0669-01-01,".encode()
    + "\U0001f469\u200d\U0001f467,u\u2028\r\n".encode(),
    "50,001 rows": CSV_HEADER + b"a@example.org,c,2099-01-01,N,u\r\n" * 50_001,
    "just over 5 MB": CSV_HEADER + b"a" * (5 * ONE_MB),
    "every delimiter at once": b"email;course\tdue_date|full_name,unit\r\na;b\tc|d,e\r\n",
}
