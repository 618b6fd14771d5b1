from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock

DEFAULT_BODY = (
    "This certifies that {holder_name} has successfully completed the course "
    "{course_title}, {hours} hours of study, on {completion_date}."
)


class SignatoryBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    title = blocks.CharBlock(label=_("Title"), max_length=160, required=False)
    signature = ImageChooserBlock(label=_("Signature image"), required=False)


class CertificateTemplate(models.Model):
    """The design of a certificate, edited by administrators as a snippet.

    A template in another language names the template it translates (``translation_of``):
    a course that chose a template issues it in the learner's language when it has a
    translation into it, else in its own language, never another template
    (``certificates.selectors.template_for``). An explicit link rather than
    wagtail-localize: a template already says its language, administrators (not
    translators) write its wording with the placeholders checked, and the PDF's layout,
    images and signatories are often not the same in every language."""

    class PageSize(models.TextChoices):
        A4 = "A4", "A4"
        LETTER = "Letter", _("US Letter")

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("Landscape")
        PORTRAIT = "portrait", _("Portrait")

    name = models.CharField(_("name"), max_length=120, unique=True)
    is_default = models.BooleanField(
        _("default template"), default=False, help_text=_("Used by courses that choose none.")
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="translations",
        limit_choices_to={"translation_of__isnull": True},
        help_text=_(
            "The template this one translates. Courses that chose that template issue this "
            "one to learners whose language this is."
        ),
    )
    page_size = models.CharField(
        _("page size"), max_length=10, choices=PageSize.choices, default=PageSize.A4
    )
    orientation = models.CharField(
        _("orientation"), max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )
    title = models.CharField(_("title"), max_length=200, default="Certificate of completion")
    body = models.TextField(
        _("wording"),
        default=DEFAULT_BODY,
        help_text=_(
            "Placeholders: {holder_name}, {course_title}, {completion_date}, {hours}, {code}, "
            "{expiry_date}, {issuer}."
        ),
    )
    issuer = models.CharField(
        _("issuing organisation"), max_length=200, default="Waypoint Training Centre"
    )
    background_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("background"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    second_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("second logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signatories = StreamField(
        [("signatory", SignatoryBlock())], blank=True, verbose_name=_("signatories")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("is_default")]),
        FieldRowPanel([FieldPanel("language"), FieldPanel("translation_of")]),
        FieldRowPanel([FieldPanel("page_size"), FieldPanel("orientation")]),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("issuer"),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("second_logo"), FieldPanel("background_image")],
            heading=_("Images"),
        ),
        FieldPanel("signatories"),
    ]

    class Meta:
        verbose_name = _("certificate template")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_template",
            ),
            models.UniqueConstraint(
                fields=["translation_of", "language"], name="one_template_translation_per_language"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from certificates.pdf.body import CertificateTemplateError, validate_body

        super().clean()
        try:
            validate_body(self.body)
        except CertificateTemplateError as error:
            raise ValidationError({"body": str(error)}) from None
        self._clean_translation_of()

    def _clean_translation_of(self):
        original = self.translation_of
        if original is None:
            return
        if self.pk and original.pk == self.pk:
            raise ValidationError({"translation_of": _("A template cannot translate itself.")})
        if original.translation_of_id:
            raise ValidationError(
                {"translation_of": _("Choose the original template, not one of its translations.")}
            )
        if self.pk and self.translations.exists():
            raise ValidationError(
                {"translation_of": _("This template has translations of its own.")}
            )
        if original.language == self.language:
            raise ValidationError(
                {"language": _("A translation must be in another language than its original.")}
            )
        if self.is_default:
            raise ValidationError(
                {"is_default": _("A translation cannot be the default template; its original is.")}
            )
        taken = CertificateTemplate.objects.filter(translation_of=original, language=self.language)
        if taken.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"language": _("That template already has a translation into this language.")}
            )


class CourseCertification(models.Model):
    """How a course certifies: its template and how long certificates stay valid. Kept here,
    not on the course page, because ``courses`` knows nothing of certificates."""

    course = models.OneToOneField(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="+"
    )
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text=_("Leave empty for the default template."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for certificates that do not expire."),
    )

    panels = [
        PageChooserPanel("course", "courses.CoursePage"),
        FieldPanel("template"),
        FieldPanel("validity_months"),
    ]

    class Meta:
        verbose_name = _("course certification")

    def __str__(self):
        return str(self.course)
