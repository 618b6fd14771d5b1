"""One date format per language, everywhere (issue 16, learner 6).

Dates reach people through the named formats of ``config/formats/<language>/formats.py``
only: a page that writes ``|date:"M j"`` or a ``strftime`` shows a date no other page
shows. These tests walk the templates and the product code so a literal format cannot come
back, and render pages in English and French to see the formats people read."""

import re
from datetime import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from certificates.models import Certificate
from certificates.services import certificate_issue
from tests.certificates.test_issuance import complete_course
from tests.factories.accounts import UserFactory

ROOT = Path(__file__).resolve().parent.parent
PRODUCT_APPS = (
    "accounts",
    "assessments",
    "certificates",
    "config",
    "courses",
    "enrolments",
    "home",
    "reports",
)
NAMED = {
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "YEAR_MONTH_FORMAT",  # a month, "December 2026"
    "MONTH_DAY_FORMAT",
}
# Not formats people read as dates: ISO 8601 for machines (``<time datetime>``, scripts) and
# the name of the time zone printed beside a named format.
MACHINE = {"c", "e"}
FILTER = re.compile(r"\|(date|time):\s*(['\"])(.*?)\2")
CALL = re.compile(r"\b(?:date_format|time_format)\(\s*[^,()]+,\s*(['\"])(.*?)\1")
# Each allowed literal, where, and why.
ALLOWED_LITERALS = {
    ("reports/charts.py", "M y"): "a month's abbreviation under a 40-pixel chart column",
}


def _templates():
    return sorted(
        path
        for path in (ROOT / "templates").rglob("*")
        if path.suffix in (".html", ".txt") and path.is_file()
    )


def _python_files():
    for app in PRODUCT_APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_the_scan_finds_what_it_looks_for():
    """The patterns below would catch the formats that were there before."""
    assert FILTER.search('{{ row.due_date|date:"Y-m-d" }}').group(3) == "Y-m-d"
    assert FILTER.search("{{ attempt.deadline|time:'H:i' }}").group(3) == "H:i"
    assert CALL.search('date_format(value, "N j, Y")').group(2) == "N j, Y"
    assert len(_templates()) > 50 and len(list(_python_files())) > 100


def test_templates_use_only_named_formats():
    found = []
    for path in _templates():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for kind, _quote, value in FILTER.findall(line):
                allowed = NAMED | MACHINE | ({"TIME_FORMAT"} if kind == "time" else set())
                if value not in allowed:
                    found.append(f"{path.relative_to(ROOT)}:{number}: |{kind}:{value!r}")
    assert not found, "use |date (or a named format) instead of:\n" + "\n".join(found)


def test_python_code_formats_dates_only_through_named_formats():
    found = []
    for path in _python_files():
        relative = str(path.relative_to(ROOT))
        text = path.read_text()
        for number, line in enumerate(text.splitlines(), 1):
            if ".strftime(" in line:
                found.append(f"{relative}:{number}: strftime")
        for _quote, value in CALL.findall(text):
            if value not in NAMED | {"TIME_FORMAT"}:
                if (relative, value) not in ALLOWED_LITERALS:
                    found.append(f"{relative}: date_format(…, {value!r})")
    assert not found, "format dates with a named format instead of:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("language", "long", "short", "with_time"),
    [
        ("en", "5 December 2026", "05/12/2026", "5 December 2026, 14:30"),
        ("fr", "5 décembre 2026", "05/12/2026", "5 décembre 2026 à 14:30"),
        ("es", "5 de diciembre de 2026", "05/12/2026", "5 de diciembre de 2026, 14:30"),
        ("ar", "5 ديسمبر 2026", "05\u200f/12\u200f/2026", "5 ديسمبر 2026، 14:30"),
    ],
)
def test_each_language_has_its_formats(language, long, short, with_time):
    moment = datetime(2026, 12, 5, 14, 30)
    with translation.override(language):
        assert formats.date_format(moment) == long
        assert formats.date_format(moment, "SHORT_DATE_FORMAT") == short
        assert formats.date_format(moment, "DATETIME_FORMAT") == with_time
        assert formats.time_format(moment) == "14:30"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected", "not_expected"),
    [("en", "5 December 2026", "Dec. 5, 2026"), ("fr", "5 décembre 2026", "déc. 5, 2026")],
)
def test_a_page_shows_the_languages_date(client, language, expected, not_expected):
    learner = UserFactory(full_name="Élodie Lefèvre")
    certificate = certificate_issue(enrollment=complete_course(learner))
    issued = timezone.make_aware(datetime(2026, 12, 5, 10, 0))
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=issued, expires_at=None)

    html = client.get(
        reverse("certificates:verify", args=[certificate.code]),
        HTTP_ACCEPT_LANGUAGE=language,
    ).content.decode()

    assert expected in html
    assert not_expected not in html
