"""The compliance report's totals come from the summary snapshot the periodic job takes
every few minutes (computing them reads every person of the scope against every course
required of them: over a second for an administrator at a million enrolments). The page
says when they were taken; "Refresh the figures", a snapshot too old or one taken before
snapshots held compliance totals give live totals. The people listed are always live."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format

from accounts.selectors import OrganisationScope, organisation_scope_for
from accounts.services import user_place_in_unit
from reports.models import ComplianceTally, SummarySnapshot
from reports.selectors.compliance import ComplianceCriteria, compliance_summary
from reports.services.summary_snapshots import summary_snapshot_take
from tests.factories.accounts import UserFactory
from tests.factories.reports import complete_course, enrol, issue_certificate
from tests.query_counts import count_queries
from tests.reports.test_compliance_page import _tables

pytestmark = pytest.mark.django_db
URL = reverse("reports_compliance")


@pytest.fixture(autouse=True)
def _no_pdf(monkeypatch):
    monkeypatch.setattr("certificates.pdf.render_certificate_pdf", lambda **kwargs: b"%PDF")


def _border_police(client, query=None):
    response = client.get(URL, query or {})
    assert response.status_code == 200
    (_headings, totals), _people = _tables(response)
    return next(row for row in totals if row[0] == "Border Police"), response


def _dan_gets_course_x(cworld):
    dan = cworld.people["Dan"]
    issue_certificate(complete_course(dan, cworld.x))


@pytest.mark.parametrize("who", ["admin", "manager_bp", "manager_labour"])
@pytest.mark.parametrize("one_course", [False, True])
def test_the_snapshot_holds_the_totals_the_report_computes(cworld, who, one_course):
    summary_snapshot_take()
    scope = organisation_scope_for(getattr(cworld, who))
    course_id = cworld.y.pk if one_course else None
    from_snapshot = compliance_summary(ComplianceCriteria(scope=scope, course_id=course_id))
    computed = compliance_summary(ComplianceCriteria(scope=scope, course_id=course_id, fresh=True))
    taken = SummarySnapshot.objects.get()
    assert from_snapshot.as_of == taken.taken_at
    assert computed.as_of != taken.taken_at
    assert from_snapshot.totals.counts == computed.totals.counts
    assert [(u.name, u.counts) for u in from_snapshot.units] == [
        (u.name, u.counts) for u in computed.units
    ]
    assert from_snapshot.row_count == computed.row_count


def test_the_page_shows_the_snapshot_until_the_next_one_or_a_refresh(client, cworld):
    taken = summary_snapshot_take(now=timezone.now() - timedelta(minutes=5))
    client.force_login(cworld.manager_bp)
    _dan_gets_course_x(cworld)

    before, response = _border_police(client)
    # Required, valid, …: Dan's new certificate is not in the snapshot.
    assert before[1:3] == ["10", "2"]
    as_of = time_format(timezone.localtime(taken.taken_at), "TIME_FORMAT")
    assert f"Figures as of {as_of}" in response.content.decode()
    assert "Refresh the figures" in response.content.decode()

    _totals, (_h, people) = _tables(response)
    dan = {(row[0], row[3]): row[4] for row in people}[("Dan Person", "Course X")]
    assert dan == "Valid"  # the people listed are read live
    refreshed, _ = _border_police(client, {"refresh": "1"})
    assert refreshed[1:3] == ["10", "3"]
    # A status filter counts its rows now, so its totals are computed too.
    valid_only, filtered = _border_police(client, {"status": "valid"})
    assert valid_only[1:3] == ["10", "3"]
    assert ("Dan Person", "Course X") in {(row[0], row[3]) for row in _tables(filtered)[1][1]}

    summary_snapshot_take()
    after, _ = _border_police(client)
    assert after[1:3] == ["10", "3"]
    assert SummarySnapshot.objects.count() == 1  # the older one and its tallies are gone
    assert not ComplianceTally.objects.exclude(snapshot=SummarySnapshot.objects.get()).exists()


def test_an_old_snapshot_or_one_without_compliance_totals_is_not_read(client, cworld):
    client.force_login(cworld.manager_bp)
    summary_snapshot_take(now=timezone.now() - timedelta(minutes=20))  # over 15 minutes
    _dan_gets_course_x(cworld)
    old, _ = _border_police(client)
    assert old[1:3] == ["10", "3"]

    recent = summary_snapshot_take()
    _dan_loses_it = ComplianceTally.objects.filter(snapshot=recent).update(people=0)
    assert _dan_loses_it
    SummarySnapshot.objects.filter(pk=recent.pk).update(has_compliance=False)
    before_compliance, _ = _border_police(client)
    assert before_compliance[1:3] == ["10", "3"]

    SummarySnapshot.objects.filter(pk=recent.pk).update(has_compliance=True)
    assert client.get(URL).context["totals"] == []  # now the (emptied) snapshot answers
    with override_settings(REPORTS_SUMMARY_SNAPSHOT_MAX_AGE=0):
        never, _ = _border_police(client)
    assert never[1:3] == ["10", "3"]


def test_another_ministry_s_manager_reads_none_of_the_snapshot(client, cworld):
    summary_snapshot_take()
    client.force_login(cworld.manager_labour)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["totals"] == []
    for name in ("Border Police", "Airport Unit", "Ben Person"):
        assert name not in response.content.decode()
    everything = compliance_summary(ComplianceCriteria(scope=OrganisationScope(everything=True)))
    assert everything.row_count > 0  # the snapshot does hold the other ministry's totals


def test_people_who_joined_since_the_snapshot_are_listed(client, cworld):
    summary_snapshot_take()
    client.force_login(cworld.manager_bp)
    before = client.get(URL).context["paginator"].count
    newcomer = UserFactory(email="newcomer@example.org", full_name="Aaron Newcomer")
    user_place_in_unit(user=newcomer, unit=cworld.tree.airport)
    response = client.get(URL)
    assert response.context["paginator"].count == before + 2  # courses X and Y
    _totals, (_h, people) = _tables(response)
    assert [row[0] for row in people[:2]] == ["Aaron Newcomer", "Aaron Newcomer"]


def test_the_page_from_a_snapshot_runs_the_same_queries_with_more_people(client, cworld):
    client.force_login(cworld.manager_bp)

    def count():
        summary_snapshot_take()
        client.get(URL)
        queries, response = count_queries(lambda: client.get(URL))
        assert response.status_code == 200
        assert response.context["figures_as_of"] == SummarySnapshot.objects.get().taken_at
        return queries

    before = count()
    for i in range(4):
        person = UserFactory(email=f"more{i}@example.org", full_name=f"More {i}")
        user_place_in_unit(user=person, unit=cworld.tree.land_border)
        enrol(person, cworld.x)
        issue_certificate(complete_course(person, cworld.x))
    assert count() == before
