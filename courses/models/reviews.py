"""A course or module sent for review as a whole (issue 14): one submission, one decision."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, WorkflowState


class ReviewSubmission(models.Model):
    """The pages (and other reviewed objects, such as quizzes) one person submitted together
    under one course or module. Each keeps its own Wagtail workflow state, so Wagtail's
    editor, history and locking work as for a page submitted alone; the submission is what
    the lead trainer approves or sends back in one go."""

    APPROVED = "approved"
    REJECTED = "rejected"
    DECISIONS = [(APPROVED, _("Approved")), (REJECTED, _("Changes requested"))]

    root = models.ForeignKey(
        Page, verbose_name=_("course or module"), on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    workflow_states = models.ManyToManyField(WorkflowState, related_name="review_submissions")
    decision = models.CharField(_("decision"), max_length=16, choices=DECISIONS, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("review submission")
        verbose_name_plural = _("review submissions")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.root)
