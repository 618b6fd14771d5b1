from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessments import confirmation, review, selectors, services
from assessments.forms import responses_from_post
from assessments.way_on import way_on_after
from courses import access
from courses.selectors import shared_course_with_outline


def _wants_json(request) -> bool:
    return request.headers.get("x-requested-with") == "fetch"


@login_required
@require_GET
def quiz_overview(request, quiz_id: int):
    quiz = selectors.quiz_get(quiz_id=quiz_id)
    if refusal := access.refusal_response(request, page=selectors.quiz_page(quiz)):
        return refusal
    enrollment = selectors.enrollment_for_quiz(user=request.user, quiz=quiz)
    summary = selectors.attempts_summary(
        user=request.user, quiz=quiz, cycle=enrollment.cycle if enrollment else 1
    )
    way_on = None
    if enrollment is not None and summary.best is not None:
        way_on = way_on_after(
            user=request.user, quiz=quiz, passed=summary.passed, cycle=enrollment.cycle
        )
    # The quiz's own course (a translated quiz's is the translation; the enrolment's is
    # the original), from the shared cache.
    course, _outline = shared_course_with_outline(selectors.course_path_of(quiz))
    return render(
        request,
        "assessments/quiz_overview.html",
        {
            "quiz": quiz,
            "course": course,
            "enrollment": enrollment,
            "summary": summary,
            "way_on": way_on,
            "retry_quiz": quiz.id if summary.left is None or summary.left > 0 else None,
        },
    )


@login_required
@require_POST
def quiz_start(request, quiz_id: int):
    quiz = selectors.quiz_get(quiz_id=quiz_id)
    if refusal := access.refusal_response(request, page=selectors.quiz_page(quiz)):
        return refusal
    try:
        attempt = services.attempt_start(user=request.user, quiz=quiz)
    except services.AttemptError as error:
        messages.warning(request, error.message)
        return redirect("assessments:quiz", quiz_id=quiz.id)
    return redirect("assessments:attempt", attempt_id=attempt.id)


def _open_attempt(request, attempt_id: int):
    """The learner's own attempt while it can still be answered, or the page to show
    instead: the course's refusal, the result of a closed attempt, or the expired page (a
    GET changes nothing: that page offers the result behind a POST to the submit view,
    which grades the answers saved by the deadline, as the expiry job would)."""
    attempt = selectors.attempt_get_for_owner(attempt_id=attempt_id, user=request.user)
    if refusal := access.refusal_response(request, page_id=selectors.quiz_page_id(attempt.quiz)):
        return attempt, refusal
    if not attempt.is_open:
        return attempt, redirect("assessments:result", attempt_id=attempt.id)
    if attempt.is_past_deadline():
        return attempt, render(request, "assessments/attempt_expired.html", {"attempt": attempt})
    return attempt, None


@login_required
@require_GET
def attempt_take(request, attempt_id: int):
    attempt, instead = _open_attempt(request, attempt_id)
    if instead is not None:
        return instead
    return render(
        request, "assessments/attempt.html", selectors.attempt_page_context(attempt=attempt)
    )


@login_required
@require_POST
def attempt_answer(request, attempt_id: int):
    attempt = selectors.attempt_get_for_owner(attempt_id=attempt_id, user=request.user)
    if refusal := access.refusal_response(request, page_id=selectors.quiz_page_id(attempt.quiz)):
        if _wants_json(request):
            error = _("This quiz is no longer open to you: nothing was saved.")
            return JsonResponse({"saved": False, "error": error}, status=403)
        return refusal
    only = request.POST.get("question")
    try:
        responses = responses_from_post(request.POST, attempt.frozen, only=only)
        if only is not None and only not in responses:
            responses[only] = None
        services.attempt_save_answers(attempt=attempt, responses=responses)
    except services.AttemptError as error:
        if _wants_json(request):
            return JsonResponse({"saved": False, "error": error.message}, status=409)
        messages.warning(request, error.message)
        return redirect("assessments:attempt", attempt_id=attempt.id)
    if _wants_json(request):
        return JsonResponse({"saved": True})
    messages.success(request, _("Your answers are saved."))
    return redirect("assessments:attempt", attempt_id=attempt.id)


def _go(request, name: str, attempt_id: int):
    """A redirect, or for the attempt page's script (which submits with ``fetch`` so that
    a lost connection keeps the learner on the page) the address to go to."""
    if _wants_json(request):
        return JsonResponse({"url": reverse(f"assessments:{name}", args=[attempt_id])})
    return redirect(f"assessments:{name}", attempt_id=attempt_id)


@login_required
@require_POST
def attempt_submit(request, attempt_id: int):
    """Grade the attempt once the learner confirmed it on the summary, or when time is up;
    any other submit saves the answers and shows the summary first."""
    attempt = selectors.attempt_get_for_owner(attempt_id=attempt_id, user=request.user)
    if refusal := access.refusal_response(request, page_id=selectors.quiz_page_id(attempt.quiz)):
        return refusal
    responses = responses_from_post(request.POST, attempt.frozen)
    if attempt.is_open and not confirmation.submit_is_final(request.POST, attempt):
        try:
            services.attempt_save_answers(attempt=attempt, responses=responses)
        except services.AttemptError as error:
            messages.warning(request, error.message)
            return _go(request, "attempt", attempt.id)
        return _go(request, "summary", attempt.id)
    services.attempt_submit(attempt=attempt, responses=responses)
    return _go(request, "result", attempt.id)


@login_required
@require_GET
def attempt_summary(request, attempt_id: int):
    """Answered and unanswered questions and the time left, with "Submit all and finish"."""
    attempt, instead = _open_attempt(request, attempt_id)
    if instead is not None:
        return instead
    return render(
        request, "assessments/summary.html", confirmation.summary_context(attempt=attempt)
    )


@login_required
@require_GET
def attempt_result(request, attempt_id: int):
    attempt = selectors.attempt_get_for_owner(attempt_id=attempt_id, user=request.user)
    if refusal := access.refusal_response(request, page_id=selectors.quiz_page_id(attempt.quiz)):
        return refusal
    if attempt.is_open:
        return redirect("assessments:attempt", attempt_id=attempt.id)
    return render(request, "assessments/result.html", review.result_context(attempt=attempt))
