"""Back up and restore a Waypoint site: the database and every uploaded file
(docs/backup.md). ``scripts/backup`` and ``scripts/restore`` run this module.

A backup is a directory ``waypoint-backup-<UTC time>`` holding

- ``database.dump`` (PostgreSQL: ``pg_dump`` custom format) or ``database.sqlite3`` (SQLite:
  a consistent copy through the sqlite3 backup API);
- ``files/<key>``: every object of the bucket(s), or every file under MEDIA_ROOT, by the
  name the database knows it by;
- ``manifest.json``: the rows of every table, and the size and SHA-256 of the database
  file and of every uploaded file.

It is written as ``….partial`` and renamed once complete, so a backup that failed half-way
never looks like a good one. A restore checks every checksum before it changes anything,
refuses a database or storage that is not empty, and after restoring compares the rows of
every table with the manifest and every certificate PDF with its recorded SHA-256.

Operator tooling: its messages are English, as Django's own management commands'.
"""

import argparse
import hashlib
import json
import os
import posixpath
import sqlite3
import subprocess
import sys
from pathlib import Path

FORMAT = 1
CHUNK = 1024 * 1024
# Public media: restored into the ``default`` storage; every other key is private
# (config.storage, config.urls' PUBLIC_MEDIA_PREFIXES).
PUBLIC_PREFIXES = ("images/", "original_images/")


class BackupError(Exception):
    pass


# --- the database ---------------------------------------------------------------------------


def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")


def _dump_database(target: Path) -> tuple[Path, dict[str, int], list[str]]:
    """The dump, the rows of every table in it and the certificate PDFs it names, all of
    one moment: PostgreSQL reads them in the snapshot that pg_dump is handed; SQLite in
    the copy. (Read afterwards, a certificate issued while the files were copied would be
    reported missing from a backup whose database does not know it.)"""
    from django.db import connection, transaction

    from certificates.models import Certificate

    db = connection.settings_dict
    if connection.vendor == "postgresql":
        path = target / "database.dump"
        args, env = _pg_env(db)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
            _run([*command, f"--snapshot={snapshot}", "--file", str(path), *args], env)
            pdfs = list(Certificate.objects.exclude(pdf="").values_list("pdf", flat=True))
            return path, _table_counts(), pdfs
    if connection.vendor == "sqlite":
        path = target / "database.sqlite3"
        source, copy = sqlite3.connect(str(db["NAME"])), sqlite3.connect(str(path))
        with copy:
            source.backup(copy)
        source.close()
        tables = [
            row[0]
            for row in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence'"
            )
        ]
        counts = {t: copy.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
        certificates = Certificate._meta.db_table
        pdfs = [
            row[0]
            for row in copy.execute(f'SELECT pdf FROM "{certificates}" WHERE pdf != ?', ("",))  # noqa: S608
        ]
        copy.close()
        return path, dict(sorted(counts.items())), pdfs
    raise BackupError(f"no backup for the {connection.vendor} database")


def _load_database(path: Path) -> None:
    from django.db import connection

    db = connection.settings_dict
    connection.close()
    if path.name == "database.dump":
        if connection.vendor != "postgresql":
            raise BackupError("this backup is of a PostgreSQL database: restore it into one")
        args, env = _pg_env(db)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
            ]
            + args
            + [str(path)],
            env,
        )
    else:
        if connection.vendor != "sqlite":
            raise BackupError("this backup is of a SQLite database: restore it into one")
        source, target = sqlite3.connect(str(path)), sqlite3.connect(str(db["NAME"]))
        with target:
            source.backup(target)
        source.close()
        target.close()


def _table_counts() -> dict[str, int]:
    from django.db import connection

    tables = sorted(connection.introspection.table_names())
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


# --- the files ------------------------------------------------------------------------------


def _identity(storage) -> tuple:
    if hasattr(storage, "bucket_name"):
        return ("s3", storage.endpoint_url, storage.bucket_name)
    return ("disk", str(Path(storage.location).resolve()))


def _sources():
    """Each place files are kept, once, with the storage alias it serves, or None when one
    place serves both (one bucket, or the disk): a restore then places each file by its
    name, since the target may keep them apart."""
    from django.core.files.storage import storages

    places: dict[tuple, list] = {}
    for alias in ("private", "default"):
        places.setdefault(_identity(storages[alias]), [storages[alias], []])[1].append(alias)
    return [
        (storage, aliases[0] if len(aliases) == 1 else None) for storage, aliases in places.values()
    ]


def _walk(storage, folder: str = ""):
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:  # MEDIA_ROOT not made yet: nothing uploaded
        return
    for name in files:
        yield posixpath.join(folder, name) if folder else name
    for directory in directories:
        yield from _walk(storage, posixpath.join(folder, directory) if folder else directory)


def _copy(source, destination, digest) -> int:
    size = 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        destination.write(chunk)
        size += len(chunk)
    return size


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _store_for(item: dict):
    """Where a backed-up file goes back: the storage it came from when the backup knew it
    (two buckets), otherwise by its name (public images in ``default``)."""
    from django.core.files.storage import storages

    alias = item.get("store") or (
        "default" if item["key"].startswith(PUBLIC_PREFIXES) else "private"
    )
    return storages[alias]


# --- backup and restore ---------------------------------------------------------------------


def backup_create(*, destination: Path) -> Path:
    """Write a complete backup under ``destination``; its directory is returned."""
    from django.utils import timezone

    name = f"waypoint-backup-{timezone.now():%Y%m%dT%H%M%SZ}"
    final, partial = destination / name, destination / f"{name}.partial"
    if final.exists() or partial.exists():
        raise BackupError(f"{final} exists already")
    (partial / "files").mkdir(parents=True)
    # First: a file the database names may go later, never earlier.
    database, tables, pdfs = _dump_database(partial)
    objects = []
    for storage, alias in _sources():
        for key in _walk(storage):
            path = partial / "files" / key
            path.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with storage.open(key, "rb") as source, path.open("wb") as copy:
                size = _copy(source, copy, digest)
            objects.append({"key": key, "size": size, "sha256": digest.hexdigest(), "store": alias})
    keys = {item["key"] for item in objects}
    manifest = {
        "format": FORMAT,
        # Certificate PDFs the backed-up database names and the backup lacks: lost files.
        "missing": sorted(name for name in pdfs if name not in keys),
        "created_at": timezone.now().isoformat(),
        "database": {
            "file": database.name,
            "size": database.stat().st_size,
            "sha256": _sha256(database),
            "tables": tables,
        },
        "files": {
            "count": len(objects),
            "bytes": sum(item["size"] for item in objects),
            "objects": sorted(objects, key=lambda item: item["key"]),
        },
    }
    (partial / "manifest.json").write_text(json.dumps(manifest, indent=1))
    partial.rename(final)
    return final


def backup_check(*, source: Path) -> dict:
    """The manifest, once every file in the backup matches its size and SHA-256."""
    manifest = json.loads((source / "manifest.json").read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    database = source / manifest["database"]["file"]
    if _sha256(database) != manifest["database"]["sha256"]:
        raise BackupError(f"{database} does not match its checksum")
    for item in manifest["files"]["objects"]:
        path = source / "files" / item["key"]
        if not path.is_file() or _sha256(path) != item["sha256"]:
            raise BackupError(f"{path} is missing or does not match its checksum")
    return manifest


def _refuse_unless_empty() -> None:
    from django.db import connection

    if connection.introspection.table_names():
        raise BackupError("the database is not empty: restore into a new, empty database")
    for storage, _alias in _sources():
        for key in _walk(storage):
            raise BackupError(f"the file storage is not empty (it holds {key})")


def backup_restore(*, source: Path) -> dict:
    """Restore a backup into an empty database and empty storage, then check it."""
    from django.core.files import File

    manifest = backup_check(source=source)
    _refuse_unless_empty()
    _load_database(source / manifest["database"]["file"])
    for item in manifest["files"]["objects"]:
        storage = _store_for(item)
        with (source / "files" / item["key"]).open("rb") as file:
            saved = storage.save(item["key"], File(file, name=item["key"]))
        if saved != item["key"]:
            raise BackupError(f"{item['key']} was stored as {saved}")
    return restore_verify(manifest=manifest)


def restore_verify(*, manifest: dict) -> dict:
    """Rows of every table as in the manifest; every certificate's PDF present and matching
    the SHA-256 recorded when it was issued."""
    counts = _table_counts()
    if counts != manifest["database"]["tables"]:
        wrong = sorted(
            table
            for table in set(counts) | set(manifest["database"]["tables"])
            if counts.get(table) != manifest["database"]["tables"].get(table)
        )
        raise BackupError(f"row counts differ from the backup's in: {', '.join(wrong)}")
    from certificates.models import Certificate

    checked = 0
    for certificate in Certificate.objects.exclude(pdf="").only("code", "pdf", "pdf_sha256"):
        digest = hashlib.sha256()
        try:
            with certificate.pdf.open("rb") as file:
                while chunk := file.read(CHUNK):
                    digest.update(chunk)
        except FileNotFoundError:
            raise BackupError(f"the PDF of certificate {certificate.code} is missing") from None
        if digest.hexdigest() != certificate.pdf_sha256:
            raise BackupError(f"the PDF of certificate {certificate.code} does not match its hash")
        checked += 1
    return {"tables": len(counts), "files": manifest["files"]["count"], "certificates": checked}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="waypoint-backup", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="back up the database and uploaded files")
    create.add_argument("destination", nargs="?", default="var/backups", type=Path)
    restore = commands.add_parser("restore", help="restore a backup into an empty site")
    restore.add_argument("source", type=Path)
    check = commands.add_parser("check", help="check a backup's checksums, change nothing")
    check.add_argument("source", type=Path)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django

    django.setup()
    try:
        if args.command == "create":
            path = backup_create(destination=args.destination.resolve())
            manifest = json.loads((path / "manifest.json").read_text())
            print(
                f"{path}: database {manifest['database']['size']} bytes, "
                f"{manifest['files']['count']} files, {manifest['files']['bytes']} bytes"
            )
            for name in manifest["missing"]:
                print(f"warning: the database names {name}, which was not found", file=sys.stderr)
        elif args.command == "check":
            manifest = backup_check(source=args.source.resolve())
            print(f"{args.source}: every checksum matches ({manifest['files']['count']} files)")
        else:
            result = backup_restore(source=args.source.resolve())
            print(
                f"restored {args.source}: {result['tables']} tables with the backup's rows, "
                f"{result['files']} files, {result['certificates']} certificate PDFs matching "
                "their hashes"
            )
    except BackupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
