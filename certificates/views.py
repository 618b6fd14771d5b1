from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from certificates import selectors, services
from certificates.codes import normalise_code
from config.ratelimit import allow


def _lookup_allowed(request) -> bool:
    """One budget per client for the page and the JSON alike, against enumeration."""
    return allow(
        request,
        scope="verify",
        limit=settings.CERTIFICATE_VERIFY_RATE_PER_MINUTE,
        window_seconds=60,
    )


@require_GET
def verify_form(request):
    code = request.GET.get("code", "")
    if code:
        canonical = normalise_code(code)
        if canonical:
            return redirect("certificates:verify", code=canonical)
        return render(
            request, "certificates/verify_form.html", {"code": code, "invalid": True}, status=400
        )
    return render(request, "certificates/verify_form.html", {})


@never_cache
@require_GET
def verify(request, code: str):
    if not _lookup_allowed(request):
        response = render(request, "certificates/rate_limited.html", status=429)
        response["Retry-After"] = "60"
        return response
    certificate = selectors.certificate_for_verification(code=code)
    if certificate is None:
        return render(request, "certificates/verify_unknown.html", {"code": code}, status=404)
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "facts": selectors.certificate_public_facts(certificate=certificate),
            "json_url": reverse("certificates:verify_json", args=[certificate.code]),
        },
    )


@never_cache
@require_GET
def verify_json(request, code: str):
    if not _lookup_allowed(request):
        return JsonResponse({"error": "rate_limited"}, status=429, headers={"Retry-After": "60"})
    certificate = selectors.certificate_for_verification(code=code)
    if certificate is None:
        return JsonResponse({"error": "unknown_code", "code": code[:64]}, status=404)
    return JsonResponse(selectors.certificate_public_facts(certificate=certificate))


@login_required
@require_GET
def download_pdf(request, code: str):
    """The holder's PDF. A revoked certificate's is refused with a page that says when and
    why (410 Gone): a PDF has no way to say it was revoked after it was printed, so none is
    handed out once it is; the verification page says "revoked" to anyone who checks."""
    certificate = selectors.certificate_get_for_owner(code=code, user=request.user, with_pdf=False)
    if certificate.revoked_at is not None:
        return render(
            request, "certificates/download_revoked.html", {"certificate": certificate}, status=410
        )
    if not certificate.pdf:
        raise Http404("No PDF yet")
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificate-{certificate.code}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_POST
def recertify(request, code: str):
    certificate = selectors.certificate_get_for_owner(code=code, user=request.user, with_pdf=False)
    try:
        enrollment = services.certificate_recertify(certificate=certificate)
    except services.CertificateError as error:
        messages.warning(request, str(error))
        return redirect("learning:dashboard")
    messages.success(
        request,
        _(
            "You have started %(course)s again. Your current certificate stays valid until "
            "it expires; completing the course issues a new one."
        )
        % {"course": enrollment.course.title},
    )
    return redirect(enrollment.course.url)
