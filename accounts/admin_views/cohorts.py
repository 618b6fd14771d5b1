"""Cohorts: named groups of people of one unit's subtree, such as "2026 airport intake".
Managers create and edit the cohorts of their scope, with members from their scope."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import BaseListingView
from wagtail.admin.widgets import HeaderButton

from accounts import services as account_services
from accounts.admin_forms import CohortForm, CohortMembersForm
from accounts.scoped_admin import ScopedMixin, breadcrumbs

INDEX = "cohorts:index"


class CohortIndexView(ScopedMixin, BaseListingView):
    page_title = gettext_lazy("Cohorts")
    header_icon = "group"
    paginate_by = 50
    index_url_name = INDEX
    index_results_url_name = "cohorts:index_results"
    is_searchable = True
    search_fields = ["name", "organisation__name"]
    default_ordering = "name"
    verbose_name_plural = gettext_lazy("cohorts")
    columns = [
        TitleColumn(
            "name",
            label=gettext_lazy("Name"),
            sort_key="name",
            get_url=lambda cohort: reverse("cohorts:members", args=[cohort.pk]),
        ),
        Column("unit", label=gettext_lazy("Unit"), accessor="organisation.name"),
        Column("member_count", label=gettext_lazy("Members"), sort_key="member_count"),
        DateColumn("created_at", label=gettext_lazy("Created"), sort_key="created_at"),
    ]

    def get_base_queryset(self):
        return self.scope.cohorts().annotate(member_count=Count("members"))

    def get_header_buttons(self):
        return [HeaderButton(_("Add a cohort"), reverse("cohorts:add"), icon_name="plus")]


def _crumbs(*items):
    return breadcrumbs((reverse(INDEX), _("Cohorts")), *items)


class CohortFormView(ScopedMixin, View):
    """Create a cohort, or rename it, describe it or give it to another unit."""

    template_name = "accounts/cohorts/form.html"

    def _cohort(self, pk):
        return get_object_or_404(self.scope.cohorts(), pk=pk) if pk is not None else None

    def get(self, request, pk: int | None = None):
        cohort = self._cohort(pk)
        initial = {}
        if cohort is not None:
            initial = {
                "name": cohort.name,
                "organisation": cohort.organisation_id,
                "description": cohort.description,
            }
        return self._render(cohort, CohortForm(initial=initial, scope=self.scope, cohort=cohort))

    def post(self, request, pk: int | None = None):
        cohort = self._cohort(pk)
        form = CohortForm(request.POST, scope=self.scope, cohort=cohort)
        if form.is_valid():
            try:
                if cohort is None:
                    cohort = account_services.cohort_create(**form.cleaned_data, actor=request.user)
                    messages.success(request, _("Cohort created: now add its members."))
                else:
                    account_services.cohort_update(
                        cohort=cohort, **form.cleaned_data, actor=request.user
                    )
                    messages.success(request, _("Cohort saved."))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("cohorts:members", pk=cohort.pk)
        return self._render(cohort, form, status=400)

    def _render(self, cohort, form, status=200):
        title = _("Edit %(cohort)s") % {"cohort": cohort.name} if cohort else _("Add a cohort")
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "cohort": cohort,
                "form": form,
                "header_title": title,
                "page_title": title,
                "breadcrumbs_items": _crumbs(("", title)),
            },
            status=status,
        )


class CohortMembersView(ScopedMixin, View):
    template_name = "accounts/cohorts/members.html"

    def _cohort(self, pk):
        return get_object_or_404(self.scope.cohorts(), pk=pk)

    def get(self, request, pk: int):
        cohort = self._cohort(pk)
        return self._render(cohort, CohortMembersForm(cohort=cohort, scope=self.scope))

    def post(self, request, pk: int):
        cohort = self._cohort(pk)
        form = CohortMembersForm(request.POST, cohort=cohort, scope=self.scope)
        if form.is_valid():
            try:
                account_services.cohort_set_members(
                    cohort=cohort, members=form.new_members(), actor=request.user
                )
            except ValidationError as error:
                form.add_error("add", error)
            else:
                messages.success(request, _("Members of %(cohort)s saved.") % {"cohort": cohort})
                return redirect("cohorts:members", pk=cohort.pk)
        return self._render(cohort, form, status=400)

    def _render(self, cohort, form, status=200):
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "cohort": cohort,
                "members": cohort.members.select_related("organisation").order_by(
                    "full_name", "email"
                ),
                "form": form,
                "header_title": cohort.name,
                "page_title": cohort.name,
                "breadcrumbs_items": _crumbs(("", cohort.name)),
            },
            status=status,
        )


class CohortDeleteView(ScopedMixin, View):
    template_name = "accounts/cohorts/confirm_delete.html"

    def get(self, request, pk: int):
        cohort = get_object_or_404(self.scope.cohorts(), pk=pk)
        title = _("Delete %(cohort)s") % {"cohort": cohort.name}
        return TemplateResponse(
            request,
            self.template_name,
            {
                "cohort": cohort,
                "header_title": title,
                "page_title": title,
                "breadcrumbs_items": _crumbs(("", title)),
            },
        )

    def post(self, request, pk: int):
        cohort = get_object_or_404(self.scope.cohorts(), pk=pk)
        name = cohort.name
        account_services.cohort_delete(cohort=cohort, actor=request.user)
        messages.success(request, _("Cohort %(cohort)s deleted.") % {"cohort": name})
        return redirect(INDEX)
