from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from accounts.privacy import register_personal_data_exporter
        from courses.events import enrollment_requested
        from reports import privacy
        from reports.exports import make_wagtail_csv_exports_inert
        from reports.services.approvals import on_enrollment_requested

        register_personal_data_exporter("due_date_reminders", privacy.export_due_date_reminders)
        register_personal_data_exporter(
            "assignment_invitation", privacy.export_assignment_invitation
        )

        enrollment_requested.connect(on_enrollment_requested, dispatch_uid="reports.approvals")
        make_wagtail_csv_exports_inert()
