"""Compliance with required courses: totals per unit with a chart, and the people, with
CSV and XLSX files of the people's list (its columns, as on screen). Access as for every
report: the ``reports.view_reports`` permission opens it, ``organisation_scope_for``
decides the rows."""

from dataclasses import replace
from io import BytesIO

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from reports import charts, exports
from reports import compliance_table as table
from reports.compliance_filters import ComplianceFilterForm
from reports.report_views.views import XLSX_TYPE, display, require_report_access
from reports.selectors.compliance import (
    compliance_export_rows,
    compliance_page,
    compliance_summary,
)

PAGE_SIZE = 50


class _PeopleRows:
    """The list of people as the paginator sees it: its length from the totals (no query),
    a page read when sliced (one query for the rows, one for their courses' titles)."""

    def __init__(self, summary):
        self.summary = summary

    def __len__(self):
        return self.summary.row_count

    def __getitem__(self, page: slice):
        rows, titles = compliance_page(
            self.summary, offset=page.start or 0, limit=(page.stop or 0) - (page.start or 0)
        )
        return table.people_rows(rows, titles, self.summary.unit_names)


def _cells(row: dict, columns) -> list[dict]:
    return [
        {"text": display(row.get(column.key), column.numeric), "numeric": column.numeric}
        for column in columns
    ]


class ComplianceView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/compliance_page.html"
    header_icon = "tick-inverse"

    def get_page_title(self):
        return str(table.TITLE)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        self.scope = require_report_access(request)
        self.filter_form = ComplianceFilterForm(request.GET, scope=self.scope)
        self.criteria = self.filter_form.criteria() if self.filter_form.is_valid() else None
        if self.criteria is not None and request.GET.get("refresh"):
            self.criteria = replace(self.criteria, fresh=True)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            if self.criteria is None:
                messages.error(request, _("Correct the filters before downloading the report."))
            else:
                return self.export_response(export)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filter_form=self.filter_form,
            description=table.DESCRIPTION,
            people_columns=table.PEOPLE_COLUMNS,
            total_columns=table.TOTAL_COLUMNS,
            csv_url=self._export_url("csv"),
            xlsx_url=self._export_url("xlsx"),
        )
        if self.criteria is None:
            return context
        summary = compliance_summary(self.criteria)
        totals = table.total_rows(summary)
        paginator = Paginator(_PeopleRows(summary), PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        refresh = self.request.GET.copy()
        refresh["refresh"] = "1"
        chart = charts.rate_bars([(row["unit"], row["rate"]) for row in totals])
        context.update(
            figures_as_of=summary.as_of,
            refresh_url=f"{self.request.path}?{refresh.urlencode()}",
            totals=[
                {
                    "cells": _cells(row, table.TOTAL_COLUMNS),
                    "indent": row["_indent"],
                    "url": self._unit_url(row["_unit_id"]) if row["_has_units_below"] else "",
                }
                for row in totals
            ],
            chart=charts.in_reading_direction(chart),
            page_obj=page,
            paginator=paginator,
            people=[{"cells": _cells(row, table.PEOPLE_COLUMNS)} for row in page.object_list],
            page_query=query.urlencode(),
        )
        return context

    def _unit_url(self, unit_id: int) -> str:
        """The report narrowed to a unit, the other filters kept: its units below appear."""
        query = self.request.GET.copy()
        for name in ("p", "refresh", "export"):
            query.pop(name, None)
        query["unit"] = str(unit_id)
        return f"{self.request.path}?{query.urlencode()}"

    def _export_url(self, export_format: str) -> str:
        query = self.request.GET.copy()
        query.pop("p", None)
        query["export"] = export_format
        return f"{self.request.path}?{query.urlencode()}"

    def export_response(self, export_format: str):
        summary = compliance_summary(self.criteria)
        filename = f"{table.EXPORT_NAME}-{timezone.localdate().isoformat()}"
        heading = self.filter_form.export_heading(table.TITLE, self.criteria)
        if export_format == "xlsx" and summary.row_count > exports.XLSX_INLINE_LIMIT:
            messages.error(
                self.request,
                _(
                    "The list has more than %(limit)s rows: choose a unit, a course or a "
                    "status, or download it as CSV."
                )
                % {"limit": exports.XLSX_INLINE_LIMIT},
            )
            query = self.request.GET.copy()
            query.pop("export", None)
            return redirect(f"{self.request.path}?{query.urlencode()}")
        rows, titles = compliance_export_rows(summary)
        people = table.people_rows_streamed(rows, titles, summary.unit_names)
        if export_format == "csv":
            bare = self.request.GET.get("bare") == "1"
            response = StreamingHttpResponse(
                exports.csv_chunks(table.PEOPLE_COLUMNS, people, None if bare else heading),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
            return response
        output = BytesIO()
        exports.xlsx_write(table.PEOPLE_COLUMNS, people, output, heading)
        response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
