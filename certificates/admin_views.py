"""The certificate screens of the admin: the listing (no bulk actions) and the certificate's
page (its facts, read-only, no Save), revoke and re-issue, and a course's ZIP. Thin: the
services do the work. Certificates are never deleted, only revoked: nobody is offered a
delete, and the delete URLs refuse everyone (``wagtail_hooks.IssuedOnlyPolicy``)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
from wagtail.snippets.views import snippets as snippet_views

from certificates import selectors, services
from certificates.models import Certificate
from certificates.tasks import build_certificates_zip
from config.storage import private_storage
from courses.models import CoursePage

LISTING = "wagtailsnippets_certificates_certificate:list"


class CertificateIndexView(snippet_views.IndexView):
    """The listing without the bulk-action checkboxes: Wagtail's one bulk action for
    snippets is delete, and certificates are never deleted."""

    @cached_property
    def columns(self):
        return [c for c in super().columns if not isinstance(c, BulkActionsCheckboxColumn)]


class CertificateEditView(snippet_views.EditView):
    """A certificate's page: its issued facts, read-only, and the ways to change it (revoke,
    re-issue), but no Save. A POST (forged, or from a page open in an old tab) changes
    nothing and says why."""

    def _get_action_menu(self):
        menu = super()._get_action_menu()
        menu.menu_items, menu.default_item = [], None
        return menu

    def post(self, request, *args, **kwargs):
        message = _("An issued certificate cannot be edited. Revoke it or re-issue it instead.")
        if self.expects_json_response:
            return self.json_error_response("read_only", message)
        messages.error(request, message)
        return redirect(self.get_edit_url())


NO_REASON = gettext_lazy("Choose a reason: the certificate was not revoked.")


class RevokeForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason"),
        choices=[("", gettext_lazy("Choose a reason…")), *Certificate.RevocationReason.choices],
        error_messages={"required": NO_REASON, "invalid_choice": NO_REASON},
        help_text=gettext_lazy(
            "The holder is e-mailed this reason. The public verification page says only "
            "“issued in error”, “superseded” or “withdrawn by the issuer”."
        ),
    )
    note = forms.CharField(
        label=gettext_lazy("Note for administrators"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Kept in the admin; neither the holder nor the public sees it."),
    )


def _require_change(request):
    if not request.user.has_perm("certificates.change_certificate"):
        raise PermissionDenied


def revoke(request, certificate_id: int):
    _require_change(request)
    certificate = get_object_or_404(Certificate, pk=certificate_id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and not certificate.revoked_at:
        if form.is_valid():
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
                    request,
                    _("Certificate %(code)s revoked. The holder is being told by e-mail.")
                    % {"code": certificate.code},
                )
            return redirect(LISTING)
        messages.error(request, _("The certificate was not revoked. Correct the form below."))
    return TemplateResponse(
        request,
        "certificates/admin/revoke.html",
        {
            "certificate": certificate,
            "form": form,
            "page_title": _("Revoke certificate"),
            "header_icon": "doc-full-inverse",
            "listing_url": reverse(LISTING),
        },
    )


@require_POST
def reissue(request, certificate_id: int):
    _require_change(request)
    certificate = get_object_or_404(Certificate, pk=certificate_id)
    try:
        services.certificate_reissue(certificate=certificate, user=request.user)
    except services.CertificateError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Certificate %(code)s re-issued with a new PDF.") % {"code": certificate.code},
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
    if request.GET.get("download") and status["built_at"] and status["out_of_date"]:
        messages.error(
            request,
            _(
                "A certificate of this course was revoked after the ZIP was built: rebuild it "
                "before downloading, so that it leaves out the revoked certificate."
            ),
        )
        return redirect("certificates_course_zip", course_id=course.pk)
    if request.GET.get("download") and status["built_at"]:
        return FileResponse(
            private_storage().open(status["name"], "rb"),
            as_attachment=True,
            filename=selectors.course_zip_download_name(course_id=course.pk),
        )
    return TemplateResponse(
        request,
        "certificates/admin/course_zip.html",
        {**status, "course": course, "page_title": _("Certificates of a course as a ZIP")},
    )
