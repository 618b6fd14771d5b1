"""Admin-wide rules that belong to no one app: who may reach Wagtail's document, image and
page choosers, its bulk-delete confirmations and its admin API (issue 12, finding 2; the
reasoning is in ``config.admin_choosers``); what the Help menu offers (issue 16); the admin's
own small style sheet."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.menu import SubmenuMenuItem, help_menu
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from config import admin_choosers


@hooks.register("construct_document_chooser_queryset")
def refuse_document_chooser_without_choose_permission(documents, request):
    admin_choosers.refuse_without_choose_permission(get_document_model(), request)
    return documents


@hooks.register("construct_image_chooser_queryset")
def refuse_image_chooser_without_choose_permission(images, request):
    admin_choosers.refuse_without_choose_permission(get_image_model(), request)
    return images


@hooks.register("construct_page_chooser_queryset")
def refuse_page_chooser_without_page_permission(pages, request):
    admin_choosers.refuse_page_chooser_without_page_permission(request)
    return pages


# After Wagtail's own snippet delete action, which it replaces for every snippet model.
hooks.register("register_bulk_action", admin_choosers.SnippetDeleteBulkAction, order=1)


@hooks.register("construct_admin_api", order=1)  # after Wagtail's own, which it replaces
def admin_api_lists_only_choosable_files(router):
    router.register_endpoint("documents", admin_choosers.ChoosableDocumentsAPIViewSet)
    router.register_endpoint("images", admin_choosers.ChoosableImagesAPIViewSet)


# --- the Help menu (issue 16, manager 1) ------------------------------------------------------
# Wagtail's Help menu carries a "new" badge until opened and a link to Wagtail's release notes:
# news for whoever upgrades the platform (superusers), noise for everyone else. The Editor
# Guide is kept for people who edit pages (trainers, leads); managers, who edit none, keep
# only the keyboard shortcuts.
RELEASE_NOTES = "whats-new-in-wagtail-"
EDITOR_GUIDE = "editor-guide"


@hooks.register("construct_help_menu")
def help_menu_without_release_notes(request, items):
    if request.user.is_superuser:
        return
    edits_pages = user_has_any_page_permission(request.user)
    items[:] = [
        item
        for item in items
        if not item.name.startswith(RELEASE_NOTES) and (edits_pages or item.name != EDITOR_GUIDE)
    ]


@hooks.register("construct_main_menu")
def help_menu_without_badge(request, items):
    if request.user.is_superuser:
        return
    for i, item in enumerate(items):
        if item.name == "help":
            items[i] = SubmenuMenuItem(
                item.label, help_menu, name="help", icon_name=item.icon_name, order=item.order
            )


@hooks.register("insert_global_admin_css")
def waypoint_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
