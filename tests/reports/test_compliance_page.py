"""The compliance report as a manager uses it: the screen, its filters, its files (the
same columns as the screen), its scope, and a fixed number of queries."""

from bs4 import BeautifulSoup
from django.urls import reverse

from accounts.services import user_place_in_unit
from certificates.models import UnitCourseRequirement
from tests.factories.accounts import UserFactory
from tests.factories.reports import complete_course, csv_table, enrol, issue_certificate, xlsx_table
from tests.query_counts import count_queries

URL = reverse("reports_compliance")


def _tables(response):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    found = []
    for table in soup.select("table.waypoint-report-table"):
        headings = [th.get_text(strip=True) for th in table.select("thead th[scope=col]")]
        rows = [
            [cell.get_text(strip=True) for cell in tr.find_all(["th", "td"])]
            for tr in table.select("tbody tr")
        ]
        found.append((headings, rows))
    return found  # totals, people


def test_the_manager_sees_totals_per_unit_and_their_people(client, cworld):
    client.force_login(cworld.manager_bp)
    response = client.get(URL)
    assert response.status_code == 200
    (total_headings, totals), (people_headings, people) = _tables(response)
    assert [row[0] for row in totals] == ["Border Police", "Airport Unit", "Land Border Unit"]
    assert total_headings[:3] == ["Unit", "Required (people × courses)", "Valid"]
    assert totals[0][1:] == ["10", "2", "0", "1", "0", "2", "1", "4", "30"]
    assert people_headings == [
        "Person", "E-mail", "Unit", "Course", "Status", "Valid until", "Lapsed on",
    ]  # fmt: skip
    assert len(people) == 10
    assert {row[0] for row in people} == {
        "Ben Person", "Cat Person", "Dan Person", "Fay Person", "Gus Person",
    }  # fmt: skip
    assert "Ann Person" not in response.content.decode()
    assert b"<svg" in response.content


def test_a_manager_of_another_ministry_sees_none_of_them(client, cworld):
    client.force_login(cworld.manager_labour)
    response = client.get(URL)
    assert response.status_code == 200
    for name in ("Ben Person", "ben@example.org", "Border Police"):
        assert name not in response.content.decode()
    # A unit of another scope, typed in: not a choice, nothing shown, nothing exported.
    crafted = client.get(URL, {"unit": cworld.tree.airport.pk})
    assert crafted.status_code == 200
    assert crafted.context["filter_form"].errors
    assert "Cat Person" not in crafted.content.decode()
    export = client.get(URL, {"unit": cworld.tree.airport.pk, "export": "csv"}, follow=True)
    assert "Cat Person" not in export.content.decode()


def test_people_without_the_reports_permission_are_refused(client, cworld):
    client.force_login(cworld.people["Ben"])
    assert client.get(URL).status_code in (302, 403)
    assert client.get(URL, {"export": "csv"}).status_code in (302, 403)


def test_status_and_window_filters(client, cworld):
    client.force_login(cworld.manager_bp)
    _totals, (_h, lapsed) = _tables(client.get(URL, {"status": "lapsed"}))
    assert sorted((row[0], row[3]) for row in lapsed) == [
        ("Ben Person", "Course X"),
        ("Gus Person", "Course X"),
    ]
    _totals, (_h, expiring) = _tables(client.get(URL, {"window": "60"}))
    assert [(row[0], row[4]) for row in expiring] == [("Fay Person", "Expires in 31 to 60 days")]
    bad = client.get(URL, {"window": "7"})
    assert bad.status_code == 200 and bad.context["filter_form"].errors


def test_csv_and_xlsx_have_the_screen_columns_and_rows(client, cworld):
    client.force_login(cworld.manager_bp)
    params = {"course": cworld.x.pk}
    _totals, (headings, screen) = _tables(client.get(URL, params))
    table = csv_table(client.get(URL, {**params, "export": "csv"}))
    assert table[0] == headings
    assert [row[:5] for row in table[1:]] == [row[:5] for row in screen]
    fay = next(row for row in table[1:] if row[0] == "Fay Person")
    assert fay[5][:4].isdigit() and fay[5][4] == "-"  # ISO date in the CSV
    sheet = xlsx_table(client.get(URL, {**params, "export": "xlsx"}).content)
    assert list(sheet[0]) == headings
    assert [list(row[:5]) for row in sheet[1:]] == [row[:5] for row in screen]


def test_the_page_runs_the_same_queries_with_more_people(client, cworld, monkeypatch):
    monkeypatch.setattr("certificates.pdf.render_certificate_pdf", lambda **kwargs: b"%PDF")
    client.force_login(cworld.manager_bp)

    def count():
        client.get(URL)
        queries, response = count_queries(lambda: client.get(URL))
        assert response.status_code == 200
        return queries

    before = count()
    for i in range(4):
        person = UserFactory(email=f"extra{i}@example.org", full_name=f"Extra {i}")
        user_place_in_unit(user=person, unit=cworld.tree.airport)
        enrol(person, cworld.x)
        issue_certificate(complete_course(person, cworld.x))
    assert count() == before


def test_requirements_set_outside_the_scope_are_not_offered_for_removal(client, cworld):
    client.force_login(cworld.manager_bp)
    listing = client.get(reverse("required_courses:index"))
    assert listing.status_code == 200
    interior_x = UnitCourseRequirement.objects.get(unit=cworld.tree.interior)
    assert "Set above your units" in listing.content.decode()
    assert client.get(reverse("required_courses:remove", args=[interior_x.pk])).status_code == 404
    assert client.post(reverse("required_courses:remove", args=[interior_x.pk])).status_code == 404
    assert UnitCourseRequirement.objects.filter(pk=interior_x.pk).exists()


def test_the_csv_streams_every_row_in_chunks(client, cworld, monkeypatch):
    """An export of a whole ministry is read a few thousand rows at a time, never held
    whole: here three at a time, and every row of the list still arrives, in order."""
    monkeypatch.setattr("certificates.compliance.STREAM_CHUNK", 3)
    client.force_login(cworld.admin)
    response = client.get(URL, {"export": "csv"})
    assert response.streaming
    table = csv_table(response)
    on_screen = client.get(URL).context["paginator"].count
    assert len(table) - 1 == on_screen > 3
    names = [row[0] for row in table[1:]]
    assert names == sorted(names)
    assert {"Ann Person", "Ben Person", "Gus Person"} <= set(names)


def test_the_totals_list_two_levels_and_a_unit_opens_the_units_below_it(client, cworld):
    """An administrator sees the ministries and the units directly below them (200 units
    at once made the page too slow to read and to serve); choosing one shows its own."""
    client.force_login(cworld.admin)
    response = client.get(URL)
    (_headings, totals), _people = _tables(response)
    assert [row[0] for row in totals] == ["Ministry of Interior", "Border Police"]
    assert "Airport Unit" not in [row[0] for row in totals]
    page = BeautifulSoup(response.content, "html.parser")
    link = page.find("a", string="Border Police")
    assert link is not None and f"unit={cworld.tree.border_police.pk}" in link["href"]
    assert page.find("a", string="Ministry of Interior") is None  # its units are listed

    (_headings, below), _people = _tables(client.get(link["href"]))
    assert [row[0] for row in below] == ["Border Police", "Airport Unit", "Land Border Unit"]
    assert below[0][1:3] == totals[1][1:3]  # the same figures, the subtree's
