"""What the GIFT parser's parts share: where a piece of text sits in the file, and the
problem to report when it is wrong."""

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext as _

from assessments.gift.syntax import FORMAT_MARKER, FORMATS, show_escapes


class Problem(Exception):
    """Ends the reading of one question; the parser records it and goes on to the next.
    `message` is already translated (into the language of the request that reads the file)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Source:
    """One question's text, with the file's line number for each of its lines: comment
    lines are left out, so a line's position in the text is not its number in the file."""

    text: str
    numbers: list[int]

    def line(self, offset: int) -> int:
        """A binary search in the line starts, found once: counting the newlines before
        each answer again made a file of many answers quadratic to read."""
        return self.numbers[bisect_right(self._line_starts, offset) - 1]

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        position = self.text.find("\n")
        while position != -1:
            starts.append(position + 1)
            position = self.text.find("\n", position + 1)
        return starts


def read_text(raw: str, line: int) -> str:
    text = raw.strip()
    marker = FORMAT_MARKER.match(text)
    if marker and marker.group(1) in FORMATS:
        text = text[marker.end() :]
    elif marker and marker.group(1).islower():
        raise Problem(
            line,
            _(
                "unknown text format '[%(format)s]': use [html], [markdown], [moodle] or "
                "[plain]; if the brackets are part of the text, put [plain] in front of them"
            )
            % {"format": marker.group(1)},
        )
    return show_escapes(text).strip()
