"""Admin-wide rules that belong to no one app: who may reach Wagtail's document, image and
page choosers, its bulk-delete confirmations and its admin API (issue 12, finding 2; the
reasoning is in ``config.admin_choosers``)."""

from wagtail import hooks
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
