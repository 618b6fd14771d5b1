from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from assessments import questions as q
from assessments.blocks import QuestionStreamBlock
from assessments.comparison import QuestionsPanel


class _SpecificPageDescriptor(ForwardManyToOneDescriptor):
    """wagtail-localize hands a translated page over as a plain ``Page``: take its specific
    page, which the key requires."""

    def __set__(self, instance, value):
        if isinstance(value, Page) and not isinstance(value, self.field.related_model):
            value = value.specific
        super().__set__(instance, value)


class PageKey(models.ForeignKey):
    """A key to a page type that wagtail-localize can point at the page's translation."""

    forward_related_accessor_class = _SpecificPageDescriptor


class Quiz(
    TranslatableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A module quiz, a course's final assessment, or (attached to nothing) a question bank.

    Edited as a Wagtail snippet with a draft and a live version (issue 14, item 4): the row
    holds what learners take (the live version once published), a trainer's edits and GIFT
    imports are revisions until the "Lead trainer approval" workflow publishes them. The
    questions are a StreamField, so a revision carries them whole. Attempts freeze the
    questions they were taken with and name the revision (``Attempt.quiz_revision``).
    """

    class ReviewPolicy(models.TextChoices):
        ALWAYS = "always", _("Show correct answers after each attempt")
        AFTER_PASS = "after_pass", _("Show correct answers only after passing")
        NEVER = "never", _("Never show correct answers")

    title = models.CharField(_("title"), max_length=200)
    instructions = RichTextField(
        _("instructions"), blank=True, features=["bold", "italic", "ol", "ul", "link"]
    )
    module = PageKey(
        "courses.ModulePage",
        verbose_name=_("module quiz of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    course = PageKey(
        "courses.CoursePage",
        verbose_name=_("final assessment of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no time limit."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for unlimited attempts."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=False)
    draw_count = models.PositiveSmallIntegerField(
        _("questions drawn per attempt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Draw this many questions at random for each attempt. Leave empty to use all."),
    )
    review_policy = models.CharField(
        _("review"), max_length=20, choices=ReviewPolicy.choices, default=ReviewPolicy.ALWAYS
    )
    questions = StreamField(QuestionStreamBlock(), verbose_name=_("questions"), blank=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="quiz")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="quiz",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("instructions"),
        MultiFieldPanel(
            [
                PageChooserPanel("module", "courses.ModulePage"),
                PageChooserPanel("course", "courses.CoursePage"),
            ],
            heading=_("Attach to"),
            help_text=_(
                "A module quiz or a final assessment: choose one, or neither for a question bank."
            ),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("pass_mark"),
                        FieldPanel("time_limit_minutes"),
                        FieldPanel("max_attempts"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("shuffle_questions"),
                        FieldPanel("shuffle_choices"),
                        FieldPanel("draw_count"),
                    ]
                ),
                FieldPanel("review_policy"),
            ],
            heading=_("Settings"),
        ),
        QuestionsPanel("questions"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    # wagtail-localize: the text is translated; the module or course the translation is
    # attached to is the translation of the original's (wagtail-localize keeps a key to a
    # page unchanged otherwise); the settings stay the original's.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("instructions"),
        TranslatableField("module"),
        TranslatableField("course"),
        TranslatableField("questions"),
        *(
            SynchronizedField(name)
            for name in (
                "pass_mark",
                "time_limit_minutes",
                "max_attempts",
                "shuffle_questions",
                "shuffle_choices",
                "draw_count",
                "review_policy",
            )
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(module__isnull=True) | models.Q(course__isnull=True),
                name="quiz_attached_to_module_or_course",
            ),
            models.UniqueConstraint(fields=["module"], name="one_quiz_per_module"),
            models.UniqueConstraint(fields=["course"], name="one_final_assessment_per_course"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.module_id and self.course_id:
            raise ValidationError(_("Attach the quiz to a module or to a course, not both."))
        if self.draw_count and self.draw_count > len(self.questions):
            raise ValidationError(
                {"draw_count": _("The quiz has only %(n)s questions.") % {"n": len(self.questions)}}
            )

    @property
    def record_id(self) -> int:
        """The quiz attempts and progress are recorded against: the original of a
        translation (``original_id``, annotated by ``assessments.selectors.quiz_get``),
        else the quiz itself (``courses.translations``)."""
        return getattr(self, "original_id", None) or self.pk

    @property
    def record_revision_id(self) -> int | None:
        """The version attempts are recorded with: the original's live revision (annotated
        by ``assessments.selectors.quiz_get``) for a translation, so that item analysis
        counts its attempts with the original's version, else the quiz's own."""
        return getattr(self, "original_live_revision_id", None) or self.live_revision_id

    @property
    def step_key(self) -> str:
        return f"quiz:{self.record_id}"

    def question_data(self) -> list[tuple[str, q.QuestionData]]:
        """The questions as plain data, with their block ids: a question's stable key
        across edits, which item analysis groups answers by."""
        return [(child.id, child.block.to_question(child.value)) for child in self.questions]

    def get_preview_template(self, request, mode_name):
        return "assessments/quiz_preview.html"

    def get_preview_context(self, request, mode_name):
        from assessments.selectors import quiz_preview_context

        return {
            **super().get_preview_context(request, mode_name),
            **quiz_preview_context(quiz=self),
        }
