from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from certificates import selectors, services, uploads, verification
from certificates.codes import normalise_code
from certificates.credentials import baking, openbadge
from certificates.credentials.keys import key_set
from config.ratelimit import allow


def file_error_message(error: str | None) -> str:
    limit_mb = settings.CERTIFICATE_VERIFY_UPLOAD_MAX_BYTES // (1024 * 1024)
    messages_by_error = {
        None: "",
        "rate_limited": _("Too many checks from your network. Wait a minute and try again."),
        "too_large": _("The file is larger than %(size)s MB: it cannot be a certificate of ours.")
        % {"size": limit_mb},
        "no_file": _("Choose a file to check."),
        "empty": _("The file is empty."),
        "badge_without_credential": _("This image holds no credential."),
        "unknown_kind": _(
            "This file is not a certificate PDF, a credential (JSON or JWT) or a badge image."
        ),
    }
    return messages_by_error.get(error, messages_by_error["unknown_kind"])


def file_outcome_message(result: dict) -> str:
    outcome = result["outcome"]
    if result["kind"] == "pdf":
        if outcome == "issued":
            return _("This PDF is exactly the one issued.")
        return _(
            "This PDF is not one we issued: it was changed, or it is not ours. Check the code "
            "printed on it instead."
        )
    return {
        "issued": _("This credential is exactly the one issued, and its signature is valid."),
        "superseded": _(
            "The signature is valid, but this credential was replaced by a newer one: the "
            "certificate's current facts are below."
        ),
        "unknown_certificate": _("The signature is valid, but no certificate has this code."),
        "not_signed": _(
            "This credential carries no signature of ours: it may have been changed. Nothing "
            "in it can be trusted."
        ),
        "unknown_key": _("This credential was not signed with any of our keys."),
        "unsupported_algorithm": _("This credential was not signed with any of our keys."),
        "bad_signature": _(
            "The signature does not match: this credential was changed after it was issued."
        ),
    }.get(outcome, _("This credential cannot be read."))


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


# --- signed credentials: the published keys and lists, the holder's downloads -----------


@require_GET
def issuer_profile(request):
    return JsonResponse(openbadge.issuer_profile(), content_type="application/ld+json")


@require_GET
def jwks(request):
    response = JsonResponse(key_set().jwks(), content_type="application/jwk-set+json")
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def status_list(request, number: int):
    """The signed Bitstring Status List, as a VC-JWT; cached for under a minute and
    dropped at once by a revocation, so a revocation shows within a minute at worst."""
    try:
        token = verification.status_list_credential(number=number)
    except verification.NoSuchStatusList:
        raise Http404 from None
    response = HttpResponse(token, content_type="application/vc+jwt")
    response["Cache-Control"] = f"public, max-age={settings.CREDENTIAL_STATUS_LIST_CACHE_SECONDS}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _holders_credential(request, code: str):
    certificate = selectors.certificate_get_for_owner(code=code, user=request.user, with_pdf=False)
    if certificate.revoked_at is not None:
        return certificate, render(
            request, "certificates/download_revoked.html", {"certificate": certificate}, status=410
        )
    return services.certificate_credential_ensure(certificate=certificate), None


@login_required
@require_GET
def credential_json(request, code: str):
    """The credential as a VC 2.0 ``EnvelopedVerifiableCredential``: JSON that wallets and
    this page's verifier read, holding the signed JWT."""
    certificate, refused = _holders_credential(request, code)
    if refused:
        return refused
    document = {
        "@context": [openbadge.VC_CONTEXT],
        "id": verification.ENVELOPE_PREFIX + certificate.credential,
        "type": "EnvelopedVerifiableCredential",
    }
    response = JsonResponse(document, content_type="application/ld+json")
    response["Content-Disposition"] = f'attachment; filename="credential-{certificate.code}.json"'
    return response


@login_required
@require_GET
def badge_png(request, code: str):
    certificate, refused = _holders_credential(request, code)
    if refused:
        return refused
    image = baking.bake(openbadge.badge_image(), certificate.credential)
    response = HttpResponse(image, content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="badge-{certificate.code}.png"'
    return response


# --- a file dropped on the verification page ----------------------------------------------


def _checked_file(request):
    """(result, error, status): the check of the posted file, or why it could not be."""
    if not _lookup_allowed(request):
        return None, "rate_limited", 429
    try:
        data = uploads.uploaded_bytes(request)
    except uploads.TooLarge:
        return None, "too_large", 413
    if data is None:
        return None, "no_file", 400
    try:
        return verification.file_check(data=data), None, 200
    except verification.UnreadableFile as unreadable:
        return None, unreadable.reason, 400


@csrf_exempt  # changes nothing and keeps nothing; other systems post here too
@never_cache
@require_POST
def verify_file(request):
    result, error, status = _checked_file(request)
    context = {"error": error, "error_message": file_error_message(error)}
    if result:
        certificate = result["certificate"]
        context.update(
            result=result,
            message=file_outcome_message(result),
            certificate=certificate,
            facts=selectors.certificate_public_facts(certificate=certificate)
            if certificate
            else None,
        )
    response = render(request, "certificates/verify_file.html", context, status=status)
    if status == 429:
        response["Retry-After"] = "60"
    return response


@csrf_exempt
@never_cache
@require_POST
def verify_file_json(request):
    result, error, status = _checked_file(request)
    if error:
        body = {"error": error, "message": file_error_message(error)}
        return JsonResponse(
            body, status=status, headers={"Retry-After": "60"} if status == 429 else None
        )
    certificate = result["certificate"]
    body = {
        "kind": result["kind"],
        "outcome": result["outcome"],
        "exact": result["outcome"] == "issued",
        "message": file_outcome_message(result),
        "certificate": selectors.certificate_public_facts(certificate=certificate)
        if certificate
        else None,
    }
    return JsonResponse(body)
