from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from assessments import admin_views
from assessments.admin_forms import QuizAdminForm, QuizCreateView, QuizEditView
from assessments.models import Quiz
from config.admin_choosers import ListingPermissionChooserViewSet


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "form"
    menu_label = _("Quizzes")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "module", "course", "pass_mark"]
    search_fields = ["title"]
    chooser_viewset_class = ListingPermissionChooserViewSet
    # A module or course that already has a quiz is named, with a link, never a dead end.
    add_view_class = QuizCreateView
    edit_view_class = QuizEditView
    edit_handler = ObjectList(Quiz.panels, base_form_class=QuizAdminForm)


register_snippet(QuizViewSet)


@hooks.register("register_admin_urls")
def register_quiz_admin_urls():
    return [
        path("quizzes/import-gift/", admin_views.gift_import, name="assessments_gift_import"),
        path(
            "quizzes/<int:quiz_id>/gift/", admin_views.gift_export, name="assessments_gift_export"
        ),
        path(
            "quizzes/<int:quiz_id>/analysis/",
            admin_views.item_analysis,
            name="assessments_item_analysis",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def quiz_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Quiz) and user.has_perm("assessments.change_quiz"):
        yield ListingButton(
            _("Item analysis"), reverse("assessments_item_analysis", args=[snippet.pk]), priority=30
        )
        yield ListingButton(
            _("Export GIFT"), reverse("assessments_gift_export", args=[snippet.pk]), priority=40
        )


class GiftImportMenuItem(MenuItem):
    """Only for people who may add quizzes (trainers, administrators): the import refuses
    everyone else, so managers and learners are not offered it."""

    def is_shown(self, request):
        return request.user.has_perm("assessments.add_quiz")


@hooks.register("register_admin_menu_item")
def gift_import_menu_item():
    return GiftImportMenuItem(
        _("Import GIFT"),
        reverse("assessments_gift_import"),
        icon_name="upload",
        order=211,
    )


@hooks.register("insert_global_admin_css")
def quiz_editor_css():
    """The compact question editor's layout (static/css/waypoint-admin.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/waypoint-admin.css"))
