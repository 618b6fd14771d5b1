"""The progress bar writes its numbers with ``unlocalize`` (issue 19, P1): the text must be
what localized numbers gave, in every language of the site."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

LOCALIZED = (
    "{% load i18n %}\n"
    '<div class="progress">\n  <div class="progress__label" id="progress-label-{{ id }}">'
    "{% blocktranslate with percent=progress.percent done=progress.done total=progress.total %}"
    "{{ percent }}% complete ({{ done }} of {{ total }} steps){% endblocktranslate %}</div>\n"
    '  <progress max="100" value="{{ progress.percent }}" '
    'aria-labelledby="progress-label-{{ id }}">{{ progress.percent }}%</progress>\n</div>\n'
)


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
@pytest.mark.parametrize("numbers", [(0, 0, 3), (31, 5, 16), (100, 1234, 1234)])
def test_the_progress_bar_reads_as_with_localized_numbers(language, numbers):
    percent, done, total = numbers
    context = {"progress": SimpleNamespace(percent=percent, done=done, total=total), "id": "x"}
    with translation.override(language):
        rendered = render_to_string("includes/progress_bar.html", context)
        expected = Template(LOCALIZED).render(Context(context))
    assert rendered == expected
    assert f"{percent}%" in rendered
