"""Revoke and re-issue, beside the certificate listing. Thin: the services do the work."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from certificates import selectors, services
from certificates.models import Certificate
from certificates.tasks import build_certificates_zip
from courses.models import CoursePage

LISTING = "wagtailsnippets_certificates_certificate:list"


class RevokeForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason"), choices=Certificate.RevocationReason.choices
    )
    note = forms.CharField(
        label=gettext_lazy("Note (not shown publicly)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def _require_change(request):
    if not request.user.has_perm("certificates.change_certificate"):
        raise PermissionDenied


def revoke(request, certificate_id: int):
    _require_change(request)
    certificate = get_object_or_404(Certificate, pk=certificate_id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_revoke(
                certificate=certificate,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except services.CertificateError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Certificate %(code)s revoked.") % {"code": certificate.code}
            )
        return redirect(LISTING)
    return TemplateResponse(
        request,
        "certificates/admin/revoke.html",
        {"certificate": certificate, "form": form, "page_title": _("Revoke certificate")},
    )


@require_POST
def reissue(request, certificate_id: int):
    _require_change(request)
    certificate = get_object_or_404(Certificate, pk=certificate_id)
    services.certificate_reissue(certificate=certificate, user=request.user)
    messages.success(
        request, _("Certificate %(code)s re-issued with a new PDF.") % {"code": certificate.code}
    )
    return redirect(LISTING)


def course_zip(request, course_id: int):
    """Build (in the background) and download a course's certificates as one ZIP."""
    if not request.user.has_perm("certificates.view_certificate"):
        raise PermissionDenied
    course = get_object_or_404(CoursePage, pk=course_id)
    status = selectors.course_zip_status(course_id=course.pk)
    if request.method == "POST":
        build_certificates_zip.delay(course.pk)
        messages.success(request, _("The ZIP is being built; reload this page in a moment."))
        return redirect("certificates_course_zip", course_id=course.pk)
    if request.GET.get("download") and status["built_at"]:
        return FileResponse(
            default_storage.open(status["name"], "rb"),
            as_attachment=True,
            filename=selectors.course_zip_download_name(course_id=course.pk),
        )
    return TemplateResponse(
        request,
        "certificates/admin/course_zip.html",
        {**status, "course": course, "page_title": _("Certificates of a course as a ZIP")},
    )
