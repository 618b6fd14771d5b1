"""A course's certificates as one ZIP, for the administrator's download
(certificates.admin_views.course_zip). A revoked certificate's PDF is left out: the ZIP
never carries it as a clean certificate (and ``selectors.course_zip_status`` calls a ZIP
built before the course's latest revocation out of date)."""

import logging
import tempfile
import zipfile

from django.core.files.base import File

from certificates import selectors
from config.storage import private_storage

logger = logging.getLogger("waypoint.certificates")

# Up to this size a course's ZIP is built in memory, beyond it in a temporary file.
ZIP_IN_MEMORY_BYTES = 20 * 1024 * 1024


def certificates_build_zip(*, course_id: int) -> str:
    """The PDFs of a course's certificates, revoked ones left out, in one ZIP at the same
    keyed name (a rebuild replaces it), read and written through the storage API only.
    Built aside first, so that a failure while collecting the PDFs leaves the earlier ZIP
    as it was."""
    name = selectors.course_zip_name(course_id=course_id)
    with tempfile.SpooledTemporaryFile(max_size=ZIP_IN_MEMORY_BYTES) as built:
        with zipfile.ZipFile(built, "w", compression=zipfile.ZIP_STORED) as archive:
            for certificate in selectors.certificates_for_zip(course_id=course_id):
                with certificate.pdf.open("rb") as file:
                    archive.writestr(f"{certificate.code}.pdf", file.read())
        private_storage().delete(name)
        saved = private_storage().save(name, File(built))
    if saved != name:  # a build running at the same time saved first; its ZIP will do
        private_storage().delete(saved)
    logger.info("certificate zip built course=%s", course_id)
    return name
