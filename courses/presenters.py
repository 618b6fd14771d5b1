"""What the course pages, the catalogue and a lesson's preview give their templates: the
page contexts, put together from ``courses.selectors`` (which do the reading). Pages call
these from ``get_context``; nothing here queries the database itself."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses.catalogue import catalogue_courses, enrolment_statuses
from courses.completion import completion_awards
from courses.forms import CatalogueFilterForm
from courses.models import CoursePage, LessonPage, ModulePage
from courses.outline import CourseOutline, Step, lesson_step_key
from courses.previews import draft_course_outline, draft_view_url
from courses.search import catalogue_search, with_snippets
from courses.selectors import (
    Progress,
    course_for_descendant,
    course_path_of,
    enrollment_request_latest,
    enrollment_with_completed_keys,
    request_deciders_for,
    shared_course_with_outline,
    steps_with_status,
)
from courses.translations import course_languages, language_names

CATALOGUE_PAGE_SIZE = 12


def _outline_with_status(progress: Progress) -> dict:
    outline = progress.outline
    return {
        "modules": [
            (module, steps_with_status(progress, module.steps)) for module in outline.modules
        ],
        "final_steps": steps_with_status(progress, outline.final_steps),
    }


def _learner_progress(*, user, course: CoursePage, outline: CourseOutline):
    """The learner's enrolment and progress, kept against the original of a translated
    course (``outline.record_course_id``): one query."""
    enrollment, completed_keys = enrollment_with_completed_keys(
        user=user, course_id=outline.record_course_id
    )
    progress = Progress(
        outline=outline, completed_keys=completed_keys, modules_in_order=course.modules_in_order
    )
    return enrollment, progress


def _languages(outline: CourseOutline, page_id: int) -> dict:
    """The page's own language (its content's ``lang``) and the languages it is published
    in, which the page offers to switch to: from the shared outline, no query."""
    own, available = outline.languages.get(page_id, ("", []))
    return {"content_language": own, "content_languages": language_names(available)}


def _course_context(*, course: CoursePage, user, outline: CourseOutline) -> dict:
    enrollment, progress = _learner_progress(user=user, course=course, outline=outline)
    context = {"outline": outline, "enrollment": enrollment, "progress": progress}
    context.update(_outline_with_status(progress))
    return context


def course_page_context(*, course: CoursePage, user) -> dict:
    shared_course, outline = shared_course_with_outline(course.path)
    if shared_course.topic_id == course.topic_id:
        course.topic = shared_course.topic
        course.topic_name = shared_course.topic_name  # in the reader's language
    context = _course_context(course=course, user=user, outline=outline)
    context.update(_languages(outline, course.id))
    context["enrollment_request"] = None
    if context["enrollment"] is None:
        context["enrollment_request"] = enrollment_request_latest(
            user=user, course=course, record_course_id=outline.record_course_id
        )
        context["deciders"] = request_deciders_for(user=user, course=course)
    elif context["enrollment"].is_completed:
        # The course ends with the way to what it gives (the certificate), as a quiz does.
        context["awards"] = completion_awards(enrollment=context["enrollment"])
    return context


def _live_course_with_outline(page: Page) -> tuple[CoursePage, CourseOutline]:
    """The course of a module or lesson, which must be live. Wagtail serves a live page
    under a draft parent: a module approved before its course, or the lessons of a course
    taken offline, would otherwise be public."""
    course, outline = shared_course_with_outline(course_path_of(page))
    if not course.live:
        raise Http404("This course is not published.")
    return course, outline


def module_page_context(*, module: ModulePage, user) -> dict:
    course, outline = _live_course_with_outline(module)
    context = _course_context(course=course, user=user, outline=outline)
    module_outline = context["outline"].module(module.id)
    steps = module_outline.steps if module_outline else []
    context.update(course=course, module_steps=steps_with_status(context["progress"], steps))
    context.update(_languages(outline, module.id))
    return context


def _user_can_edit(page: Page, user) -> bool:
    return user.is_authenticated and page.permissions_for_user(user).can_edit()


def lesson_page_context(*, lesson: LessonPage, user) -> dict:
    course, outline = _live_course_with_outline(lesson)
    enrollment, progress = _learner_progress(user=user, course=course, outline=outline)
    key = outline.key_of_page(lesson.id)
    context = {
        "course": course,
        "outline": outline,
        "enrollment": enrollment,
        "progress": progress,
        "current_key": key,
    }
    context.update(_languages(outline, lesson.id))
    context.update(_neighbours(outline, key))
    context.update(_ways_forward(progress, key, context["next_step_in_course"]))
    context.update(_outline_with_status(progress))
    context["step_status"] = "locked" if key in progress.locked_keys else "open"
    if key in progress.completed_keys:
        context["step_status"] = "done"
    if enrollment is None:
        if not user.is_authenticated:
            refusal = _("Sign in and enrol in this course to open its lessons.")
        else:
            refusal = _("Enrol in this course to open its lessons.")
        if _user_can_edit(lesson, user):
            refusal = None
    elif context["step_status"] == "locked":
        refusal = _("Finish the earlier modules of this course before opening this lesson.")
    else:
        refusal = None
    context.update(can_view_body=refusal is None, refusal=refusal)
    return context


def _preview_context(*, course: CoursePage) -> dict:
    """A course or module preview: the draft outline, nobody enrolled, no action live."""
    outline = draft_course_outline(course)
    progress = Progress(outline=outline, modules_in_order=course.modules_in_order)
    context = {
        "outline": outline,
        "enrollment": None,
        "enrollment_request": None,
        "progress": progress,
        "preview": True,
        "course_preview_url": draft_view_url(course.pk) if course.pk else "",
    }
    context.update(_outline_with_status(progress))
    return context


def course_preview_context(*, course: CoursePage) -> dict:
    return _preview_context(course=course)


def module_preview_context(*, module: ModulePage) -> dict:
    course = course_for_descendant(module).get_latest_revision_as_object()
    context = _preview_context(course=course)
    module_outline = context["outline"].module(module.id)
    steps = module_outline.steps if module_outline else []
    context.update(course=course, module_steps=steps_with_status(context["progress"], steps))
    return context


def lesson_preview_context(*, lesson: LessonPage) -> dict:
    course = course_for_descendant(lesson) if lesson.pk else None
    outline = draft_course_outline(course) if course else None
    context = {"course": course, "outline": outline, "preview": True, "can_view_body": True}
    if outline:
        context["progress"] = Progress(outline=outline)
        context["current_key"] = lesson_step_key(lesson.id)
        context.update(_neighbours(outline, context["current_key"]))
        context.update(_outline_with_status(context["progress"]))
    return context


def _neighbours(outline: CourseOutline, key: str) -> dict:
    steps = outline.steps
    index = next((i for i, step in enumerate(steps) if step.key == key), None)
    if index is None:
        return {"previous_step": None, "next_step_in_course": None, "position": None}
    return {
        "previous_step": steps[index - 1] if index > 0 else None,
        "next_step_in_course": steps[index + 1] if index + 1 < len(steps) else None,
        "position": index + 1,
    }


def _ways_forward(progress: Progress, key: str, next_step: Step | None) -> dict:
    """Where a lesson's two ways on lead. "Done, next" goes to the next step once this one
    is done, unless the course's order would still keep that step closed (an earlier
    lesson of the module is not done): then, as after the last step, to the course page,
    which says where to continue. "Skip for now" goes on without the credit, to the next
    step if it is open already (``None``: to the course page)."""
    after = Progress(
        outline=progress.outline,
        completed_keys=progress.completed_keys | {key},
        modules_in_order=progress.modules_in_order,
    )
    done_next = next_step if next_step and next_step.key not in after.locked_keys else None
    skip_to = next_step if next_step and next_step.key not in progress.locked_keys else None
    return {"done_next_step": done_next, "skip_step": skip_to}


def catalogue_context(*, index_page, request) -> dict:
    form = CatalogueFilterForm(request.GET or None)
    filters, query = {}, ""
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "topic": data.get("topic"),
            "level": data.get("level") or "",
            "language": data.get("language") or "",
        }
        query = data.get("q") or ""
    courses = catalogue_courses(index_page=index_page, user=request.user, **filters)
    found = None
    if query:
        found = catalogue_search(courses, index_page=index_page, request=request, query=query)
        courses = found.courses
    page = Paginator(courses, CATALOGUE_PAGE_SIZE).get_page(request.GET.get("page"))
    course_ids = [course.id for course in page.object_list]
    statuses = enrolment_statuses(user=request.user, courses=page.object_list)
    matches = with_snippets(found, course_ids) if found else {}
    languages = course_languages()
    return {
        "filter_form": form,
        "courses": page,
        "cards": [
            {
                "course": course,
                "enrolment_status": statuses.get(course.id),
                "matches": matches.get(course.id),
                "languages": language_names(
                    languages.get(course.translation_key) or [course.locale.language_code]
                ),
            }
            for course in page.object_list
        ],
        "query": query,
        "filter_querystring": _querystring_without_page(request),
    }


def _querystring_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
