"""``seed_demo``'s quizzes: a five-question quiz per demo module and a ten-question final
assessment per demo course, imported from the GIFT file shipped with each demo course
(``devtools/demo/courses/<slug>/quizzes.gift``)."""

import re
from collections import Counter
from types import SimpleNamespace

import pytest
from wagtail.models import Revision

from accounts.models import User
from assessments.frozen import freeze_quiz, thaw_questions
from assessments.grading import grade_attempt
from assessments.models import Quiz
from assessments.services import attempt_start, attempt_submit
from courses import selectors
from courses.models import CoursePage, ModulePage
from courses.outline import LESSON
from devtools.demo import content
from devtools.demo.quizzes import DemoQuizFileError, load_demo_questions
from tests.devtools.demo_run import seed_demo
from tests.factories.assessments import right_answers

COURSE_SLUGS = [spec["slug"] for spec in content.COURSES]


# The demo courses as written, in English; seed_demo also makes their translations
# (tests/devtools/test_seed_translations.py), which share their slugs.
ENGLISH = {"locale__language_code": "en"}


def _module_quizzes(course: CoursePage) -> list[Quiz]:
    return list(
        Quiz.objects.filter(module__in=ModulePage.objects.child_of(course)).order_by("title")
    )


def _quiz_types(quiz: Quiz) -> set[str]:
    return {question.type for _key, question in quiz.question_data()}


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_seeded")
class TestSeededQuizzes:
    """The tests on one run of seed_demo (tests/devtools/conftest.py)."""

    def test_every_demo_module_has_a_quiz_of_five_mixed_questions(self):
        modules = ModulePage.objects.filter(
            pk__in=[
                module.pk
                for course in CoursePage.objects.filter(slug__in=COURSE_SLUGS, **ENGLISH)
                for module in ModulePage.objects.child_of(course)
            ]
        )
        assert modules.count() == 12
        for module in modules:
            quiz = Quiz.objects.get(module=module)
            assert len(quiz.questions) == 5, quiz.title
            assert len(_quiz_types(quiz)) >= 3, quiz.title
            assert quiz.title.endswith(f": {module.title}")
            assert re.match(r"Module [1-3] quiz: ", quiz.title)

    def test_every_demo_course_has_a_final_assessment_of_ten_mixed_questions(self):
        for course in CoursePage.objects.filter(slug__in=COURSE_SLUGS, **ENGLISH):
            quiz = Quiz.objects.get(course=course)
            assert quiz.title == f"Final assessment: {course.title}"
            assert len(quiz.questions) == 10
            assert len(_quiz_types(quiz)) >= 5, quiz.title

    def test_module_quizzes_are_practice_and_final_assessments_are_exams(self):
        for quiz in Quiz.objects.filter(module__isnull=False):
            assert 60 <= quiz.pass_mark <= 70
            assert quiz.max_attempts is None and quiz.time_limit_minutes is None
            assert quiz.review_policy == Quiz.ReviewPolicy.ALWAYS
            assert quiz.shuffle_choices
        finals = Quiz.objects.filter(course__isnull=False)
        assert finals.filter(**ENGLISH).count() == 4  # and their translations
        for quiz in finals:
            assert 70 <= quiz.pass_mark <= 75
            assert (quiz.max_attempts, quiz.time_limit_minutes) == (3, 30)
            assert quiz.review_policy == Quiz.ReviewPolicy.AFTER_PASS
            assert quiz.shuffle_questions and quiz.shuffle_choices

    def test_each_quiz_has_a_revision_by_the_demo_trainer(self):
        trainer = User.objects.get(email=content.AUTHOR_EMAIL)
        for quiz in Quiz.objects.filter(title__regex=r"^(Module \d quiz|Final assessment): "):
            assert quiz.latest_revision is not None
            assert quiz.latest_revision.user == trainer

    def test_the_right_answers_score_full_marks_on_every_quiz(self):
        """Every answer key the files declare is one grading accepts: numbers, pairs,
        weights and accepted texts survive the import."""
        quizzes = Quiz.objects.exclude(module=None, course=None)  # translations included
        assert quizzes.filter(**ENGLISH).count() == 16
        for quiz in quizzes:
            frozen = freeze_quiz(quiz)
            grade = grade_attempt(
                thaw_questions(frozen),
                right_answers(SimpleNamespace(frozen=frozen)),
                quiz.pass_mark,
            )
            assert grade.percent == 100, quiz.title

    def test_the_demo_learner_has_finished_one_course_with_every_quiz_passed(self):
        from assessments.models import Attempt
        from courses.models import Enrollment

        learner = User.objects.get(email=content.LEARNER_PROGRESS["email"])

        [done] = Enrollment.objects.filter(user=learner, status=Enrollment.Status.COMPLETED)
        assert done.course.slug == "supporting-migrant-integration"
        assert Attempt.objects.filter(user=learner, passed=True).count() == 3 + 1

    def test_the_demo_learner_is_part_way_with_quizzes_counted_as_steps(self):
        learner = User.objects.get(email=content.LEARNER_PROGRESS["email"])

        [row] = [r for r in selectors.dashboard_rows(user=learner) if not r.enrollment.is_completed]

        assert row.course.slug == content.LEARNER_PROGRESS["course"]
        quiz_steps = [step for step in row.progress.outline.steps if step.kind != LESSON]
        assert len(quiz_steps) == 3 + 1  # three module quizzes and the final assessment
        assert row.progress.total == 9 + 3 + 1
        assert row.progress.done == content.LEARNER_PROGRESS["lessons_completed"]
        assert 0 < row.progress.percent < 100
        assert not row.progress.locked_keys

    def test_the_demo_learner_can_take_and_pass_a_module_quiz(self):
        learner = User.objects.get(email=content.LEARNER_PROGRESS["email"])
        course = CoursePage.objects.get(slug=content.LEARNER_PROGRESS["course"], **ENGLISH)
        quiz = _module_quizzes(course)[1]

        attempt = attempt_start(user=learner, quiz=quiz)
        attempt = attempt_submit(attempt=attempt, responses=right_answers(attempt))

        assert attempt.passed
        assert len(attempt.frozen["questions"]) == 5

    def test_a_second_run_creates_no_quiz_and_no_revision(self):
        before = (Quiz.objects.count(), Revision.objects.count())

        output = seed_demo()

        assert (Quiz.objects.count(), Revision.objects.count()) == before
        assert re.search(r"created:\s+nothing", output)
        assert "quizzes 12" in output and "final assessments 4" in output

        # Found by module, not remembered: a module that lost its quiz gets one again.
        Quiz.objects.filter(title__startswith="Module 2 quiz: ").first().delete()
        output = seed_demo()

        assert Quiz.objects.count() == before[0]
        assert re.search(r"created:\s+quizzes 1\n", output)


# --- the shipped files, without a database ----------------------------------------------


@pytest.mark.parametrize("spec", content.COURSES, ids=COURSE_SLUGS)
def test_the_shipped_gift_file_parses_without_errors(spec):
    questions = load_demo_questions(spec)

    assert list(questions) == ["module-1", "module-2", "module-3", "final"]
    assert [len(questions[key]) for key in questions] == [5, 5, 5, 10]
    for category, items in questions.items():
        assert len({question.type for question in items}) >= 3, category
    # Explanations on most questions: the review is where a learner learns from a mistake.
    every = [question for items in questions.values() for question in items]
    assert sum(1 for question in every if question.general_feedback) >= 0.8 * len(every)


def test_the_right_answers_are_spread_over_the_positions():
    """Right answers written first taught learners to pick the first option (issue 12,
    finding 3): no position holds more than half of the single-choice answers, and the
    first option of a multiple-choice question is sometimes wrong."""
    every = [
        question
        for spec in content.COURSES
        for items in load_demo_questions(spec).values()
        for question in items
    ]
    single = [question for question in every if question.type == "single"]
    positions = Counter(
        next(n for n, choice in enumerate(question.choices) if choice.is_correct)
        for question in single
    )
    assert len(single) >= 20
    assert max(positions.values()) <= len(single) / 2, positions
    assert len(positions) >= 3, positions
    multiple = [question for question in every if question.type == "multiple"]
    first_wrong = sum(1 for question in multiple if (question.choices[0].weight or 0) <= 0)
    assert first_wrong >= len(multiple) / 4


def test_every_shipped_course_folder_is_a_demo_course_with_its_quizzes():
    folders = {path.name for path in content.COURSES_DIR.iterdir() if path.is_dir()}
    with_quizzes = {path.parent.name for path in content.COURSES_DIR.glob("*/quizzes.gift")}
    assert folders == with_quizzes == set(COURSE_SLUGS)


def _spec_with_modules(count: int) -> dict:
    return {"slug": "a-course", "modules": [{"title": f"Module {n}"} for n in range(count)]}


def test_a_gift_error_in_a_shipped_file_fails_loudly(tmp_path, monkeypatch):
    monkeypatch.setattr(content, "COURSES_DIR", tmp_path)
    (tmp_path / "a-course").mkdir()
    (tmp_path / "a-course" / "quizzes.gift").write_text(
        "$CATEGORY: module-1\nWhat is right? {=yes ~no}\n\n"
        "$CATEGORY: final\nWhat is wrong? {=yes =no ~maybe}\n",
        encoding="utf-8",
    )

    with pytest.raises(DemoQuizFileError, match=r"a-course/quizzes\.gift:line 5: 2 answers"):
        load_demo_questions(_spec_with_modules(1))


def test_a_category_that_maps_to_no_quiz_fails_loudly(tmp_path, monkeypatch):
    monkeypatch.setattr(content, "COURSES_DIR", tmp_path)
    (tmp_path / "a-course").mkdir()
    (tmp_path / "a-course" / "quizzes.gift").write_text(
        "$CATEGORY: module-1\nOne? {T}\n\n$CATEGORY: module-2\nTwo? {T}\n\n"
        "$CATEGORY: final\nThree? {T}\n",
        encoding="utf-8",
    )

    with pytest.raises(DemoQuizFileError, match="unknown category 'module-2'"):
        load_demo_questions(_spec_with_modules(1))
    with pytest.raises(DemoQuizFileError, match=r"no questions in \$CATEGORY: module-3"):
        load_demo_questions(_spec_with_modules(3))
    with pytest.raises(DemoQuizFileError, match="missing"):
        load_demo_questions({**_spec_with_modules(1), "slug": "no-such-course"})
