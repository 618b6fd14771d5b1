"""Removing the load data again, with everything that hangs on it, in a fixed number of
statements however many rows there are."""

from django.db import connection, models, transaction
from django.db.models import Q
from wagtail.log_actions import log
from wagtail.models import Page

from accounts.models import Organisation, User
from assessments.models import Attempt, Quiz
from courses.models import Enrollment
from devtools.load_data.base import EMAIL_DOMAIN, PREFIX, Progress, load_courses

MAX_DEPTH = 5


def load_data_present() -> bool:
    return (
        User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()
        or Organisation.objects.filter(code__startswith=PREFIX).exists()
        or load_courses().exists()
    )


@transaction.atomic
def load_data_delete(*, progress: Progress | None = None) -> dict[str, int]:
    """Delete the load data: enrolments, progress, attempts and certificates of its users
    and on its courses (whoever the learner), then its users, courses and organisations.
    Returns the rows deleted by model.

    Learner rows go with one DELETE per table, as they came with one COPY: a model
    ``delete()`` would load a million objects first. Tables are found through the foreign
    keys that point at the deleted rows, so rows of models added later (reminders,
    requests...) go too, and nothing is left pointing at a deleted row.
    """
    deleted: dict[str, int] = {}
    users = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
    course_ids = list(load_courses().values_list("pk", flat=True))
    quizzes = Quiz.objects.filter(course_id__in=course_ids)
    _purge(Enrollment.objects.filter(user__in=users), deleted)
    _purge(Enrollment.objects.filter(course_id__in=course_ids), deleted)
    _purge(Attempt.objects.filter(quiz__in=quizzes), deleted)
    _purge(users, deleted)
    # The few structural objects go through Django's deletion (revisions, search index and
    # reference index follow by signal) and treebeard's (the trees stay sound).
    _count(deleted, "assessments.Quiz", quizzes.count())
    quizzes.delete()
    _delete_pages(course_ids)
    _count(deleted, "courses.CoursePage", len(course_ids))
    organisations = Organisation.objects.filter(code__startswith=PREFIX)
    _count(deleted, "accounts.Organisation", organisations.count())
    organisations.delete()
    if progress:
        summary = ", ".join(f"{label} {n}" for label, n in sorted(deleted.items()) if n)
        progress(f"deleted earlier load data: {summary or 'nothing'}")
    return {label: n for label, n in deleted.items() if n}


def _delete_pages(course_ids: list[int]) -> None:
    """What Wagtail's DeletePageAction does, an audit-log entry per page and a treebeard
    delete, but for all courses at once: one pass of Django's collector over the tables
    pointing at pages, not one per course."""
    if not course_ids:
        return
    courses = Page.objects.filter(pk__in=course_ids)
    subtrees = Q()
    for path in courses.values_list("path", flat=True):
        subtrees |= Q(path__startswith=path)
    for page in Page.objects.filter(subtrees).specific().iterator():
        log(instance=page, action="wagtail.delete", deleted=True)
    courses.delete()


def _count(deleted: dict[str, int], label: str, number: int) -> None:
    deleted[label] = deleted.get(label, 0) + number


def _purge(queryset, deleted: dict[str, int], depth: int = 0) -> None:
    """Delete the rows of ``queryset`` in one statement, after the rows that point at them
    (CASCADE, and PROTECT too: what protects load data is load data) and after clearing
    SET_NULL references."""
    model = queryset.model
    if model._meta.parents or depth > MAX_DEPTH:  # multi-table models: Django's collector
        for label, n in queryset.delete()[1].items():
            _count(deleted, label, n)
        return
    for relation in model._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete or relation.many_to_many:
            continue
        related = relation.related_model._base_manager.filter(
            **{f"{relation.field.name}__in": queryset.values(relation.field_name)}
        )
        on_delete = relation.on_delete
        if on_delete is models.SET_NULL:
            related.update(**{relation.field.name: None})
        elif on_delete in (models.CASCADE, models.PROTECT, models.RESTRICT):
            _purge(related, deleted, depth + 1)
        elif on_delete is not models.DO_NOTHING:
            raise NotImplementedError(f"{relation}: on_delete={on_delete.__name__}")
    sql, params = queryset.values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(model._meta.db_table)} "
            f"WHERE {quote(model._meta.pk.column)} IN ({sql})",
            params,
        )
        _count(deleted, model._meta.label, max(cursor.rowcount, 0))
