"""The admin dashboard of the people who write and review courses (issue 16, trainer 3 and
lead trainer): an obvious "New course", the trainer's drafts, pages awaiting review and
pages sent back with the reviewer's comment, and the lead trainer's "Awaiting your review"
grouped by course, each in a fixed number of queries. Learners and managers see none of it.
"""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import reverse

from courses.admin_panels import AwaitingReviewByCoursePanel, CourseWorkPanel
from courses.models import LessonPage, ModulePage
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(db):
    return UserFactory(email="lead@example.org", full_name="Léna Moreau", roles=["Lead trainers"])


def draft(parent, page, owner):
    page.live, page.owner = False, owner
    parent.add_child(instance=page)
    page.save_revision(user=owner)
    return page


def submit(page, user):
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def course_of(trainer, *, title="Interviewing skills", lessons=2):
    """A course the trainer is writing: a draft module of draft lessons."""
    course = make_course(modules=0, title=title)
    module = draft(course, ModulePage(title=f"{title}: the interview"), trainer)
    pages = [
        draft(module, LessonPage(title=f"{title}: lesson {n}"), trainer) for n in range(lessons)
    ]
    return course, module, pages


def dashboard(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def region(soup, heading):
    found = soup.find(lambda tag: tag.name == "h2" and heading in tag.get_text())
    return found.find_parent("section") if found else None


# --- New course -------------------------------------------------------------------------------


def test_trainers_have_a_new_course_action_that_opens_the_course_form(client, trainer):
    soup = dashboard(client, trainer)

    new_course = reverse("courses_new_course")
    assert "New course" in soup.find("a", href=new_course).get_text()
    assert new_course in str(soup.find(id="wagtail-sidebar-props") or soup)  # the menu
    response = client.get(new_course, follow=True)
    assert response.status_code == 200
    assert "New: Course" in response.content.decode()


@pytest.mark.parametrize("role", ["Learners", "Managers"])
def test_learners_and_managers_get_no_new_course_and_no_course_panels(client, role):
    person = UserFactory(roles=[role])
    client.force_login(person)

    response = client.get("/admin/")
    html = response.content.decode()

    assert "Your courses" not in html and "New course" not in html
    assert client.get(reverse("courses_new_course")).status_code in (302, 403)


# --- the trainer's panel ----------------------------------------------------------------------


def test_the_trainer_sees_drafts_pages_awaiting_review_and_pages_sent_back(client, trainer, lead):
    course, module, (first, second) = course_of(trainer)
    submit(module, trainer)
    state = submit(first, trainer)
    state.current_task_state.reject(user=lead, comment="Cite the ICAO document.")

    soup = dashboard(client, trainer)
    panel = region(soup, "Your courses")

    sent_back = panel.find(id="course-work-sent-back").find_parent("section")
    awaiting = panel.find(id="course-work-awaiting").find_parent("section")
    drafts = panel.find(id="course-work-drafts").find_parent("section")
    assert first.title in sent_back.get_text()
    assert "Léna Moreau asks:" in sent_back.get_text()
    assert "Cite the ICAO document." in sent_back.get_text()
    assert module.title in awaiting.get_text() and first.title not in awaiting.get_text()
    assert second.title in drafts.get_text()
    assert not drafts.find("a", href=reverse("wagtailadmin_pages:edit", args=[module.pk]))
    assert "Interviewing skills › Interviewing skills: the interview" in drafts.get_text()
    edit = reverse("wagtailadmin_pages:edit", args=[second.pk])
    assert drafts.find("a", href=edit).get_text() == second.title
    # Wagtail's own list of the same workflow items would only repeat them.
    assert region(soup, "Your pages and snippets in a workflow") is None


def _panel_queries(panel, user):
    """Queries to render the panel for the person, as in a request of theirs: the user
    loaded afresh (Wagtail keeps their permissions on the object), the process warmed up
    (content types are cached for good after their first use)."""

    def render():
        request = RequestFactory().get("/admin/")
        request.user = type(user).objects.get(pk=user.pk)
        return panel.render_html({"request": request, "csrf_token": "x"})

    render()
    return count_queries(render)


def test_the_trainers_panel_reads_in_a_fixed_number_of_queries(trainer, lead):
    course_of(trainer, title="Small", lessons=1)
    small, _ = _panel_queries(CourseWorkPanel(), trainer)
    for n in range(3):
        _, module, lessons = course_of(trainer, title=f"Large {n}", lessons=4)
        submit(module, trainer)
        submit(lessons[0], trainer).current_task_state.reject(user=lead, comment="No.")

    large, html = _panel_queries(CourseWorkPanel(), trainer)

    assert "Large 2: lesson 3" in html and "Small: lesson 0" in html
    assert small == large == 4  # the user, workflows, pages, course and module titles


# --- the lead trainer's panel -----------------------------------------------------------------


def test_awaiting_review_is_grouped_by_course_with_module_context(client, trainer, lead):
    first_course, first_module, first_lessons = course_of(trainer, title="Interviewing")
    second_course, _, second_lessons = course_of(trainer, title="Document fraud")
    for page in (first_module, *first_lessons, second_lessons[0]):
        submit(page, trainer)

    panel = region(dashboard(client, lead), "Awaiting your review")

    groups = {
        section.find("h3").get_text(strip=True): section
        for section in panel.find_all("section")
        if section.find("h3")
    }
    assert set(groups) == {"Course: Interviewing", "Course: Document fraud"}
    first = groups["Course: Interviewing"].get_text(" ", strip=True)
    assert first_module.title in first and first_lessons[1].title in first
    assert "Lesson · module Interviewing: the interview" in first
    assert second_lessons[0].title not in first
    # Approve / request changes stay one click away, as in Wagtail's own panel.
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[first_module.pk, "approve", first_module.current_workflow_task_state.pk],
    )
    buttons = groups["Course: Interviewing"].find_all("button")
    assert approve in [button.get("data-workflow-action-url") for button in buttons]


def test_the_lead_trainers_panel_reads_in_a_fixed_number_of_queries(trainer, lead):
    _, module, _ = course_of(trainer, title="Small", lessons=0)
    submit(module, trainer)
    small, _ = _panel_queries(AwaitingReviewByCoursePanel(), lead)
    for n in range(3):
        _, module, lessons = course_of(trainer, title=f"Large {n}", lessons=3)
        for page in (module, *lessons):
            submit(page, trainer)

    large, html = _panel_queries(AwaitingReviewByCoursePanel(), lead)

    assert "Large 2: lesson 2" in html
    # The user; Wagtail's reading of the active tasks (two) and whether the person is in
    # each one's groups (two: Wagtail's default task and ours); the task states; their pages;
    # the course and module titles; the reviewing task; the person's page permissions; the
    # courses submitted as a whole among them.
    assert small == large == 11


def test_a_manager_sees_nothing_awaiting_review(client, trainer):
    _, module, _ = course_of(trainer)
    submit(module, trainer)

    html = str(dashboard(client, UserFactory(roles=["Managers"])))

    assert "Awaiting your review" not in html and module.title not in html
