"""Topics in the reader's language (issue 15): the catalogue's cards and filter, the course
page and the home page show a topic translated into the reader's language (else the
original), and the topic filter finds a course whichever copy of the topic it is tagged
with."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from accounts import roles
from courses.models import CoursePage, Topic
from courses.topics import shown_topics
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course, make_topic
from tests.factories.translations import locale, retitle, translate

pytestmark = pytest.mark.django_db

FRENCH = {"accept-language": "fr"}


def _translated_topic(topic, language, name, description=""):
    """A translator writes the topic's name in ``language`` (wagtail-localize's copy)."""
    copy = translate(topic, language)
    copy.name, copy.description = name, description
    copy.save()
    return copy


@pytest.fixture
def border():
    topic = make_topic("Border management")
    french = _translated_topic(topic, "fr", "Gestion des frontières")
    return topic, french


def test_a_translated_topic_keeps_its_original_key_and_slug(border):
    topic, french = border

    assert french.translation_key == topic.translation_key
    assert french.locale.language_code == "fr"
    assert french.slug == topic.slug == "border-management"


def test_a_french_reader_sees_the_french_topic_on_a_course_only_in_english(client, border):
    topic, _french = border
    make_course(modules=0, title="Document examination", topic=topic)

    french_page = client.get("/courses/", headers=FRENCH).content.decode()
    english_page = client.get("/courses/").content.decode()

    assert "Gestion des frontières" in french_page
    assert "Border management" not in french_page
    assert "Border management" in english_page
    assert "Gestion des frontières" not in english_page


def test_an_untranslated_topic_shows_its_original_name(client):
    make_course(modules=0, title="Migration statistics", topic=make_topic("Migration data"))

    french_page = client.get("/courses/", headers=FRENCH).content.decode()

    assert "Migration data" in french_page


def test_the_course_page_shows_the_topic_in_the_readers_language(client, border):
    topic, _french = border
    course = make_course(modules=1, lessons=1, title="Document examination", topic=topic)
    french_course = retitle(translate(course, "fr"), "Examen des documents")

    in_french = client.get(french_course.url, headers=FRENCH).content.decode()
    in_english = client.get(course.url).content.decode()
    spanish_reader = client.get(course.url, headers={"accept-language": "es"}).content.decode()

    assert "Examen des documents" in in_french and "Gestion des frontières" in in_french
    assert "Border management" in in_english and "Gestion des frontières" not in in_english
    assert "Border management" in spanish_reader  # no Spanish topic: the original's name


def test_the_topic_filter_finds_a_course_by_any_copy_of_its_topic(client, border):
    """One course tagged with the English topic, one with the French copy (a course
    written in French): each language's filter finds both."""
    topic, french = border
    make_course(modules=0, title="Document examination", topic=topic)
    make_course(modules=0, title="Contrôles de première ligne", topic=french)
    make_course(modules=0, title="Victims of trafficking", topic=make_topic("Counter-trafficking"))

    for headers in ({}, FRENCH):
        page = client.get("/courses/", {"topic": "border-management"}, headers=headers)
        html = page.content.decode()
        assert "Document examination" in html and "Contrôles de première ligne" in html
        assert "Victims of trafficking" not in html


def test_the_topic_filter_lists_each_topic_once_in_the_readers_language(client, border):
    topic, _french = border
    make_course(modules=0, title="Document examination", topic=topic)

    french_page = client.get("/courses/", headers=FRENCH).content.decode()
    select = french_page.split('name="topic"')[1].split("</select>")[0]

    assert select.count('value="border-management"') == 1
    assert "Gestion des frontières" in select and "Border management" not in select
    in_french = [t.name for t in shown_topics("fr")]
    in_english = [t.name for t in shown_topics("en")]
    assert "Gestion des frontières" in in_french and "Border management" not in in_french
    assert "Border management" in in_english and "Gestion des frontières" not in in_english


def test_the_home_page_counts_a_course_once_under_the_topic_in_the_readers_language(client, border):
    topic, french = border
    course = make_course(modules=1, lessons=1, title="Document examination", topic=topic)
    translate(course, "fr")  # its French copy is tagged with the French topic
    assert CoursePage.objects.get(locale=locale("fr")).topic_id == french.pk
    make_course(modules=0, title="Contrôles de première ligne", topic=french)

    french_home = client.get("/", headers=FRENCH).content.decode()

    assert "Gestion des frontières" in french_home and "Border management" not in french_home
    assert "2 cours" in french_home  # the translated course and the French-only one


@pytest.mark.parametrize("role", [roles.TRAINERS, roles.LEAD_TRAINERS, roles.ADMINISTRATORS])
def test_trainers_translate_a_topic_in_the_admin(client, role):
    topic = make_topic("Migrant integration")
    locale("fr")
    client.force_login(UserFactory(email="author@example.org", roles=[role]))
    submit = reverse(
        "wagtail_localize:submit_snippet_translation", args=["courses", "topic", topic.pk]
    )

    assert client.get(submit).status_code == 200
    response = client.post(submit, {"locales": [locale("fr").pk]})

    assert response.status_code == 302
    french = Topic.objects.get(translation_key=topic.translation_key, locale=locale("fr"))
    editor = client.get(reverse("wagtailsnippets_courses_topic:edit", args=[french.pk]))
    assert editor.status_code == 200
    assert "Migrant integration" in editor.content.decode()  # the text to translate


def _topic_rows(response) -> list[tuple[str, str]]:
    soup = BeautifulSoup(response.content, "html.parser")
    rows = [row.find_all("td") for row in soup.select("table.listing tbody tr")]
    return [(cells[1].a.get_text(strip=True), cells[2].get_text(strip=True)) for cells in rows]


def test_the_trainers_topic_list_says_each_copys_language_in_the_readers_language(client):
    """Every language's copy of a topic is listed; the language column tells them apart,
    in the trainer's language. (The column reads the locales' names Wagtail keeps per
    process; wagtail-localize's translate buttons cost queries per row, see docs/notes.md.)"""
    topics = reverse("wagtailsnippets_courses_topic:list")
    client.force_login(UserFactory(email="author@example.org", roles=[roles.TRAINERS]))
    _translated_topic(make_topic("Border management"), "ar", "Gestion (ar)")
    _translated_topic(make_topic("Counter-trafficking"), "fr", "Lutte contre la traite")

    response = client.get(topics)

    rows = dict(_topic_rows(response))
    assert rows == {
        "Border management": "English",
        "Gestion (ar)": "Arabic",
        "Counter-trafficking": "English",
        "Lutte contre la traite": "French",
    }
    french_trainer = UserFactory(email="formatrice@example.org", roles=[roles.TRAINERS])
    french_trainer.preferred_language = "fr"
    french_trainer.save()
    client.force_login(french_trainer)
    assert dict(_topic_rows(client.get(topics)))["Gestion (ar)"] == "Arabe"


@pytest.mark.parametrize("role", [roles.LEARNERS, roles.MANAGERS])
def test_learners_and_managers_cannot_translate_a_topic(client, role):
    topic = make_topic("Migrant integration")
    locale("fr")
    client.force_login(UserFactory(email="other@example.org", roles=[role]))

    response = client.get(
        reverse("wagtail_localize:submit_snippet_translation", args=["courses", "topic", topic.pk])
    )

    assert response.status_code in (302, 403)
    assert not Topic.objects.filter(locale=locale("fr")).exists()


def _found(client, query, headers):
    html = client.get("/courses/", {"q": query}, headers=headers).content.decode()
    return {title for title in ("Document examination", "Victims of trafficking") if title in html}


def test_the_search_finds_a_course_by_its_topic_in_another_language(client, border):
    """A course given only in English, its topic translated into French: a French reader
    who types the French topic's words finds it (the index holds every copy's name)."""
    topic, _french = border
    make_course(modules=0, title="Document examination", topic=topic)
    make_course(modules=0, title="Victims of trafficking", topic=make_topic("Counter-trafficking"))

    assert _found(client, "frontières", FRENCH) == {"Document examination"}
    assert _found(client, "border management", FRENCH) == {"Document examination"}


def test_a_topic_translated_or_renamed_later_is_found_at_once(client):
    topic = make_topic("Border management")
    make_course(modules=0, title="Document examination", topic=topic)
    assert _found(client, "frontières", FRENCH) == set()

    french = _translated_topic(topic, "fr", "Gestion des frontières")
    assert _found(client, "frontières", FRENCH) == {"Document examination"}

    french.name = "Contrôle aux frontières extérieures"
    french.save()
    assert _found(client, "extérieures", FRENCH) == {"Document examination"}
    assert _found(client, "gestion", FRENCH) == set()
