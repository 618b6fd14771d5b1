"""Who may download a document that course material links to.

A lesson is open only to the course's enrolled learners (and to those who may edit it), so
a handout linked from a lesson must be too: otherwise its address, forwarded or guessed,
hands the material to anyone. The rule follows the links themselves, which Wagtail's
reference index records for every StreamField block and rich-text link on a page:

- a document no course page links to is not course material: Wagtail's own collection
  privacy is all that applies to it;
- otherwise the person may download it when they may see one live page that links to it:
  a course or module page (open to anyone its view restrictions admit), or a lesson (for
  the course's enrolled learners and for editors, as the lesson body itself);
- a draft page's links grant nothing to learners: only editors see drafts.

Two or three queries per download, none for the rest of the site.
"""

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.template.response import TemplateResponse
from wagtail.models import Page, ReferenceIndex

from courses import access
from courses.models import CoursePage, Enrollment, LessonPage, ModulePage

COURSE_MATERIAL = (CoursePage, ModulePage, LessonPage)


def course_pages_linking(document) -> list[Page]:
    """The course, module and lesson pages whose current content links to the document."""
    page_ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    }
    if not page_ids:
        return []
    material_types = ContentType.objects.get_for_models(*COURSE_MATERIAL).values()
    return list(
        Page.objects.filter(pk__in=page_ids, content_type__in=material_types).select_related(
            "content_type"
        )
    )


def _may_open(request, page: Page, enrolled_course_paths: set[str]) -> bool:
    if access.request_refusal(request, page=page) is not None:
        return False
    is_lesson = page.content_type.model_class() is LessonPage
    if page.live and not is_lesson:
        return True
    if page.live and any(page.path.startswith(path) for path in enrolled_course_paths):
        return True
    user = request.user
    return user.is_authenticated and page.permissions_for_user(user).can_edit()


def _enrolled_course_paths(user) -> set[str]:
    """Tree paths of the courses the person is enrolled in now (a handful, one query)."""
    if not user.is_authenticated:
        return set()
    return set(
        Enrollment.objects.current().filter(user=user).values_list("course__path", flat=True)
    )


def download_refusal(
    document,
    request,
    *,
    refused_template: str = "courses/document_refused.html",
    unlinked_permission: str | None = None,
):
    """``None`` when the request may download the document, else the answer to send.

    The same rule serves other course material a lesson links to (an uploaded video:
    ``courses.video_views``). ``unlinked_permission``: who may fetch it while no course page
    links to it (``None``: anyone, as for Wagtail documents)."""
    pages = course_pages_linking(document)
    if not pages and unlinked_permission is None:
        return None
    if not pages and request.user.has_perm(unlinked_permission):
        return None
    enrolled = _enrolled_course_paths(request.user)
    if any(_may_open(request, page, enrolled) for page in pages):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return TemplateResponse(request, refused_template, status=403)
