"""Videos trainers upload for lessons, made small enough for a 2G link.

The original file stays as uploaded; a background task (``courses.tasks.make_video_renditions``
calling ``courses.services.videos.video_renditions_make``) adds a 240p and a 360p copy, an
audio-only copy and a poster image. Every file is in the ``private`` storage: lessons are
open to the course's enrolled learners only, and so are their videos (``courses.video_access``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index

from config.storage import private_storage

WEBVTT_SIGNATURE = b"WEBVTT"
CAPTION_MAX_BYTES = 1024 * 1024


def validate_webvtt(file) -> None:
    """A caption file must be WebVTT (it starts with "WEBVTT") and small."""
    if file.size > CAPTION_MAX_BYTES:
        raise ValidationError(_("A caption file may be 1 MB at most."), code="too_large")
    file.seek(0)
    start = file.read(len(WEBVTT_SIGNATURE) + 3)
    file.seek(0)
    if not start.removeprefix(b"\xef\xbb\xbf").startswith(WEBVTT_SIGNATURE):
        raise ValidationError(
            _("This is not a WebVTT caption file: its first line must be “WEBVTT”."),
            code="not_webvtt",
        )


class Video(index.Indexed, ClusterableModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("video file"),
        upload_to="videos/originals/",
        storage=private_storage,
        help_text=_(
            "An MP4, WebM or MOV file. Learners get smaller copies (240p, 360p, audio only) "
            "made from it a few minutes after you save."
        ),
    )
    transcript = models.TextField(
        _("transcript"),
        blank=True,
        help_text=_("What is said and shown, for people who cannot hear or play the video."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    status_message = models.CharField(_("message"), max_length=500, blank=True)
    duration_seconds = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    # The original the renditions were made from: a new upload makes new ones.
    prepared_from = models.CharField(max_length=255, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class VideoCaption(Orderable):
    video = ParentalKey(Video, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    file = models.FileField(
        _("WebVTT file"),
        upload_to="videos/captions/",
        storage=private_storage,
        validators=[validate_webvtt],
    )

    class Meta(Orderable.Meta):
        verbose_name = _("captions")
        constraints = [
            models.UniqueConstraint(fields=["video", "language"], name="one_caption_per_language")
        ]


class VideoRendition(models.Model):
    class Kind(models.TextChoices):
        SMALL = "240p", _("240p")
        MEDIUM = "360p", _("360p")
        AUDIO = "audio", _("Audio only")
        POSTER = "poster", _("Poster")

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="renditions")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    file = models.FileField(max_length=255, storage=private_storage)
    size_bytes = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["video", "kind"], name="one_rendition_per_kind")
        ]
