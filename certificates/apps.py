from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from certificates import subscribers
        from courses.events import course_completed

        course_completed.connect(subscribers.issue_on_completion, dispatch_uid="certificates")
