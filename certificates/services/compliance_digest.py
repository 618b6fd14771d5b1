"""The managers' monthly summary of the required certificates in their scope that lapse
next month: once per manager and calendar month (``ComplianceDigest``), in the manager's
language, only to those who have not opted out (``User.receives_compliance_digest``)."""

import logging
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.selectors import managers_opted_in, organisation_scope_for
from certificates.compliance import (
    COMPLIANT,
    ComplianceQuery,
    compliance_rows,
    course_titles,
)
from certificates.models import ComplianceDigest
from config.links import absolute_url
from config.mail import message_in_language

logger = logging.getLogger("waypoint.certificates")
DIGEST_ROWS = 50


def month_of(now: datetime) -> date:
    return timezone.localdate(now).replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def compliance_digests_send(*, now: datetime | None = None) -> int:
    """E-mail each manager who wants it the certificates that lapse next month, once per
    month; a manager with nothing lapsing gets nothing (and may get it later in the month).
    Returns how many were queued."""
    now = now or timezone.now()
    month = month_of(now)
    lapse_from, lapse_to = _next_month(month), _next_month(_next_month(month))
    managers = managers_opted_in(preference="receives_compliance_digest").exclude(
        compliance_digests__month=month
    )
    sent = 0
    for manager in managers:
        scope = organisation_scope_for(manager)
        rows = compliance_rows(
            ComplianceQuery(
                scope=scope,
                now=now,
                statuses=COMPLIANT,
                expires_from=_start(lapse_from),
                expires_to=_start(lapse_to),
            )
        )
        if not rows:
            continue
        with transaction.atomic(durable=True):
            _, created = ComplianceDigest.objects.get_or_create(
                manager=manager, month=month, defaults={"lapsing_count": len(rows)}
            )
            if not created:
                continue
            transaction.on_commit(lambda m=manager, r=rows, d=lapse_from: _send(m, r, d))
        sent += 1
    if sent:
        logger.info("compliance digests queued count=%s month=%s", sent, month)
    return sent


def _send(manager: User, rows: list, lapse_month: date) -> None:
    titles = course_titles(row.course_id for row in rows)
    listed = [
        {
            "name": row.name or row.email,
            "course": titles.get(row.course_id, ""),
            "expires_on": timezone.localdate(row.valid_until),
        }
        for row in rows[:DIGEST_ROWS]
    ]
    message_in_language(
        to=manager,
        template="certificates/email_compliance_digest.txt",
        subject=gettext_lazy("Required certificates lapsing next month: %(count)s"),
        subject_args={"count": len(rows)},
        context={
            "rows": listed,
            "count": len(rows),
            "more": len(rows) - len(listed),
            "month": lapse_month,
            "report_url": absolute_url(reverse("reports_compliance")),
            "profile_url": absolute_url(reverse("accounts:profile")),
        },
    ).send()
