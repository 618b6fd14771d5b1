"""Where uploaded files live: the local disk (``make run``, the default) or an S3-compatible
object store (``AWS_STORAGE_BUCKET_NAME`` set; README, "Configuration").

Two storage aliases (``settings.STORAGES``):

- ``default``: public media, that is Wagtail images and their renditions. With two buckets
  these are public-read objects, linked directly; with one bucket they are private objects
  linked by signed URLs.
- ``private``: certificate PDFs and ZIPs, report exports, assignment import files, and Wagtail
  documents. Never public by URL: our views check who asks, then stream the file.

Wagtail documents have no storage setting of their own (their ``file`` field uses
``default``), and a document linked from a restricted course must not be readable by a
guessed bucket URL: ``config.s3.MediaStorage`` hands every name under ``documents/`` to the private
storage, so the keys stay the same in both modes and a backup restores into either.
"""

from urllib.parse import urlsplit

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(LazyObject):
    """``storages["private"]``, looked up when first used, as ``default_storage`` is for
    ``default``: a model field keeps this object, and tests that change ``STORAGES`` reach
    it too (``_reset``)."""

    def _setup(self):
        self._wrapped = storages["private"]


_private = PrivateStorage()


def private_storage():
    """The ``private`` storage. Also a ``FileField(storage=...)`` callable, which keeps the
    field's migration the same whichever storage a site is configured with."""
    return _private


@receiver(setting_changed)
def _reset(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty


def s3_storages(env) -> dict:
    """``STORAGES`` entries for the object store, from the environment (README)."""
    bucket = env.str("AWS_STORAGE_BUCKET_NAME")
    private_bucket = env.str("AWS_PRIVATE_BUCKET_NAME", default="") or bucket
    common = {
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="us-east-1"),
        "file_overwrite": False,  # as on disk: a second "handout.pdf" gets its own name
        "signature_version": "s3v4",
    }
    two_buckets = private_bucket != bucket
    public = {
        **common,
        "bucket_name": bucket,
        "default_acl": "public-read" if two_buckets else "private",
        "querystring_auth": not two_buckets,
        # One bucket: images are linked by signed URLs, which must outlive a cached page.
        "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=3600),
    }
    private = {
        **common,
        "bucket_name": private_bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 60,
    }
    return {
        "default": {"BACKEND": "config.s3.MediaStorage", "OPTIONS": public},
        "private": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": private},
    }


def media_origins(env) -> list[str]:
    """Origins that image URLs point at when media is in the object store, for the
    Content-Security-Policy's ``img-src`` (empty on the local disk: images are ours)."""
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        return []
    endpoint = env.str("AWS_S3_ENDPOINT_URL", default="")
    if endpoint:
        parts = urlsplit(endpoint)
        # Path-style (bucket in the path) and virtual-hosted (bucket in the host name).
        return [f"{parts.scheme}://{parts.netloc}", f"{parts.scheme}://{bucket}.{parts.netloc}"]
    region = env.str("AWS_S3_REGION_NAME", default="us-east-1")
    return [f"https://{bucket}.s3.amazonaws.com", f"https://{bucket}.s3.{region}.amazonaws.com"]
