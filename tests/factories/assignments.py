"""An organisation tree like the demo's, managers scoped to part of it, cohorts, and CSV
files written the ways Excel and others write them."""

from dataclasses import dataclass

from accounts import roles
from accounts.models import Cohort, Organisation
from accounts.services import cohort_create, cohort_set_members, manager_set_units
from courses.services import enrollment_create, lesson_complete
from tests.factories.accounts import UserFactory, make_organisation
from tests.factories.courses import lessons_of


@dataclass
class Tree:
    interior: Organisation
    police: Organisation
    airport: Organisation
    land: Organisation
    labour: Organisation
    integration: Organisation


def make_tree() -> Tree:
    """Ministry of Interior → Border Police → Airport Unit / Land Border Unit, and Ministry
    of Labour → Integration Directorate."""
    interior = make_organisation("Ministry of Interior", code="interior")
    police = make_organisation("Border Police", parent=interior, code="border-police")
    airport = make_organisation("Airport Unit", parent=police, code="airport-unit")
    land = make_organisation("Land Border Unit", parent=police, code="land-border-unit")
    labour = make_organisation("Ministry of Labour", code="labour")
    integration = make_organisation("Integration Directorate", parent=labour, code="integration")
    for unit in (interior, police, airport, land, labour, integration):
        unit.refresh_from_db()  # treebeard changes paths of siblings as it adds nodes
    return Tree(interior, police, airport, land, labour, integration)


def make_manager(*units: Organisation, **fields):
    manager = UserFactory(roles=[roles.MANAGERS], **fields)
    return manager_set_units(manager=manager, organisations=list(units))


def make_staff(unit: Organisation | None, count: int = 1, **fields) -> list:
    return [UserFactory(organisation=unit, roles=[roles.LEARNERS], **fields) for _ in range(count)]


def make_cohort(name: str, organisation: Organisation, members=()) -> Cohort:
    cohort = cohort_create(name=name, organisation=organisation)
    return cohort_set_members(cohort=cohort, members=list(members))


def complete(user, course):
    """Enrol the learner and finish every lesson of the course, as the learner would."""
    enrollment = enrollment_create(user=user, course=course)
    for lesson in lessons_of(course):
        lesson_complete(user=user, lesson=lesson)
    enrollment.refresh_from_db()
    return enrollment


def csv_bytes(
    rows,
    *,
    header=("email", "course", "due_date", "full_name", "unit"),
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
    newline: str = "\r\n",
) -> bytes:
    """A CSV file as a spreadsheet writes it (values are not quoted: keep them simple)."""
    lines = [delimiter.join(header)] + [delimiter.join(str(v) for v in row) for row in rows]
    text = newline.join(lines) + newline
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data
