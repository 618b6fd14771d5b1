"""The assignment screens look like the rest of the admin (issue 16, manager 3): each field
in Wagtail's own field layout (``wagtailadmin/shared/formatted_field.html``: label, help
text, errors, input), the radio buttons of "Assign to" a fieldset with its legend, and
errors shown beside the field they are about."""

import pytest
from bs4 import BeautifulSoup

from tests.factories.assignments import make_manager, make_tree
from tests.factories.courses import make_course

pytestmark = pytest.mark.django_db

ASSIGN = "/admin/assignments/assign/"
IMPORT = "/admin/assignments/import/"


@pytest.fixture
def manager():
    return make_manager(make_tree().police, email="manager@example.org")


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _wrapper_of(soup, name: str):
    field = soup.select_one(f"[name={name}]")
    assert field is not None, name
    return field.find_parent(class_="w-field__wrapper")


def test_the_assignment_form_uses_the_admins_field_layout(client, manager):
    make_course(modules=1, lessons=1, title="Border basics")
    client.force_login(manager)

    soup = _soup(client.get(ASSIGN))

    for name in ("course", "due_date", "organisation", "cohort"):
        wrapper = _wrapper_of(soup, name)
        assert wrapper is not None, f"{name} is laid out as the admin lays out fields"
        label = wrapper.select_one("label.w-field__label")
        assert label["for"] == soup.select_one(f"[name={name}]")["id"]
    help_text = _wrapper_of(soup, "due_date").select_one(".w-field__help")
    assert "due by the end of this day" in help_text.get_text()
    legend = soup.select_one("fieldset legend.w-field__label")
    assert legend.get_text(strip=True).startswith("Assign to")
    assert len(legend.find_parent("fieldset").select("input[type=radio]")) == 2
    assert soup.select_one("select[name=course] option").get_text() == "Choose a course"


def test_errors_appear_beside_their_field(client, manager):
    client.force_login(manager)

    soup = _soup(client.post(ASSIGN, {"target": "unit"}))

    errors = _wrapper_of(soup, "organisation").select_one(".w-field__errors").get_text()
    assert "Choose a unit." in errors
    assert "required" in _wrapper_of(soup, "due_date").select_one(".w-field__errors").get_text()


def test_the_import_form_uses_the_admins_field_layout(client, manager):
    client.force_login(manager)

    soup = _soup(client.get(IMPORT))

    for name in ("file", "course", "due_date"):
        assert _wrapper_of(soup, name) is not None, name
