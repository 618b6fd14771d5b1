from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from accounts.events import account_deleting, unit_leaving
        from accounts.privacy import register_personal_data_exporter
        from courses import privacy, signal_handlers
        from courses.services.enrolment import on_unit_leaving

        signal_handlers.connect()
        register_personal_data_exporter("enrolments", privacy.export_enrolments)
        register_personal_data_exporter("enrolment_requests", privacy.export_enrolment_requests)
        account_deleting.connect(
            privacy.withdraw_requests_on_account_deletion, dispatch_uid="courses.account_deleting"
        )
        unit_leaving.connect(on_unit_leaving, dispatch_uid="courses.unit_leaving")
