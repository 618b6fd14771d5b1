"""Certificate PDFs: the administrator's wording with the certificate's facts filled in
(``body``), laid out as HTML (``page``, ``templates/certificates/pdf.html``) with its
images prepared for print (``images``), and printed by WeasyPrint with the design's
stylesheet (``rendering``, ``certificate.css``). Importing the package does not load
WeasyPrint: the admin form that validates a template's wording needs only ``body``.

``render_certificate_pdf`` is the package's entry point for the rest of the app, and the
name tests replace with a fast stand-in, so callers look it up here when they render."""

from certificates.document import CertificateFacts, CertificateLayout
from certificates.pdf.rendering import print_pdf


def render_certificate_pdf(*, layout: CertificateLayout, facts: CertificateFacts) -> bytes:
    return print_pdf(layout, facts)
