"""Reads for course pages, the catalogue and the dashboard, each in a fixed number of
queries whatever the size of a course. What the templates get is put together from these
in ``courses.presenters``."""

import zlib
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone, translation
from wagtail.models import Page, PageViewRestriction

from accounts.selectors import RequestDeciders, request_deciders
from courses import access, page_cache
from courses.enrollment_read import current_enrollment_with_completed_keys
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrollment,
    EnrollmentRequest,
    StepCompletion,
)
from courses.outline import (
    LESSON,
    CourseOutline,
    ModuleOutline,
    Step,
    add_provided_steps,
    lesson_step_key,
    step_providers_signature,
)
from courses.topics import topic_name_shown
from courses.translations import original_id_of, page_languages, translations_in

# --- outlines ---------------------------------------------------------------------------


def course_outlines(courses: list[CoursePage]) -> dict[int, CourseOutline]:
    """Outlines of several courses: one query for the page tree, plus one per provider.
    A translated course's steps carry their originals' keys (``courses.translations``)."""
    if not courses:
        return {}
    by_path = {course.path: course for course in courses}
    path_lengths = sorted({len(path) for path in by_path})
    course_urls = {course.id: course.url or "" for course in courses}
    prefix = Q()
    for course in courses:
        prefix |= Q(path__startswith=course.path, depth__in=[course.depth + 1, course.depth + 2])
    rows = (
        Page.objects.filter(prefix, live=True)
        .order_by("path")
        .annotate(original_id=original_id_of(Page))
        .values(
            "id",
            "title",
            "path",
            "depth",
            "url_path",
            "original_id",
            "lessonpage__estimated_minutes",
        )
    )
    outlines = {
        course.id: CourseOutline(
            course_id=course.id, record_course_id=getattr(course, "original_id", course.id)
        )
        for course in courses
    }
    modules: dict[str, ModuleOutline] = {}
    for row in rows:
        course = next(by_path[row["path"][:n]] for n in path_lengths if row["path"][:n] in by_path)
        url = course_urls[course.id] + row["url_path"][len(course.url_path) :]
        if row["depth"] == course.depth + 1:
            module = ModuleOutline(id=row["id"], title=row["title"], url=url)
            modules[row["path"]] = module
            outlines[course.id].modules.append(module)
            continue
        module = modules.get(row["path"][: -Page.steplen])
        if module is None:  # the lesson's module is unpublished: so is the lesson, for us
            continue
        module.steps.append(
            Step(
                key=lesson_step_key(row["original_id"]),
                kind=LESSON,
                title=row["title"],
                url=url,
                course_id=course.id,
                module_id=module.id,
                minutes=row["lessonpage__estimated_minutes"],
                page_id=row["id"],
            )
        )
    add_provided_steps(list(outlines.values()))
    return outlines


def course_outline(course: CoursePage) -> CourseOutline:
    return course_outlines([course])[course.id]


def shared_course_key(course_path: str) -> str:
    providers = zlib.crc32(step_providers_signature().encode())
    return f"course:{translation.get_language()}:{providers:x}:{course_path}"


def shared_course_with_outline(course_path: str) -> tuple[CoursePage, CourseOutline]:
    """The course at this tree path and its outline, as every learner sees them: from the
    shared cache (``courses.page_cache``) when nothing has changed since they were read,
    otherwise two queries and a provider's own. Pages that show the outline read it here;
    services that write progress read ``course_outline`` afresh."""

    def build():
        course = (
            CoursePage.objects.select_related("topic", "locale")
            .defer_streamfields()
            .annotate(original_id=original_id_of(Page), topic_name=topic_name_shown())
            .get(path=course_path)
        )
        outline = course_outline(course)
        outline.languages = page_languages(course)
        return course, outline

    return page_cache.shared(shared_course_key(course_path), build)


# --- progress ---------------------------------------------------------------------------


@dataclass
class Progress:
    """A learner's progress through one course outline, worked out once: neither the
    outline nor the completed steps change while a page is built from it (the progress
    bar alone asks for the percentage three times; issue 19, P1)."""

    outline: CourseOutline
    completed_keys: set[str] = field(default_factory=set)
    modules_in_order: bool = False

    @cached_property
    def total(self) -> int:
        return len(self.outline.steps)

    @cached_property
    def done(self) -> int:
        return len(self.completed_keys & self.outline.step_keys)

    @cached_property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def all_done(self) -> bool:
        return self.total > 0 and self.done == self.total

    @cached_property
    def locked_keys(self) -> set[str]:
        """Steps that cannot be opened yet: with modules in order, everything after the
        first module that still has an incomplete step."""
        if not self.modules_in_order:
            return set()
        locked: set[str] = set()
        blocked = False
        for module in self.outline.modules:
            if blocked:
                locked.update(step.key for step in module.steps)
            elif any(step.key not in self.completed_keys for step in module.steps):
                blocked = True
        if blocked:
            locked.update(step.key for step in self.outline.final_steps)
        return locked

    @property
    def next_step(self) -> Step | None:
        """Where "continue" takes the learner: the first step not yet done."""
        locked = self.locked_keys
        for step in self.outline.steps:
            if step.key not in self.completed_keys and step.key not in locked:
                return step
        return None

    def next_step_after(self, key: str) -> Step | None:
        """Where "continue" leads from one step (a quiz's result): the first open step after
        it in course order, else one left open before it; never the step itself."""
        steps = self.outline.steps
        index = next((i for i, step in enumerate(steps) if step.key == key), len(steps))
        locked = self.locked_keys
        for step in steps[index + 1 :] + steps[:index]:
            if step.key not in self.completed_keys and step.key not in locked:
                return step
        return None

    def status_of(self, step: Step) -> str:
        if step.key in self.completed_keys:
            return "done"
        return "locked" if step.key in self.locked_keys else "open"


def enrollment_get(*, user, course_id: int) -> Enrollment | None:
    if not user.is_authenticated:
        return None
    return Enrollment.objects.current().filter(user=user, course_id=course_id).first()


def enrollment_with_completed_keys(*, user, course_id: int) -> tuple[Enrollment | None, set[str]]:
    """The learner's current enrolment in the course and the steps it has completed, in
    one query (the enrolment joined to its completions)."""
    if not user.is_authenticated:
        return None, set()
    return current_enrollment_with_completed_keys(user_id=user.pk, course_id=course_id)


def progress_for(*, enrollment: Enrollment | None, course: CoursePage, outline: CourseOutline):
    keys = set()
    if enrollment is not None:
        keys = set(
            StepCompletion.objects.filter(enrollment=enrollment).values_list("step_key", flat=True)
        )
    return Progress(outline=outline, completed_keys=keys, modules_in_order=course.modules_in_order)


def step_is_locked(
    *,
    enrollment: Enrollment,
    course: CoursePage,
    step_key: str,
    outline: CourseOutline | None = None,
) -> bool:
    """Whether the course's order keeps this step closed for the learner. Free, without a
    query, for courses whose modules may be taken in any order."""
    if not course.modules_in_order:
        return False
    outline = outline or course_outline(course)
    progress = progress_for(enrollment=enrollment, course=course, outline=outline)
    return step_key in progress.locked_keys


def steps_with_status(progress: Progress, steps: list[Step]) -> list[tuple[Step, str]]:
    return [(step, progress.status_of(step)) for step in steps]


# --- the course of a page -------------------------------------------------------------


COURSE_DEPTH = 4  # root › home › catalogue › course: parent page types are enforced


def course_path_of(page: Page) -> str:
    """The tree path of the course a course, module or lesson page belongs to, worked out
    from the page's own path: no query."""
    return page.path[: COURSE_DEPTH * Page.steplen]


def course_for_descendant(page: Page) -> CoursePage:
    """The course a module or lesson belongs to."""
    return CoursePage.objects.select_related("topic").get(path=course_path_of(page))


def course_id_for_descendant(page: Page) -> int | None:
    return CoursePage.objects.filter(path=course_path_of(page)).values_list("id", flat=True).first()


def catalogue_get() -> CourseIndexPage:
    """The catalogue at /courses/, created by the site-structure migration.
    The original, not one of its translations (``courses.translations``)."""
    found = CourseIndexPage.objects.filter(depth=COURSE_DEPTH - 1, slug="courses").order_by("id")
    return found[:1].get()


def enrollment_request_latest(
    *, user, course: CoursePage, record_course_id: int | None = None
) -> EnrollmentRequest | None:
    """The learner's latest request for a place in a course that requires approval, which
    decides what the course page offers: request a place, withdraw a pending request, or
    see why it was rejected. No query for courses open to everyone. Requests are kept
    against the original of a translated course (``record_course_id``)."""
    if not course.enrolment_requires_approval or not user.is_authenticated:
        return None
    return (
        EnrollmentRequest.objects.filter(user=user, course_id=record_course_id or course.id)
        .order_by("-requested_at", "-pk")
        .first()
    )


def request_deciders_for(*, user, course: CoursePage) -> RequestDeciders | None:
    """Who decides this learner's request for a place, to tell them truthfully (the rule
    that routes the request's e-mail, ``accounts.selectors.request_deciders``); None for
    courses open to everyone."""
    if not course.enrolment_requires_approval or not user.is_authenticated:
        return None
    return request_deciders(user, with_people=False)


# --- view restrictions -----------------------------------------------------------------


def page_view_restrictions(*, page: Page):
    """The view restrictions on a page and its ancestors, as Wagtail's
    ``Page.get_view_restrictions`` gives them, without reading the ancestors: the few pages
    that carry a restriction are kept in the shared cache (``courses.access``), and a page
    without any gets an empty queryset that runs no query. That one is handed over already
    evaluated (empty): iterating a ``none()`` queryset still builds and compiles its SQL
    before giving up, on every page view (Wagtail's ``check_view_restrictions`` iterates
    it); ``exists()`` reads the same empty result, and a queryset made from it (filter,
    order_by) is an unevaluated ``none()`` again."""
    ids = [restriction.id for restriction in access.restrictions_of(page)]
    if not ids:
        empty = PageViewRestriction.objects.none()
        empty._result_cache = []
        empty._prefetch_done = True
        return empty
    return PageViewRestriction.objects.filter(id__in=ids)


# --- dashboard --------------------------------------------------------------------------


@dataclass
class DashboardRow:
    enrollment: Enrollment
    course: CoursePage
    progress: Progress

    @property
    def is_overdue(self) -> bool:
        due = self.enrollment.due_at
        return bool(due) and not self.enrollment.is_completed and due < timezone.now()


def _dashboard_order(enrollment: Enrollment) -> tuple:
    """Work with a due date first, the soonest (so the overdue) first; then the rest, the
    most recently active first; completed work last, the latest first. In Python: the
    databases disagree on where an empty due date sorts (SQLite first, PostgreSQL last)."""
    if enrollment.is_completed:
        return (2, -enrollment.completed_at.timestamp(), -enrollment.pk)
    if enrollment.due_at:
        return (0, enrollment.due_at.timestamp(), -enrollment.pk)
    active = enrollment.last_activity_at or enrollment.enrolled_at
    return (1, -active.timestamp(), -enrollment.pk)


def dashboard_rows(*, user) -> list[DashboardRow]:
    """The learner's enrolments with progress, in the order "My learning" lists them
    (``_dashboard_order``), each course in the reader's language where it is translated
    into it: a fixed number of queries however many courses and lessons there are."""
    enrollments = sorted(
        Enrollment.objects.current()
        .filter(user=user)
        .select_related("course", "course__topic", "course__locale"),
        key=_dashboard_order,
    )
    language = translation.get_language() or settings.LANGUAGE_CODE
    shown = translations_in([e.course for e in enrollments], language=language)
    for enrollment in enrollments:
        enrollment.shown_course = shown.get(enrollment.course_id, enrollment.course)
    outlines = course_outlines([enrollment.shown_course for enrollment in enrollments])
    completed: dict[int, set[str]] = {e.id: set() for e in enrollments}
    for enrollment_id, key in StepCompletion.objects.filter(
        enrollment__in=[e.id for e in enrollments]
    ).values_list("enrollment_id", "step_key"):
        completed[enrollment_id].add(key)
    return [
        DashboardRow(
            enrollment=e,
            course=e.shown_course,
            progress=Progress(
                outline=outlines[e.shown_course.id],
                completed_keys=completed[e.id],
                modules_in_order=e.course.modules_in_order,
            ),
        )
        for e in enrollments
    ]


def enrollments_with_all_steps_done(*, course: CoursePage, outline: CourseOutline):
    """Active enrolments of the course that have a completion for every current step."""
    return (
        Enrollment.objects.current()
        .filter(course=course, status=Enrollment.Status.ACTIVE)
        .annotate(
            steps_done=Count("completions", filter=Q(completions__step_key__in=outline.step_keys))
        )
        .filter(steps_done=len(outline.step_keys))
    )
