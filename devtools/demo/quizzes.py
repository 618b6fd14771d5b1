"""Adds "a quiz per module and a final assessment" (docs/targets.md, "Demo data") to the demo
courses. ``devtools.demo.builder`` runs it after the courses exist and before the demo
learner's progress, which counts the quizzes as steps.

The questions are Moodle GIFT, one file per course, ``courses/<course slug>/quizzes.gift``
beside its ``course.json``: trainers can read them and export them to Moodle, and they go
through the same parser and import service as a file uploaded in the admin. ``$CATEGORY:``
lines say which quiz a question belongs to:

- ``$CATEGORY: module-1``, ``module-2``, ...: the quiz of the course's first, second, ...
  module, in the order of its ``course.json``;
- ``$CATEGORY: final``: the course's final assessment.

Each file must have exactly one category per module and ``final``. A GIFT error, a
question outside these categories, or a missing file is a defect of what we ship and
raises ``DemoQuizFileError`` with every problem listed: the demo never quietly lacks a quiz.

Idempotent by lookup, like the rest of the demo: a module that already has a quiz and a
course that already has a final assessment are left exactly as they are, and a demo course
or module that is no longer where the demo put it (deleted, moved or renamed by a trainer)
is skipped. A module or course that lacks its quiz, for example one seeded before quizzes
existed, gets it on the next run.
"""

from collections import defaultdict
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

from assessments.gift import parse_gift
from assessments.models import Quiz
from assessments.questions import QuestionData
from assessments.services import quiz_import_questions, quiz_publish
from courses import selectors as course_selectors
from courses.models import CoursePage, ModulePage
from devtools.demo import content
from devtools.demo.report import DemoReport

QUIZ_FILE = "quizzes.gift"
FINAL = "final"

# Module quizzes are practice: take them as often as you like and see the answers each time.
MODULE_QUIZ = {
    "pass_mark": 60,
    "max_attempts": None,
    "time_limit_minutes": None,
    "shuffle_questions": False,
    "shuffle_choices": True,
    "review_policy": Quiz.ReviewPolicy.ALWAYS,
}
# The final assessment decides completion: limited attempts and time, answers only once
# passed, so that the second attempt is not a copy of the first one's review.
FINAL_ASSESSMENT = {
    "pass_mark": 70,
    "max_attempts": 3,
    "time_limit_minutes": 30,
    "shuffle_questions": True,
    "shuffle_choices": True,
    "review_policy": Quiz.ReviewPolicy.AFTER_PASS,
}


# The pass mark, time limit and attempts are shown beside the instructions from the quiz's
# settings, so the instructions leave them out and cannot go stale when a trainer edits them.
def typing_help() -> str:
    text = gettext(
        "Typed answers ignore capital letters and accents; where a question says so, answer "
        "in English, French, Spanish or Arabic. Write numbers in digits without thousands "
        "separators; a decimal point or a decimal comma are both fine."
    )
    return f"<p>{text}</p>"


def module_quiz_texts(*, number: int, module_title: str, count: int) -> dict[str, str]:
    """The title and instructions of a module's quiz, in the active language."""
    about = ngettext(
        "%(count)s question on the lessons of this module.",
        "%(count)s questions on the lessons of this module.",
        count,
    ) % {"count": count}
    after = gettext("After each attempt you see the right answers and why.")
    return {
        "title": gettext("Module %(number)s quiz: %(module)s")
        % {"number": number, "module": module_title},
        "instructions": f"<p>{about} {after}</p>" + typing_help(),
    }


def final_assessment_texts(*, course_title: str, count: int) -> dict[str, str]:
    """The title and instructions of a course's final assessment, in the active language."""
    about = ngettext(
        "%(count)s question on the whole course, in a different order at each attempt.",
        "%(count)s questions on the whole course, in a different order at each attempt.",
        count,
    ) % {"count": count}
    after = gettext("The right answers are shown once you have passed.")
    return {
        "title": gettext("Final assessment: %(course)s") % {"course": course_title},
        "instructions": f"<p>{about} {after}</p>" + typing_help(),
    }


class DemoQuizFileError(Exception):
    """A shipped GIFT file cannot be imported as it is."""


def quiz_file(slug: str) -> Path:
    return content.course_dir(slug) / QUIZ_FILE


def module_category(number: int) -> str:
    return f"module-{number}"


def build_demo_quizzes(*, trainer, report: DemoReport) -> None:
    """Create the quizzes the demo courses lack; ``trainer`` is recorded as their author."""
    catalogue = course_selectors.catalogue_get()
    courses = {
        course.slug: course
        for course in CoursePage.objects.child_of(catalogue).filter(
            slug__in=[spec["slug"] for spec in content.COURSES]
        )
    }
    for spec in content.COURSES:
        questions = load_demo_questions(spec)
        course = courses.get(spec["slug"])
        if course is None:
            continue
        _ensure_module_quizzes(report, spec, course=course, questions=questions, user=trainer)
        _ensure_final_assessment(report, course=course, questions=questions[FINAL], user=trainer)


def load_demo_questions(spec: dict) -> dict[str, list[QuestionData]]:
    """The questions of a demo course's GIFT file by category; raises on any problem."""
    path = quiz_file(spec["slug"])
    if not path.is_file():
        raise DemoQuizFileError(f"{path}: missing; every demo course needs its quizzes")
    result = parse_gift(path.read_text(encoding="utf-8"))
    problems = [f"{path}:{error}" for error in result.errors]
    grouped: dict[str, list[QuestionData]] = defaultdict(list)
    for question in result.questions:
        grouped[question.category].append(question)
    expected = [module_category(n) for n in range(1, len(spec["modules"]) + 1)] + [FINAL]
    problems += [
        f"{path}: no questions in $CATEGORY: {category}"
        for category in expected
        if category not in grouped
    ]
    problems += [
        f"{path}:line {questions[0].line}: unknown category {category!r}; expected one of "
        f"{', '.join(expected)}"
        for category, questions in grouped.items()
        if category not in expected
    ]
    if problems:
        raise DemoQuizFileError("\n".join(problems))
    return dict(grouped)


def _ensure_module_quizzes(
    report: DemoReport, spec: dict, *, course: CoursePage, questions: dict, user
) -> None:
    modules = {module.slug: module for module in ModulePage.objects.child_of(course)}
    with_quiz = set(
        Quiz.objects.filter(module__in=modules.values()).values_list("module_id", flat=True)
    )
    for number, module_spec in enumerate(spec["modules"], start=1):
        module = modules.get(slugify(module_spec["title"]))
        if module is None:
            continue
        if module.pk in with_quiz:
            report.count("quizzes", created=False)
            continue
        category_questions = questions[module_category(number)]
        imported = quiz_import_questions(
            questions=category_questions,
            quiz=Quiz(
                **module_quiz_texts(
                    number=number, module_title=module.title, count=len(category_questions)
                ),
                module=module,
                **MODULE_QUIZ,
            ),
            user=user,
        )
        quiz_publish(quiz=imported, user=user)  # shipped content: live without review
        report.count("quizzes", created=True)


def _ensure_final_assessment(
    report: DemoReport, *, course: CoursePage, questions: list[QuestionData], user
) -> None:
    if Quiz.objects.filter(course=course).exists():
        report.count("final assessments", created=False)
        return
    imported = quiz_import_questions(
        questions=questions,
        quiz=Quiz(
            **final_assessment_texts(course_title=course.title, count=len(questions)),
            course=course,
            **FINAL_ASSESSMENT,
        ),
        user=user,
    )
    quiz_publish(quiz=imported, user=user)  # shipped content: live without review
    report.count("final assessments", created=True)
