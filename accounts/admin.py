from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import Organisation, User
from .services import unit_change_record, user_sign_in_details_changed


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "organisation", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["full_name", "preferred_language", "organisation"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "password1", "password2"]})]

    def save_model(self, request, obj, form, change):
        old_email = form.initial.get("email", obj.email) if change else obj.email
        old_unit = Organisation.objects.filter(pk=form.initial.get("organisation")).first()
        super().save_model(request, obj, form, change)
        unit_change_record(user=obj, previous=old_unit if change else None, actor=request.user)
        if change:
            user_sign_in_details_changed(
                request=request, user=obj, old_email=old_email, password_changed=False
            )

    def user_change_password(self, request, id, form_url=""):
        """The person is told when a superuser sets their password here, as everywhere."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = User.objects.get(pk=id)
            user_sign_in_details_changed(
                request=request, user=user, old_email=user.email, password_changed=True
            )
        return response


@admin.register(Organisation)
class OrganisationAdmin(TreeAdmin):
    form = movenodeform_factory(Organisation)
    list_display = ["name", "code", "country"]
