"""Reading a file dropped on the verification page without writing it anywhere: Django
spools uploads above FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file; this handler keeps
every upload in memory instead and stops reading at the page's limit."""

from io import BytesIO

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopFutureHandlers


class TooLarge(ValueError):
    pass


class InMemoryOnlyHandler(FileUploadHandler):
    too_large = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = BytesIO()
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.CERTIFICATE_VERIFY_UPLOAD_MAX_BYTES:
            self.too_large = True
            self.file = BytesIO()
            raise SkipFile()
        self.file.write(raw_data)

    def file_complete(self, file_size):
        self.file.seek(0)
        return InMemoryUploadedFile(
            self.file, self.field_name, self.file_name, self.content_type, file_size, None
        )


def uploaded_bytes(request) -> bytes | None:
    """The bytes of the ``file`` field (a form) or of the body (another system posting the
    file as it is), or None when nothing was sent; TooLarge past the limit. Call before
    anything reads ``request.POST``."""
    limit = settings.CERTIFICATE_VERIFY_UPLOAD_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit + 64 * 1024:  # the file and a generous allowance for the form
        raise TooLarge()
    if request.content_type == "multipart/form-data":
        handler = InMemoryOnlyHandler(request)
        request.upload_handlers = [handler]
        upload = request.FILES.get("file")
        if handler.too_large:
            raise TooLarge()
        return upload.read() if upload is not None else None
    data = request.read(limit + 1)
    if len(data) > limit:
        raise TooLarge()
    return data or None
