"""Requests to join a unit: the deciders' queue and the decision screen.

Both start from the person's scope: a request for a unit outside it does not exist for them
(404), whatever id is typed or posted. The service checks the scope again."""

import django_filters
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import BaseListingView

from accounts.admin_forms import APPROVE, MembershipDecisionForm
from accounts.models import MembershipRequest
from accounts.scoped_admin import ScopedMixin, breadcrumbs
from accounts.selectors import membership_requests_in
from accounts.services import MembershipError, membership_request_decide

PENDING = MembershipRequest.Status.PENDING
ANY = "any"
INDEX = "membership_requests:index"


class MembershipRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[
            (MembershipRequest.Status.APPROVED, gettext_lazy("Approved")),
            (MembershipRequest.Status.DECLINED, gettext_lazy("Declined")),
            (MembershipRequest.Status.WITHDRAWN, gettext_lazy("Withdrawn")),
            (ANY, gettext_lazy("Any status")),
        ],
        empty_label=gettext_lazy("Waiting for a decision"),
        method="filter_status",
    )

    class Meta:
        model = MembershipRequest
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset if value == ANY else queryset.filter(status=value)


def _person(row: MembershipRequest) -> str:
    return f"{row.user} · {row.user.email}"


def _unit_now(row: MembershipRequest) -> str:
    return row.user.organisation.name if row.user.organisation else "—"


class MembershipRequestIndexView(ScopedMixin, BaseListingView):
    page_title = gettext_lazy("Unit requests")
    header_icon = "user"
    paginate_by = 50
    index_url_name = INDEX
    index_results_url_name = "membership_requests:index_results"
    filterset_class = MembershipRequestFilterSet
    is_searchable = True
    search_fields = ["user__email", "user__full_name", "unit__name"]
    default_ordering = "requested_at"
    verbose_name_plural = gettext_lazy("unit requests")
    columns = [
        TitleColumn(
            "person",
            label=gettext_lazy("Person"),
            accessor=_person,
            get_url=lambda row: reverse("membership_requests:decide", args=[row.pk]),
        ),
        Column("unit", label=gettext_lazy("Asks to join"), accessor="unit.name"),
        Column("unit_now", label=gettext_lazy("Unit now"), accessor=_unit_now),
        DateColumn("requested_at", label=gettext_lazy("Requested"), sort_key="requested_at"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
    ]

    def get_base_queryset(self):
        return membership_requests_in(self.scope)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.request.GET.get("status"):  # the default view: the queue to decide
            queryset = queryset.filter(status=PENDING)
        return queryset


class MembershipRequestDecideView(ScopedMixin, View):
    """One request: who asks, where they are now, and approve or decline with a note."""

    template_name = "accounts/membership/decide.html"

    def _object(self, pk: int) -> MembershipRequest:
        return get_object_or_404(membership_requests_in(self.scope), pk=pk)

    def get(self, request, pk: int):
        return self._render(self._object(pk), MembershipDecisionForm())

    def post(self, request, pk: int):
        membership_request = self._object(pk)
        form = MembershipDecisionForm(request.POST)
        if form.is_valid():
            approve = form.cleaned_data["decision"] == APPROVE
            try:
                membership_request_decide(
                    membership_request=membership_request,
                    decider=request.user,
                    approve=approve,
                    note=form.cleaned_data["note"],
                )
            except MembershipError as error:
                form.add_error(None, error.message)
            else:
                text = (
                    _("Approved: %(name)s is now a member of %(unit)s and has been e-mailed.")
                    if approve
                    else _("Declined: %(name)s has been e-mailed.")
                )
                name = membership_request.user
                messages.success(request, text % {"name": name, "unit": membership_request.unit})
                return redirect(INDEX)
        return self._render(membership_request, form, status=400)

    def _render(self, membership_request, form, status=200):
        title = _("Request by %(name)s") % {"name": membership_request.user}
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "membership_request": membership_request,
                "form": form,
                "is_pending": membership_request.status == PENDING,
                "own_request": membership_request.user_id == self.request.user.pk,
                "page_title": title,
                "header_title": title,
                "header_icon": "user",
                "breadcrumbs_items": breadcrumbs((reverse(INDEX), _("Unit requests")), ("", title)),
            },
            status=status,
        )
