"""The real Celery app, with certificate rendering slowed down, so that a fault test can
kill the worker in the middle of issuing a certificate. Used only by tests."""

import time

from celery.signals import worker_init

from config.celery import app

__all__ = ["app"]
SECONDS = 60


@worker_init.connect
def _slow_down_certificate_rendering(**kwargs):
    import certificates.pdf

    original = certificates.pdf.render_certificate_pdf

    def slow_render(**render_kwargs):
        time.sleep(SECONDS)
        return original(**render_kwargs)

    certificates.pdf.render_certificate_pdf = slow_render
