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
    """The design of a certificate, edited by administrators as a snippet."""

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
        FieldRowPanel([FieldPanel("language"), FieldPanel("page_size"), FieldPanel("orientation")]),
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
