"""The demo's organisation tree, its managers and an approval course, for the approval,
organisation, cohort and reminder tests."""

from dataclasses import dataclass

from accounts import roles
from accounts.models import Organisation, User
from accounts.services import manager_set_units, user_place_in_unit
from tests.factories.accounts import UserFactory, make_organisation
from tests.factories.courses import make_course


@dataclass
class Tree:
    interior: Organisation
    border_police: Organisation
    airport: Organisation
    land_border: Organisation
    labour: Organisation
    integration: Organisation


def make_tree() -> Tree:
    interior = make_organisation("Ministry of Interior")
    border_police = make_organisation("Border Police", parent=interior)
    airport = make_organisation("Airport Unit", parent=border_police)
    land_border = make_organisation("Land Border Unit", parent=border_police)
    labour = make_organisation("Ministry of Labour and Social Affairs", code="labour")
    integration = make_organisation("Integration Directorate", parent=labour)
    return Tree(interior, border_police, airport, land_border, labour, integration)


def person_in(organisation: Organisation | None, **kwargs) -> User:
    kwargs.setdefault("roles", [roles.LEARNERS])
    user = UserFactory(**kwargs)
    if organisation is not None:
        user_place_in_unit(user=user, unit=organisation)
    return user


def manager_of(*units: Organisation, organisation: Organisation | None = None, **kwargs) -> User:
    manager = person_in(organisation, roles=[roles.MANAGERS], **kwargs)
    manager_set_units(manager=manager, organisations=list(units))
    return manager


def administrator(**kwargs) -> User:
    return UserFactory(roles=[roles.ADMINISTRATORS], **kwargs)


def approval_course(**fields):
    fields.setdefault("modules", 1)
    fields.setdefault("lessons", 2)
    return make_course(enrolment_requires_approval=True, **fields)
