"""The organisation tree: everyone with a scope sees their part of it and moves people
between its units; administrators add, edit, move and delete units and name managers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import BaseListingView
from wagtail.admin.widgets import HeaderButton

from accounts import services as account_services
from accounts.admin_forms import ManagerAddForm, MoveMembersForm, OrganisationForm
from accounts.models import Organisation, User
from accounts.scoped_admin import ScopedMixin, breadcrumbs
from accounts.selectors import (
    managers_by_unit,
    may_edit_organisation_tree,
    organisation_scope_of_request,
)

MEMBERS_PER_PAGE = 50
INDEX = "organisations:index"


def may_edit_tree(request) -> bool:
    return may_edit_organisation_tree(request.user, organisation_scope_of_request(request))


class TreeAdminMixin(ScopedMixin):
    """Administrators only: units and their managers."""

    def dispatch(self, request, *args, **kwargs):
        if not may_edit_tree(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OrganisationIndexView(ScopedMixin, BaseListingView):
    page_title = gettext_lazy("Organisations")
    header_icon = "group"
    paginate_by = 100
    index_url_name = INDEX
    verbose_name_plural = gettext_lazy("organisations")
    columns = [
        TitleColumn(
            "name",
            label=gettext_lazy("Unit"),
            accessor="indented_name",
            get_url=lambda unit: reverse("organisations:detail", args=[unit.pk]),
        ),
        Column("code", label=gettext_lazy("Code")),
        Column("country", label=gettext_lazy("Country")),
        Column("member_count", label=gettext_lazy("People")),
        Column("managers", label=gettext_lazy("Managers"), accessor="manager_names"),
    ]

    def get_base_queryset(self):
        return self.scope.organisations().annotate(member_count=Count("members")).order_by("path")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        units = context["object_list"]
        managers = managers_by_unit(units)
        top = min((unit.depth for unit in units), default=1)
        for unit in units:
            unit.indented_name = "\u2003" * (unit.depth - top) + unit.name
            unit.manager_names = ", ".join(str(user) for user in managers[unit.pk]) or "—"
        return context

    def get_header_buttons(self):
        if not may_edit_tree(self.request):
            return []
        return [HeaderButton(_("Add a unit"), reverse("organisations:add"), icon_name="plus")]


def unit_in_scope(scope, pk: int) -> Organisation:
    return get_object_or_404(scope.organisations(), pk=pk)


class OrganisationDetailView(ScopedMixin, View):
    """A unit: where it sits, its managers, its units, its people, and moving people."""

    template_name = "accounts/organisations/detail.html"

    def get(self, request, pk: int):
        unit = unit_in_scope(self.scope, pk)
        return self._render(unit, MoveMembersForm(unit=unit, scope=self.scope))

    def post(self, request, pk: int):
        unit = unit_in_scope(self.scope, pk)
        form = MoveMembersForm(request.POST, unit=unit, scope=self.scope)
        if not form.is_valid():
            return self._render(unit, form, status=400)
        target, people = form.cleaned_data["target"], list(form.cleaned_data["people"])
        account_services.users_move_to_organisation(
            users=people, organisation=target, actor=request.user
        )
        messages.success(
            request,
            ngettext(
                "Moved %(count)s person to %(unit)s.",
                "Moved %(count)s people to %(unit)s.",
                len(people),
            )
            % {"count": len(people), "unit": target},
        )
        return redirect("organisations:detail", pk=unit.pk)

    def _render(self, unit: Organisation, form, status=200):
        steps = range(Organisation.steplen, len(unit.path), Organisation.steplen)
        above = Organisation.objects.filter(path__in=[unit.path[:end] for end in steps])
        members = Paginator(
            User.objects.filter(organisation=unit).order_by("full_name", "email"),
            MEMBERS_PER_PAGE,
        ).get_page(self.request.GET.get("p"))
        context = {
            "unit": unit,
            "above": above.order_by("path"),
            "children": self.scope.organisations()
            .filter(path__startswith=unit.path, depth=unit.depth + 1)
            .annotate(member_count=Count("members"))
            .order_by("path"),
            "managers": managers_by_unit([unit])[unit.pk],
            "members": members,
            "form": form,
            "can_edit_tree": may_edit_tree(self.request),
            "header_title": unit.name,
            "page_title": unit.name,
            "header_icon": "group",
            "breadcrumbs_items": breadcrumbs((reverse(INDEX), _("Organisations")), ("", unit.name)),
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)


class OrganisationFormView(TreeAdminMixin, View):
    """Add a unit (``?parent=`` preselects where) or edit and move one."""

    template_name = "accounts/organisations/form.html"

    def _unit(self, pk):
        return unit_in_scope(self.scope, pk) if pk is not None else None

    def get(self, request, pk: int | None = None):
        unit = self._unit(pk)
        if unit is not None:
            parent = unit.get_parent()
            initial = {"name": unit.name, "code": unit.code, "country": unit.country}
            initial["parent"] = parent.pk if parent else None
        else:
            initial = {"parent": request.GET.get("parent")}
        form = OrganisationForm(initial=initial, scope=self.scope, organisation=unit)
        return self._render(unit, form)

    def post(self, request, pk: int | None = None):
        unit = self._unit(pk)
        form = OrganisationForm(request.POST, scope=self.scope, organisation=unit)
        if form.is_valid():
            try:
                if unit is None:
                    unit = account_services.organisation_create(
                        **form.cleaned_data, actor=request.user
                    )
                else:
                    unit = account_services.organisation_update(
                        organisation=unit, **form.cleaned_data, actor=request.user
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("%(unit)s saved.") % {"unit": unit.name})
                return redirect("organisations:detail", pk=unit.pk)
        return self._render(unit, form, status=400)

    def _render(self, unit, form, status=200):
        title = _("Edit %(unit)s") % {"unit": unit.name} if unit else _("Add a unit")
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "unit": unit,
                "form": form,
                "header_title": title,
                "page_title": title,
                "breadcrumbs_items": breadcrumbs((reverse(INDEX), _("Organisations")), ("", title)),
            },
            status=status,
        )


class OrganisationDeleteView(TreeAdminMixin, View):
    template_name = "accounts/organisations/confirm_delete.html"

    def get(self, request, pk: int):
        unit = unit_in_scope(self.scope, pk)
        title = _("Delete %(unit)s") % {"unit": unit.name}
        return TemplateResponse(
            request,
            self.template_name,
            {
                "unit": unit,
                "header_title": title,
                "page_title": title,
                "breadcrumbs_items": breadcrumbs((reverse(INDEX), _("Organisations")), ("", title)),
            },
        )

    def post(self, request, pk: int):
        unit = unit_in_scope(self.scope, pk)
        try:
            account_services.organisation_delete(organisation=unit, actor=request.user)
        except ValidationError as error:
            messages.error(request, error.message)
            return redirect("organisations:detail", pk=unit.pk)
        messages.success(request, _("%(unit)s deleted.") % {"unit": unit.name})
        return redirect(INDEX)


class OrganisationManagersView(TreeAdminMixin, View):
    """The managers of one unit: add by e-mail address, remove with a button."""

    template_name = "accounts/organisations/managers.html"

    def get(self, request, pk: int):
        return self._render(unit_in_scope(self.scope, pk), ManagerAddForm())

    def post(self, request, pk: int):
        unit = unit_in_scope(self.scope, pk)
        if "remove" in request.POST:
            manager = get_object_or_404(unit.managers.all(), pk=request.POST.get("remove"))
            account_services.organisation_remove_manager(
                organisation=unit, user=manager, actor=request.user
            )
            messages.success(
                request,
                _("%(name)s no longer manages %(unit)s.") % {"name": manager, "unit": unit},
            )
            return redirect("organisations:managers", pk=unit.pk)
        form = ManagerAddForm(request.POST)
        if not form.is_valid():
            return self._render(unit, form, status=400)
        try:
            account_services.organisation_add_manager(
                organisation=unit, user=form.user, actor=request.user
            )
        except ValidationError as error:
            form.add_error("email", error)
            return self._render(unit, form, status=400)
        messages.success(
            request, _("%(name)s now manages %(unit)s.") % {"name": form.user, "unit": unit}
        )
        return redirect("organisations:managers", pk=unit.pk)

    def _render(self, unit, form, status=200):
        title = _("Managers of %(unit)s") % {"unit": unit.name}
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "unit": unit,
                "managers": managers_by_unit([unit])[unit.pk],
                "form": form,
                "header_title": title,
                "page_title": title,
                "breadcrumbs_items": breadcrumbs(
                    (reverse(INDEX), _("Organisations")),
                    (reverse("organisations:detail", args=[unit.pk]), unit.name),
                    ("", _("Managers")),
                ),
            },
            status=status,
        )
