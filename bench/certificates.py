"""P4: certificate PDF rendering on a warm worker, and 1,000 certificates issued by two
workers, with the integrity check that none is missing and none issued twice."""

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.results import Result

RENDERS = 100
WARM_UP = 10


def _images(directory: Path):
    """A logo and two signatures, as an administrator would upload them, in a storage."""
    from django.core.files.storage import FileSystemStorage
    from PIL import Image, ImageDraw

    from certificates.document import StoredImage

    storage = FileSystemStorage(location=directory)
    images = []
    for name, size in (("logo", (600, 240)), ("sig-1", (500, 160)), ("sig-2", (500, 160))):
        image = Image.new("RGB", size, "white")
        draw = ImageDraw.Draw(image)
        draw.ellipse([10, 10, size[0] - 10, size[1] - 10], outline="navy", width=8)
        image.save(directory / f"{name}.png")
        images.append(StoredImage(storage=storage, name=f"{name}.png"))
    return images[0], images[1:]


def _timed(render, count: int) -> list[float]:
    for _ in range(WARM_UP):
        render()
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        render()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def pdf_rendering() -> list[Result]:
    from certificates.document import CertificateFacts, CertificateLayout, Signatory
    from certificates.pdf import render_certificate_pdf
    from certificates.pdf.rendering import weasyprint_setup

    facts = CertificateFacts(
        holder_name="Élodie Marchand-Nguyễn",
        course_title="Integrated Border Management",
        completion_date=date(2026, 11, 2),
        hours=12,
        code="WP-7K3M-9QXA-2H4T-B8RC",
        verification_url="http://127.0.0.1:8001/certificates/verify/WP-7K3M-9QXA-2H4T-B8RC/",
        issuer="Ministry of Interior",
        expiry_date=date(2028, 11, 2),
    )
    arabic = CertificateFacts(**{**facts.__dict__, "holder_name": "أمينة حداد"})
    with tempfile.TemporaryDirectory() as directory:
        logo, signatures = _images(Path(directory))
        designed = CertificateLayout(
            logos=[logo],
            signatories=[
                Signatory(name="Ingrid Solberg", title="Head of Training", signature=signatures[0]),
                Signatory(name="Daniel Okafor", title="Director", signature=signatures[1]),
            ],
        )
        weasyprint, font_config, stylesheet, _ = weasyprint_setup()
        ceiling = _timed(
            lambda: weasyprint.HTML(string="<p>Waypoint</p>").write_pdf(font_config=font_config),
            RENDERS,
        )
        plain = _timed(
            lambda: render_certificate_pdf(layout=CertificateLayout(), facts=facts), RENDERS
        )
        full = _timed(lambda: render_certificate_pdf(layout=designed, facts=facts), RENDERS)
        rtl = _timed(lambda: render_certificate_pdf(layout=designed, facts=arabic), RENDERS)
    floor = statistics.median(ceiling)
    results = []
    for name, timings in (
        ("default template, Latin name", plain),
        ("logo and two signatures, Latin name", full),
        ("logo and two signatures, Arabic name", rtl),
    ):
        median = statistics.median(timings)
        results.append(
            Result(
                target="P4",
                name=f"Certificate PDF, {name} (median of {RENDERS}, warm)",
                value=f"{median:.1f} ms (p95 {statistics.quantiles(timings, n=20)[18]:.1f} ms)",
                goal="≤ 60 ms median",
                met=median <= 60,
                ratio=f"{median / floor:.1f}× a one-line WeasyPrint page ({floor:.1f} ms)",
            )
        )
    return results


def bulk_issuance(count: int = 1000, workers: int = 2) -> list[Result]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from bench.stack import celery_workers
    from certificates.models import Certificate
    from certificates.tasks import issue_certificate
    from courses.models import Enrollment
    from tests.factories.courses import make_course

    course = make_course(modules=1, lessons=1, title="Bench: Border Management Essentials")
    User = get_user_model()
    User.objects.bulk_create(
        [
            User(email=f"bench-{n}@load.example.org", full_name=f"Bench Learner {n}")
            for n in range(count)
        ]
    )
    users = User.objects.filter(email__startswith="bench-", email__endswith="@load.example.org")
    now = timezone.now()
    Enrollment.objects.bulk_create(
        [
            Enrollment(user=user, course=course, status="completed", completed_at=now)
            for user in users
        ]
    )
    ids = list(Enrollment.objects.filter(course=course).values_list("pk", flat=True))
    with celery_workers(workers):
        started = time.perf_counter()
        for enrollment_id in ids:
            issue_certificate.delay(enrollment_id)
        # Every id once more: a duplicated delivery of each must change nothing.
        for enrollment_id in ids[: count // 10]:
            issue_certificate.delay(enrollment_id)
        deadline = time.monotonic() + 600
        done = 0
        while time.monotonic() < deadline:
            done = (
                Certificate.objects.filter(course=course, emailed_at__isnull=False)
                .exclude(pdf="")
                .count()
            )
            if done >= count:
                break
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
    certificates = Certificate.objects.filter(course=course)
    distinct = certificates.values("enrollment").distinct().count()
    total = certificates.count()
    return [
        Result(
            target="P4",
            name=(
                f"{count} certificates issued by {workers} workers "
                f"(+{count // 10} duplicate deliveries)"
            ),
            value=f"{elapsed:.1f} s ({done / elapsed:.0f} per second)",
            goal="≤ 60 s",
            met=elapsed <= 60 and done == count,
            ratio=f"{elapsed / 60:.2f} of the budget",
        ),
        Result(
            target="R1",
            name="Issuance integrity after the run",
            value=(
                f"{total} certificates for {len(ids)} completions, {distinct} distinct "
                f"enrolments, {total - distinct} twice, {len(ids) - distinct} missing"
            ),
            goal="one each",
            met=total == distinct == len(ids),
        ),
    ]


def credential_signing(count: int = 200) -> list[Result]:
    """P4: what signing the Open Badges credential adds to issuing a certificate. The same
    run issues ``count`` certificates with the credential signed and ``count`` with signing
    replaced by a no-op; the PDF renderer is replaced by a constant in both (its cost is
    the ``pdf`` scenario's) so that the difference is the signing alone."""
    from unittest import mock

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from certificates import services
    from courses.models import Enrollment
    from tests.factories.courses import make_course

    User = get_user_model()

    def issue_all(label: str) -> list[float]:
        course = make_course(modules=1, lessons=1, title=f"Bench: signing {label}")
        User.objects.bulk_create(
            [User(email=f"sign-{label}-{n}@load.example.org") for n in range(count)]
        )
        users = User.objects.filter(email__startswith=f"sign-{label}-")
        Enrollment.objects.bulk_create(
            [
                Enrollment(user=u, course=course, status="completed", completed_at=timezone.now())
                for u in users
            ]
        )
        enrollments = Enrollment.objects.filter(course=course).select_related("user", "course")
        timings = []
        for enrollment in enrollments:
            started = time.perf_counter()
            services.certificate_issue(enrollment=enrollment)
            timings.append((time.perf_counter() - started) * 1000)
        return timings[WARM_UP:]

    with (
        mock.patch("certificates.pdf.render_certificate_pdf", lambda **kwargs: b"%PDF-1.4"),
        mock.patch("certificates.services.issuance.mail_claims.send_once"),
    ):
        signed = issue_all("signed")
        with mock.patch(
            "certificates.services.issuance.credentials.credential_sign", lambda **kw: ""
        ):
            unsigned = issue_all("unsigned")
    added = statistics.median(signed) - statistics.median(unsigned)
    return [
        Result(
            target="P4",
            name=f"Signing the credential at issue (median of {count - WARM_UP} issues each)",
            value=(
                f"+{added:.2f} ms ({statistics.median(signed):.1f} ms signed, "
                f"{statistics.median(unsigned):.1f} ms without signing)"
            ),
            goal="≤ 20 ms added",
            met=added <= 20,
            ratio=f"{added / 20:.2f} of the budget",
        )
    ]
