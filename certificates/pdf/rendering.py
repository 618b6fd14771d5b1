"""Printing with WeasyPrint: loaded once per process with its fonts, the stylesheet and a
fetcher that answers only for the certificate's own images; WeasyPrint's decoded images
kept between renders."""

import functools
import threading
from dataclasses import replace
from pathlib import Path

from certificates.document import CertificateFacts, CertificateLayout
from certificates.pdf.body import SAMPLE_FACTS
from certificates.pdf.images import IMAGE_SCHEME, prepared_image
from certificates.pdf.page import certificate_html

STYLESHEET = Path(__file__).with_name("certificate.css")
IMAGE_CACHE_ENTRIES = 200


@functools.cache
def weasyprint_setup():
    """WeasyPrint, its font configuration, the parsed stylesheet and the image fetcher,
    built on the first render: importing WeasyPrint loads Pango, which the admin form that
    only validates text does not need, and the font configuration scans the system fonts."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcherResponse

    class ImageFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(f"{IMAGE_SCHEME}:"):
                body, media_type = prepared_image(url)
                return URLFetcherResponse(url, body=body, headers={"Content-Type": media_type})
            return super().fetch(url, headers)

    font_config = FontConfiguration()
    stylesheet = weasyprint.CSS(string=STYLESHEET.read_text(), font_config=font_config)
    # Prepared images and the QR code's data URI only: nothing in a certificate should
    # make the renderer reach the network. An image that fails to load stops the render
    # rather than leaving a gap.
    fetcher = ImageFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    return weasyprint, font_config, stylesheet, fetcher


_image_caches = threading.local()


def _image_cache() -> dict:
    """WeasyPrint's decoded images, kept from one render to the next in this thread: the
    logo, signatures and background are the same on every certificate of a template, and
    decoding and re-encoding them was a third of a designed certificate's time. Each QR code
    adds entries of its own, so the cache is emptied (between renders) when it grows."""
    cache = getattr(_image_caches, "cache", None)
    if cache is None or len(cache) > IMAGE_CACHE_ENTRIES:
        cache = _image_caches.cache = {}
    return cache


def warm_up() -> None:
    """Print a sample certificate, in Latin and Arabic script, so that a worker loads
    WeasyPrint, scans the fonts and opens Noto Serif and Amiri once when it starts (about
    two seconds) rather than in the first learner's certificate."""
    sample = replace(SAMPLE_FACTS, holder_name=f"{SAMPLE_FACTS.holder_name} أمينة حداد")
    print_pdf(CertificateLayout(), sample)


def print_pdf(layout: CertificateLayout, facts: CertificateFacts) -> bytes:
    """The PDF's bytes. ``certificates.pdf.render_certificate_pdf`` is the way in; the
    warm-up calls this directly, so that replacing that entry point (a test's slow
    renderer) does not slow a worker's start."""
    weasyprint, font_config, stylesheet, fetcher = weasyprint_setup()
    html = weasyprint.HTML(string=certificate_html(layout=layout, facts=facts), url_fetcher=fetcher)
    return html.write_pdf(stylesheets=[stylesheet], font_config=font_config, cache=_image_cache())
