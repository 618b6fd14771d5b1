from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from certificates import admin_views, requirement_hooks  # noqa: F401
from certificates.models import Certificate, CertificateTemplate, CourseCertification
from config.admin_choosers import ListingPermissionChooserViewSet

FROZEN_FIELDS = [
    "code",
    "holder_name",
    "course_title",
    "issuer",
    "hours",
    "completed_on",
    "issued_at",
    "expires_at",
    "revoked_at",
    "revocation_reason",
    "revocation_note",
    "pdf_sha256",
]


class IssuedOnlyPolicy(ModelPermissionPolicy):
    """Certificates come from completions, never from a form, and are revoked, never
    deleted: nobody, not even a superuser, adds or deletes one in the admin (the model has
    no such permissions to grant either). "change" stays: it opens the certificate's
    read-only page and its history, and revoking checks it."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Certificate, IssuedOnlyPolicy(Certificate))


class CertificateViewSet(SnippetViewSet):
    model = Certificate
    icon = "doc-full-inverse"
    menu_label = _("Issued certificates")
    list_display = ["code", "holder_name", "course_title", "issued_at", "expires_at", "revoked_at"]
    list_filter = ["course", "issued_at", "revoked_at", "revocation_reason"]
    list_export = [
        "code",
        "holder_name",
        "course_title",
        "issuer",
        "completed_on",
        "issued_at",
        "expires_at",
        "revoked_at",
        "revocation_reason",
    ]
    export_filename = "certificates"
    search_fields = ["code", "holder_name", "course_title"]
    inspect_view_enabled = True
    index_view_class = admin_views.CertificateIndexView
    index_template_name = "certificates/admin/certificate_index.html"
    edit_view_class = admin_views.CertificateEditView
    edit_template_name = "certificates/admin/certificate_edit.html"
    chooser_viewset_class = ListingPermissionChooserViewSet  # administrators only, as the listing
    # Issued facts are frozen: the certificate's page shows them, with no Save.
    panels = [FieldPanel(name, read_only=True) for name in FROZEN_FIELDS]


class TemplateChooserViewSet(ListingPermissionChooserViewSet):
    # Lead trainers choose a template in a course's settings without listing templates.
    also_open_to = (
        "certificates.add_coursecertification",
        "certificates.change_coursecertification",
    )


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Templates")
    list_display = [
        "name",
        "language",
        "translation_of",
        # "Default" on the default template, in the admin's language (not "True"/"False").
        Column(
            "is_default",
            label=CertificateTemplate._meta.get_field("is_default").verbose_name,
            accessor=lambda template: (
                pgettext_lazy("certificate template", "Default") if template.is_default else ""
            ),
            sort_key="is_default",
        ),
    ]
    chooser_viewset_class = TemplateChooserViewSet


class CourseCertificationViewSet(SnippetViewSet):
    model = CourseCertification
    icon = "date"
    menu_label = _("Course settings")
    list_display = ["course", "template", "validity_months"]
    chooser_viewset_class = ListingPermissionChooserViewSet


class CertificatesGroup(SnippetViewSetGroup):
    menu_label = _("Certificates")
    menu_icon = "doc-full-inverse"
    menu_order = 220
    items = (CertificateViewSet, CertificateTemplateViewSet, CourseCertificationViewSet)


register_snippet(CertificatesGroup)


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [
        path(
            "certificates/<int:certificate_id>/revoke/",
            admin_views.revoke,
            name="certificates_revoke",
        ),
        path(
            "certificates/course/<int:course_id>/zip/",
            admin_views.course_zip,
            name="certificates_course_zip",
        ),
        path(
            "certificates/<int:certificate_id>/reissue/",
            admin_views.reissue,
            name="certificates_reissue",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def certificate_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Certificate) and user.has_perm("certificates.change_certificate"):
        if not snippet.revoked_at:
            yield ListingButton(
                _("Revoke"), reverse("certificates_revoke", args=[snippet.pk]), priority=30
            )


@hooks.register("register_snippet_listing_buttons")
def course_zip_button(snippet, user, next_url=None):
    if isinstance(snippet, CourseCertification) and user.has_perm("certificates.view_certificate"):
        yield ListingButton(
            _("Certificates as ZIP"),
            reverse("certificates_course_zip", args=[snippet.course_id]),
            priority=30,
        )


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action(
        "waypoint.certificate.revoke", _("Revoke certificate"), _("Certificate revoked")
    )
    actions.register_action(
        "waypoint.certificate.reissue", _("Re-issue certificate"), _("Certificate re-issued")
    )
