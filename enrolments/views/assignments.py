"""Admin screens for assignments: "Assign a course" (form → confirmation with counts →
assign) and "Import assignments from CSV" (upload → preview → import). Thin: checks and
writes live in ``enrolments.services.assignments`` and ``enrolments.services.imports``.
Only people with a scope (managers with units, administrators) get in; anyone else gets
the permission-denied page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.selectors import OrganisationScope
from accounts.selectors import organisation_scope_of_request as scope_of
from enrolments.forms import COHORT, AssignCourseForm, CsvConfirmForm, CsvImportForm
from enrolments.services import assignments, imports

PREVIEW_ERROR_ROWS = 500
PREVIEW_ROWS = 100
PREVIEW_INVITATIONS = 100


def _require_scope(request) -> OrganisationScope:
    scope = scope_of(request)
    if scope.is_empty:
        raise PermissionDenied
    return scope


def assign_course(request):
    scope = _require_scope(request)
    form = AssignCourseForm(request.POST or None, scope=scope)
    context = {"form": form, "page_title": _("Assign a course"), "header_icon": "group"}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = {"cohort": data["cohort"]} if data["target"] == COHORT else {}
        target = target or {"organisation": data["organisation"]}
        arguments = {"manager": request.user, "course": data["course"], **target}
        try:
            if "confirm" in request.POST:
                return _assign(request, arguments, assignments.due_at_for(data["due_date"]))
            context["summary"] = assignments.assignment_summary(**arguments)
        except assignments.AssignmentError as error:
            messages.error(request, error.message)
        else:
            context.update(target=next(iter(target.values())), course=data["course"])
            return TemplateResponse(request, "enrolments/assignments/assign_confirm.html", context)
    return TemplateResponse(request, "enrolments/assignments/assign.html", context)


def _assign(request, arguments: dict, due_at):
    if "cohort" in arguments:
        result = assignments.assignment_to_cohort(due_at=due_at, **arguments)
    else:
        result = assignments.assignment_to_unit(due_at=due_at, **arguments)
    target = arguments.get("cohort") or arguments["organisation"]
    messages.success(
        request,
        _(
            "“%(course)s” assigned to %(target)s: %(enrolled)s enrolled, %(updated)s due dates "
            "set, %(completed)s had already completed it."
        )
        % {
            "course": arguments["course"].title,
            "target": target,
            "enrolled": result.to_enrol,
            "updated": result.to_update,
            "completed": result.completed,
        },
    )
    if result.left_out:
        messages.warning(
            request,
            _("%(n)s cohort members outside your organisation or disabled were left out.")
            % {"n": result.left_out},
        )
    return redirect("reports_assign_course")


def import_csv(request):
    _require_scope(request)
    if request.method == "POST" and "token" in request.POST:
        return _import_confirm(request)
    form = CsvImportForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "GET" and "job" in request.GET:
        context["job"] = imports.assignment_import_csv_outcome(
            manager=request.user, token=request.GET["job"]
        )
    if request.method == "POST" and form.is_valid():
        context["preview"] = imports.assignment_import_csv_preview(
            manager=request.user,
            file=form.cleaned_data["file"],
            default_course=form.cleaned_data["course"],
            default_due_date=form.cleaned_data["due_date"],
        )
    return _import_page(request, context)


def _import_page(request, context: dict):
    preview = context.get("preview")
    if preview is not None:
        context.update(
            error_rows=preview.error_rows[:PREVIEW_ERROR_ROWS],
            more_errors=max(0, len(preview.error_rows) - PREVIEW_ERROR_ROWS),
            shown_rows=preview.rows[:PREVIEW_ROWS],
            more_rows=max(0, len(preview.rows) - PREVIEW_ROWS),
            shown_invitations=preview.invitations[:PREVIEW_INVITATIONS],
            more_invitations=max(0, len(preview.invitations) - PREVIEW_INVITATIONS),
        )
    context.setdefault("form", CsvImportForm())
    context.update(page_title=_("Import assignments from CSV"), header_icon="upload")
    return TemplateResponse(request, "enrolments/assignments/import.html", context)


def _import_confirm(request):
    form = CsvConfirmForm(request.POST)
    token = form.cleaned_data["token"] if form.is_valid() else ""
    try:
        result = imports.assignment_import_csv_start(manager=request.user, token=token)
    except imports.ImportRefused as refused:
        messages.error(request, refused.message)
        return _import_page(request, {"preview": refused.preview})
    except assignments.AssignmentError as error:
        messages.error(request, error.message)
        return redirect("reports_assignments_import")
    if result is None:  # a large file: imported in the background
        return redirect(f"{reverse('reports_assignments_import')}?{urlencode({'job': token})}")
    messages.success(
        request,
        _(
            "Imported: %(enrolled)s enrolled, %(updated)s due dates set, %(completed)s already "
            "completed; invitations emailed: %(invited)s."
        )
        % {
            "enrolled": result.enrolled,
            "updated": result.updated,
            "completed": result.completed,
            "invited": result.invited,
        },
    )
    return redirect("reports_assignments_import")
