"""The two statements every signed-in lesson page runs (the person, the enrolment with its
completed steps) are prepared on PostgreSQL once they have run a few times on a connection
(``config.postgres.prepared_statement_cursor``, issue 19, P1): PostgreSQL then stops
parsing and planning them on every page. Query capture still sees them."""

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from config.postgres import prepared_statement_cursor
from courses.enrollment_read import STEP_KEY_ALIAS
from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory
from tests.factories.courses import lessons_of, make_course

pytestmark = pytest.mark.django_db


def _prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_a_lesson_pages_two_reads_are_prepared_after_a_few_pages(postgres, client):
    course = make_course(modules=1, lessons=2)
    first, second = lessons_of(course)
    learner = UserFactory(roles=["Learners"])
    enrollment_create(user=learner, course=course)
    lesson_complete(user=learner, lesson=first)
    client.force_login(learner)
    user_table = learner._meta.db_table

    def reads_of_the_page(statements):
        return [
            s
            for s in statements
            if STEP_KEY_ALIAS in s or (f'FROM "{user_table}" WHERE' in s and "LIMIT" not in s)
        ]

    assert reads_of_the_page(_prepared()) == []
    for _ in range(6):
        with CaptureQueriesContext(connection) as page_queries:
            response = client.get(second.url)
        assert response.status_code == 200
        assert f"{first.title}" in response.content.decode()
        # Both reads are still seen (and counted) as queries of the page.
        assert len(reads_of_the_page([q["sql"] for q in page_queries.captured_queries])) == 2

    prepared = reads_of_the_page(_prepared())
    assert len(prepared) == 2, prepared
    assert all("$1" in statement for statement in prepared)  # bound on the server


def test_an_error_through_the_cursor_is_djangos_and_leaves_the_connection_usable(postgres):
    from django.db import transaction

    with pytest.raises(DatabaseError):
        with transaction.atomic(), prepared_statement_cursor(connection) as cursor:
            cursor.execute("SELECT no_such_column FROM accounts_user WHERE id = %s", [1])
    with prepared_statement_cursor(connection) as cursor:
        cursor.execute("SELECT %s + 1", [41])
        assert cursor.fetchone() == (42,)


def test_with_preparing_off_the_reads_are_plain_queries(postgres, client, monkeypatch):
    """DATABASE_PREPARED_STATEMENTS off (a pooler that loses prepared statements): the
    connection's threshold is None and the same page prepares nothing."""
    course = make_course(modules=1, lessons=1)
    (lesson,) = lessons_of(course)
    learner = UserFactory(roles=["Learners"])
    enrollment_create(user=learner, course=course)
    client.force_login(learner)
    monkeypatch.setattr(connection.connection, "prepare_threshold", None)

    for _ in range(3):
        assert client.get(lesson.url).status_code == 200

    assert _prepared() == []
