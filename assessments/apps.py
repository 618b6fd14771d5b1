from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from assessments.selectors import quiz_steps_for_outlines
        from courses.outline import register_step_provider

        register_step_provider(quiz_steps_for_outlines)
