from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from courses import access, selectors, services
from courses.dashboard import dashboard_sections
from courses.models import CoursePage, LessonPage


@login_required
@require_GET
def dashboard(request):
    rows = selectors.dashboard_rows(user=request.user)
    return render(
        request,
        "courses/dashboard.html",
        {
            "in_progress": [row for row in rows if not row.enrollment.is_completed],
            "completed": [row for row in rows if row.enrollment.is_completed],
            "sections": dashboard_sections(user=request.user),
        },
    )


@login_required
@require_POST
def enroll(request, course_id: int):
    course = get_object_or_404(CoursePage, pk=course_id)
    if refusal := access.refusal_response(request, page=course):
        return refusal
    try:
        services.enrollment_create(user=request.user, course=course)
    except services.EnrollmentError as error:
        messages.warning(request, error.message)
    else:
        messages.success(
            request, _("You are enrolled. Welcome to %(course)s!") % {"course": course.title}
        )
    return redirect(course.url if course.live else "learning:dashboard")


@login_required
@require_POST
def request_place(request, course_id: int):
    """Ask for a place in a course that requires approval, and say who decides: the
    managers of the learner's nearest managed unit, or the administrators."""
    course = get_object_or_404(CoursePage, pk=course_id)
    if refusal := access.refusal_response(request, page=course):
        return refusal
    try:
        services.enrollment_request_create(
            user=request.user, course=course, message=request.POST.get("message", "")
        )
    except services.EnrollmentError as error:
        messages.warning(request, error.message)
    else:
        deciders = selectors.request_deciders_for(user=request.user, course=course)
        if deciders is None or deciders.are_administrators:
            sent = _(
                "Your request has been sent to the platform administrators. You will get an "
                "e-mail when they decide."
            )
        else:
            sent = _(
                "Your request has been sent to the managers of %(unit)s. You will get an "
                "e-mail when they decide."
            ) % {"unit": deciders.unit_name}
        messages.success(request, sent)
    return redirect(course.url if course.live else "learning:dashboard")


@login_required
@require_POST
def withdraw_request(request, course_id: int):
    course = get_object_or_404(CoursePage, pk=course_id)
    try:
        services.enrollment_request_withdraw(user=request.user, course=course)
    except services.EnrollmentError as error:
        messages.warning(request, error.message)
    else:
        messages.success(request, _("Your request has been withdrawn."))
    return redirect(course.url if course.live else "learning:dashboard")


@login_required
@require_POST
def complete_lesson(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage, pk=lesson_id)
    next_url = request.POST.get("next", "")  # read first: a malformed body changes nothing
    if refusal := access.refusal_response(request, page=lesson):
        return refusal
    # "Mark as done" sent by the page's script, also later from a copy kept offline:
    # an answer in JSON, not the next page (the completion is recorded once either way).
    wants_json = "application/json" in request.headers.get("Accept", "")
    try:
        services.lesson_complete(user=request.user, lesson=lesson)
    except services.EnrollmentError as error:
        if wants_json:
            return JsonResponse({"error": error.message}, status=409)
        messages.warning(request, error.message)
        return redirect(lesson.url or "learning:dashboard")
    if wants_json:
        return JsonResponse({"done": True})
    if (
        next_url
        and next_url.isprintable()  # a line break cannot go in the Location header
        and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return HttpResponseRedirect(next_url)  # redirect() takes "abc" for a view name
    return redirect(lesson.url)
