"""Previewing in the admin (issue 16, trainer 1): the preview panel may frame a preview and
nothing else; a course or module preview shows the drafts under it, for the person
previewing only; and no learner action works from inside a preview."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from courses.models import CoursePage, Enrollment, LessonPage, ModulePage
from tests.factories.accounts import UserFactory
from tests.factories.assessments import make_quiz
from tests.factories.courses import catalogue, lessons_of, make_course, make_topic
from tests.security.test_headers import policy

pytestmark = pytest.mark.django_db

DRAFT_MODULE = "Interviewing with an interpreter"
DRAFT_LESSONS = ["Choosing an interpreter", "Seating and turn-taking"]


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


def add_draft(parent, page):
    """Save a page as a draft, as "Save draft" in the editor does."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


def course_with_drafts(**fields):
    """A live course with one live module, plus a draft module holding two draft lessons
    and a live lesson renamed in a draft."""
    course = make_course(modules=1, lessons=1, title="Interviewing skills", **fields)
    module = add_draft(course, ModulePage(title=DRAFT_MODULE, summary="Draft."))
    for title in DRAFT_LESSONS:
        add_draft(module, LessonPage(title=title, estimated_minutes=25))
    renamed = lessons_of(course)[0]
    renamed.title = "Opening the interview (revised)"
    renamed.estimated_minutes = 40
    renamed.save_revision()
    return course, module


def view_draft(client, page):
    return client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))


# --- framing -------------------------------------------------------------------------------


def test_the_editor_preview_panel_may_frame_a_page_preview(trainer_client):
    course = make_course(modules=1, lessons=1)
    edit = trainer_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[course.pk])
    form = querydict_from_html(edit.content.decode(), form_id="page-edit-form")
    form["objectives-count"] = "0"  # the StreamField's form is built by the browser

    posted = trainer_client.post(preview_url, form)
    response = trainer_client.get(preview_url, {"in_preview_panel": "true"})

    assert posted.json()["is_valid"] is True
    assert response.status_code == 200
    assert course.title in response.content.decode()
    assert policy(response)["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_a_draft_preview_in_its_own_tab_may_be_framed_by_the_admin_too(trainer_client):
    course, _ = course_with_drafts()

    response = view_draft(trainer_client, course)

    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_quiz_preview_panel_may_frame_a_quiz_preview(trainer_client):
    quiz = make_quiz(title="Screening quiz", questions=[])
    edit = trainer_client.get(reverse("wagtailsnippets_assessments_quiz:edit", args=[quiz.pk]))
    preview_url = reverse("wagtailsnippets_assessments_quiz:preview_on_edit", args=[quiz.pk])
    form = querydict_from_html(edit.content.decode(), form_id="w-editor-form")
    form["questions-count"] = "0"  # the StreamField's form is built by the browser

    assert trainer_client.post(preview_url, form).json()["is_valid"] is True
    response = trainer_client.get(preview_url, {"in_preview_panel": "true"})

    assert response.status_code == 200
    assert "Screening quiz" in response.content.decode()
    assert policy(response)["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_live_pages_and_the_admin_may_not_be_framed(client, trainer_client):
    course = make_course(modules=1, lessons=1)
    live_page = client.get(course.url)
    editor = trainer_client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    dashboard = trainer_client.get("/admin/")

    for response in (live_page, editor, dashboard):
        assert response.status_code == 200
        assert policy(response)["frame-ancestors"] == ["'none'"]
        assert response["X-Frame-Options"] == "DENY"


# --- drafts in the preview ---------------------------------------------------------------


def test_a_course_preview_shows_its_draft_modules_and_lessons(trainer_client):
    course, _ = course_with_drafts()

    html = view_draft(trainer_client, course).content.decode()

    assert "2 modules" in html
    assert DRAFT_MODULE in html
    for title in DRAFT_LESSONS:
        assert title in html
    assert "Opening the interview (revised)" in html
    assert "25 min" in html and "40 min" in html


def test_a_draft_course_preview_shows_its_draft_modules(trainer_client):
    course = add_draft(
        catalogue(), CoursePage(title="Never published", summary="S.", topic=make_topic())
    )
    module = add_draft(course, ModulePage(title=DRAFT_MODULE))
    add_draft(module, LessonPage(title=DRAFT_LESSONS[0]))

    course_html = view_draft(trainer_client, course).content.decode()
    module_response = view_draft(trainer_client, module)

    assert "1 module" in course_html and DRAFT_MODULE in course_html
    assert DRAFT_LESSONS[0] in course_html
    assert module_response.status_code == 200  # was a 404: the course is not live
    assert DRAFT_LESSONS[0] in module_response.content.decode()


def test_learners_never_see_the_drafts_a_trainer_previewed(client, trainer_client, learner):
    course, module = course_with_drafts()
    view_draft(trainer_client, course)  # the trainer's preview is not kept for others
    client.force_login(learner)

    html = client.get(course.url).content.decode()

    assert "1 module" in html
    assert DRAFT_MODULE not in html
    assert "(revised)" not in html and "40 min" not in html
    assert client.get(module.url).status_code == 404


def test_preview_links_stay_inside_the_admin_previews(trainer_client):
    course, module = course_with_drafts()
    quiz = make_quiz(module=module, title="Interpreter quiz", count=1)

    html = view_draft(trainer_client, course).content.decode()
    module_html = view_draft(trainer_client, module).content.decode()

    assert f'href="{reverse("wagtailadmin_pages:view_draft", args=[module.pk])}"' in html
    assert "Interpreter quiz" in module_html
    assert reverse("assessments:quiz", args=[quiz.pk]) not in module_html  # may not be framed


# --- no learner action in a preview --------------------------------------------------------


@pytest.mark.parametrize("requires_approval", [False, True], ids=["enrol", "request-a-place"])
def test_the_preview_shows_the_learner_action_disabled(trainer_client, requires_approval):
    course, _ = course_with_drafts(enrolment_requires_approval=requires_approval)

    html = view_draft(trainer_client, course).content.decode()

    label = "Request a place" if requires_approval else "Enrol in this course"
    assert f'disabled aria-describedby="preview-action-note">{label}</button>' in html
    assert "Buttons do nothing in a preview" in html
    assert reverse("learning:enroll", args=[course.pk]) not in html
    assert reverse("learning:request_place", args=[course.pk]) not in html


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_DEST": "iframe"},
        {"HTTP_REFERER": "http://testserver/admin/pages/7/edit/preview/?in_preview_panel=true"},
        {"HTTP_REFERER": "http://testserver/admin/pages/7/view_draft/"},
    ],
    ids=["inside-the-panel", "from-the-panel", "from-a-preview-tab"],
)
def test_an_action_posted_from_a_preview_changes_nothing(trainer_client, trainer, headers):
    course = make_course(modules=1, lessons=1)

    response = trainer_client.post(reverse("learning:enroll", args=[course.pk]), **headers)

    assert response.status_code == 403
    assert "This is a preview: its buttons do nothing." in response.content.decode()
    assert policy(response)["frame-ancestors"] == ["'self'"]  # readable in the panel
    assert not Enrollment.objects.filter(user=trainer).exists()


def test_the_same_action_posted_from_the_live_course_works(trainer_client, trainer):
    course = make_course(modules=1, lessons=1)

    response = trainer_client.post(
        reverse("learning:enroll", args=[course.pk]),
        HTTP_SEC_FETCH_DEST="document",
        HTTP_REFERER=f"http://testserver{course.url}",
    )

    assert response.status_code == 302
    assert Enrollment.objects.filter(user=trainer, course=course).exists()


def test_admin_forms_are_not_taken_for_previews(client):
    """The admin's own posts (here, signing out) go through, frame or no frame."""
    client.force_login(UserFactory(roles=["Trainers"]))

    response = client.post("/admin/logout/", HTTP_SEC_FETCH_DEST="iframe")

    assert response.status_code == 302
