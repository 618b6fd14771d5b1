"""A backup lists the certificate PDFs its own database names and it lacks (lost files),
read at the moment of the dump: a certificate issued or re-issued while the files were
being copied is not in that database, so it is not reported missing."""

import pytest

from certificates.models import Certificate
from config import backup
from tests.storage.test_backup_restore import _learners_with_certificates

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_missing_pdfs_are_those_the_backed_up_database_names(tmp_path, monkeypatch):
    _learners_with_certificates()
    first, second = Certificate.objects.exclude(pdf="").order_by("pk")
    first.pdf.storage.delete(first.pdf.name)  # a lost file
    real_sources = backup._sources

    def copied_while_a_certificate_is_reissued():
        # After the dump, as the files are copied: the second certificate is re-issued
        # under a name whose PDF is not rendered yet.
        Certificate.objects.filter(pk=second.pk).update(pdf="certificates/reissued-later.pdf")
        return real_sources()

    monkeypatch.setattr(backup, "_sources", copied_while_a_certificate_is_reissued)
    folder = backup.backup_create(destination=tmp_path)

    manifest = backup.backup_check(source=folder)
    assert manifest["missing"] == [first.pdf.name]
    assert second.pdf.name in {item["key"] for item in manifest["files"]["objects"]}
