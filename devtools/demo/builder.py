"""Creates the demo data of ``devtools.demo.content``: topics, an organisation tree, one
user per role, four published courses with their quizzes, and a learner part-way through one
course who has finished another.

Idempotent by lookup, never by update. Topics are found by slug, organisations by code,
users by e-mail address and courses by slug under the catalogue; whatever is found is left
exactly as it is, because a trainer may have edited a demo course or an administrator a
demo account since the last run. A course that exists is skipped with everything below
it: the build runs in one transaction, so a course is never half there, and re-adding a
lesson a trainer deleted on purpose would be worse than not adding it.

Pages go through Wagtail's own API (``add_child``, then a revision that is published), the
way a trainer's work in the admin does, so each has a revision history and is live.
Enrolment and progress go through ``courses.services``, quizzes and attempts through
``assessments.services``.
"""

import logging
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from accounts import roles
from accounts.models import Organisation, User
from accounts.services import manager_set_units, organisation_create
from courses import selectors, services
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage, Topic
from courses.outline import LESSON
from devtools.demo import content
from devtools.demo.completion import complete_demo_course
from devtools.demo.quizzes import build_demo_quizzes
from devtools.demo.report import DemoAccount, DemoReport
from devtools.demo.requirements import require_demo_courses
from devtools.demo.translations import build_demo_translations

logger = logging.getLogger("waypoint.devtools")


def demo_build(*, password: str) -> DemoReport:
    """Create whatever of the demo data is missing; ``password`` is given to new users."""
    report = DemoReport()
    with transaction.atomic():
        topics = _ensure_topics(report)
        _ensure_organisations(report, content.ORGANISATIONS)
        users = _ensure_users(report, password=password)
        author = users[content.AUTHOR_EMAIL]
        publisher = users[content.PUBLISHER_EMAIL]
        catalogue = selectors.catalogue_get()
        _ensure_home_page(report, catalogue=catalogue, editor=users[content.HOME_EDITOR_EMAIL])
        for spec in content.COURSES:
            _ensure_course(
                report,
                spec,
                catalogue=catalogue,
                topics=topics,
                author=author,
                publisher=publisher,
            )
        # Before the learner's progress, which is counted over the outline with the
        # quizzes in it.
        build_demo_quizzes(trainer=author, report=report)
        build_demo_translations(publisher=publisher, report=report)
        complete_demo_course(report=report)
        _ensure_learner_progress(report, users=users, catalogue=catalogue)
        require_demo_courses(report=report, catalogue=catalogue)
    logger.info("demo data created=%s", dict(report.created))
    return report


# --- topics and organisations ------------------------------------------------------------


def _ensure_topics(report: DemoReport) -> dict[str, Topic]:
    topics = {}
    for spec in content.TOPICS:
        # Names are unique too: a topic renamed in the admin keeps its slug, and the other way.
        # The original, not a translation (which shares the slug).
        found = Topic.objects.filter(Q(slug=spec["slug"]) | Q(name=spec["name"]))
        topic = found.order_by("id").first()
        created = topic is None
        if created:
            topic = Topic.objects.create(
                name=spec["name"], slug=spec["slug"], description=spec["description"]
            )
        report.count("topics", created=created)
        topics[spec["slug"]] = topic
    return topics


def _ensure_organisations(
    report: DemoReport, specs: list[dict], parent: Organisation | None = None
) -> None:
    for spec in specs:
        organisation = Organisation.objects.filter(code=spec["code"]).first()
        created = organisation is None
        if created:
            # Fetched again: treebeard places a sorted child from the parent's child count.
            fresh_parent = Organisation.objects.get(pk=parent.pk) if parent else None
            organisation = organisation_create(
                name=spec["name"],
                code=spec["code"],
                country=content.COUNTRY,
                parent=fresh_parent,
            )
        report.count("organisations", created=created)
        _ensure_organisations(report, spec.get("children", []), organisation)


# --- users -------------------------------------------------------------------------------


def _ensure_users(report: DemoReport, *, password: str) -> dict[str, User]:
    users = {}
    for spec in content.USERS:
        user = User.objects.filter(email=spec["email"]).select_related("organisation").first()
        created = user is None
        if created:
            user = _create_user(spec, password=password)
        report.count("users", created=created)
        report.accounts.append(
            DemoAccount(
                email=user.email,
                full_name=user.full_name,
                role=spec["role"],
                organisation=user.organisation.name if user.organisation else "",
            )
        )
        users[user.email] = user
    return users


def _create_user(spec: dict, *, password: str) -> User:
    organisation = None
    if spec.get("organisation"):
        organisation = Organisation.objects.get(code=spec["organisation"])
    superuser = spec["role"] == roles.ADMINISTRATORS
    user = User.objects.create_user(
        spec["email"],
        password,
        full_name=spec["full_name"],
        preferred_language=spec.get("preferred_language", "en"),
        organisation=organisation,
        is_staff=superuser,
        is_superuser=superuser,
    )
    user.groups.add(Group.objects.get(name=spec["role"]))
    if spec.get("manages"):
        manager_set_units(
            manager=user, organisations=list(Organisation.objects.filter(code__in=spec["manages"]))
        )
    # Verified and primary, so the mandatory e-mail verification lets them straight in.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


# --- pages -------------------------------------------------------------------------------


def _ensure_home_page(report: DemoReport, *, catalogue: CourseIndexPage, editor: User) -> None:
    """The home page exists from the first migration; fill in its introduction only while it
    is still empty, so that an edited home page stays as its editor left it."""
    home = catalogue.get_parent().specific
    if home.intro:
        report.count("home page", created=False)
        return
    home.headline = content.HOME["headline"]
    home.intro = content.HOME["intro"]
    home.save_revision(user=editor).publish(user=editor)
    report.count("home page", created=True)


def _ensure_course(
    report: DemoReport, spec: dict, *, catalogue, topics, author: User, publisher: User
) -> None:
    if CoursePage.objects.child_of(catalogue).filter(slug=spec["slug"]).exists():
        report.count("courses", created=False)
        return
    course = CoursePage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        description=spec["description"],
        objectives=[("objective", text) for text in spec["objectives"]],
        requirements=spec["requirements"],
        topic=topics[spec["topic"]],
        level=spec["level"],
        duration_hours=spec["duration_hours"],
        modules_in_order=spec["modules_in_order"],
        lesson_completion=spec["lesson_completion"],
    )
    _publish(catalogue, course, author=author, publisher=publisher)
    report.count("courses", created=True)
    for module_spec in spec["modules"]:
        module = ModulePage(
            title=module_spec["title"],
            slug=slugify(module_spec["title"]),
            summary=module_spec["summary"],
        )
        _publish(course, module, author=author, publisher=publisher)
        report.count("modules", created=True)
        for lesson_spec in module_spec["lessons"]:
            lesson = LessonPage(
                title=lesson_spec["title"],
                slug=slugify(lesson_spec["title"]),
                estimated_minutes=lesson_spec["minutes"],
                body=lesson_spec["body"],
            )
            _publish(module, lesson, author=author, publisher=publisher)
            report.count("lessons", created=True)


def _publish(parent: Page, page: Page, *, author: User, publisher: User) -> Page:
    """The trainer writes the page and the lead trainer publishes it, as the catalogue's
    page permissions have it."""
    page.owner = author
    parent.add_child(instance=page)
    page.save_revision(user=author).publish(user=publisher)
    return page


# --- the learner's progress --------------------------------------------------------------


def _ensure_learner_progress(
    report: DemoReport, *, users: dict[str, User], catalogue: CourseIndexPage
) -> None:
    """Enrol the demo learner in one course and complete its first few lessons; an existing
    enrolment is left alone, with whatever progress the learner has made since."""
    spec = content.LEARNER_PROGRESS
    learner = users[spec["email"]]
    course = CoursePage.objects.child_of(catalogue).get(slug=spec["course"])
    if selectors.enrollment_get(user=learner, course_id=course.id) is not None:
        report.count("enrolments", created=False)
        return
    services.enrollment_create(
        user=learner, course=course, due_at=timezone.now() + timedelta(days=spec["due_in_days"])
    )
    report.count("enrolments", created=True)
    outline = selectors.course_outline(course)
    lesson_ids = [step.page_id for step in outline.steps if step.kind == LESSON]
    lessons = LessonPage.objects.in_bulk(lesson_ids[: spec["lessons_completed"]])
    for lesson_id in lesson_ids[: spec["lessons_completed"]]:
        services.lesson_complete(user=learner, lesson=lessons[lesson_id])
        report.count("completed lessons", created=True)
