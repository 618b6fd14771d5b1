"""The object-store backend of the ``default`` alias (config.storage says why it exists).
Imported only when object storage is configured: boto3 is slow to import."""

from django.core.files.storage import storages
from storages.backends.s3 import S3Storage

PRIVATE_PREFIXES = ("documents/",)


class MediaStorage(S3Storage):
    """Public media in the object store; names under ``PRIVATE_PREFIXES`` go to the
    private storage instead (every read and write of such a name, not just its URL)."""

    def _private(self, name: str):
        name = (name or "").replace("\\", "/").lstrip("/")
        return storages["private"] if name.startswith(PRIVATE_PREFIXES) else None

    def _open(self, name, mode="rb"):
        target = self._private(name)
        return target._open(name, mode) if target else super()._open(name, mode)

    def _save(self, name, content):
        target = self._private(name)
        return target._save(name, content) if target else super()._save(name, content)

    def delete(self, name):
        target = self._private(name)
        return target.delete(name) if target else super().delete(name)

    def exists(self, name):
        target = self._private(name)
        return target.exists(name) if target else super().exists(name)

    def size(self, name):
        target = self._private(name)
        return target.size(name) if target else super().size(name)

    def url(self, name, parameters=None, expire=None, http_method=None):
        target = self._private(name)
        if target:
            return target.url(name, parameters=parameters, expire=expire, http_method=http_method)
        return super().url(name, parameters=parameters, expire=expire, http_method=http_method)

    def get_modified_time(self, name):
        target = self._private(name)
        return target.get_modified_time(name) if target else super().get_modified_time(name)

    def get_available_name(self, name, max_length=None):
        target = self._private(name)
        if target:
            return target.get_available_name(name, max_length=max_length)
        return super().get_available_name(name, max_length=max_length)
