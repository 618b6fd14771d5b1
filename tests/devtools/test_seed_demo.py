"""``seed_demo``: the demo data docs/targets.md promises, and a second run that changes nothing."""

import io
import re

import pytest
from allauth.account.models import EmailAddress
from bs4 import BeautifulSoup
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Revision

from accounts import roles
from accounts.models import Organisation, User
from certificates.models import Certificate
from courses import selectors
from courses.models import CoursePage, Enrollment, LessonPage, StepCompletion, Topic
from devtools.demo import content
from tests.devtools.demo_run import DEMO_PASSWORD, seed_demo

DEMO_ROLES = {
    "learner@example.org": roles.LEARNERS,  # prefers French
    "learner.ar@example.org": roles.LEARNERS,  # prefers Arabic
    "trainer@example.org": roles.TRAINERS,
    "lead@example.org": roles.LEAD_TRAINERS,
    "manager@example.org": roles.MANAGERS,
    "admin@example.org": roles.ADMINISTRATORS,
}


# The demo courses as written, in English (their translations share their slugs).
ENGLISH = {"locale__language_code": "en"}


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_seeded")
class TestFirstRun:
    """The tests that read one run of seed_demo (tests/devtools/conftest.py)."""

    def test_creates_four_published_courses_in_four_topics(self):
        courses = list(CoursePage.objects.live().filter(**ENGLISH).select_related("topic", "owner"))

        assert len(courses) == 4
        assert len({course.topic.slug for course in courses}) == 4
        for course in courses:
            assert course.owner.email == "trainer@example.org"
            assert course.latest_revision is not None
            outline = selectors.course_outline(course)
            assert len(outline.modules) >= 3, course.title
            for module in outline.modules:
                assert len(module.steps) >= 3, module.title
        assert {c.modules_in_order for c in courses} == {True, False}
        assert len({c.lesson_completion for c in courses}) == 2

    def test_builds_the_organisation_tree(self):
        moi = Organisation.objects.get(code="demo-moi")
        border_police = Organisation.objects.get(code="demo-border-police")

        assert moi.is_root()
        assert border_police.get_parent() == moi
        assert {child.code for child in border_police.get_children()} == {
            "demo-airport-unit",
            "demo-land-border-unit",
        }
        second_ministry = Organisation.objects.get(code="demo-mlsa")
        assert second_ministry.is_root()
        assert second_ministry.get_children_count() == 1

    def test_demo_users_sign_in_with_the_password_from_the_settings(self, demo_seeded):
        for email, role in DEMO_ROLES.items():
            user = authenticate(username=email, password=DEMO_PASSWORD)
            assert user is not None, email
            assert list(user.groups.values_list("name", flat=True)) == [role]
            assert EmailAddress.objects.filter(
                user=user, email=email, verified=True, primary=True
            ).exists()
            assert email in demo_seeded
        assert DEMO_PASSWORD in demo_seeded
        manager = User.objects.get(email="manager@example.org")
        assert manager.organisation.code == "demo-border-police"
        admin = User.objects.get(email="admin@example.org")
        assert admin.is_superuser and admin.is_staff

    def test_demo_learner_is_part_way_through_a_course(self):
        learner = User.objects.get(email="learner@example.org")

        rows = [r for r in selectors.dashboard_rows(user=learner) if not r.enrollment.is_completed]

        assert len(rows) == 1
        assert rows[0].course.slug == content.LEARNER_PROGRESS["course"]
        assert rows[0].progress.done == content.LEARNER_PROGRESS["lessons_completed"]
        assert 0 < rows[0].progress.percent < 100
        assert learner.organisation.code == "demo-airport-unit"

    def test_the_catalogue_search_finds_the_words_the_lessons_teach(self, client):
        """The demo's lessons teach "passport" and "MRZ"; the course's title and summary
        say neither word (issue 16, learner 4)."""
        for word in ("passport", "MRZ"):
            html = client.get("/courses/", {"q": word}).content.decode()

            assert "Document Examination at the Border" in html, word
            assert "Found in:" in html, word
            assert re.search(rf"<mark>{word}</mark>", html, re.IGNORECASE), word

    def test_a_second_run_changes_nothing_and_keeps_a_trainers_edits(self):
        course = CoursePage.objects.get(slug=content.LEARNER_PROGRESS["course"], **ENGLISH)
        course.title = "Document Examination (edited by a trainer)"
        course.save_revision().publish()
        before = _snapshot()

        output = seed_demo()

        assert _snapshot() == before
        assert re.search(r"created:\s+nothing", output)
        assert CoursePage.objects.get(pk=course.pk).title == course.title

    def test_seed_demo_leaves_the_learner_a_certificate(self):
        certificate = Certificate.objects.get(user__email="learner@example.org")
        assert certificate.course_title.startswith("Supporting Migrant Integration")
        assert certificate.pdf and certificate.pdf_sha256

    def test_the_demo_manager_s_compliance_report_shows_each_status(self, client):
        """`make run` shows the compliance report with figures: the demo units require three of
        the courses, and the demo learners hold, are taking or have not started them."""
        client.force_login(User.objects.get(email="manager@example.org"))

        response = client.get(reverse("reports_compliance"))

        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        people = soup.select("table.waypoint-report-table")[1].select("tbody tr")
        rows = [
            [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in people
        ]
        amina = {row[3]: row[4] for row in rows if row[0] == "Amina Haddad"}
        assert amina == {
            "Supporting Migrant Integration: Policy and Practice": "Valid",
            "Document Examination at the Border": "In progress",
            "Identifying and Protecting Victims of Trafficking": "Never started",
        }
        # The manager belongs to the Border Police too: its requirements are his as well.
        assert {row[0] for row in rows} == {"Amina Haddad", "Karim Mansour", "Daniel Okafor"}


def _snapshot() -> dict:
    return {
        "counts": {
            model.__name__: model.objects.count()
            for model in [
                Page,
                Revision,
                Topic,
                Organisation,
                User,
                Enrollment,
                StepCompletion,
                EmailAddress,
            ]
        },
        "pages": set(Page.objects.values_list("path", "title")),
    }


def _words(body: list[tuple]) -> int:
    parts = []
    for block_type, value in body:
        if block_type == "heading":
            parts.append(value["text"])
        elif block_type == "rich_text":
            parts.append(value)
        elif block_type == "callout":
            parts += [value["title"], value["body"]]
        elif block_type == "accordion":
            parts += [f"{item['title']} {item['body']}" for item in value["items"]]
        else:
            raise AssertionError(f"the demo uses no {block_type} blocks: they need media")
    return len(re.sub(r"<[^>]+>", " ", " ".join(parts)).split())


DEMO_LESSONS = [
    lesson
    for course in content.COURSES
    for module in course["modules"]
    for lesson in module["lessons"]
]


@pytest.mark.parametrize("lesson", DEMO_LESSONS, ids=lambda lesson: lesson["title"])
def test_demo_lessons_are_substantial(lesson):
    assert 250 <= _words(lesson["body"]) <= 500


@pytest.mark.parametrize("course", content.COURSES, ids=lambda course: course["slug"])
def test_demo_content_passes_the_admins_validation(course):
    """A trainer who opens a demo page in the admin must be able to save it unchanged."""
    objectives = CoursePage._meta.get_field("objectives")
    objectives.stream_block.clean(
        objectives.to_python([("objective", text) for text in course["objectives"]])
    )
    assert len(course["summary"]) <= 600
    body = LessonPage._meta.get_field("body")
    for module in course["modules"]:
        for lesson in module["lessons"]:
            body.stream_block.clean(body.to_python(lesson["body"]))


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_where_demo_data_is_disabled(settings):
    from django.core.management import CommandError

    settings.DEMO_DATA_ENABLED = False

    with pytest.raises(CommandError, match="disabled"):
        call_command("seed_demo", stdout=io.StringIO())

    assert not User.objects.filter(email="admin@example.org").exists()
