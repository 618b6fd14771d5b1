"""Reads of the assessments app."""

import json
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count, F, OuterRef, Q, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Revision

from assessments.frozen import freeze_quiz, learner_view
from assessments.models import Attempt, AttemptAnswer, Quiz
from courses import selectors as course_selectors
from courses.models import CoursePage, Enrollment
from courses.outline import CourseOutline, Step
from courses.translations import language_order, original_id_of

QUIZ = "quiz"
EXAM = "exam"


def quiz_steps_for_outlines(outlines: list[CourseOutline]) -> list[Step]:
    """The step provider registered with ``courses``: module quizzes and final assessments
    of the given courses, in one query. Live quizzes only: a quiz never approved is no step
    (its row is a draft), and a live quiz's row is its live version. A translated quiz
    (attached to the translated module) is named by its original's key."""
    module_to_course = {m.id: o.course_id for o in outlines for m in o.modules}
    course_ids = {o.course_id for o in outlines}
    rows = (
        Quiz.objects.filter(
            Q(module_id__in=module_to_course) | Q(course_id__in=course_ids), live=True
        )
        .annotate(original_id=original_id_of(Quiz))
        .values("id", "title", "module_id", "course_id", "original_id")
    )
    return [
        Step(
            key=f"quiz:{row['original_id']}",
            kind=QUIZ if row["module_id"] else EXAM,
            title=row["title"],
            url=reverse("assessments:quiz", args=[row["id"]]),
            course_id=module_to_course.get(row["module_id"]) or row["course_id"],
            module_id=row["module_id"],
        )
        for row in rows
    ]


def quiz_get(*, quiz_id: int) -> Quiz:
    """The live version of a quiz, as learners take it: the row of a live quiz (drafts and
    imports wait in revisions until approved); a quiz never published is a 404."""
    original = Quiz.objects.filter(translation_key=OuterRef("translation_key")).order_by("id")
    quiz = (
        Quiz.objects.select_related("module", "course", "locale")
        .annotate(
            original_id=original_id_of(Quiz),
            original_live_revision_id=Subquery(original.values("live_revision_id")[:1]),
        )
        .filter(pk=quiz_id, live=True)
        .first()
    )
    if quiz is None or not (quiz.module_id or quiz.course_id):
        raise Http404("No such quiz")
    return quiz


def quiz_page(quiz: Quiz):
    """The page a quiz belongs to (its module, or the course of a final assessment): its
    view restrictions are the quiz's."""
    return quiz.module if quiz.module_id else quiz.course


def quiz_page_id(quiz: Quiz) -> int | None:
    """``quiz_page``'s id, without loading the page: the attempt views pass it to
    ``courses.access``, which loads the page only on a site where some page is restricted."""
    return quiz.module_id or quiz.course_id


def course_path_of(quiz: Quiz) -> str:
    return course_selectors.course_path_of(quiz.course if quiz.course_id else quiz.module)


def enrollment_for_quiz(*, user, quiz: Quiz) -> Enrollment | None:
    """The learner's enrolment in the quiz's course, with the course, in one query: the
    original's, for a quiz of a translated course (``courses.translations``)."""
    course = CoursePage.objects.filter(path=course_path_of(quiz)).values("translation_key")
    return (
        Enrollment.objects.current()
        .select_related("course")
        .filter(user=user, course__translation_key__in=course)
        .first()
    )


def attempts_of(*, user, quiz: Quiz, cycle: int = 1) -> list[Attempt]:
    """The learner's attempts at the quiz in one enrolment cycle (see ``Attempt.cycle``)."""
    return list(
        Attempt.objects.filter(user=user, quiz_id=quiz.record_id, cycle=cycle)
        .defer("frozen")
        .order_by("number")
    )


def attempt_get_for_owner(*, attempt_id: int, user) -> Attempt:
    """Another learner's attempt is a 404, not a 403: its existence is nobody's business."""
    attempt = (
        Attempt.objects.select_related("quiz", "quiz__locale")
        .filter(pk=attempt_id, user=user)
        .first()
    )
    if attempt is None:
        raise Http404("No such attempt")
    return attempt


def quiz_as_taken(*, attempt: Attempt) -> Quiz:
    """The quiz in the language the attempt was taken in: its live translation (whose way
    on, course and "Try again" are in that language), else the quiz the attempt is recorded
    against (the original). No query when the attempt was taken in the original's
    language (``attempt_get_for_owner`` reads its locale with it), else one."""
    original = attempt.quiz
    if attempt.language in ("", original.locale.language_code):
        return original
    taken = (
        Quiz.objects.select_related("module", "course", "locale")
        .filter(
            translation_key=original.translation_key,
            locale__language_code=attempt.language,
            live=True,
        )
        .first()
    )
    if taken is None or not (taken.module_id or taken.course_id):
        return original
    taken.original_id = original.pk  # recorded against the original (``Quiz.record_id``)
    return taken


@dataclass
class AttemptsSummary:
    attempts: list[Attempt]
    max_attempts: int | None

    @property
    def used(self) -> int:
        return len(self.attempts)

    @property
    def left(self) -> int | None:
        return None if self.max_attempts is None else max(0, self.max_attempts - self.used)

    @property
    def open_attempt(self) -> Attempt | None:
        return next((a for a in self.attempts if a.is_open), None)

    @property
    def best(self) -> Attempt | None:
        graded = [a for a in self.attempts if a.percent is not None]
        return max(graded, key=lambda a: a.percent, default=None)

    @property
    def passed(self) -> bool:
        return any(a.passed for a in self.attempts)


def attempts_summary(*, user, quiz: Quiz, cycle: int = 1) -> AttemptsSummary:
    return AttemptsSummary(
        attempts=attempts_of(user=user, quiz=quiz, cycle=cycle), max_attempts=quiz.max_attempts
    )


def attempt_page_context(*, attempt: Attempt) -> dict:
    saved = dict(attempt.answers.values_list("question_key", "response"))
    questions = learner_view(attempt.frozen)
    for question in questions:
        question["saved"] = saved.get(str(question["id"]))
        for item in question.get("items", []):
            item["saved"] = (question["saved"] or {}).get(str(item["id"]))
    return {"attempt": attempt, "questions": questions}


def quiz_preview_context(*, quiz: Quiz) -> dict:
    return {"quiz": quiz, "questions": learner_view(freeze_quiz(quiz)), "preview": True}


@dataclass
class QuestionStats:
    key: str
    text: str
    attempts: int
    percent_correct: float
    discrimination: float | None


@dataclass
class QuizStats:
    attempts: int
    mean_percent: float | None
    pass_rate: float | None
    questions: list[QuestionStats]


@dataclass
class VersionTaken:
    """A revision of a quiz that learners took, for item analysis's version filter."""

    revision_id: int | None  # None: attempts from before revisions were recorded
    created_at: datetime | None
    attempts: int
    live: bool


def quiz_versions_taken(*, quiz: Quiz) -> list[VersionTaken]:
    """The revisions submitted attempts were taken with, newest first, with how many
    attempts each. One query."""
    rows = (
        Attempt.objects.filter(quiz=quiz, status=Attempt.Status.SUBMITTED)
        .values("quiz_revision_id", "quiz_revision__created_at")
        .annotate(n=Count("id"))
        .order_by(F("quiz_revision__created_at").desc(nulls_last=True))
    )
    return [
        VersionTaken(
            revision_id=row["quiz_revision_id"],
            created_at=row["quiz_revision__created_at"],
            attempts=row["n"],
            live=row["quiz_revision_id"] is not None
            and row["quiz_revision_id"] == quiz.live_revision_id,
        )
        for row in rows
    ]


def _revision_question_texts(revision_id: int) -> dict[str, str]:
    """Question texts by block id as that revision had them (one query, raw content: no
    blocks built)."""
    content = Revision.objects.filter(pk=revision_id).values_list("content", flat=True).first()
    stream = (content or {}).get("questions") or []
    if isinstance(stream, str):  # StreamField content is kept as a JSON string
        stream = json.loads(stream)
    return {block.get("id"): (block.get("value") or {}).get("text", "") for block in stream}


def quiz_languages_taken(*, quiz: Quiz) -> list[str]:
    """The languages submitted attempts were taken in (an attempt from before translations
    has none: the quiz's own), for item analysis's language filter. One query."""
    taken = (
        Attempt.objects.filter(quiz=quiz, status=Attempt.Status.SUBMITTED)
        .values_list("language", flat=True)
        .distinct()
        .order_by()
    )
    return language_order(language or quiz.locale.language_code for language in taken)


def quiz_item_analysis(
    *, quiz: Quiz, revision_id: int | None = None, language: str = ""
) -> QuizStats:
    """Per question: attempts, % fully correct, and discrimination (mean score of the top
    27% of attempts minus the bottom 27%). Per quiz: mean score and pass rate.

    Of every submitted attempt, or (``revision_id``) of those taken with one revision of the
    quiz, its questions named as that revision had them: a question reworded between two
    versions is two different items. Two queries, three with a revision.

    Attempts taken in a translation are the original's (``Attempt.quiz``), with the
    original's version and question keys (block ids), so they count with the same
    questions; ``language`` narrows them to those taken in one language."""
    submitted = Attempt.objects.filter(quiz=quiz, status=Attempt.Status.SUBMITTED)
    if language:
        own = language == quiz.locale.language_code
        submitted = submitted.filter(
            Q(language=language) | Q(language="") if own else Q(language=language)
        )
    if revision_id is not None:
        submitted = submitted.filter(quiz_revision_id=revision_id)
        texts = _revision_question_texts(revision_id)
    else:
        texts = {child.id: child.value["text"] for child in quiz.questions}
    return _quiz_stats(submitted, texts)


def _quiz_stats(submitted, texts: dict[str, str]) -> QuizStats:
    totals = submitted.aggregate(
        n=Count("id"), mean=Avg("percent"), passed=Count("id", filter=Q(passed=True))
    )
    rows = AttemptAnswer.objects.filter(attempt__in=submitted).values_list(
        "attempt_id", "question_key", "fraction", "attempt__percent"
    )
    by_question: dict[str, list[tuple[float, float]]] = {}
    for _attempt, key, fraction, percent in rows:
        by_question.setdefault(key, []).append((float(percent or 0), float(fraction or 0)))
    questions = [
        QuestionStats(
            key=key,
            text=texts.get(key) or _("(question since removed)"),
            attempts=len(values),
            percent_correct=100 * sum(1 for _p, f in values if f >= 1) / len(values),
            discrimination=_discrimination(values),
        )
        for key, values in by_question.items()
    ]
    questions.sort(key=lambda s: s.percent_correct)
    n = totals["n"]
    return QuizStats(
        attempts=n,
        mean_percent=float(totals["mean"]) if totals["mean"] is not None else None,
        pass_rate=100 * totals["passed"] / n if n else None,
        questions=questions,
    )


def _discrimination(values: list[tuple[float, float]]) -> float | None:
    if len(values) < 4:
        return None
    ordered = sorted(values, key=lambda v: v[0])
    size = max(1, round(len(ordered) * 0.27))
    lower, upper = ordered[:size], ordered[-size:]
    return sum(f for _p, f in upper) / size - sum(f for _p, f in lower) / size


def quizzes_with_changes_under(root) -> list:
    """The quizzes of a course or module and of the modules below it that have changes not
    yet live (new, or edited since their last approval): they go to review with the course's
    pages when it is submitted as a whole (``courses.submission_selectors``). One query."""
    under = Q(module__path__startswith=root.path) | Q(course__path__startswith=root.path)
    drafts = Q(live=False) | Q(has_unpublished_changes=True)
    return list(Quiz.objects.filter(under, drafts).order_by("pk"))
