from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentsConfig(AppConfig):
    name = "enrolments"
    verbose_name = _("Enrolments")

    def ready(self):
        from accounts.privacy import register_personal_data_exporter
        from courses.events import enrollment_requested
        from enrolments import privacy
        from enrolments.services.approvals import on_enrollment_requested

        register_personal_data_exporter("due_date_reminders", privacy.export_due_date_reminders)
        register_personal_data_exporter(
            "assignment_invitation", privacy.export_assignment_invitation
        )
        register_personal_data_exporter("assignment_notices", privacy.export_assignment_notices)

        enrollment_requested.connect(on_enrollment_requested, dispatch_uid="enrolments.approvals")
