"""The manager reports in the Wagtail admin. Thin: filters → criteria → a report table;
the queries live in ``reports.selectors``, the writers in ``reports.exports`` and the
background exports' files in ``reports.services.exports``.

Access: the ``reports.view_reports`` permission (Managers and Administrators groups) opens
the pages; which rows appear is decided by ``organisation_scope_for`` alone.
"""

import logging
from dataclasses import replace
from io import BytesIO

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.generic import TemplateView
from kombu.exceptions import OperationalError as BrokerError
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from accounts.selectors import OrganisationScope, organisation_scope_for
from reports import charts, exports
from reports.report_filters import ReportFilterForm
from reports.selectors.criteria import ReportCriteria
from reports.selectors.summaries import course_summary, unit_summary
from reports.selectors.transcripts import transcript_get
from reports.services import exports as export_files
from reports.tables import REPORT_TABLES, VIEW_PERMISSION, ReportTable

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
logger = logging.getLogger("waypoint.reports")


def require_report_access(request) -> OrganisationScope:
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied
    return organisation_scope_for(request.user)


def display(value, numeric: bool) -> str:
    if value is None or value == "":
        return "—"
    if hasattr(value, "year"):
        return date_format(value, "SHORT_DATE_FORMAT")
    if numeric:
        return number_format(value, decimal_pos=1 if not float(value).is_integer() else 0)
    return str(value)


class BaseReportView(ReportView):
    table: ReportTable
    template_name = "reports/report_page.html"
    results_template_name = "reports/report_results.html"
    header_icon = "table"
    paginate_by = 50
    show_export_buttons = False  # the page has its own, always visible, download links

    def dispatch(self, request, *args, **kwargs):
        self.scope = require_report_access(request)
        self.filter_form = ReportFilterForm(
            request.GET, scope=self.scope, fields=self.table.filters
        )
        self.criteria = self.filter_form.criteria() if self.filter_form.is_valid() else None
        if self.criteria is not None and request.GET.get("refresh"):
            self.criteria = replace(self.criteria, fresh=True)
        self.list_export = [column.key for column in self.table.columns]
        self.export_headings = {column.key: column.label for column in self.table.columns}
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.table.title

    def get_queryset(self):
        if self.criteria is None:
            return self.table.queryset(ReportCriteria(scope=OrganisationScope())).none()
        return self.table.queryset(self.criteria)

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        if self.criteria is not None:
            # The table counts its rows without the joins that only display needs.
            paginator.count = self.table.count(self.criteria)
        return paginator

    def decorate_paginated_queryset(self, object_list):
        if self.criteria is None:
            return []
        self.rows = self.table.rows(self.criteria, list(object_list))
        return [self.screen_row(row) for row in self.rows]

    def screen_row(self, row: dict) -> dict:
        links = row.get("_links", {})
        cells = []
        for column in self.table.columns:
            link = links.get(column.key)
            cells.append(
                {
                    "text": display(row.get(column.key), column.numeric),
                    "url": self.link_url(*link) if link else None,
                    "numeric": column.numeric,
                }
            )
        return {"cells": cells, "indent": row.get("_indent", 0)}

    def link_url(self, url_name: str, args: tuple, params: dict | None) -> str:
        url = reverse(url_name, args=args)
        if params is None:
            return url
        query = self.request.GET.copy()
        for key in ("p", "export", "status"):
            query.pop(key, None)
        for key, value in params.items():
            query[key] = str(value)
        return f"{url}?{query.urlencode()}"

    def get(self, request, *args, **kwargs):
        if self.is_export and self.criteria is None:
            messages.error(request, _("Correct the filters before downloading the report."))
            self.is_export = False
        if self.is_export:
            return self.export_response(request.GET["export"])
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        """Start the background build of a large XLSX ("Prepare", "Prepare it again", "Try
        again"): only a POST starts work, never a GET a link or another site could send."""
        if self.criteria is None or request.GET.get("export") != self.FORMAT_XLSX:
            return redirect(self.table.url_name)
        name = self.export_name()
        self.queue_export(name)
        return redirect(self.get_export_url(self.FORMAT_XLSX))

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(
            table=self.table,
            columns=self.table.columns,
            filter_form=self.filter_form,
            csv_url=self.get_export_url(self.FORMAT_CSV),
            xlsx_url=self.get_export_url(self.FORMAT_XLSX),
        )
        return context

    # --- exports -------------------------------------------------------------------------

    def get_filename(self):
        return f"{self.table.name}-{timezone.localdate().isoformat()}"

    def export_response(self, export_format: str):
        """The file, with the heading block that says what it holds; ``bare=1`` leaves
        the block out of a CSV for programs that read it as before."""
        columns, criteria = self.table.columns, self.criteria
        if export_format == self.FORMAT_CSV:
            as_of, rows = self.table.export(criteria)
            bare = self.request.GET.get("bare") == "1"
            heading = None if bare else self.filter_form.export_heading(self.table.title, as_of)
            response = StreamingHttpResponse(
                exports.csv_chunks(columns, rows, heading),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
            return response
        if self.table.enrolment_rows and self.table.count(criteria) > exports.XLSX_INLINE_LIMIT:
            return self.background_export()
        output = BytesIO()
        as_of, rows = self.table.export(criteria)
        heading = self.filter_form.export_heading(self.table.title, as_of)
        exports.xlsx_write(columns, rows, output, heading)
        response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.xlsx"'
        return response

    def export_name(self) -> str:
        query = exports.export_query(self.request.GET)
        return export_files.export_name(
            user_id=self.request.user.pk, report=self.table.name, query=query
        )

    def queue_export(self, name: str) -> bool:
        from reports.tasks import build_report_export

        export_files.export_mark_building(name)
        query = exports.export_query(self.request.GET)
        try:
            build_report_export.delay(
                self.request.user.pk, self.table.name, query, language=translation.get_language()
            )
        except BrokerError:
            export_files.export_clear_building(name)
            messages.error(
                self.request, _("The export could not be started. Try again in a few minutes.")
            )
            return False
        except (export_files.ExportRefused, OSError):  # only when jobs run in-process (eagerly)
            logger.exception("report export failed name=%s", name)
            return False
        return True

    def background_export(self):
        """Above the inline limit the XLSX is built by a background job: this page offers to
        start it (a POST), says it is being prepared (reloading itself, no JavaScript), then
        offers the file. Opening it changes nothing."""
        name = self.export_name()
        status = export_files.export_status(name)
        if self.request.GET.get("download") and status["ready"]:
            return FileResponse(
                export_files.export_open(name),
                as_attachment=True,
                filename=f"{self.get_filename()}.xlsx",
                content_type=XLSX_TYPE,
            )
        return TemplateResponse(
            self.request,
            "reports/report_export.html",
            {
                **status,
                "table": self.table,
                "page_title": _("Download %(report)s") % {"report": self.table.title},
                "report_url": self.link_url(self.table.url_name, (), {}),
                "download_url": self.get_export_url(self.FORMAT_XLSX) + "&download=1",
                "limit": exports.XLSX_INLINE_LIMIT,
            },
        )


class SummaryReportView(BaseReportView):
    """Reports of figures (by course, by unit): the figures come in one summary per page
    (possibly cached, see ``reports.selectors.summaries._cached``) and say when they were
    computed."""

    summary = None

    def get_summary(self):
        raise NotImplementedError

    def decorate_paginated_queryset(self, object_list):
        if self.criteria is None:
            return []
        self.summary = self.get_summary()
        self.rows = self.table.rows(self.criteria, list(object_list), summary=self.summary)
        return [self.screen_row(row) for row in self.rows]

    def render_to_response(self, context, **response_kwargs):
        if not self.is_export and self.summary is not None:
            query = self.request.GET.copy()
            query["refresh"] = "1"
            context.update(
                figures_as_of=self.summary.computed_at,
                refresh_url=f"{self.request.path}?{query.urlencode()}",
                **self.chart_context(),
            )
        return super().render_to_response(context, **response_kwargs)

    def chart_context(self) -> dict:
        return {}


class CourseCompletionView(SummaryReportView):
    table = REPORT_TABLES["courses"]

    def get_summary(self):
        return course_summary(self.criteria)

    def chart_context(self):
        return {"completions_chart": charts.monthly_columns(self.summary.completions_by_month)}


class UnitCompletionView(SummaryReportView):
    table = REPORT_TABLES["units"]

    def get_summary(self):
        return unit_summary(self.criteria)

    def chart_context(self):
        # The units of this page, as in the table below the chart.
        rates = [(row["unit"], row["completion_rate"]) for row in self.rows]
        return (
            {"rates_chart": charts.in_reading_direction(charts.rate_bars(rates))} if rates else {}
        )


class LearnerProgressView(BaseReportView):
    table = REPORT_TABLES["learners"]


class OverdueView(BaseReportView):
    table = REPORT_TABLES["overdue"]


class TranscriptView(WagtailAdminTemplateMixin, TemplateView):
    """A learner's record, for the people whose scope includes the learner's unit; a 404
    for everyone else, whatever id they type."""

    template_name = "reports/report_transcript.html"
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        self.scope = require_report_access(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return pgettext("learner record", "Transcript")

    def get_page_subtitle(self):
        return str(self.transcript.learner)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("reports_learner_progress"), "label": _("Learner progress")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get(self, request, *args, user_id: int, **kwargs):
        self.transcript = transcript_get(scope=self.scope, user_id=user_id, now=timezone.now())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["transcript"] = self.transcript
        return context
