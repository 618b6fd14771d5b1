"""Where a backup puts each file back (issue 19 review): a file kept in the public bucket
(an avatar, an image) goes back there, not into the private one by a guess from its name."""

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from config.backup import _sources, _store_for


def test_with_two_buckets_each_file_goes_back_where_it_was(object_storage):
    storages["default"].save("avatar_images/lena.png", ContentFile(b"png"))
    storages["private"].save("certificates/WP-1.pdf", ContentFile(b"%PDF"))

    places = {alias: storage for storage, alias in _sources()}
    assert set(places) == {"default", "private"}
    backed_up = [
        {"key": key, "store": alias}
        for alias, storage in places.items()
        for key in ("avatar_images/lena.png", "certificates/WP-1.pdf")
        if storage.exists(key)
    ]
    assert {item["key"]: item["store"] for item in backed_up} == {
        "avatar_images/lena.png": "default",
        "certificates/WP-1.pdf": "private",
    }
    for item in backed_up:
        assert _store_for(item) is storages[item["store"]]


def test_with_one_place_files_go_back_by_their_names(one_bucket_storage):
    assert [alias for _storage, alias in _sources()] == [None]
    assert _store_for({"key": "images/x.jpg", "store": None}) is storages["default"]
    assert _store_for({"key": "certificates/x.pdf", "store": None}) is storages["private"]
