from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

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


class WaypointUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return WaypointUserEditForm if for_update else WaypointUserCreationForm
