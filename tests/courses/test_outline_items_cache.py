"""The outline's step markup kept in the shared cache (``outline_items``, issue 19, P1):
kept as plain text, so that reading it back does not rebuild one SafeString per item on
every lesson page, and still shown escaped exactly as rendered."""

import pytest
from django.core.cache import cache
from django.test import Client

from courses import cache_names, page_cache, selectors
from courses.services import enrollment_create
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


def test_the_outline_items_are_kept_as_plain_text_and_shown_escaped(learner):
    course = make_course(modules=1, lessons=2)
    first, second = lessons_of(course)
    second.title = 'Forged <b onmouseover="x()">papers</b> & stamps'
    second.save_revision().publish()
    enrollment_create(user=learner, course=course)
    client = Client()
    client.force_login(learner)

    pages = [client.get(first.url) for _ in range(2)]

    name = cache_names.outline_items_cache_name(selectors.course_path_of(first))
    _, variants = cache.get(page_cache.ENTRY_PREFIX + name)
    assert variants and {type(html) for html in variants.values()} == {str}
    for page in pages:
        html = page.content.decode()
        assert "Forged &lt;b onmouseover=&quot;x()&quot;&gt;papers&lt;/b&gt; &amp; stamps" in html
        assert "<b onmouseover" not in html
