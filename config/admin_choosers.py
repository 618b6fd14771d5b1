"""Wagtail's choosers and admin API, opened only to the people whose listing they mirror
(issue 12, finding 2).

A chooser is a listing in a modal. Wagtail's snippet choosers check access to the admin and
nothing else, by design (one may link to a snippet one cannot edit; wagtail/wagtail#14272),
so any trainer, lead trainer or manager could page through every certificate's code and
holder name. Here every snippet chooser checks the permission its listing checks. Documents
and images are chosen by Wagtail's "choose" collection permission, which Wagtail's own
migration gave to every group that reaches the admin, managers included
(``courses.0005_managers_choose_no_media`` takes it back); the list views and the admin API
apply it too. The hooks that use these are registered in ``home.wagtail_hooks``.
"""

from django.core.exceptions import PermissionDenied
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser as snippet_chooser


def user_may_list_snippets(user, model, also_open_to: tuple[str, ...] = ()) -> bool:
    """What the snippet's own listing checks (its index view's permissions, through the
    model's permission policy), or one of ``also_open_to``: the Django permissions of the
    forms whose fields choose this model."""
    listing_actions = model.snippet_viewset.index_view_class.any_permission_required
    if policy_registry.get_by_type(model).user_has_any_permission(user, listing_actions):
        return True
    return any(user.has_perm(permission) for permission in also_open_to)


class ListingPermissionRequiredMixin:
    also_open_to: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not user_may_list_snippets(request.user, self.model_class, self.also_open_to):
            raise PermissionDenied  # Wagtail answers 403, or redirects to the admin home
        return super().dispatch(request, *args, **kwargs)


class ChooseView(ListingPermissionRequiredMixin, snippet_chooser.ChooseView):
    pass


class ChooseResultsView(ListingPermissionRequiredMixin, snippet_chooser.ChooseResultsView):
    pass


class ChosenView(ListingPermissionRequiredMixin, snippet_chooser.SnippetChosenView):
    pass


class ChosenMultipleView(ListingPermissionRequiredMixin, snippet_chooser.SnippetChosenMultipleView):
    pass


class CreateView(ListingPermissionRequiredMixin, snippet_chooser.SnippetCreateView):
    pass


class ListingPermissionChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    """A snippet chooser that opens only to those who may open the snippet's listing.

    Use it as a ``SnippetViewSet``'s ``chooser_viewset_class``; a subclass names in
    ``also_open_to`` the permissions of forms that choose the snippet without listing it."""

    also_open_to: tuple[str, ...] = ()

    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(also_open_to=self.also_open_to, **kwargs)


# --- documents, images, pages -------------------------------------------------------------


def refuse_without_choose_permission(model, request) -> None:
    """The document and image choosers list what the "choose" permission allows; someone who
    holds it on no collection is refused the chooser, rather than shown an empty one."""
    if not policy_registry.get_by_type(model).user_has_permission(request.user, "choose"):
        raise PermissionDenied


def refuse_page_chooser_without_page_permission(request) -> None:
    """The page chooser lists every page, drafts and private ones included: it is for people
    who edit pages (and the quizzes and course settings that point at them)."""
    if not user_has_any_page_permission(request.user):
        raise PermissionDenied


class SnippetDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk-delete confirmation lists by name the snippets one may not delete, for
    any ids in the address (``?id=1&id=2…``): every certificate's code and holder name. Who
    may delete none of the model's snippets is refused before the page is drawn."""

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "delete"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ChoosableOnlyMixin:
    """The admin API lists documents and images as the choosers do: only what the person
    may choose (Wagtail's endpoints list every file to anyone who reaches the admin)."""

    def get_queryset(self):
        choosable = policy_registry.get_by_type(self.model).instances_user_has_any_permission_for(
            self.request.user, ["choose"]
        )
        return super().get_queryset().filter(pk__in=choosable.values("pk"))


class ChoosableDocumentsAPIViewSet(ChoosableOnlyMixin, DocumentsAdminAPIViewSet):
    pass


class ChoosableImagesAPIViewSet(ChoosableOnlyMixin, ImagesAdminAPIViewSet):
    pass
