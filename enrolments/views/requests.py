"""Enrolment requests: the managers' queue and the decision screen."""

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

from accounts.scoped_admin import ScopedMixin, breadcrumbs
from courses.models import EnrollmentRequest
from enrolments import selectors
from enrolments.forms import DecisionForm
from enrolments.services.approvals import ApprovalError, enrollment_request_decide

PENDING = EnrollmentRequest.Status.PENDING
ANY = "any"


class RequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[
            (EnrollmentRequest.Status.APPROVED, gettext_lazy("Approved")),
            (EnrollmentRequest.Status.REJECTED, gettext_lazy("Rejected")),
            (EnrollmentRequest.Status.WITHDRAWN, gettext_lazy("Withdrawn")),
            (ANY, gettext_lazy("Any status")),
        ],
        empty_label=gettext_lazy("Waiting for a decision"),
        method="filter_status",
    )

    class Meta:
        model = EnrollmentRequest
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset if value == ANY else queryset.filter(status=value)


def _learner(row: EnrollmentRequest) -> str:
    return f"{row.user} · {row.user.email}"


class RequestIndexView(ScopedMixin, BaseListingView):
    page_title = gettext_lazy("Enrolment requests")
    header_icon = "tick-inverse"
    paginate_by = 50
    index_url_name = "enrolment_requests:index"
    index_results_url_name = "enrolment_requests:index_results"
    filterset_class = RequestFilterSet
    is_searchable = True
    search_fields = ["user__email", "user__full_name", "course__title"]
    default_ordering = "requested_at"
    verbose_name_plural = gettext_lazy("enrolment requests")
    columns = [
        TitleColumn(
            "learner",
            label=gettext_lazy("Learner"),
            accessor=_learner,
            get_url=lambda row: reverse("enrolment_requests:decide", args=[row.pk]),
        ),
        Column(
            "unit",
            label=gettext_lazy("Unit"),
            accessor=lambda row: row.user.organisation.name if row.user.organisation else "—",
        ),
        Column("course", label=gettext_lazy("Course"), accessor="course.title"),
        DateColumn("requested_at", label=gettext_lazy("Requested"), sort_key="requested_at"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
    ]

    def get_base_queryset(self):
        return selectors.enrollment_requests_in(self.scope)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.request.GET.get("status"):  # the default view: the queue to decide
            queryset = queryset.filter(status=PENDING)
        return queryset


class RequestDecideView(ScopedMixin, View):
    """One request: what the learner asked, and approve or reject with a note."""

    template_name = "enrolments/approvals/decide.html"

    def _object(self, pk: int) -> EnrollmentRequest:
        return get_object_or_404(
            selectors.enrollment_requests_in(self.scope).select_related("decided_by"), pk=pk
        )

    def get(self, request, pk: int):
        return self._render(self._object(pk), DecisionForm())

    def post(self, request, pk: int):
        enrollment_request = self._object(pk)
        form = DecisionForm(request.POST)
        if form.is_valid():
            decision = form.cleaned_data["decision"]
            try:
                enrollment_request_decide(
                    enrollment_request=enrollment_request,
                    user=request.user,
                    decision=decision,
                    note=form.cleaned_data["note"],
                )
            except ApprovalError as error:
                form.add_error(None, error.message)
            else:
                text = (
                    _("Approved: %(name)s is enrolled in %(course)s and has been e-mailed.")
                    if decision == "approve"
                    else _("Rejected: %(name)s has been e-mailed.")
                )
                messages.success(
                    request,
                    text
                    % {"name": enrollment_request.user, "course": enrollment_request.course.title},
                )
                return redirect("enrolment_requests:index")
        return self._render(enrollment_request, form, status=400)

    def _render(self, enrollment_request, form, status=200):
        title = _("Request by %(name)s") % {"name": enrollment_request.user}
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "enrollment_request": enrollment_request,
                "form": form,
                "is_pending": enrollment_request.status == PENDING,
                "own_request": enrollment_request.user_id == self.request.user.pk,
                "page_title": title,
                "header_title": title,
                "breadcrumbs_items": breadcrumbs(
                    (reverse("enrolment_requests:index"), _("Enrolment requests")), ("", title)
                ),
            },
            status=status,
        )
