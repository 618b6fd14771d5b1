"""What a learner, a holder and anyone checking a certificate would see of a site's data:
enrolments, completed steps, attempts, and every certificate as the public verification
JSON answers it, with its PDF checked against the SHA-256 recorded at issue.

The backup test reads it from the site it backs up, and runs this module again
(``python -m tests.storage.restored_check``) against the restored database and buckets, in a
process of its own, as the restored site would run."""

import hashlib
import json
import os
import sys


def snapshot() -> dict:
    from django.test import Client
    from django.urls import reverse

    from assessments.models import Attempt
    from certificates.models import Certificate
    from courses.models import Enrollment, StepCompletion

    client = Client()
    certificates = {}
    for certificate in Certificate.objects.order_by("code"):
        answer = client.get(reverse("certificates:verify_json", args=[certificate.code]))
        with certificate.pdf.open("rb") as file:
            digest = hashlib.sha256(file.read()).hexdigest()
        certificates[certificate.code] = {
            "http": answer.status_code,
            "status": answer.json().get("status"),
            "holder": answer.json().get("holder_name"),
            "pdf_matches": digest == certificate.pdf_sha256,
        }
    return {
        "enrolments": sorted(
            [e.user.email, e.course.title, e.status, e.completed_at and e.completed_at.isoformat()]
            for e in Enrollment.objects.select_related("user", "course")
        ),
        "steps": sorted(
            [s.enrollment.user.email, s.step_key, s.completed_at.isoformat()]
            for s in StepCompletion.objects.select_related("enrollment__user")
        ),
        "attempts": sorted(
            [a.user.email, a.quiz.title, a.number, a.status, str(a.score), str(a.percent)]
            for a in Attempt.objects.select_related("user", "quiz")
        ),
        "certificates": certificates,
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    json.dump(snapshot(), sys.stdout)
