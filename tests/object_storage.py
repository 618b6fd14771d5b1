"""An S3-compatible object store for the tests: moto in server mode (``moto[server]`` from
PyPI, requirements-dev.txt) on a free 127.0.0.1 port, and the site's storages pointed at
fresh buckets in it, built by the same function the settings use (config.storage). Nothing
here needs an outside service, so these tests never skip."""

import io
import logging
import uuid
from dataclasses import dataclass
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import boto3
import environ
import pytest

from config.storage import s3_storages

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "waypoint-test", "AWS_SECRET_ACCESS_KEY": "waypoint-test"}


@dataclass
class ObjectStore:
    endpoint: str
    bucket: str
    private_bucket: str
    client: object

    def keys(self, bucket: str) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=bucket)
        return sorted(entry["Key"] for entry in listing.get("Contents", []))

    def read(self, bucket: str, key: str) -> bytes:
        return self.client.get_object(Bucket=bucket, Key=key)["Body"].read()

    def environ(self) -> dict:
        """The variables an operator would set for this store (README, "Configuration")."""
        variables = {
            **CREDENTIALS,
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
        }
        if self.private_bucket != self.bucket:
            variables["AWS_PRIVATE_BUCKET_NAME"] = self.private_bucket
        return variables


def anonymous_get(url: str) -> tuple[int, bytes]:
    """A request with no credentials at all, as anyone who found the address would make."""
    try:
        with urlopen(Request(url), timeout=10) as response:  # noqa: S310 (127.0.0.1 only)
            return response.status, response.read()
    except HTTPError as error:
        return error.code, error.read()


def object_url(store: ObjectStore, bucket: str, key: str) -> str:
    return f"{store.endpoint}/{bucket}/{key}"


@pytest.fixture(scope="session")
def moto_endpoint():
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def _store(settings, monkeypatch, tmp_path, moto_endpoint, *, two_buckets: bool):
    suffix = uuid.uuid4().hex[:10]
    client = boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
    bucket = f"waypoint-media-{suffix}"
    private = f"waypoint-private-{suffix}" if two_buckets else bucket
    for name in {bucket, private}:
        client.create_bucket(Bucket=name)
    store = ObjectStore(moto_endpoint, bucket, private, client)
    for name, value in store.environ().items():
        monkeypatch.setenv(name, value)
    media_root = tmp_path / "media-that-is-never-created"
    settings.MEDIA_ROOT = str(media_root)
    # Assigning STORAGES resets Django's storage handler, default_storage and
    # config.storage's private storage (setting_changed), so nothing cached survives.
    settings.STORAGES = {**settings.STORAGES, **s3_storages(environ.Env())}
    return store, media_root


@pytest.fixture
def object_storage(settings, monkeypatch, tmp_path, moto_endpoint):
    """Two buckets: public-read images in one, everything else private in the other.
    Afterwards, nothing was written under MEDIA_ROOT."""
    store, media_root = _store(settings, monkeypatch, tmp_path, moto_endpoint, two_buckets=True)
    yield store
    assert not media_root.exists(), "a file was written to the local disk"


@pytest.fixture
def one_bucket_storage(settings, monkeypatch, tmp_path, moto_endpoint):
    """One bucket, every object private (AWS_PRIVATE_BUCKET_NAME unset)."""
    store, media_root = _store(settings, monkeypatch, tmp_path, moto_endpoint, two_buckets=False)
    yield store
    assert not media_root.exists(), "a file was written to the local disk"


def png_bytes(size=(120, 80), colour=(20, 60, 120)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()
