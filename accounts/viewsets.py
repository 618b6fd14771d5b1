"""Wagtail's user editor with Waypoint's fields, and the rule that only superusers grant
superuser status or touch a superuser's account (the Administrators group manages everyone
else). Wagtail itself only guards deletion; the bulk actions are in ``wagtail_hooks``."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import CopyViewMixin
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView, EditView, IndexView, UserViewSet

from .audit import log_role_change, roles_of
from .models import Organisation, User
from .services import unit_change_record, user_sign_in_details_changed


def can_manage_account(actor: User, account: User) -> bool:
    """A superuser's address, password, roles and status are for superusers only: an
    administrator who could change them could take over the account and everything."""
    return actor.is_superuser or not account.is_superuser


_WAYPOINT_FIELDS = ["full_name", "preferred_language", "organisation"]


class _WaypointUserFields(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("path"), required=False
    )


class WaypointUserCreationForm(_WaypointUserFields, UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        fields = {"email", "is_superuser", "groups", *_WAYPOINT_FIELDS}


class WaypointUserEditForm(_WaypointUserFields, UserEditForm):
    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        fields = {"email", "is_active", "is_superuser", "groups", *_WAYPOINT_FIELDS}


class _SuperuserFieldForSuperusersOnly:
    """Non-superusers get no superuser field: a forged ``is_superuser=on`` is ignored."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.request.user.is_superuser:
            form.fields.pop("is_superuser", None)
        return form


class WaypointUserIndexView(IndexView):
    def get_edit_url(self, instance):
        if can_manage_account(self.request.user, instance):
            return super().get_edit_url(instance)
        return None


class WaypointUserCreateView(_SuperuserFieldForSuperusersOnly, CreateView):
    def save_instance(self):
        user = super().save_instance()
        log_role_change(user=user, actor=self.request.user, before=(set(), False))
        unit_change_record(user=user, previous=None, actor=self.request.user)
        return user


class WaypointUserCopyView(CopyViewMixin, WaypointUserCreateView):
    """Wagtail's "Copy" is a second creation form: the same rules and the same role log."""

    def get_object(self, queryset=None):
        account = super().get_object(queryset)
        if not can_manage_account(self.request.user, account):
            raise PermissionDenied
        return account


class WaypointUserEditView(_SuperuserFieldForSuperusersOnly, EditView):
    """Wagtail logs "edited"; who gained or lost which role, and a change of unit (with its
    consequences for reports and cohorts), are logged separately."""

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_account(request.user, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        before = roles_of(self.object)
        old_email, old_unit = (
            User.objects.filter(pk=self.object.pk).values_list("email", "organisation").get()
        )
        user = super().save_instance()
        log_role_change(user=user, actor=self.request.user, before=before)
        unit_change_record(
            user=user,
            previous=Organisation.objects.filter(pk=old_unit).first() if old_unit else None,
            actor=self.request.user,
        )
        user_sign_in_details_changed(
            request=self.request,
            user=user,
            old_email=old_email,
            password_changed=bool(self.form.cleaned_data.get("password1")),
        )
        return user


class WaypointUserViewSet(UserViewSet):
    index_view_class = WaypointUserIndexView
    add_view_class = WaypointUserCreateView
    copy_view_class = WaypointUserCopyView
    edit_view_class = WaypointUserEditView

    def get_form_class(self, for_update=False):
        return WaypointUserEditForm if for_update else WaypointUserCreationForm
