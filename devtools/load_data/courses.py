"""The courses of the load data: live Wagtail pages added to the tree with ``add_child``,
each with a final assessment imported through the assessments service, and the ways of
answering it, graded once by the real grader."""

import json
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from assessments import questions as q
from assessments.frozen import freeze_quiz, max_score, model_answers, thaw_questions
from assessments.grading import grade_attempt
from assessments.models import Quiz
from assessments.services import quiz_import_questions, quiz_publish
from courses import selectors
from courses.models import CoursePage, LessonPage, ModulePage, Topic
from courses.outline import lesson_step_key
from devtools.demo.content import TOPICS
from devtools.load_data import names
from devtools.load_data.base import PREFIX


@dataclass
class QuizResult:
    """One way of answering a final assessment, with its grade."""

    graded_json: str  # the responses, as Attempt.graded_responses keeps them
    score: Decimal
    percent: Decimal
    passed: bool
    answers: list[tuple[str, str, Decimal, Decimal]]  # question key, response JSON, fraction, score


@dataclass
class Draw:
    """One set of questions an attempt drew, frozen, with the ways of answering it."""

    frozen_json: str
    max_score: Decimal
    passes: list[QuizResult]
    fails: list[QuizResult]


@dataclass
class CoursePlan:
    """What the learners' rows need to know about a course, read once."""

    id: int
    title: str
    hours: int
    lesson_keys: list[str]  # in outline order
    quiz_id: int
    quiz_key: str
    draws: list[Draw]


def build_courses(count: int, *, seed: int) -> tuple[list[CoursePlan], int]:
    """``count`` courses with their pages and final assessments; returns their plans and
    how many pages were made."""
    catalogue = selectors.catalogue_get()
    topics = _topics()
    plans, pages = [], 0
    for number in range(count):
        slug, title = names.COURSE_TITLES[number % len(names.COURSE_TITLES)]
        if number >= len(names.COURSE_TITLES):
            title = f"{title} ({number // len(names.COURSE_TITLES) + 1})"
        topic = topics.get(slug) or list(topics.values())[number % len(topics)]
        course, lessons, made = _course_pages(catalogue, number, title=title, topic=topic)
        pages += made
        plans.append(_course_plan(course, lessons, seed=seed + number))
    return plans, pages


def _topics() -> dict[str, Topic]:
    # The originals: a translation shares its original's slug and comes after it.
    topics = {topic.slug: topic for topic in Topic.objects.order_by("-id")}
    if not topics:  # the demo's topics, so that seed_demo finds them later
        for spec in TOPICS:
            topics[spec["slug"]] = Topic.objects.create(**spec)
    return topics


def _publish(parent, page):
    """Live from the start, as a page created through a migration or fixture is: three
    times faster than a published revision (Wagtail saves the page three times then). The
    page's revision history starts with a trainer's first edit."""
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = timezone.now()
    return parent.add_child(instance=page)


def _course_pages(catalogue, number: int, *, title: str, topic: Topic):
    """Two or three modules of two or three lessons: 5 to 10 steps with the assessment."""
    modules, per_module = 2 + number % 2, 2 + (number // 2) % 2
    minutes = [20 + 5 * ((number + n) % 6) for n in range(modules * per_module)]
    course = _publish(
        catalogue,
        CoursePage(
            title=title,
            slug=f"{PREFIX}{slugify(title)}"[:200],
            summary=f"{title}: a self-paced course for officials, with a final assessment.",
            description=f"<p>{names.COURSE_DESCRIPTION}</p>",
            objectives=[("objective", text) for text in names.OBJECTIVES],
            requirements="None: the course starts from the basics.",
            topic=topic,
            level=CoursePage.Level.values[number % 3],
            duration_hours=max(1, math.ceil(sum(minutes) / 60)),
        ),
    )
    lessons = []
    for m in range(modules):
        heading = names.MODULE_TITLES[(number + m) % len(names.MODULE_TITLES)]
        module = _publish(
            course,
            ModulePage(title=f"Module {m + 1}: {heading}", slug=f"module-{m + 1}", summary=heading),
        )
        for n in range(per_module):
            index = m * per_module + n
            name = names.LESSON_TITLES[(number + index) % len(names.LESSON_TITLES)]
            body = [
                ("heading", {"text": name}),
                ("rich_text", f"<p>{names.LESSON_TEXT.format(course=title)}</p>"),
            ]
            lesson = LessonPage(
                title=f"{m + 1}.{n + 1} {name}",
                slug=f"lesson-{m + 1}-{n + 1}",
                estimated_minutes=minutes[index],
                body=body,
            )
            lessons.append(_publish(module, lesson))
    return course, lessons, 1 + modules + len(lessons)


DRAWN = 2  # questions per attempt, out of the six of names.QUESTIONS
DRAWS = 6  # frozen variants per course


def _course_plan(course: CoursePage, lessons: list[LessonPage], *, seed: int) -> CoursePlan:
    """Attempts draw two of six questions: a realistic bank, and a frozen copy (about
    1.7 kB) that PostgreSQL keeps in the row instead of compressing it out of line, which
    makes writing half a million attempts several times cheaper."""
    quiz = quiz_import_questions(
        questions=[_question(*spec) for spec in names.QUESTIONS],
        quiz=Quiz(
            title=f"Final assessment: {course.title}"[:200],
            course=course,
            pass_mark=70,
            max_attempts=3,
            time_limit_minutes=30,
            draw_count=DRAWN,
            review_policy=Quiz.ReviewPolicy.AFTER_PASS,
        ),
    )
    quiz = quiz_publish(quiz=quiz)  # loaded content: live without review
    rng = random.Random(seed)
    draws = []
    for _ in range(DRAWS):
        frozen = freeze_quiz(quiz, rng=rng)
        results = quiz_results(frozen, rotate=seed)
        draws.append(
            Draw(
                frozen_json=json.dumps(frozen),
                max_score=max_score(frozen),
                passes=[result for result in results if result.passed],
                fails=[result for result in results if not result.passed],
            )
        )
    return CoursePlan(
        id=course.pk,
        title=course.title,
        hours=course.duration_hours,
        lesson_keys=[lesson_step_key(lesson.pk) for lesson in lessons],
        quiz_id=quiz.pk,
        quiz_key=quiz.step_key,
        draws=draws,
    )


def _question(text: str, right: str, *wrong: str) -> q.QuestionData:
    return q.QuestionData(
        type=q.SINGLE,
        text=text,
        choices=[q.ChoiceData(text=right, is_correct=True)]
        + [q.ChoiceData(text=option) for option in wrong],
    )


def quiz_results(frozen: dict, *, rotate: int = 0) -> list[QuizResult]:
    """Answers with no wrong answer, one, two... up to all wrong, each graded by the real
    grader. Which questions go wrong first depends on ``rotate``, so that item analysis
    finds a different hardest question in each course."""
    questions = thaw_questions(frozen)
    items = frozen["questions"]
    order = [items[(rotate + n) % len(items)] for n in range(len(items))]
    results = []
    for wrong in range(len(items) + 1):
        responses = model_answers(frozen)
        for item in order[:wrong]:
            responses[str(item["id"])] = next(
                choice["id"] for choice in item["choices"] if not choice["is_correct"]
            )
        grade = grade_attempt(questions, responses, Decimal(frozen["pass_mark"]))
        answers = [
            (key, json.dumps(responses[key]), grade.answers[key].fraction, grade.answers[key].score)
            for key in (str(item["id"]) for item in items)
        ]
        results.append(
            QuizResult(json.dumps(responses), grade.score, grade.percent, grade.passed, answers)
        )
    return results
