from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from accounts.privacy import register_personal_data_exporter
        from assessments.models import Quiz
        from assessments.privacy import export_attempts
        from assessments.selectors import quiz_steps_for_outlines, quizzes_with_changes_under
        from courses.outline import register_step_provider
        from courses.page_cache import course_content_changed
        from courses.submission_selectors import register_reviewed_with_pages

        register_step_provider(quiz_steps_for_outlines)
        register_reviewed_with_pages(quizzes_with_changes_under)
        post_save.connect(course_content_changed, sender=Quiz)
        post_delete.connect(course_content_changed, sender=Quiz)
        register_personal_data_exporter("quiz_attempts", export_attempts)
