from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import LocaleColumn
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from config import admin_choosers
from courses import access, admin_views, documents, review_views
from courses.admin_panels import course_panels, may_add_courses
from courses.models import CoursePage, Enrollment, Topic, Video
from courses.services.videos import video_prepare
from courses.video_forms import VideoAdminForm


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = gettext_lazy("Topics")
    menu_order = 200
    add_to_admin_menu = True
    # Every language's copy of a topic is listed: the language column tells them apart
    # (from the locales Wagtail keeps per process: no query per row).
    list_display = ["name", LocaleColumn(label=gettext_lazy("Language")), "slug"]
    search_fields = ["name"]
    chooser_viewset_class = admin_choosers.ListingPermissionChooserViewSet


register_snippet(TopicViewSet)


class VideoViewSet(SnippetViewSet):
    """Lesson videos; the status column says when their small copies are ready, or why not."""

    model = Video
    icon = "media"
    menu_label = gettext_lazy("Videos")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "status", "status_message", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    chooser_viewset_class = admin_choosers.ListingPermissionChooserViewSet
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("file"),
            FieldPanel("transcript"),
            InlinePanel(
                "captions",
                label=gettext_lazy("Captions"),
                panels=[FieldPanel("language"), FieldPanel("file")],
            ),
            FieldPanel("status", read_only=True),
            FieldPanel("status_message", read_only=True),
        ],
        base_form_class=VideoAdminForm,
    )


register_snippet(VideoViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def prepare_uploaded_video(request, instance):
    """A new or replaced video file gets its small copies made in the background."""
    if isinstance(instance, Video):
        video_prepare(video=instance, user=request.user)


@hooks.register("before_delete_page")
def refuse_deleting_courses_with_learners(request, page):
    """Learner records outlive a course: unpublish it instead of deleting it."""
    course_ids = list(
        CoursePage.objects.descendant_of(page, inclusive=True).values_list("id", flat=True)
    )
    if course_ids and Enrollment.objects.filter(course_id__in=course_ids).exists():
        messages.error(
            request,
            _(
                "This course has enrolled learners, so it cannot be deleted. Unpublish it "
                "instead: their progress and certificates are kept."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.id)
    return None


@hooks.register("before_serve_page", order=-1)
def refuse_people_outside_the_groups(page, request, serve_args, serve_kwargs):
    """Runs before Wagtail's own view-restriction check, for the one case it gets wrong
    here: a signed-in person outside a "private to groups" restriction, whom Wagtail sends
    to sign in, and the sign-in page sends back. Every other case is Wagtail's."""
    if not request.user.is_authenticated:
        return None
    refused = access.request_refusal(request, page=page)
    if refused is not None and refused.kind == access.GROUPS:
        return access.closed_to_groups_response(request)
    return None


@hooks.register("before_serve_document")
def refuse_course_documents_to_outsiders(document, request):
    """A handout linked from a lesson downloads only for those who may read the lesson."""
    return documents.download_refusal(document, request)


# --- the trainer's "New course" and the dashboard panels (issue 16) -------------------------

hooks.register("construct_homepage_panels", course_panels)


@hooks.register("register_admin_urls")
def new_course_url():
    return [
        path("courses/new/", admin_views.new_course, name="courses_new_course"),
        path(
            "courses/review/submit/<int:page_id>/",
            review_views.submit,
            name="courses_review_submit",
        ),
        path("courses/review/<int:pk>/", review_views.submission, name="courses_review_submission"),
    ]


@hooks.register("register_page_header_buttons")
def submit_course_for_review_button(page, user, view_name, next_url=None):
    """On a course or module: send it for review with every draft below it, as one."""
    if page.specific_class not in review_views.REVIEWED_AS_A_WHOLE:
        return []
    if not page.permissions_for_user(user).can_edit():
        return []
    return [
        Button(
            gettext_lazy("Submit for review with everything below it"),
            reverse("courses_review_submit", args=[page.pk]),
            icon_name="resubmit",
            priority=16,
        )
    ]


class NewCourseMenuItem(MenuItem):
    def is_shown(self, request):
        return may_add_courses(request.user)


@hooks.register("register_admin_menu_item")
def new_course_menu_item():
    return NewCourseMenuItem(
        gettext_lazy("New course"), reverse("courses_new_course"), icon_name="plus", order=101
    )
