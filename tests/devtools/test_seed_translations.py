"""Demo translations from ``course.<language>.json`` and ``quizzes.<language>.gift``: the
copies stay linked to their originals (translation key, block ids), carry the translated
text position by position, and a language without files is skipped."""

import json

import pytest
from wagtail.models import Locale

from assessments.models import Quiz
from courses.models import CoursePage, LessonPage, ModulePage
from devtools.demo import content, translations
from devtools.demo.report import DemoReport
from tests.factories.assessments import make_quiz, single
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

FRENCH_COURSE = {
    "title": "Examen des documents",
    "summary": "Pour les agents.",
    "description": "<p>Description.</p>",
    "requirements": "Aucune.",
    "objectives": ["Reconnaître un faux"],
    "modules": [
        {
            "title": "Sécurité des documents",
            "summary": "Un module.",
            "lessons": [
                {
                    "title": "Leçon A",
                    "minutes": 5,
                    "body": [{"type": "rich_text", "value": "<p>Corps A</p>"}],
                },
                {
                    "title": "Leçon B",
                    "minutes": 5,
                    "body": [{"type": "rich_text", "value": "<p>Corps B</p>"}],
                },
            ],
        }
    ],
}
FRENCH_GIFT = """$CATEGORY: module-1

::Q1:: Quel document prouve la nationalité ? {=Passeport ~Carte d'embarquement ~Réservation}
"""


@pytest.fixture
def demo_course(tmp_path, monkeypatch):
    course = make_course(modules=1, lessons=2, title="Document examination")
    course.objectives = [("objective", "Spot a forgery")]
    course.save_revision().publish()
    module = ModulePage.objects.child_of(course).get()
    make_quiz(module=module, questions=[single()])
    folder = tmp_path / course.slug
    folder.mkdir()
    (folder / "course.fr.json").write_text(json.dumps(FRENCH_COURSE), encoding="utf-8")
    (folder / "quizzes.fr.gift").write_text(FRENCH_GIFT, encoding="utf-8")
    monkeypatch.setattr(content, "COURSES_DIR", tmp_path)
    monkeypatch.setattr(content, "COURSES", [{"slug": course.slug}])
    return CoursePage.objects.get(pk=course.pk)


def test_seeding_creates_the_linked_french_copy_with_the_translated_text(demo_course):
    report = DemoReport()

    translations.build_demo_translations(publisher=None, report=report)

    french = Locale.objects.get(language_code="fr")
    course = demo_course.get_translation(french)
    assert course.live and course.title == "Examen des documents"
    assert [b.id for b in course.objectives] == [b.id for b in demo_course.objectives]
    lessons = LessonPage.objects.descendant_of(course).order_by("path")
    assert [lesson.title for lesson in lessons] == ["Leçon A", "Leçon B"]
    assert "Corps A" in str(lessons[0].body[0].value)
    originals = LessonPage.objects.descendant_of(demo_course).order_by("path")
    assert lessons[0].body[0].id == originals[0].body[0].id
    quiz = Quiz.objects.get(locale=french)
    original_quiz = Quiz.objects.get(module__in=ModulePage.objects.child_of(demo_course))
    assert quiz.module.translation_key == original_quiz.module.translation_key
    assert quiz.questions[0].id == original_quiz.questions[0].id
    assert quiz.questions[0].value["text"] == "Quel document prouve la nationalité ?"
    assert report.created["translated courses"] == 1


def test_seeding_again_leaves_the_translation_alone_and_skips_absent_languages(demo_course):
    translations.build_demo_translations(publisher=None, report=DemoReport())
    report = DemoReport()

    translations.build_demo_translations(publisher=None, report=report)

    assert CoursePage.objects.filter(translation_key=demo_course.translation_key).count() == 2
    assert not Locale.objects.filter(language_code__in=["es", "ar"]).exists()
    assert report.created.get("translated courses", 0) == 0


def test_seeding_translates_the_topics_the_catalogue_and_the_home_page(demo_course):
    """From ``site.fr.json``: the demo topic (found by its slug), the catalogue's title and
    introduction and the home page's headline, in French; a trainer's later edit stays."""
    topic = demo_course.topic
    topic.slug, topic.name = "border-management", "Border management"
    topic.save()

    translations.build_demo_translations(publisher=None, report=DemoReport())

    french = Locale.objects.get(language_code="fr")
    french_topic = topic.get_translation(french)
    assert (french_topic.name, french_topic.slug) == ("Gestion des frontières", topic.slug)
    assert demo_course.get_translation(french).topic_id == french_topic.pk
    catalogue = demo_course.get_parent().get_translation(french).specific
    assert catalogue.live and catalogue.title == "Cours" and "agents" in catalogue.intro
    home = catalogue.get_parent().specific
    assert home.live and home.headline.startswith("Des formations")
    catalogue.title = "Nos cours"
    catalogue.save_revision().publish()

    report = DemoReport()
    translations.build_demo_translations(publisher=None, report=report)

    assert catalogue.get_translation(french).specific.title == "Nos cours"
    assert report.created.get("translated topics", 0) == 0
    assert report.created.get("translated site pages", 0) == 0
