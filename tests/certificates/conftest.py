"""Fixtures of the certificate tests."""

import pytest


@pytest.fixture
def fast_pdf(monkeypatch):
    """A stand-in for WeasyPrint where the PDF's look is not what is tested: one distinct
    small PDF per certificate, hashed and stored as a real one is."""
    monkeypatch.setattr(
        "certificates.pdf.render_certificate_pdf",
        lambda *, layout, facts: b"%PDF-1.4\n% " + facts.code.encode() + b"\n%%EOF\n",
    )
