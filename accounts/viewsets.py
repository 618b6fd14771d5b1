from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView, EditView, UserViewSet

from .audit import log_role_change, roles_of
from .models import Organisation

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


class WaypointUserCreateView(CreateView):
    def save_instance(self):
        user = super().save_instance()
        log_role_change(user=user, actor=self.request.user, before=(set(), False))
        return user


class WaypointUserEditView(EditView):
    """Wagtail logs "edited"; who gained or lost which role is logged separately."""

    def save_instance(self):
        before = roles_of(self.object)
        user = super().save_instance()
        log_role_change(user=user, actor=self.request.user, before=before)
        return user


class WaypointUserViewSet(UserViewSet):
    add_view_class = WaypointUserCreateView
    edit_view_class = WaypointUserEditView

    def get_form_class(self, for_update=False):
        return WaypointUserEditForm if for_update else WaypointUserCreationForm
