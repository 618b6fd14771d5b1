"""Logos, signatures and backgrounds made ready for print: read through their storage,
scaled down to print resolution and turned into JPEGs, once per process.

The document names each image by a ``certificate-image:`` URL; the renderer's fetcher
(``certificates.pdf.rendering``) answers those URLs with ``prepared_image``. Only the
storage API is used (``exists``, ``size``, ``get_modified_time``, ``open``), never a local
path, so the same code prints images kept on disk, in an object store or in memory."""

import functools
import io
from urllib.parse import parse_qs, quote, unquote, urlencode, urlsplit

from django.core.files.storage import Storage
from django.utils.safestring import SafeString, mark_safe
from PIL import Image, ImageOps

from certificates.document import StoredImage

# Images are printed at up to 300 dpi. The largest size each kind is printed at, in mm
# (width, height), as the stylesheet (certificate.css) places them; pages in landscape.
PRINT_DPI = 300
# High enough that thin strokes of a signature keep clean edges in print.
JPEG_QUALITY = 92
ORIENTATION_TAG = 0x0112
LOGO_BOX_MM = (55, 17)
SIGNATURE_BOX_MM = (58, 15)
IMAGE_SCHEME = "certificate-image"

# The storages that images were read from, by the key their URLs carry: the fetcher is
# given a URL, not a storage. A process uses a handful of storages; each stays here, so
# its key (its id) is never taken by another object.
_storages: dict[str, Storage] = {}


def image_url(
    image: StoredImage, box_mm: tuple[float, float], *, cover: bool = False, opaque: bool = True
) -> SafeString:
    """A URL the renderer's fetcher answers with ``image`` prepared for a box of
    ``box_mm`` (filled if ``cover``, else fitted in); ``opaque`` when nothing but white
    paper lies under the image, so that its transparency can be flattened away.
    The file's size and modification time are in the URL, so a replaced file is read
    again."""
    storage, name = image.storage, image.name
    if not storage.exists(name):
        # WeasyPrint would silently leave the image out; a certificate missing its
        # signature or logo must not be issued.
        raise FileNotFoundError(f"Certificate image not found: {name}")
    key = f"s{id(storage):x}"
    _storages.setdefault(key, storage)
    query = urlencode(
        {
            "w": box_mm[0],
            "h": box_mm[1],
            "cover": int(cover),
            "opaque": int(opaque),
            "v": f"{_modified(storage, name)}-{storage.size(name)}",
        }
    )
    # Safe in HTML attributes and in CSS url("…") alike (the template puts one inside
    # <style>, where &amp; would not be decoded): quote and urlencode leave no quote,
    # bracket or parenthesis.
    return mark_safe(f"{IMAGE_SCHEME}://{key}/{quote(name)}?{query}")


def _modified(storage: Storage, name: str) -> str:
    try:
        return str(storage.get_modified_time(name).timestamp())
    except NotImplementedError:  # a storage that does not keep times: the size must do
        return ""


@functools.lru_cache(maxsize=16)
def prepared_image(url: str) -> tuple[bytes, str]:
    """The bytes and media type for an ``image_url``, converted once per process.

    Uploads are often photographs or scans of several thousand pixels: they are scaled
    down to print resolution. And they become JPEGs, because WeasyPrint copies a JPEG
    into the PDF as it is but decodes and compresses a PNG again on every render, which
    was a third of a designed certificate's time. A JPEG at 300 dpi with full colour
    resolution prints as sharp as the PNG did. Only an image whose transparency shows
    something beneath it (a signature over a background image) stays a PNG."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    with _storages[parts.netloc].open(unquote(parts.path.removeprefix("/")), "rb") as file:
        data = file.read()
    with Image.open(io.BytesIO(data)) as original:
        box = [float(query[key][0]) * PRINT_DPI / 25.4 for key in ("w", "h")]
        scales = (box[0] / original.width, box[1] / original.height)
        scale = max(scales) if query["cover"] == ["1"] else min(scales)
        flatten = query["opaque"] == ["1"]
        exif_rotated = original.getexif().get(ORIENTATION_TAG, 1) != 1
        if original.format == "JPEG" and scale >= 1 and not exif_rotated:
            return data, "image/jpeg"
        image = ImageOps.exif_transpose(original)  # the EXIF orientation is not kept
        if scale < 1:
            size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
            image = image.resize(size, Image.Resampling.LANCZOS)
        if image.has_transparency_data and not flatten:
            return _encoded(image.convert("RGBA"), "PNG"), "image/png"
        return _encoded(_on_white(image), "JPEG", quality=JPEG_QUALITY, subsampling=0), "image/jpeg"


def _on_white(image: Image.Image) -> Image.Image:
    """The image as printed on white paper, in grey if it has no colour."""
    grey = image.mode in ("1", "L", "LA", "I", "I;16", "F")
    if image.has_transparency_data:
        rgba = image.convert("RGBA")
        image = Image.new("RGBA", rgba.size, "white")
        image.alpha_composite(rgba)
    return image.convert("L" if grey else "RGB")


def _encoded(image: Image.Image, image_format: str, **options) -> bytes:
    encoded = io.BytesIO()
    image.save(encoded, format=image_format, **options)
    return encoded.getvalue()
