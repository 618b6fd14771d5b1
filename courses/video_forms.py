"""The admin form of an uploaded video: the file is checked by what it contains (ffprobe),
not by its name, and against ``VIDEO_MAX_UPLOAD_SIZE``, before anything is saved."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from courses import video_encoding


def _probe_upload(upload: UploadedFile) -> video_encoding.Probe:
    if hasattr(upload, "temporary_file_path"):
        return video_encoding.probe(Path(upload.temporary_file_path()))
    with tempfile.NamedTemporaryFile(prefix="waypoint-upload-") as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        return video_encoding.probe(Path(copy.name))


class VideoAdminForm(WagtailAdminModelForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # the file already saved, unchanged
        limit = settings.VIDEO_MAX_UPLOAD_SIZE
        if upload.size > limit:
            raise ValidationError(
                _("This file is %(size)s; a video may be %(limit)s at most.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code="too_large",
            )
        try:
            _probe_upload(upload)
        except video_encoding.EncodingError as error:
            raise ValidationError(str(error), code="not_a_video") from error
        upload.seek(0)
        return upload
