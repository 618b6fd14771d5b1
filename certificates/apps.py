from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from accounts.events import account_deleting
        from accounts.privacy import register_personal_data_exporter
        from certificates import privacy, selectors, subscribers
        from certificates.awards import certificate_award
        from courses.completion import register_completion_award
        from courses.dashboard import DashboardSection, register_dashboard_section
        from courses.events import course_completed

        course_completed.connect(subscribers.issue_on_completion, dispatch_uid="certificates")
        account_deleting.connect(
            subscribers.settle_on_account_deletion, dispatch_uid="certificates.account_deleting"
        )
        register_personal_data_exporter("certificates", privacy.export_certificates)
        register_completion_award(certificate_award)
        register_dashboard_section(
            DashboardSection(
                template="certificates/_dashboard_section.html",
                context=lambda *, user: {"certificates": selectors.certificates_of(user=user)},
            )
        )
