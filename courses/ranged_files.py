"""A stored file streamed with HTTP byte ranges (RFC 9110, one range per request).

Browsers fetch video and sound in ranges: to start playing from the index at the start of
an MP4, to jump ahead without downloading what lies between, and Safari on iPhones plays
nothing from a server that ignores ``Range``. Django's ``FileResponse`` sends whole files
only, hence this.
"""

import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse

BYTE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK_BYTES = 64 * 1024


def _chunks(handle, length: int):
    try:
        while length > 0:
            chunk = handle.read(min(CHUNK_BYTES, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        handle.close()


def _requested_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """(first, last) byte asked for; ``None`` for the whole file (no or unusable header);
    ``False`` when the range lies outside the file."""
    match = BYTE_RANGE.match(header.strip())
    if not match or not size or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first:
        start, end = int(first), int(last) if last else size - 1
    else:
        start, end = max(0, size - int(last)), size - 1
    if start > end or start >= size:
        return False
    return start, min(end, size - 1)


def ranged_file_response(request, field_file, *, content_type: str):
    storage, name = field_file.storage, field_file.name
    size = storage.size(name)
    wanted = _requested_range(request.headers.get("Range", ""), size)
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted is None:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        start, end = wanted
        handle = storage.open(name, "rb")
        handle.seek(start)
        response = StreamingHttpResponse(
            _chunks(handle, end - start + 1), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    return response
