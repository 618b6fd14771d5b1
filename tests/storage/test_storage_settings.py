"""The environment decides where uploaded files go (README, "Configuration"): the local disk
when no bucket is named, the object store when one is, and a private bucket named alone is
refused rather than silently ignored. Each case starts Django in a fresh process, as a
server would."""

import json

from tests.test_settings import production_env, run

SHOW = [
    "-c",
    "import django, json; django.setup(); from django.conf import settings as s; "
    "from django.core.files.storage import storages as st; "
    "print(json.dumps({'default': type(st['default']).__name__, "
    "'private': type(st['private']).__name__, "
    "'buckets': [getattr(st[a], 'bucket_name', None) for a in ('default', 'private')], "
    "'acl': [getattr(st[a], 'default_acl', None) for a in ('default', 'private')], "
    "'img': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))",
]
SITE = {"SECRET_KEY": "k" * 64, "ALLOWED_HOSTS": "waypoint.example.org"}
STORE = {"AWS_S3_ENDPOINT_URL": "https://s3.internal.example:9000", "AWS_ACCESS_KEY_ID": "id"}


def _show(tmp_path, **values) -> dict:
    result = run(SHOW, production_env(tmp_path, **SITE, **values))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_bucket_files_stay_on_the_local_disk(tmp_path):
    shown = _show(tmp_path, AWS_STORAGE_BUCKET_NAME="", AWS_PRIVATE_BUCKET_NAME="")

    assert shown["default"] == shown["private"] == "FileSystemStorage"
    assert shown["img"] == ["'self'", "data:"]


def test_two_buckets_public_images_and_private_files(tmp_path):
    shown = _show(
        tmp_path, AWS_STORAGE_BUCKET_NAME="media", AWS_PRIVATE_BUCKET_NAME="vault", **STORE
    )

    assert shown["buckets"] == ["media", "vault"]
    assert shown["acl"] == ["public-read", "private"]
    assert "https://s3.internal.example:9000" in shown["img"]


def test_one_bucket_keeps_every_object_private(tmp_path):
    shown = _show(tmp_path, AWS_STORAGE_BUCKET_NAME="media", AWS_PRIVATE_BUCKET_NAME="", **STORE)

    assert shown["buckets"] == ["media", "media"]
    assert shown["acl"] == ["private", "private"]


def test_a_private_bucket_alone_is_refused(tmp_path):
    result = run(
        SHOW,
        production_env(tmp_path, **SITE, AWS_STORAGE_BUCKET_NAME="", AWS_PRIVATE_BUCKET_NAME="v"),
    )

    assert result.returncode != 0
    assert "AWS_PRIVATE_BUCKET_NAME is set without AWS_STORAGE_BUCKET_NAME" in result.stderr
