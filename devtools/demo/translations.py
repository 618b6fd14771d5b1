"""Translated copies of the demo courses (issue 15, item 4), from the files beside each
original: ``course.<language>.json`` and ``quizzes.<language>.gift``, which have the same
keys, lists and questions in the same order as ``course.json`` and ``quizzes.gift``, with
only the text translated. A language whose course file is absent is skipped; a translation
that exists is left as it is (a trainer may have edited it).

Each course is copied for translation the wagtail-localize way
(``courses.services.translation``), so every page and quiz keeps its original's
``translation_key`` and block ids, then the translated text is written in position by
position and published by the lead trainer. Quiz titles and instructions are written in the
language from the same wording as the originals' (``devtools.demo.quizzes``).

The topics, the catalogue's title and introduction and the home page's headline and
introduction are translated from ``site.<language>.json`` the same way; the topics first,
so that a translated course is tagged with the translated topic.
"""

from collections import defaultdict

from django.utils import translation
from wagtail.models import Locale, Page

from assessments.blocks import question_to_block
from assessments.gift import parse_gift
from assessments.models import Quiz
from courses import selectors as course_selectors
from courses.models import CoursePage, LessonPage, ModulePage, Topic
from courses.services.translation import course_translate, object_translate
from devtools.demo import content
from devtools.demo.quizzes import (
    FINAL,
    final_assessment_texts,
    module_category,
    module_quiz_texts,
)
from devtools.demo.report import DemoReport

LANGUAGES = ("fr", "es", "ar")


def build_demo_translations(*, publisher, report: DemoReport) -> None:
    catalogue = course_selectors.catalogue_get()
    # The languages the demo has a course in; the topics, the catalogue and the home page
    # are translated into those.
    sites = {
        language: content.translated_site(language)
        for language in LANGUAGES
        if any(content.translated_course(spec["slug"], language) for spec in content.COURSES)
    }
    sites = {language: site for language, site in sites.items() if site is not None}
    for language, site in sites.items():
        _translate_topics(site["topics"], _locale(language), publisher, report)
    _translate_courses(catalogue, publisher, report)
    for language, site in sites.items():
        locale = _locale(language)
        _translate_site_page(catalogue, locale, publisher, report, site["catalogue"])
        home = catalogue.get_parent().specific
        _translate_site_page(home, locale, publisher, report, site["home"])


def _locale(language: str) -> Locale:
    return Locale.objects.get_or_create(language_code=language)[0]


def _translate_topics(specs: list[dict], locale, user, report: DemoReport) -> None:
    """Each demo topic's translation, found by the original's slug; one that exists is
    left as it is."""
    for spec in specs:
        original = Topic.objects.filter(slug=spec["slug"]).order_by("id").first()
        if original is None:
            continue
        if Topic.objects.filter(translation_key=original.translation_key, locale=locale).exists():
            report.count("translated topics", created=False)
            continue
        topic = object_translate(obj=original, locale=locale, user=user)
        topic.name, topic.description = spec["name"], spec["description"]
        topic.save()
        report.count("translated topics", created=True)


def _translate_site_page(original: Page, locale, user, report: DemoReport, fields: dict) -> None:
    """The catalogue's or the home page's translation with these fields written in, while
    it still has the original's text (wagtail-localize made it with the first course
    translated into the language, as an alias of the original until it is translated);
    one a trainer has edited is left as it is."""
    page = original.get_translation_or_none(locale)
    if page is None or page.alias_of_id:
        page = object_translate(obj=original, locale=locale)  # see the publish below
    page, original = page.specific, original.specific
    if any(getattr(page, name) != getattr(original, name) for name in fields):
        report.count("translated site pages", created=False)
        return
    for name, value in fields.items():
        setattr(page, name, value)
    # Published without a permission check: the demo's lead trainer may publish in the
    # catalogue, not the home page (its editor is the administrator).
    page.save_revision(user=user).publish()
    report.count("translated site pages", created=True)


def _translate_courses(catalogue, publisher, report: DemoReport) -> None:
    for spec in content.COURSES:
        course = CoursePage.objects.child_of(catalogue).filter(slug=spec["slug"]).first()
        if course is None:
            continue
        for language in LANGUAGES:
            translated = content.translated_course(spec["slug"], language)
            if translated is None:
                continue
            locale = _locale(language)
            if CoursePage.objects.filter(
                translation_key=course.translation_key, locale=locale
            ).exists():
                report.count("translated courses", created=False)
                continue
            questions = _translated_questions(spec["slug"], language)
            course_translate_from(
                course=course,
                translated=translated,
                questions=questions,
                locale=locale,
                user=publisher,
            )
            report.count("translated courses", created=True)


def _translated_questions(slug: str, language: str) -> dict[str, list]:
    path = content.course_dir(slug) / f"quizzes.{language}.gift"
    if not path.is_file():
        return {}
    grouped: dict[str, list] = defaultdict(list)
    for question in parse_gift(path.read_text(encoding="utf-8")).questions:
        grouped[question.category].append(question)
    return dict(grouped)


def course_translate_from(*, course, translated: dict, questions: dict, locale, user) -> None:
    """Copy the course for translation and write in the translated text by position."""
    course_translate(course=course, locale=locale, user=user)
    if user is not None:  # page permissions are cached on the user; the new catalogue has its own
        user = type(user).objects.get(pk=user.pk)
    _write(
        course,
        locale,
        user,
        title=translated["title"],
        summary=translated["summary"],
        description=translated["description"],
        requirements=translated["requirements"],
        objectives=[("objective", text) for text in translated["objectives"]],
    )
    modules = list(ModulePage.objects.child_of(course).order_by("path"))
    for number, (module, module_spec) in enumerate(
        zip(modules, translated["modules"], strict=False), start=1
    ):
        _write(module, locale, user, title=module_spec["title"], summary=module_spec["summary"])
        lessons = LessonPage.objects.child_of(module).order_by("path")
        for lesson, lesson_spec in zip(lessons, module_spec["lessons"], strict=False):
            _write(lesson, locale, user, title=lesson_spec["title"], body=lesson_spec["body"])
        quiz = Quiz.objects.filter(module=module).first()
        if quiz is not None:
            with translation.override(locale.language_code):
                texts = module_quiz_texts(
                    number=number, module_title=module_spec["title"], count=len(quiz.questions)
                )
            _translate_quiz(quiz, questions.get(module_category(number)), locale, user, texts)
    final = Quiz.objects.filter(course=course).first()
    if final is not None:
        with translation.override(locale.language_code):
            texts = final_assessment_texts(
                course_title=translated["title"], count=len(final.questions)
            )
        _translate_quiz(final, questions.get(FINAL), locale, user, texts)


def _write(original: Page, locale, user, **fields) -> None:
    """The translation of ``original`` with these fields, stream blocks keeping the
    original's block ids position by position; published."""
    page = original.get_translation(locale).specific
    source = original.specific
    for name, value in fields.items():
        setattr(page, name, value)
        if isinstance(value, list):
            _keep_block_ids(getattr(page, name), getattr(source, name))
    page.save_revision(user=user).publish(user=user)


def _keep_block_ids(stream, source_stream) -> None:
    for child, source_child in zip(stream, source_stream, strict=False):
        child.id = source_child.id


def _translate_quiz(quiz: Quiz, questions: list | None, locale, user, texts: dict) -> None:
    """The quiz's translation with its title and instructions in the language, and its
    questions from the translated file when it has them all (else the source's stay until
    a translator writes them)."""
    translated = object_translate(obj=quiz, locale=locale, user=user)
    translated.title, translated.instructions = texts["title"], texts["instructions"]
    if questions and len(questions) == len(quiz.questions):
        translated.questions = [question_to_block(question) for question in questions]
        _keep_block_ids(translated.questions, quiz.questions)
    translated.save_revision(user=user).publish(user=user)
