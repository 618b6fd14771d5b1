"""The administrator's wording with the certificate's facts filled in.

The body text is parsed here rather than with ``str.format``: ``format`` would let a
template reach attributes (``{holder_name.__class__}``) and its errors mean nothing to an
administrator. Everything that reaches the HTML is escaped, the administrator's words as
much as the holder's name."""

import difflib
from dataclasses import dataclass
from datetime import date

from django.utils import formats, translation
from django.utils.html import escape, format_html
from django.utils.translation import gettext

from certificates.document import CertificateFacts

PLACEHOLDERS = (
    "holder_name",
    "course_title",
    "completion_date",
    "hours",
    "code",
    "expiry_date",
    "issuer",
)

SAMPLE_FACTS = CertificateFacts(
    holder_name="Élodie Lefèvre-Nuñez",
    course_title="Document examination: detecting forged passports",
    completion_date=date(2025, 3, 14),
    hours=12,
    code="WP-7K3D-Q9FX",
    verification_url="https://waypoint.example.org/certificates/verify/WP-7K3D-Q9FX/",
    issuer="Waypoint",
    expiry_date=date(2027, 3, 14),
)


class CertificateTemplateError(ValueError):
    """The administrator's certificate text or layout cannot be used; the message says
    why, in words meant for them."""


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Placeholder:
    name: str


def _unknown_placeholder(name: str) -> CertificateTemplateError:
    message = gettext("Unknown placeholder {%(name)s}. Use one of: %(placeholders)s.") % {
        "name": name,
        "placeholders": ", ".join(f"{{{known}}}" for known in PLACEHOLDERS),
    }
    close = difflib.get_close_matches(name.strip().lower(), PLACEHOLDERS, n=1)
    if close:
        message += " " + gettext("Did you mean {%(name)s}?") % {"name": close[0]}
    return CertificateTemplateError(message)


def _unbalanced(brace: str, index: int) -> CertificateTemplateError:
    return CertificateTemplateError(
        gettext(
            'Unbalanced brace: the "%(brace)s" at character %(position)d has no matching '
            '"%(other)s". To show a brace itself, write it twice: {{ or }}.'
        )
        % {"brace": brace, "position": index + 1, "other": "}" if brace == "{" else "{"}
    )


def parse(body: str) -> list[Text | Placeholder]:
    """Split the body into literal text and placeholders; ``{{`` and ``}}`` are literal
    braces, as in ``str.format``."""
    parts: list[Text | Placeholder] = []
    text: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char in "{}" and body[i + 1 : i + 2] == char:
            text.append(char)
            i += 2
        elif char == "}":
            raise _unbalanced("}", i)
        elif char == "{":
            end = body.find("}", i + 1)
            if end == -1 or "{" in body[i + 1 : end]:
                raise _unbalanced("{", i)
            name = body[i + 1 : end]
            if name not in PLACEHOLDERS:
                raise _unknown_placeholder(name)
            if text:
                parts.append(Text("".join(text)))
                text = []
            parts.append(Placeholder(name))
            i = end + 1
        else:
            text.append(char)
            i += 1
    if text:
        parts.append(Text("".join(text)))
    return parts


def fact_values(facts: CertificateFacts, *, language: str) -> dict[str, str]:
    """Each placeholder's text, dates and numbers written as ``language`` writes them."""
    with translation.override(language):
        return {
            "holder_name": facts.holder_name,
            "course_title": facts.course_title,
            "completion_date": formats.date_format(facts.completion_date, "DATE_FORMAT"),
            "hours": formats.number_format(facts.hours),
            "code": facts.code,
            "expiry_date": (
                formats.date_format(facts.expiry_date, "DATE_FORMAT") if facts.expiry_date else ""
            ),
            "issuer": facts.issuer,
        }


def render_parts(
    parts: list[Text | Placeholder], values: dict[str, str], *, mark_facts: bool
) -> str:
    """The parts as escaped HTML; ``mark_facts`` wraps each filled-in fact in a span the
    stylesheet sets in bold or keeps on one line."""
    html = []
    for part in parts:
        if isinstance(part, Text):
            html.append(escape(part.text))
        elif mark_facts:
            css_class = "fact-" + part.name.replace("_", "-")
            html.append(format_html('<span class="{}">{}</span>', css_class, values[part.name]))
        else:
            html.append(escape(values[part.name]))
    return "".join(html)


def render_body(body: str, facts: CertificateFacts, *, language: str) -> str:
    """The body with the facts filled in, HTML-escaped; newlines are kept."""
    return render_parts(parse(body), fact_values(facts, language=language), mark_facts=False)


def validate_body(body: str) -> None:
    """Raise ``CertificateTemplateError`` if ``body`` could not be rendered, so the admin
    form refuses it rather than the certificate task failing later."""
    render_body(body, SAMPLE_FACTS, language="en")
