"""Learners' attempts. Plain models, never revisioned: an attempt keeps a frozen copy of
the questions, choices and pass mark it was taken with, and is graded from that copy."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Attempt(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    quiz = models.ForeignKey("assessments.Quiz", on_delete=models.PROTECT, related_name="attempts")
    # The enrolment cycle the attempt belongs to: a recertification starts with a fresh
    # allowance of attempts, numbered from 1 again, while earlier cycles stay on record.
    cycle = models.PositiveSmallIntegerField(_("enrolment cycle"), default=1)
    number = models.PositiveSmallIntegerField(_("attempt number"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    graded_at_deadline = models.BooleanField(_("graded when time ran out"), default=False)
    # The live revision of the quiz when the attempt started: item analysis groups by it.
    # Empty for attempts started before quizzes had revisions recorded on attempts, when
    # no revision of the quiz preceded them.
    quiz_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("quiz version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    frozen = models.JSONField(_("questions as taken"))
    # A quiz taken in a translation is recorded against its original (one record per
    # course, ``courses.translations``); the frozen questions are the translation's.
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_("The language the questions were taken in; empty before translations."),
    )
    graded_responses = models.JSONField(
        _("answers as graded"),
        null=True,
        blank=True,
        help_text=_("What was graded, kept with the result: the review shows exactly this."),
    )
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField(_("maximum score"), max_digits=8, decimal_places=2)
    percent = models.DecimalField(
        _("percent"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "cycle", "number"], name="attempt_number_unique_in_cycle"
            ),
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=models.Q(status="in_progress"),
                name="one_open_attempt_per_quiz",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["quiz", "status"]),
            # Reports: a learner's best final-assessment score in a cycle.
            models.Index(
                fields=["user", "quiz", "cycle"],
                condition=models.Q(status="submitted"),
                name="attempt_submitted_by_cycle",
            ),
        ]

    def __str__(self):
        return f"attempt {self.number} of quiz {self.quiz_id} by {self.user_id}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.IN_PROGRESS

    def is_past_deadline(self, now=None) -> bool:
        return self.deadline is not None and (now or timezone.now()) >= self.deadline


class AttemptAnswer(models.Model):
    """One saved response. Saving an answer writes only this row (an upsert), so 500
    learners answering at once never wait on a shared lock."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question_key = models.CharField(max_length=64)
    response = models.JSONField(null=True)
    saved_at = models.DateTimeField(default=timezone.now)
    fraction = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    score = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_key"], name="one_answer_per_question"
            ),
        ]

    def __str__(self):
        return f"answer to {self.question_key} in attempt {self.attempt_id}"
