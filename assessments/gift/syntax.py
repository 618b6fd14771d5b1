"""The characters GIFT treats as special, kept in one place so that what the exporter
escapes is exactly what the parser unescapes."""

import re

ESCAPABLE = "\\~=#{}:"
FORMATS = ("html", "moodle", "markdown", "plain")
FORMAT_MARKER = re.compile(r"\[([A-Za-z]+)\]")
BLANK = "_____"

# Each escape sequence becomes one private-use character while parsing, so the parser
# can find `{`, `=`, `#`... with plain string searches and never mistake `\=` for an
# answer. One character for two keeps line numbers intact.
_HIDDEN = {char: chr(0xE000 + index) for index, char in enumerate(ESCAPABLE + "n")}
_SHOWN = str.maketrans({hidden: "\n" if char == "n" else char for char, hidden in _HIDDEN.items()})
_ESCAPE_SEQUENCE = re.compile(r"\\([\\~=#{}:n])")
HIDDEN_CLOSE = _HIDDEN["}"]


def hide_escapes(text: str) -> str:
    return _ESCAPE_SEQUENCE.sub(lambda found: _HIDDEN[found.group(1)], text)


def show_escapes(text: str) -> str:
    return text.translate(_SHOWN)


def escape(text: str) -> str:
    """Newlines become `\\n` too: a blank line inside a text would end its question."""
    escaped = "".join("\\" + char if char in ESCAPABLE else char for char in text)
    return escaped.replace("\r\n", "\n").replace("\n", "\\n")
