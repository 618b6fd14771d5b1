from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from courses.events import enrollment_requested
        from reports.services.approvals import on_enrollment_requested

        enrollment_requested.connect(on_enrollment_requested, dispatch_uid="reports.approvals")
