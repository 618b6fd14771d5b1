"""Text that people typed, made safe to put in a plain-text mail we send.

A mail is our voice. A name or a message someone typed must not read as part of it: a
learner named "Waypoint IT Security: your account is suspended, visit https://…" would
otherwise write our next sentence (issue 12, finding 11). Mails to a person leave the
person's own name out; mails about someone else show their name only through
``quoted_name``, after a label, and their messages only through ``quoted_text``."""

import re

from django import template

register = template.Library()

NAME_LENGTH = 80
_SCHEME = re.compile(r"://")
# Something a mail client would make a link of: a host name whose last label is a word of
# two letters or more ("evil.example", "www.x.org"); initials such as "J.R.R." are not.
_HOST = re.compile(r"(?i)\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def defang_links(text: str) -> str:
    """``https://evil.example`` becomes ``https[:]//evil[.]example``: readable, but no mail
    client turns it into a link."""
    text = _SCHEME.sub("[:]//", text)
    return _HOST.sub(lambda match: match.group(0).replace(".", "[.]"), text)


@register.filter
def quoted_name(value) -> str:
    """A person's name as a mail may show it: one line, at most 80 characters, links
    taken apart, in quotation marks so that it cannot read as our sentence."""
    name = " ".join(_CONTROL.sub(" ", str(value or "")).split())
    if len(name) > NAME_LENGTH:
        name = name[: NAME_LENGTH - 1].rstrip() + "…"
    return f"“{defang_links(name)}”"


@register.filter
def quoted_text(value) -> str:
    """A message someone typed, as a mail quotes it: every line after "> ", links taken
    apart."""
    lines = str(value or "").replace("\r\n", "\n").split("\n")
    return "\n".join(f"> {defang_links(_CONTROL.sub(' ', line))}".rstrip() for line in lines)
